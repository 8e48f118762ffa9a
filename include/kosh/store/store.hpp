// Store: where observations and their provenance live. One interface; SQLite (WAL) is the
// embedded default, PostgreSQL comes behind the same interface.
//
// Every observation belongs to exactly one source. An import runs in one transaction:
// it lands whole or not at all, also when the process is killed. Re-importing the same
// bytes is a no-op; a file with new bytes for the same dataset supersedes the previous
// revision, whose rows are kept as history but no longer returned by queries.
//
// A Store is not safe to share between threads; open one per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kosh/core/observation.hpp"
#include "kosh/core/result.hpp"

namespace kosh::store {

// What an import says about the source before its rows arrive.
struct NewSource {
  SourceKind kind = SourceKind::kFile;
  std::string name;
  std::string location;  // the path as given, for messages (defaults to name)
  std::string dataset;   // revisions of one dataset share this key
  std::string sha256;
  std::string format;
  std::string importer_version;
  std::int64_t size_bytes = 0;
  std::string method;      // model runs
  std::string parameters;  // model runs, JSON
  std::vector<std::int64_t> inputs;
};

// An open import transaction. Add() observations, then Commit(); destroying it without
// Commit() rolls everything back. It must not outlive the Store that began it.
class ImportTransaction {
 public:
  virtual ~ImportTransaction() = default;
  // Adds one observation. Rows are buffered and written in sorted chunks, so a duplicate
  // key within this source is reported (kDataError with the observation's line) by the
  // Add() that fills a chunk or by Commit().
  virtual Status Add(const Observation& observation) = 0;
  // Writes what is buffered, still inside the transaction, so that every duplicate has
  // been found (a dry run calls this before Rollback()).
  virtual Status Check() = 0;
  // Writes what is buffered, records the row count, supersedes the dataset's previous
  // revision, and commits.
  virtual Result<SourceRecord> Commit() = 0;
  virtual void Rollback() = 0;
};

struct ObservationQuery {
  std::string indicator;
  std::optional<std::string> origin;  // canonical country codes
  std::optional<std::string> destination;
  std::optional<std::string> country;
  std::optional<int> from_year;
  std::optional<int> to_year;
  std::optional<Sex> sex;
  bool include_superseded = false;
  std::int64_t limit = -1;
  std::int64_t offset = 0;
};

struct ObservationRow {
  std::string indicator;
  std::string origin;
  std::string destination;
  std::string country;
  std::string region;
  Period period;
  Sex sex = Sex::kTotal;
  std::string age;
  std::string breakdown;
  std::optional<double> value;
  std::string unit;
  std::uint8_t flag_mask = 0;
  std::int64_t source_id = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens (creating if needed) the store at `location`: a file path for SQLite, or
  // ":memory:". kUnavailable when it cannot be opened or is locked; kInvalidArgument for a
  // postgresql:// URL until that backend exists.
  static Result<std::unique_ptr<Store>> Open(const std::string& location);

  // Applies pending numbered migrations; returns the schema version reached.
  virtual Result<int> Migrate() = 0;
  virtual Result<int> SchemaVersion() = 0;

  // A source with these bytes already imported in this format, if any.
  virtual Result<std::optional<SourceRecord>> FindSource(const std::string& sha256,
                                                         const std::string& format) = 0;
  // kUnavailable when another import holds the write lock beyond the busy timeout.
  virtual Result<std::unique_ptr<ImportTransaction>> BeginImport(const NewSource& source) = 0;
  // Makes an earlier, superseded source the current revision of its dataset again (the
  // bytes of an older file were imported once more). Returns the updated record.
  virtual Result<SourceRecord> Reinstate(std::int64_t source_id) = 0;
  virtual Result<std::vector<SourceRecord>> ListSources() = 0;
  virtual Result<std::vector<ObservationRow>> Query(const ObservationQuery& query) = 0;
  virtual Result<std::int64_t> CountObservations() = 0;
};

}  // namespace kosh::store
