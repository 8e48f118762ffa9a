// UN DESA International Migrant Stock.
//
// Layouts recognised:
//  * "long": year,origin_iso3,dest_iso3,sex,stock (the bilateral extract)
//  * "totals": year,iso3,sex,total_immigrant_stock,total_emigrant_stock
//  * "official": the CSV export of the publisher's workbook, Table 1: preamble rows, then a
//    header with "Location code of destination" and "Location code of origin" (UN M49)
//    and one column per year, repeated for both sexes, males and females (in that order,
//    or as named by the row above the header). Region and development-group rows are
//    aggregates and are skipped; the "Other" origin becomes XXX.
#include "reader_support.hpp"
#include <fmt/format.h>

#include "kosh/core/status_macros.hpp"
#include "kosh/core/text.hpp"

namespace kosh::ingest::internal {
namespace {

Result<ReadSummary> ReadLong(CsvReader& csv, const Header& header, const ReadOptions& options,
                             ObservationSink& sink) {
  ReadSummary summary;
  summary.layout = "long";
  const int year_col = header.Find("year");
  const int origin_col = header.Find("origin_iso3");
  const int dest_col = header.Find("dest_iso3");
  const int sex_col = header.Find("sex");
  const int stock_col = header.Find("stock");
  if (year_col < 0 || origin_col < 0 || dest_col < 0 || stock_col < 0) {
    return csv.ErrorAtLine("header must name year, origin_iso3, dest_iso3, sex and stock");
  }
  const auto year = static_cast<std::size_t>(year_col);
  const auto origin = static_cast<std::size_t>(origin_col);
  const auto dest = static_cast<std::size_t>(dest_col);
  const auto stock = static_cast<std::size_t>(stock_col);
  CountryResolver countries;
  Observation obs;
  obs.indicator = "migrant_stock";
  while (csv.Next()) {
    KOSH_RETURN_IF_ERROR(CheckWidth(csv, header.size()));
    ++summary.records;
    ReportProgress(options, csv.source(), summary.records);
    obs.line = csv.line();
    KOSH_RETURN_IF_ERROR(ReadPeriod(csv, year, &obs.period));
    obs.origin = countries.Find(csv[origin], {CodeSystem::kIso3, CodeSystem::kAny});
    if (obs.origin == nullptr) {
      return countries.Unknown(csv, origin, csv[origin]);
    }
    obs.destination = countries.Find(csv[dest], {CodeSystem::kIso3, CodeSystem::kAny});
    if (obs.destination == nullptr) {
      return countries.Unknown(csv, dest, csv[dest]);
    }
    KOSH_RETURN_IF_ERROR(ReadSex(csv, sex_col, &obs.sex));
    const Cell cell = ParseCell(csv[stock]);
    if (cell.kind == CellKind::kMissing) {
      ++summary.missing_cells;
      continue;
    }
    if (cell.kind != CellKind::kValue) {
      return InvalidNumber(csv, stock, csv[stock], "stock");
    }
    if (cell.value < 0) {
      return csv.ErrorAt(stock, fmt::format("a migrant stock cannot be negative ({})", csv[stock]));
    }
    obs.value = cell.value;
    KOSH_RETURN_IF_ERROR(sink.Add(obs));
    ++summary.observations;
  }
  return summary;
}

Result<ReadSummary> ReadTotals(CsvReader& csv, const Header& header, const ReadOptions& options,
                               ObservationSink& sink) {
  ReadSummary summary;
  summary.layout = "totals";
  const int year_col = header.Find("year");
  const int iso3_col = header.Find("iso3");
  const int sex_col = header.Find("sex");
  const std::pair<int, const char*> values[] = {
      {header.Find("total_immigrant_stock"), "immigrant_stock_total"},
      {header.Find("total_emigrant_stock"), "emigrant_stock_total"}};
  if (year_col < 0 || iso3_col < 0) {
    return csv.ErrorAtLine("header must name year and iso3");
  }
  const auto year = static_cast<std::size_t>(year_col);
  const auto iso3 = static_cast<std::size_t>(iso3_col);
  CountryResolver countries;
  Observation obs;
  while (csv.Next()) {
    KOSH_RETURN_IF_ERROR(CheckWidth(csv, header.size()));
    ++summary.records;
    ReportProgress(options, csv.source(), summary.records);
    obs.line = csv.line();
    KOSH_RETURN_IF_ERROR(ReadPeriod(csv, year, &obs.period));
    obs.country = countries.Find(csv[iso3], {CodeSystem::kIso3, CodeSystem::kAny});
    if (obs.country == nullptr) {
      return countries.Unknown(csv, iso3, csv[iso3]);
    }
    KOSH_RETURN_IF_ERROR(ReadSex(csv, sex_col, &obs.sex));
    for (const auto& [column_index, indicator] : values) {
      if (column_index < 0) {
        continue;
      }
      const auto column = static_cast<std::size_t>(column_index);
      const Cell cell = ParseCell(csv[column]);
      if (cell.kind == CellKind::kMissing) {
        ++summary.missing_cells;
        continue;
      }
      if (cell.kind != CellKind::kValue || cell.value < 0) {
        return InvalidNumber(csv, column, csv[column], header.names()[column]);
      }
      obs.indicator = indicator;
      obs.value = cell.value;
      KOSH_RETURN_IF_ERROR(sink.Add(obs));
      ++summary.observations;
    }
  }
  return summary;
}

Result<ReadSummary> ReadOfficial(CsvReader& csv, const std::vector<std::string>& group_row,
                                 const Header& header, const ReadOptions& options,
                                 ObservationSink& sink) {
  ReadSummary summary;
  summary.layout = "official";
  const int dest_code = header.Find("Location code of destination");
  const int origin_code = header.Find("Location code of origin");
  const int origin_name = header.Find("Region, development group, country or area of origin");
  // Year columns, and the sex each belongs to.
  struct YearColumn {
    std::size_t index;
    Period period;
    Sex sex;
  };
  std::vector<YearColumn> years;
  int block = 0;
  int last_year = 0;
  Sex group_sex = Sex::kTotal;
  bool has_sex_groups = false;
  for (const std::string& cell : group_row) {
    const std::string folded = text::FoldForLookup(cell);
    has_sex_groups |=
        folded.find("male") != std::string::npos || folded.find("both") != std::string::npos;
  }
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (has_sex_groups && i < group_row.size() && !group_row[i].empty()) {
      const std::string folded = text::FoldForLookup(group_row[i]);
      if (folded.find("female") != std::string::npos) {
        group_sex = Sex::kFemale;
      } else if (folded.find("male") != std::string::npos) {
        group_sex = Sex::kMale;
      } else if (folded.find("both") != std::string::npos) {
        group_sex = Sex::kTotal;
      }
    }
    const auto year = text::ParseInteger(text::Trim(header.names()[i]));
    if (!year || *year < 1900 || *year > 2100) {
      continue;
    }
    if (*year <= last_year) {
      ++block;
    }
    last_year = static_cast<int>(*year);
    Sex sex = group_sex;
    if (!has_sex_groups) {  // the publisher's order: both sexes, males, females
      sex = block == 0 ? Sex::kTotal : (block == 1 ? Sex::kMale : Sex::kFemale);
    }
    years.push_back({i, Period::Year(static_cast<int>(*year)), sex});
  }
  if (years.empty()) {
    return csv.ErrorAtLine("no year columns (1990, 1995, ...) in the header");
  }
  CountryResolver countries;
  Observation obs;
  obs.indicator = "migrant_stock";
  std::int64_t aggregate_rows = 0;
  while (csv.Next()) {
    if (csv.size() < header.size()) {
      KOSH_RETURN_IF_ERROR(CheckWidth(csv, header.size()));
    }
    ++summary.records;
    ReportProgress(options, csv.source(), summary.records);
    obs.line = csv.line();
    const std::string_view dest_text = text::Trim(csv[static_cast<std::size_t>(dest_code)]);
    const std::string_view origin_text = text::Trim(csv[static_cast<std::size_t>(origin_code)]);
    const auto dest_num = text::ParseInteger(dest_text);
    const auto origin_num = text::ParseInteger(origin_text);
    if (!dest_num) {
      return InvalidNumber(csv, static_cast<std::size_t>(dest_code), dest_text,
                           "Location code of destination");
    }
    if (!origin_num) {
      return InvalidNumber(csv, static_cast<std::size_t>(origin_code), origin_text,
                           "Location code of origin");
    }
    obs.destination = countries.Find(dest_text, {CodeSystem::kM49});
    obs.origin = countries.Find(origin_text, {CodeSystem::kM49});
    // "Other" has a code of its own (2003 in the 2020 edition), above the aggregates' 900.
    const bool other_origin =
        obs.origin == nullptr && origin_name >= 0 &&
        text::FoldForLookup(csv[static_cast<std::size_t>(origin_name)]) == "other";
    if (other_origin) {
      obs.origin = countries.Find("XXX", {CodeSystem::kIso3});
    }
    // M49 codes of 900 and above are regions and development groups: aggregates.
    if (*dest_num >= 900 || (*origin_num >= 900 && !other_origin) || obs.destination == nullptr ||
        obs.origin == nullptr) {
      if (*dest_num < 900 && obs.destination == nullptr) {
        return countries.Unknown(csv, static_cast<std::size_t>(dest_code), dest_text);
      }
      if (*origin_num < 900 && obs.origin == nullptr) {
        return countries.Unknown(csv, static_cast<std::size_t>(origin_code), origin_text);
      }
      ++aggregate_rows;
      continue;
    }
    for (const YearColumn& column : years) {
      const Cell cell = ParseCell(csv[column.index], ',');
      if (cell.kind == CellKind::kMissing) {
        ++summary.missing_cells;
        continue;
      }
      if (cell.kind != CellKind::kValue || cell.value < 0) {
        return InvalidNumber(csv, column.index, csv[column.index], header.names()[column.index]);
      }
      obs.period = column.period;
      obs.sex = column.sex;
      obs.value = cell.value;
      KOSH_RETURN_IF_ERROR(sink.Add(obs));
      ++summary.observations;
    }
  }
  if (aggregate_rows > 0) {
    summary.warnings.push_back(
        fmt::format("{} region or development-group rows skipped (aggregates)", aggregate_rows));
  }
  return summary;
}

}  // namespace

Result<ReadSummary> ReadUndesaStock(CsvReader& csv, const ReadOptions& options,
                                    ObservationSink& sink) {
  std::vector<std::string> previous;  // the row above the header (sex groups, official layout)
  std::vector<std::string> current;
  for (int i = 0; i < 40 && csv.Next(); ++i) {
    previous = std::move(current);
    current.assign(csv.fields().begin(), csv.fields().end());
    const Header header(csv.fields());
    if (header.Find("origin_iso3") >= 0 && header.Find("dest_iso3") >= 0) {
      return ReadLong(csv, header, options, sink);
    }
    if (header.Find("total_immigrant_stock") >= 0 || header.Find("total_emigrant_stock") >= 0) {
      return ReadTotals(csv, header, options, sink);
    }
    if (header.Find("Location code of destination") >= 0 &&
        header.Find("Location code of origin") >= 0) {
      return ReadOfficial(csv, previous, header, options, sink);
    }
  }
  if (!csv.status().ok()) {
    return csv.status();
  }
  return DataError(
      "not a UN DESA migrant stock table: expected a header with origin_iso3,dest_iso3 "
      "(long), total_immigrant_stock (totals) or 'Location code of origin' (official)",
      Location{csv.file_name(), csv.line() > 0 ? csv.line() : 1, 0, ""});
}

}  // namespace kosh::ingest::internal
