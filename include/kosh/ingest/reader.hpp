// The readers: each turns one published file layout into observations, streamed into a
// sink. A reader never touches the store; the caller wraps the whole read in one
// transaction so a file lands whole or not at all.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kosh/core/observation.hpp"
#include "kosh/core/result.hpp"
#include "kosh/ingest/byte_source.hpp"

namespace kosh::ingest {

class Mapping;

enum class Format : std::uint8_t { kUndesaStock, kUnhcr, kWdi, kSdmxCsv, kMappedCsv };
// "undesa-stock", "unhcr", "wdi", "sdmx-csv", "csv".
Result<Format> ParseFormat(std::string_view name);
const char* FormatName(Format format);

class ObservationSink {
 public:
  virtual ~ObservationSink() = default;
  // A non-OK status stops the read and is returned by ReadObservations.
  virtual Status Add(const Observation& observation) = 0;
};

struct ReadOptions {
  const Mapping* mapping = nullptr;  // required for Format::kMappedCsv
  // Called every few thousand records with bytes read and the total (-1 if unknown).
  std::function<void(std::int64_t bytes_read, std::int64_t total_bytes)> progress;
};

struct ReadSummary {
  std::string layout;              // which variant of the format was recognised
  std::int64_t records = 0;        // data records read
  std::int64_t observations = 0;   // observations handed to the sink
  std::int64_t missing_cells = 0;  // cells published as missing, not stored
  // Codes that a mapping told us to skip, with how many rows each dropped.
  std::map<std::string, std::int64_t> skipped_codes;
  std::vector<std::string> warnings;
};

// Reads every record of `source` in the layout of `format`. Errors are kDataError with
// FILE:LINE[:COL]; an unknown country code says "did you mean ..." where a close code or
// name exists.
Result<ReadSummary> ReadObservations(Format format, ByteSource& source, const ReadOptions& options,
                                     ObservationSink& sink);

}  // namespace kosh::ingest
