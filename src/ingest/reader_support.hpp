// Helpers shared by the readers (private to kosh_ingest).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kosh/core/country.hpp"
#include "kosh/core/indicator.hpp"
#include "kosh/ingest/csv.hpp"
#include "kosh/ingest/reader.hpp"

namespace kosh::ingest::internal {

// Resolves country codes with a per-read cache; unknown codes become a located error.
class CountryResolver {
 public:
  // Tries each system in order.
  const Country* Find(std::string_view code, std::initializer_list<CodeSystem> systems);
  Status Unknown(const CsvReader& csv, std::size_t column, std::string_view code) const;

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Cache = std::unordered_map<std::string, const Country*, StringHash, std::equal_to<>>;
  // One cache per ordered list of code systems, keyed by the list's encoding.
  std::vector<std::pair<std::uint32_t, Cache>> caches_;
};

enum class CellKind { kValue, kMissing, kSuppressed, kInvalid };
struct Cell {
  CellKind kind = CellKind::kInvalid;
  double value = 0;
};

// Classifies a value cell: a number, a published missing marker, a suppression marker.
Cell ParseCell(std::string_view text, char thousands = '\0',
               const std::vector<std::string>* missing = nullptr,
               const std::vector<std::string>* suppressed = nullptr);

Status InvalidNumber(const CsvReader& csv, std::size_t column, std::string_view text,
                     std::string_view column_name);

// Reads the header: skips up to `max_preamble` records until `is_header` accepts one.
bool FindHeader(CsvReader& csv, int max_preamble,
                const std::function<bool(const std::vector<std::string_view>&)>& is_header);

// The period in `column` of the current record, or an error located there.
Status ReadPeriod(const CsvReader& csv, std::size_t column, Period* out);
// The sex in `column` of the current record (total when `column` < 0), or an error
// located there.
Status ReadSex(const CsvReader& csv, int column, Sex* out);

// Checks that the record has exactly the header's column count.
Status CheckWidth(const CsvReader& csv, std::size_t expected);

// Calls options.progress every 4096 records.
void ReportProgress(const ReadOptions& options, ByteSource& source, std::int64_t records);

const Indicator& IndicatorOrDie(std::string_view code);

Result<ReadSummary> ReadUndesaStock(CsvReader& csv, const ReadOptions& options,
                                    ObservationSink& sink);
Result<ReadSummary> ReadUnhcr(CsvReader& csv, const ReadOptions& options, ObservationSink& sink);
Result<ReadSummary> ReadWdi(CsvReader& csv, const ReadOptions& options, ObservationSink& sink);
Result<ReadSummary> ReadSdmxCsv(CsvReader& csv, const ReadOptions& options, ObservationSink& sink);
Result<ReadSummary> ReadMappedCsv(CsvReader& csv, const ReadOptions& options,
                                  ObservationSink& sink);

}  // namespace kosh::ingest::internal
