// The multi-step operations the CLI and the server share: importing files and whole
// dataset folders, initialising a store, and the country overview.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kosh/classify/classify.hpp"
#include "kosh/core/result.hpp"
#include "kosh/ingest/reader.hpp"
#include "kosh/store/store.hpp"

namespace kosh::engine {

// The version written into every source's provenance.
const char* Version();

// Where shipped data lives: $KOSH_DATA_DIR, else the source tree's data/ (development
// builds), else <prefix>/share/kosh.
std::string DataDir();

struct ImportOptions {
  std::string mapping_path;  // for the csv format
  bool dry_run = false;      // read and validate everything, then roll back
  std::function<void(std::int64_t bytes_read, std::int64_t total_bytes)> progress;
};

struct ImportReport {
  std::string file;
  std::string format;
  enum class Outcome {
    kImported,
    kAlreadyImported,  // the same bytes were imported before: nothing changed
    kReinstated,       // the bytes of a superseded revision: it is current again
    kDryRun,
    kSkipped,
    kFailed,  // import all only: this file was rejected (see `error`)
  } outcome = Outcome::kImported;
  SourceRecord source;  // the new (or existing) source
  ingest::ReadSummary summary;
  std::optional<std::int64_t> superseded;  // id of the source this import made non-current
  std::string reason;                      // for kSkipped and kFailed
  Status error;                            // for kFailed
};
const char* OutcomeName(ImportReport::Outcome outcome);
// The reason given for catalogued datasets that the imported folder does not contain.
inline constexpr const char* kNotInFolder = "not in this folder";

// Imports one file in one transaction. Re-importing the same bytes returns
// kAlreadyImported without touching the store (kReinstated when they were a superseded
// revision, which becomes current again).
Result<ImportReport> ImportFile(store::Store& store, ingest::Format format, const std::string& path,
                                const ImportOptions& options);

// Imports every dataset of a folder laid out like the shared data folder, as listed in
// data/mappings/catalog.toml, each in its own transaction. A rejected file is reported as
// kFailed and the others still load; catalogued files absent from the folder, files the
// catalog skips on purpose and CSV files it does not know are reported as kSkipped.
Result<std::vector<ImportReport>> ImportAll(store::Store& store, const std::string& dir,
                                            const ImportOptions& options);

// A country overview: migrant stock in and out by top corridors, refugees, remittances.
struct Corridor {
  std::string partner;
  std::string partner_name;
  double value = 0;
};
struct SeriesPoint {
  std::string period;
  double value = 0;
};
struct CountryOverview {
  std::string code;
  std::string name;
  std::string region;
  int stock_year = 0;
  std::optional<double> immigrant_stock;  // all immigrants, incl. unknown origin
  std::optional<double> emigrant_stock;
  std::vector<Corridor> top_origins;       // of immigrants living in the country
  std::vector<Corridor> top_destinations;  // of emigrants from the country
  int refugee_year = 0;
  std::optional<double> refugees_hosted;
  std::optional<double> refugees_abroad;  // refugees + asylum-seekers from the country
  std::vector<Corridor> refugee_origins;
  std::vector<SeriesPoint> remittances_received_usd;
  std::vector<SeriesPoint> remittances_pct_gdp;
};
Result<CountryOverview> BuildCountryOverview(store::Store& store, const std::string& country,
                                             std::size_t top_n);

// Corridors on the match x motive matrix. Without origin and destination, every corridor
// whose migrant stock reaches the method's min_stock; with both, that one corridor even
// when data are missing (it then says why it is not placed). The year defaults to the
// latest migrant-stock year in the store. Evidence is gathered from the store's current
// revisions; kNotFound when the store holds no migrant stock at all.
struct ClassifyRequest {
  std::optional<std::string> origin;  // canonical country codes
  std::optional<std::string> destination;
  std::optional<int> year;
  const classify::Method* method = nullptr;  // default: classify::Method::Default()
};
Result<std::vector<classify::Placement>> ClassifyCorridors(store::Store& store,
                                                           const ClassifyRequest& request);

}  // namespace kosh::engine
