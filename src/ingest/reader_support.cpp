#include "reader_support.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "kosh/core/text.hpp"
#include "kosh/ingest/mapping.hpp"

namespace kosh::ingest {

Result<Format> ParseFormat(std::string_view name) {
  if (name == "undesa-stock") {
    return Format::kUndesaStock;
  }
  if (name == "unhcr") {
    return Format::kUnhcr;
  }
  if (name == "wdi") {
    return Format::kWdi;
  }
  if (name == "sdmx-csv") {
    return Format::kSdmxCsv;
  }
  if (name == "csv") {
    return Format::kMappedCsv;
  }
  return InvalidArgument(
      fmt::format("unknown format '{}' (use undesa-stock, unhcr, wdi, sdmx-csv or csv)", name));
}

const char* FormatName(Format format) {
  switch (format) {
    case Format::kUndesaStock:
      return "undesa-stock";
    case Format::kUnhcr:
      return "unhcr";
    case Format::kWdi:
      return "wdi";
    case Format::kSdmxCsv:
      return "sdmx-csv";
    case Format::kMappedCsv:
      return "csv";
  }
  return "csv";
}

Result<ReadSummary> ReadObservations(Format format, ByteSource& source, const ReadOptions& options,
                                     ObservationSink& sink) {
  CsvOptions csv_options;
  if (format == Format::kMappedCsv) {
    if (options.mapping == nullptr) {
      return InvalidArgument("the csv format needs a mapping file (--mapping FILE.toml)");
    }
    csv_options.delimiter = options.mapping->delimiter;
  }
  CsvReader csv(source, csv_options);
  Result<ReadSummary> result = [&]() -> Result<ReadSummary> {
    switch (format) {
      case Format::kUndesaStock:
        return internal::ReadUndesaStock(csv, options, sink);
      case Format::kUnhcr:
        return internal::ReadUnhcr(csv, options, sink);
      case Format::kWdi:
        return internal::ReadWdi(csv, options, sink);
      case Format::kSdmxCsv:
        return internal::ReadSdmxCsv(csv, options, sink);
      case Format::kMappedCsv:
        return internal::ReadMappedCsv(csv, options, sink);
    }
    return Internal("unhandled format");
  }();
  if (result && !csv.status().ok()) {
    return csv.status();
  }
  if (result) {
    // A reader may stop early (a DataBank footer); read the rest so the file's hash
    // covers every byte.
    std::vector<char> rest(1 << 16);
    while (source.Read(rest.data(), rest.size()) > 0) {
    }
    if (!source.status().ok()) {
      return source.status();
    }
  }
  if (result && options.progress) {
    options.progress(source.bytes_read(), source.size_bytes());
  }
  return result;
}

namespace internal {

const Country* CountryResolver::Find(std::string_view code,
                                     std::initializer_list<CodeSystem> systems) {
  std::uint32_t signature = 0;
  for (CodeSystem system : systems) {
    signature = signature * 16 + static_cast<std::uint32_t>(system) + 1;
  }
  Cache* cache = nullptr;
  for (auto& [sig, c] : caches_) {
    if (sig == signature) {
      cache = &c;
      break;
    }
  }
  if (cache == nullptr) {
    cache = &caches_.emplace_back(signature, Cache{}).second;
  }
  if (const auto it = cache->find(code); it != cache->end()) {
    return it->second;
  }
  const Country* found = nullptr;
  for (CodeSystem system : systems) {
    found = CountryRegistry::Default().Find(code, system);
    if (found != nullptr) {
      break;
    }
  }
  cache->emplace(std::string(code), found);
  return found;
}

Status CountryResolver::Unknown(const CsvReader& csv, std::size_t column,
                                std::string_view code) const {
  std::string message = fmt::format("unknown country code '{}'", code);
  if (text::Trim(code).empty()) {
    message = "empty country code";
  } else {
    const auto suggestions = CountryRegistry::Default().Suggest(code);
    if (!suggestions.empty()) {
      message += fmt::format(" (did you mean {}?)", fmt::join(suggestions, ", "));
    }
  }
  return csv.ErrorAt(column, message);
}

Cell ParseCell(std::string_view raw, char thousands, const std::vector<std::string>* missing,
               const std::vector<std::string>* suppressed) {
  const std::string_view s = text::Trim(raw);
  static const std::vector<std::string> kMissing = {"",  "..",           "NA", "N/A",
                                                    "-", "\xE2\x80\xA6", ":"};
  const auto& missing_list = missing != nullptr ? *missing : kMissing;
  if (std::find(missing_list.begin(), missing_list.end(), s) != missing_list.end()) {
    return {CellKind::kMissing, 0};
  }
  if (suppressed != nullptr &&
      std::find(suppressed->begin(), suppressed->end(), s) != suppressed->end()) {
    return {CellKind::kSuppressed, 0};
  }
  if (const auto value = text::ParseNumber(s, thousands)) {
    return {CellKind::kValue, *value};
  }
  return {CellKind::kInvalid, 0};
}

Status InvalidNumber(const CsvReader& csv, std::size_t column, std::string_view value,
                     std::string_view column_name) {
  std::string shown(value.substr(0, 40));
  if (value.size() > 40) {
    shown += "...";
  }
  return csv.ErrorAt(column, fmt::format("column '{}': '{}' is not a number", column_name, shown));
}

bool FindHeader(CsvReader& csv, int max_preamble,
                const std::function<bool(const std::vector<std::string_view>&)>& is_header) {
  for (int i = 0; i <= max_preamble; ++i) {
    if (!csv.Next()) {
      return false;
    }
    if (is_header(csv.fields())) {
      return true;
    }
  }
  return false;
}

Status ReadPeriod(const CsvReader& csv, std::size_t column, Period* out) {
  const auto period = Period::Parse(csv[column]);
  if (!period) {
    return csv.ErrorAt(column, period.error().message());
  }
  *out = *period;
  return Status::Ok();
}

Status ReadSex(const CsvReader& csv, int column, Sex* out) {
  *out = Sex::kTotal;
  if (column < 0) {
    return Status::Ok();
  }
  const auto index = static_cast<std::size_t>(column);
  const auto sex = ParseSex(csv[index]);
  if (!sex) {
    return csv.ErrorAt(index, sex.error().message());
  }
  *out = *sex;
  return Status::Ok();
}

Status CheckWidth(const CsvReader& csv, std::size_t expected) {
  if (csv.size() != expected) {
    return csv.ErrorAtLine(fmt::format("expected {} columns, found {}{}", expected, csv.size(),
                                       csv.size() < expected ? " (truncated row?)" : ""));
  }
  return Status::Ok();
}

void ReportProgress(const ReadOptions& options, ByteSource& source, std::int64_t records) {
  if (options.progress && (records & 4095) == 0) {
    options.progress(source.bytes_read(), source.size_bytes());
  }
}

const Indicator& IndicatorOrDie(std::string_view code) {
  const Indicator* ind = IndicatorRegistry::Default().Find(code);
  if (ind == nullptr) {
    fmt::print(stderr, "kosh: indicator '{}' is missing from data/indicators.toml\n", code);
    std::abort();
  }
  return *ind;
}

}  // namespace internal
}  // namespace kosh::ingest
