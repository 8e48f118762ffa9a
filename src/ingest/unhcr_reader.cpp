// UNHCR Refugee Population Statistics.
//
// Layouts recognised (by their header):
//  * the tables of UNHCR's `refugees` data package: population, flows, solutions,
//    asylum_applications, asylum_decisions, demographics, idmc, unrwa — columns year,
//    coo, coo_iso, coa, coa_iso and the value columns of each table;
//  * the Refugee Data Finder download: "Year","Country of origin","Country of origin (ISO)",
//    "Country of asylum","Country of asylum (ISO)", then one column per population type,
//    possibly after a few preamble lines.
// Origins and asylum countries are ISO codes, with UNHCR's own UNK/XXA/TIB (and UKN/STA in
// the UNHCR-code columns). Other non-value columns become the observation's breakdown.
#include <algorithm>

#include "reader_support.hpp"
#include <fmt/format.h>

#include "kosh/core/status_macros.hpp"
#include "kosh/core/text.hpp"

namespace kosh::ingest::internal {
namespace {

struct ValueColumn {
  std::size_t index;
  const char* indicator;
  Sex sex = Sex::kTotal;
  std::string age;
};

const char* PopulationIndicator(std::string_view folded, bool flows) {
  struct Entry {
    const char* column;
    const char* stock;
    const char* flow;
  };
  static const Entry kEntries[] = {
      {"refugees", "refugees", "refugee_arrivals"},
      {"refugees under unhcr's mandate", "refugees", "refugee_arrivals"},
      {"asylum_seekers", "asylum_seekers", "asylum_applications_new"},
      {"asylum-seekers", "asylum_seekers", "asylum_applications_new"},
      {"returned_refugees", "returned_refugees", nullptr},
      {"returned refugees", "returned_refugees", nullptr},
      {"idps", "idps", nullptr},
      {"idps of concern to unhcr", "idps", nullptr},
      {"returned_idps", "returned_idps", nullptr},
      {"returned idpss", "returned_idps", nullptr},
      {"returned idps", "returned_idps", nullptr},
      {"stateless", "stateless", nullptr},
      {"stateless persons", "stateless", nullptr},
      {"ooc", "others_of_concern", nullptr},
      {"others of concern to unhcr", "others_of_concern", nullptr},
      {"oip", "other_in_need_of_protection", "oip_arrivals"},
      {"other people in need of international protection", "other_in_need_of_protection",
       "oip_arrivals"},
      {"hst", "host_community", nullptr},
      {"host community", "host_community", nullptr},
      {"refugee_like", nullptr, "refugee_like_arrivals"},
      {"resettlement", "resettlement_arrivals", nullptr},
      {"naturalisation", "naturalisations", nullptr},
      {"applied", "asylum_applications", nullptr},
      {"dec_recognized", "asylum_decisions_recognized", nullptr},
      {"dec_other", "asylum_decisions_complementary", nullptr},
      {"dec_rejected", "asylum_decisions_rejected", nullptr},
      {"dec_closed", "asylum_decisions_closed", nullptr},
      {"dec_total", "asylum_decisions_total", nullptr},
  };
  for (const Entry& e : kEntries) {
    if (folded == e.column) {
      return flows ? e.flow : e.stock;
    }
  }
  return nullptr;
}

// Demographic columns: f_0_4 ... m_60, f_other, f_total, total.
bool DemographicColumn(std::string_view name, Sex* sex, std::string* age) {
  if (name == "total") {
    *sex = Sex::kTotal;
    age->clear();
    return true;
  }
  if (name.size() < 3 || (name[0] != 'f' && name[0] != 'm') || name[1] != '_') {
    return false;
  }
  *sex = name[0] == 'f' ? Sex::kFemale : Sex::kMale;
  std::string rest(name.substr(2));
  if (rest == "total") {
    age->clear();
  } else if (rest == "other") {
    *age = "unknown";
  } else if (rest == "60") {
    *age = "60+";
  } else {
    std::replace(rest.begin(), rest.end(), '_', '-');
    *age = rest;
  }
  return true;
}

}  // namespace

Result<ReadSummary> ReadUnhcr(CsvReader& csv, const ReadOptions& options, ObservationSink& sink) {
  const bool found = FindHeader(csv, 15, [](const std::vector<std::string_view>& fields) {
    const Header h(fields);
    return h.Find("year") >= 0 &&
           (h.Find("coo_iso") >= 0 || h.Find("Country of origin (ISO)") >= 0 || h.Find("coo") >= 0);
  });
  if (!found) {
    if (!csv.status().ok()) {
      return csv.status();
    }
    return DataError(
        "not a UNHCR table: expected a header with year and coo_iso (data package) or "
        "'Country of origin (ISO)' (Refugee Data Finder)",
        Location{csv.file_name(), std::max<std::int64_t>(csv.line(), 1), 0, ""});
  }
  const Header header(csv.fields());
  ReadSummary summary;
  const int year = header.Find("year");
  int coo_iso = header.Find("coo_iso");
  int coa_iso = header.Find("coa_iso");
  const int coo = header.Find("coo");
  const int coa = header.Find("coa");
  if (coo_iso < 0) {
    coo_iso = header.Find("Country of origin (ISO)");
    coa_iso = header.Find("Country of asylum (ISO)");
    summary.layout = "refugee-data-finder";
  }
  if ((coo_iso < 0 && coo < 0) || (coa_iso < 0 && coa < 0)) {
    return csv.ErrorAtLine("header must name the origin (coo_iso) and asylum (coa_iso) columns");
  }
  const bool flows = header.Find("refugee_like") >= 0;
  const bool demographics = header.Find("pop_type") >= 0 && header.Find("f_total") >= 0;
  const bool single_total = header.Find("total") >= 0 && !demographics;
  const char* total_indicator = nullptr;
  if (single_total) {
    std::string lower = text::FoldForLookup(csv.file_name());
    if (lower.find("unrwa") != std::string::npos) {
      total_indicator = "palestine_refugees_unrwa";
    } else if (lower.find("idmc") != std::string::npos) {
      total_indicator = "idps_conflict_idmc";
    } else {
      return csv.ErrorAtLine(
          "a UNHCR table with a single 'total' column is IDMC or UNRWA data; name the file "
          "idmc*.csv or unrwa*.csv so kosh knows which");
    }
  }
  if (summary.layout.empty()) {
    summary.layout = demographics   ? "demographics"
                     : flows        ? "flows"
                     : single_total ? total_indicator
                                    : "population";
  }
  std::vector<ValueColumn> values;
  std::vector<std::pair<std::size_t, std::string>> breakdown_columns;
  const std::vector<std::string> identity = {"year",
                                             "coo",
                                             "coo_iso",
                                             "coa",
                                             "coa_iso",
                                             "coo_name",
                                             "coa_name",
                                             "country of origin",
                                             "country of origin (iso)",
                                             "country of asylum",
                                             "country of asylum (iso)"};
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string folded = text::FoldForLookup(header.names()[i]);
    if (std::find(identity.begin(), identity.end(), folded) != identity.end()) {
      continue;
    }
    if (single_total && folded == "total") {
      values.push_back({i, total_indicator});
      continue;
    }
    Sex sex = Sex::kTotal;
    std::string age;
    if (demographics && DemographicColumn(folded, &sex, &age)) {
      values.push_back({i, "forcibly_displaced_demographics", sex, age});
      continue;
    }
    if (const char* indicator = PopulationIndicator(folded, flows)) {
      values.push_back({i, indicator});
      continue;
    }
    breakdown_columns.emplace_back(i, folded);
  }
  if (values.empty()) {
    return csv.ErrorAtLine("no value columns recognised (e.g. refugees, asylum_seekers)");
  }
  std::sort(breakdown_columns.begin(), breakdown_columns.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });

  CountryResolver countries;
  Observation obs;
  std::string breakdown;
  const auto resolve = [&](int iso_col, int code_col, const Country** out) -> Status {
    if (iso_col >= 0 && !text::Trim(csv[static_cast<std::size_t>(iso_col)]).empty()) {
      const std::string_view code = csv[static_cast<std::size_t>(iso_col)];
      *out = countries.Find(code, {CodeSystem::kIso3, CodeSystem::kUnhcr, CodeSystem::kAny});
      if (*out == nullptr) {
        return countries.Unknown(csv, static_cast<std::size_t>(iso_col), code);
      }
      return Status::Ok();
    }
    if (code_col >= 0) {
      const std::string_view code = csv[static_cast<std::size_t>(code_col)];
      *out = countries.Find(code, {CodeSystem::kUnhcr, CodeSystem::kIso3});
      if (*out == nullptr) {
        return countries.Unknown(csv, static_cast<std::size_t>(code_col), code);
      }
      return Status::Ok();
    }
    return countries.Unknown(csv, static_cast<std::size_t>(std::max(iso_col, 0)), "");
  };
  while (csv.Next()) {
    KOSH_RETURN_IF_ERROR(CheckWidth(csv, header.size()));
    ++summary.records;
    ReportProgress(options, csv.source(), summary.records);
    obs.line = csv.line();
    KOSH_RETURN_IF_ERROR(ReadPeriod(csv, static_cast<std::size_t>(year), &obs.period));
    KOSH_RETURN_IF_ERROR(resolve(coo_iso, coo, &obs.origin));
    KOSH_RETURN_IF_ERROR(resolve(coa_iso, coa, &obs.destination));
    breakdown.clear();
    for (const auto& [index, key] : breakdown_columns) {
      const std::string_view v = text::Trim(csv[index]);
      if (!breakdown.empty()) {
        breakdown += ';';
      }
      breakdown += key;
      breakdown += '=';
      breakdown += v;
    }
    obs.breakdown = breakdown;
    for (const ValueColumn& column : values) {
      const Cell cell = ParseCell(csv[column.index], ',');
      if (cell.kind == CellKind::kMissing) {
        ++summary.missing_cells;
        continue;
      }
      if (cell.kind != CellKind::kValue) {
        return InvalidNumber(csv, column.index, csv[column.index], header.names()[column.index]);
      }
      if (cell.value < 0) {
        return csv.ErrorAt(column.index,
                           fmt::format("column '{}': a count cannot be negative ({})",
                                       header.names()[column.index], csv[column.index]));
      }
      obs.indicator = column.indicator;
      obs.sex = column.sex;
      obs.age = column.age;
      obs.value = cell.value;
      KOSH_RETURN_IF_ERROR(sink.Add(obs));
      ++summary.observations;
    }
  }
  return summary;
}

}  // namespace kosh::ingest::internal
