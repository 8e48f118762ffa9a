// SDMX-CSV, versions 1.0 (SDMX 2.1: first column DATAFLOW) and 2.0 (SDMX 3.0: STRUCTURE,
// STRUCTURE_ID, optional ACTION), e.g. a Eurostat migr_imm1ctz export. Headers and values
// may carry labels ("geo:Geopolitical entity", "DE:Germany"); only the code before the
// first colon counts.
//
// Roles: TIME_PERIOD, OBS_VALUE, OBS_FLAG/OBS_STATUS; geo (or REF_AREA) is the reporting
// country — the destination of a bilateral indicator; citizen, c_birth, partner or
// COUNTERPART_AREA is the origin; sex and age map to their fields; every other dimension
// except freq and unit goes into the breakdown. The dataflow id maps to an indicator through
// `series = ["AGENCY:ID"]` in data/indicators.toml.
#include <algorithm>

#include "reader_support.hpp"
#include <fmt/format.h>

#include "kosh/core/status_macros.hpp"
#include "kosh/core/text.hpp"

namespace kosh::ingest::internal {
namespace {

std::string_view CodeOf(std::string_view s) {
  s = text::Trim(s);
  // "DE:Germany" -> "DE"; but keep "ESTAT:MIGR_IMM1CTZ(1.0)" whole (handled by the caller).
  const std::size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : text::Trim(s.substr(0, colon));
}

// "ESTAT:MIGR_IMM1CTZ(1.0)" or "ESTAT:migr_imm1ctz(1.0)" -> "ESTAT:MIGR_IMM1CTZ".
std::string DataflowKey(std::string_view s) {
  s = text::Trim(s);
  if (const std::size_t paren = s.find('('); paren != std::string_view::npos) {
    s = s.substr(0, paren);
  }
  return text::ToUpperAscii(s);
}

}  // namespace

Result<ReadSummary> ReadSdmxCsv(CsvReader& csv, const ReadOptions& options, ObservationSink& sink) {
  if (!csv.Next()) {
    if (!csv.status().ok()) {
      return csv.status();
    }
    return DataError("empty file: expected an SDMX-CSV header",
                     Location{csv.file_name(), 1, 0, ""});
  }
  std::vector<std::string> names;
  for (std::string_view field : csv.fields()) {
    names.push_back(text::ToUpperAscii(CodeOf(field)));
  }
  const auto find = [&](std::initializer_list<const char*> candidates) -> int {
    for (const char* c : candidates) {
      const auto it = std::find(names.begin(), names.end(), c);
      if (it != names.end()) {
        return static_cast<int>(it - names.begin());
      }
    }
    return -1;
  };
  ReadSummary summary;
  int structure = find({"DATAFLOW"});
  summary.layout = "sdmx-csv 1.0 (SDMX 2.1)";
  if (structure < 0) {
    structure = find({"STRUCTURE_ID"});
    summary.layout = "sdmx-csv 2.0 (SDMX 3.0)";
  }
  const int time = find({"TIME_PERIOD"});
  const int value = find({"OBS_VALUE"});
  const int flag = find({"OBS_FLAG", "OBS_STATUS"});
  if (structure < 0 || time < 0 || value < 0) {
    return csv.ErrorAtLine(
        "not SDMX-CSV: the header must have DATAFLOW (or STRUCTURE_ID), TIME_PERIOD and OBS_VALUE");
  }
  const int geo = find({"GEO", "REF_AREA"});
  const int partner = find({"CITIZEN", "C_BIRTH", "PARTNER", "COUNTERPART_AREA"});
  const int sex = find({"SEX"});
  const int age = find({"AGE"});
  std::vector<std::pair<std::size_t, std::string>> breakdown_columns;
  const std::vector<std::string> not_breakdown = {
      "DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "ACTION",   "LAST UPDATE",
      "FREQ",     "UNIT",      "CONF_STATUS",  "OBS_FLAG", "OBS_STATUS"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    const int idx = static_cast<int>(i);
    if (idx == time || idx == value || idx == flag || idx == geo || idx == partner || idx == sex ||
        idx == age ||
        std::find(not_breakdown.begin(), not_breakdown.end(), names[i]) != not_breakdown.end()) {
      continue;
    }
    std::string key = names[i];
    std::transform(key.begin(), key.end(), key.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
    breakdown_columns.emplace_back(i, key);
  }
  std::sort(breakdown_columns.begin(), breakdown_columns.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  const std::size_t width = names.size();

  CountryResolver countries;
  std::string cached_flow;
  const Indicator* indicator = nullptr;
  Observation obs;
  while (csv.Next()) {
    KOSH_RETURN_IF_ERROR(CheckWidth(csv, width));
    ++summary.records;
    ReportProgress(options, csv.source(), summary.records);
    obs.line = csv.line();
    const std::string flow = DataflowKey(csv[static_cast<std::size_t>(structure)]);
    if (flow != cached_flow) {
      indicator = IndicatorRegistry::Default().FindBySeries(flow);
      cached_flow = flow;
    }
    if (indicator == nullptr) {
      return csv.ErrorAt(
          static_cast<std::size_t>(structure),
          fmt::format("dataflow '{}' is not in the indicator registry (add \"{}\" to "
                      "an indicator's series in data/indicators.toml)",
                      flow, flow));
    }
    obs.indicator = indicator->code;
    const bool bilateral = indicator->shape == "bilateral";
    obs.origin = obs.destination = obs.country = nullptr;
    if (geo >= 0) {
      const std::string_view code = CodeOf(csv[static_cast<std::size_t>(geo)]);
      const Country* c = countries.Find(code, {CodeSystem::kEurostat, CodeSystem::kAny});
      if (c == nullptr) {
        return countries.Unknown(csv, static_cast<std::size_t>(geo), code);
      }
      (bilateral ? obs.destination : obs.country) = c;
    }
    if (bilateral) {
      if (partner < 0 || geo < 0) {
        return csv.ErrorAtLine(fmt::format(
            "indicator '{}' is bilateral but the table has no geo and citizen/c_birth/partner "
            "columns",
            indicator->code));
      }
      const std::string_view code = CodeOf(csv[static_cast<std::size_t>(partner)]);
      obs.origin = countries.Find(code, {CodeSystem::kEurostat, CodeSystem::kAny});
      if (obs.origin == nullptr) {
        return countries.Unknown(csv, static_cast<std::size_t>(partner), code);
      }
    } else if (obs.country == nullptr) {
      return csv.ErrorAtLine("no geo (or REF_AREA) column for a country indicator");
    }
    const auto period = Period::Parse(CodeOf(csv[static_cast<std::size_t>(time)]));
    if (!period) {
      return csv.ErrorAt(static_cast<std::size_t>(time), period.error().message());
    }
    obs.period = *period;
    obs.sex = Sex::kTotal;
    if (sex >= 0) {
      const auto parsed = ParseSex(CodeOf(csv[static_cast<std::size_t>(sex)]));
      if (!parsed) {
        return csv.ErrorAt(static_cast<std::size_t>(sex), parsed.error().message());
      }
      obs.sex = *parsed;
    }
    obs.age.clear();
    if (age >= 0) {
      const std::string_view a = CodeOf(csv[static_cast<std::size_t>(age)]);
      if (a != "TOTAL" && a != "_T") {
        obs.age = std::string(a);
      }
    }
    obs.breakdown.clear();
    for (const auto& [index, key] : breakdown_columns) {
      if (!obs.breakdown.empty()) {
        obs.breakdown += ';';
      }
      obs.breakdown += key + "=" + std::string(CodeOf(csv[index]));
    }
    obs.flag_mask = 0;
    const std::string_view flag_text =
        flag >= 0 ? text::Trim(csv[static_cast<std::size_t>(flag)]) : std::string_view{};
    for (char c : flag_text) {
      if (c == 'e' || c == 'E') {
        obs.flag_mask |= flags::kEstimated;
      } else if (c == 'p' || c == 'P') {
        obs.flag_mask |= flags::kProvisional;
      } else if (c == 'c' || c == 'C') {
        obs.flag_mask |= flags::kSuppressed;
      }
    }
    const Cell cell = ParseCell(csv[static_cast<std::size_t>(value)]);
    if (cell.kind == CellKind::kMissing) {
      if ((obs.flag_mask & flags::kSuppressed) == 0) {
        ++summary.missing_cells;
        continue;
      }
      obs.value.reset();  // confidential: stored as suppressed, without a value
    } else if (cell.kind != CellKind::kValue) {
      return InvalidNumber(csv, static_cast<std::size_t>(value),
                           csv[static_cast<std::size_t>(value)], "OBS_VALUE");
    } else {
      obs.value = cell.value;
    }
    KOSH_RETURN_IF_ERROR(sink.Add(obs));
    ++summary.observations;
  }
  return summary;
}

}  // namespace kosh::ingest::internal
