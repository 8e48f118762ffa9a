// World Bank World Development Indicators.
//
// Layouts recognised:
//  * "long": iso3 (or Country Code), indicator_code (or Indicator Code / Series Code),
//    year, value — further columns (country_name, is_aggregate, wdi_vintage) are ignored;
//  * "wide": the API download — preamble ("Data Source", "Last Updated Date"), then
//    "Country Name","Country Code","Indicator Name","Indicator Code","1960",...;
//  * "databank": "Country Name","Country Code","Series Name","Series Code",
//    "1990 [YR1990]",... with ".." for missing and a footer ("Data from database: ...").
// Series codes map to kosh indicators through the `series = ["WDI:CODE"]` entries of
// data/indicators.toml.
#include <algorithm>
#include <unordered_map>

#include "reader_support.hpp"
#include <fmt/format.h>

#include "kosh/core/status_macros.hpp"
#include "kosh/core/text.hpp"

namespace kosh::ingest::internal {
namespace {

class SeriesMap {
 public:
  const Indicator* Find(std::string_view code) {
    std::string key(text::Trim(code));
    if (const auto it = cache_.find(key); it != cache_.end()) {
      return it->second;
    }
    const Indicator* ind = IndicatorRegistry::Default().FindBySeries("WDI:" + key);
    cache_.emplace(key, ind);
    return ind;
  }
  static Status Unknown(const CsvReader& csv, std::size_t column, std::string_view code) {
    return csv.ErrorAt(column, fmt::format("WDI series '{}' is not in the indicator registry (add "
                                           "\"WDI:{}\" to an indicator's series in "
                                           "data/indicators.toml)",
                                           code, code));
  }

 private:
  std::unordered_map<std::string, const Indicator*> cache_;
};

std::optional<int> YearHeader(std::string_view name) {
  name = text::Trim(name);
  if (name.size() >= 4) {
    const auto year = text::ParseInteger(name.substr(0, 4));
    if (year && *year >= 1900 && *year <= 2100 &&
        (name.size() == 4 || name.substr(4).starts_with(" [YR"))) {
      return static_cast<int>(*year);
    }
  }
  return std::nullopt;
}

}  // namespace

Result<ReadSummary> ReadWdi(CsvReader& csv, const ReadOptions& options, ObservationSink& sink) {
  const bool found = FindHeader(csv, 8, [](const std::vector<std::string_view>& fields) {
    const Header h(fields);
    return (h.Find("Country Code") >= 0 || h.Find("iso3") >= 0) &&
           (h.Find("Indicator Code") >= 0 || h.Find("indicator_code") >= 0 ||
            h.Find("Series Code") >= 0);
  });
  if (!found) {
    if (!csv.status().ok()) {
      return csv.status();
    }
    return DataError(
        "not a WDI table: expected a header with Country Code (or iso3) and Indicator Code "
        "(or indicator_code, Series Code)",
        Location{csv.file_name(), std::max<std::int64_t>(csv.line(), 1), 0, ""});
  }
  const Header header(csv.fields());
  ReadSummary summary;
  int country = header.Find("iso3");
  if (country < 0) {
    country = header.Find("Country Code");
  }
  int series = header.Find("indicator_code");
  if (series < 0) {
    series = header.Find("Indicator Code");
  }
  if (series < 0) {
    series = header.Find("Series Code");
  }
  const int year = header.Find("year");
  const int value = header.Find("value");
  std::vector<std::pair<std::size_t, int>> year_columns;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (const auto y = YearHeader(header.names()[i])) {
      year_columns.emplace_back(i, *y);
    }
  }
  const bool long_layout = year >= 0 && value >= 0;
  if (!long_layout && year_columns.empty()) {
    return csv.ErrorAtLine("neither year and value columns (long) nor year columns (wide)");
  }
  summary.layout = long_layout ? "long" : header.Find("Series Code") >= 0 ? "databank" : "wide";
  SeriesMap series_map;
  CountryResolver countries;
  Observation obs;
  while (csv.Next()) {
    const std::string_view first = text::Trim(csv[0]);
    if (csv.size() < header.size() &&
        (first.starts_with("Data from database") || first.starts_with("Last Updated"))) {
      break;  // DataBank footer
    }
    KOSH_RETURN_IF_ERROR(CheckWidth(csv, header.size()));
    ++summary.records;
    ReportProgress(options, csv.source(), summary.records);
    obs.line = csv.line();
    const std::string_view series_code = csv[static_cast<std::size_t>(series)];
    const Indicator* indicator = series_map.Find(series_code);
    if (indicator == nullptr) {
      return SeriesMap::Unknown(csv, static_cast<std::size_t>(series), text::Trim(series_code));
    }
    obs.indicator = indicator->code;
    const std::string_view code = csv[static_cast<std::size_t>(country)];
    obs.country = countries.Find(code, {CodeSystem::kIso3, CodeSystem::kAny});
    if (obs.country == nullptr) {
      return countries.Unknown(csv, static_cast<std::size_t>(country), code);
    }
    const auto emit = [&](std::size_t column, Period period) -> Status {
      const Cell cell = ParseCell(csv[column]);
      if (cell.kind == CellKind::kMissing) {
        ++summary.missing_cells;
        return Status::Ok();
      }
      if (cell.kind != CellKind::kValue) {
        return InvalidNumber(csv, column, csv[column], header.names()[column]);
      }
      obs.period = period;
      obs.value = cell.value;
      ++summary.observations;
      return sink.Add(obs);
    };
    if (long_layout) {
      Period period;
      KOSH_RETURN_IF_ERROR(ReadPeriod(csv, static_cast<std::size_t>(year), &period));
      KOSH_RETURN_IF_ERROR(emit(static_cast<std::size_t>(value), period));
    } else {
      for (const auto& [column, y] : year_columns) {
        KOSH_RETURN_IF_ERROR(emit(column, Period::Year(y)));
      }
    }
  }
  return summary;
}

}  // namespace kosh::ingest::internal
