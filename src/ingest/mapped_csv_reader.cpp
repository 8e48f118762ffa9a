// The generic CSV reader, driven by a Mapping (see include/kosh/ingest/mapping.hpp and
// docs/mapping.md).
#include <algorithm>
#include <set>

#include "reader_support.hpp"
#include <fmt/format.h>

#include "kosh/core/status_macros.hpp"
#include "kosh/core/text.hpp"
#include "kosh/ingest/mapping.hpp"

namespace kosh::ingest::internal {
namespace {

struct BoundRule {
  const DimensionRule* rule = nullptr;
  int column = -1;
  std::string name;
};

}  // namespace

Result<ReadSummary> ReadMappedCsv(CsvReader& csv, const ReadOptions& options,
                                  ObservationSink& sink) {
  const Mapping& m = *options.mapping;
  for (int i = 0; i < m.skip_lines; ++i) {
    if (!csv.Next()) {
      break;
    }
  }
  if (!csv.Next()) {
    if (!csv.status().ok()) {
      return csv.status();
    }
    return DataError("empty file: expected a header row", Location{csv.file_name(), 1, 0, ""});
  }
  const Header header(csv.fields());
  const std::int64_t header_line = csv.line();
  // Takes a pointer: binding must refer to the mapping's own rule, never to a temporary.
  const auto bind = [&](const DimensionRule* rule, std::string name) -> Result<BoundRule> {
    BoundRule bound;
    if (rule == nullptr) {
      return bound;
    }
    bound.rule = rule;
    bound.name = std::move(name);
    if (!rule->column.empty()) {
      bound.column = header.Find(rule->column);
      if (bound.column < 0) {
        return DataError(fmt::format("the mapping's {} column '{}' is not in the header",
                                     bound.name, rule->column),
                         Location{csv.file_name(), header_line, 0, ""});
      }
    }
    return bound;
  };
  KOSH_ASSIGN_OR_RETURN(BoundRule origin, bind(m.origin ? &*m.origin : nullptr, "origin"));
  KOSH_ASSIGN_OR_RETURN(BoundRule destination,
                        bind(m.destination ? &*m.destination : nullptr, "destination"));
  KOSH_ASSIGN_OR_RETURN(BoundRule country, bind(m.country ? &*m.country : nullptr, "country"));
  KOSH_ASSIGN_OR_RETURN(BoundRule region, bind(m.region ? &*m.region : nullptr, "region"));
  KOSH_ASSIGN_OR_RETURN(BoundRule period, bind(m.period ? &*m.period : nullptr, "period"));
  KOSH_ASSIGN_OR_RETURN(BoundRule sex, bind(m.sex ? &*m.sex : nullptr, "sex"));
  int end_column = -1;
  if (m.period && !m.period->end_column.empty()) {
    end_column = header.Find(m.period->end_column);
    if (end_column < 0) {
      return DataError(
          fmt::format("the mapping's end column '{}' is not in the header", m.period->end_column),
          Location{csv.file_name(), header_line, 0, ""});
    }
  }
  int month_column = -1;
  if (m.period && !m.period->month_column.empty()) {
    month_column = header.Find(m.period->month_column);
    if (month_column < 0) {
      return DataError(fmt::format("the mapping's month column '{}' is not in the header",
                                   m.period->month_column),
                       Location{csv.file_name(), header_line, 0, ""});
    }
  }
  KOSH_ASSIGN_OR_RETURN(BoundRule age, bind(m.age ? &*m.age : nullptr, "age"));
  KOSH_ASSIGN_OR_RETURN(BoundRule indicator,
                        bind(m.indicator ? &*m.indicator : nullptr, "indicator"));
  std::vector<BoundRule> breakdown;
  for (const auto& [key, rule] : m.breakdown) {  // std::map: keys sorted
    KOSH_ASSIGN_OR_RETURN(BoundRule b, bind(&rule, key));
    breakdown.push_back(std::move(b));
  }
  struct BoundValue {
    const ValueRule* rule;
    std::size_t column;
    const Indicator* indicator;
  };
  std::vector<BoundValue> values;
  for (const ValueRule& v : m.values) {
    const int column = header.Find(v.column);
    if (column < 0) {
      return DataError(
          fmt::format("the mapping's value column '{}' is not in the header", v.column),
          Location{csv.file_name(), header_line, 0, ""});
    }
    values.push_back(
        {&v, static_cast<std::size_t>(column), IndicatorRegistry::Default().Find(v.indicator)});
  }
  int long_value = -1;
  if (values.empty()) {
    long_value = header.Find(m.value_column);
    if (long_value < 0) {
      return DataError(
          fmt::format("the mapping's value column '{}' is not in the header", m.value_column),
          Location{csv.file_name(), header_line, 0, ""});
    }
  }

  ReadSummary summary;
  summary.layout = "mapped: " + m.name;
  CountryResolver countries;
  Observation obs;
  // Raw text of a dimension for this row, after the rule's map; nullopt = drop the row.
  const auto raw = [&](const BoundRule& b) -> std::optional<std::string> {
    std::string v(b.column >= 0 ? text::Trim(csv[static_cast<std::size_t>(b.column)])
                                : std::string_view(b.rule->constant));
    if (!b.rule->map.empty()) {
      const auto it = b.rule->map.find(v);
      if (it != b.rule->map.end()) {
        return it->second;
      }
      if (b.rule->skip_unmapped) {
        return std::nullopt;
      }
    }
    return v;
  };
  bool skip_row = false;
  const auto resolve_country = [&](const BoundRule& b, const Country** out) -> Status {
    *out = nullptr;
    if (b.rule == nullptr) {
      return Status::Ok();
    }
    const auto code = raw(b);
    if (!code) {
      skip_row = true;
      return Status::Ok();
    }
    // Listed codes are dropped even when the registry knows them (e.g. aggregates).
    if (std::find(m.skip_codes.begin(), m.skip_codes.end(), *code) != m.skip_codes.end()) {
      ++summary.skipped_codes[*code];
      skip_row = true;
      return Status::Ok();
    }
    *out = countries.Find(*code, {b.rule->codes});
    if (*out == nullptr) {
      if (m.skip_unknown_codes) {
        ++summary.skipped_codes[*code];
        skip_row = true;
        return Status::Ok();
      }
      return countries.Unknown(csv, static_cast<std::size_t>(std::max(b.column, 0)), *code);
    }
    return Status::Ok();
  };
  const std::vector<std::string>* missing = &m.missing;
  const std::vector<std::string>* suppressed = &m.suppressed;
  while (csv.Next()) {
    KOSH_RETURN_IF_ERROR(CheckWidth(csv, header.size()));
    ++summary.records;
    ReportProgress(options, csv.source(), summary.records);
    obs.line = csv.line();
    skip_row = false;
    KOSH_RETURN_IF_ERROR(resolve_country(origin, &obs.origin));
    KOSH_RETURN_IF_ERROR(resolve_country(destination, &obs.destination));
    KOSH_RETURN_IF_ERROR(resolve_country(country, &obs.country));
    if (skip_row) {
      continue;
    }
    const auto period_text = raw(period);
    if (!period_text) {
      continue;
    }
    const auto parsed_period = Period::Parse(*period_text);
    if (!parsed_period) {
      return csv.ErrorAt(static_cast<std::size_t>(std::max(period.column, 0)),
                         parsed_period.error().message());
    }
    obs.period = *parsed_period;
    if (end_column >= 0) {
      const auto last = Period::Parse(csv[static_cast<std::size_t>(end_column)]);
      if (!last || last->kind() != Period::Kind::kYear ||
          last->start_year() < obs.period.start_year()) {
        return csv.ErrorAt(
            static_cast<std::size_t>(end_column),
            fmt::format("'{}' is not a year at or after {}",
                        csv[static_cast<std::size_t>(end_column)], obs.period.start_year()));
      }
      obs.period = Period::Span(obs.period.start_year(), last->start_year());
    }
    if (month_column >= 0) {
      static const char* const kMonths[] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};
      const std::string month = text::FoldForLookup(csv[static_cast<std::size_t>(month_column)]);
      int number = 0;
      for (int k = 0; k < 12; ++k) {
        if (month == kMonths[k]) {
          number = k + 1;
        }
      }
      if (number == 0) {
        if (const auto n = text::ParseInteger(month); n && *n >= 1 && *n <= 12) {
          number = static_cast<int>(*n);
        }
      }
      if (number > 0) {
        obs.period = Period::Month(obs.period.start_year(), number);
      } else if (!month.empty() && month != "total") {
        return csv.ErrorAt(static_cast<std::size_t>(month_column),
                           fmt::format("'{}' is not a month", month));
      }
    }
    Sex row_sex = Sex::kTotal;
    if (sex.rule != nullptr) {
      const auto sex_text = raw(sex);
      if (!sex_text) {
        continue;
      }
      const auto parsed = ParseSex(*sex_text);
      if (!parsed) {
        return csv.ErrorAt(static_cast<std::size_t>(std::max(sex.column, 0)),
                           parsed.error().message());
      }
      row_sex = *parsed;
    }
    std::string row_age;
    if (age.rule != nullptr) {
      const auto a = raw(age);
      if (!a) {
        continue;
      }
      row_age = *a;
    }
    obs.region.clear();
    if (region.rule != nullptr) {
      const auto r = raw(region);
      if (!r) {
        continue;
      }
      obs.region = *r;
    }
    std::string row_breakdown;
    bool dropped = false;
    for (const BoundRule& b : breakdown) {
      const auto v = raw(b);
      if (!v) {
        dropped = true;
        break;
      }
      if (!row_breakdown.empty()) {
        row_breakdown += ';';
      }
      row_breakdown += b.name + "=" + *v;
    }
    if (dropped) {
      continue;
    }
    const auto emit = [&](std::size_t column, const Indicator& ind, double scale,
                          const std::string& unit) -> Status {
      const Cell cell = ParseCell(csv[column], m.thousands, missing, suppressed);
      obs.flag_mask = 0;
      if (cell.kind == CellKind::kMissing) {
        ++summary.missing_cells;
        return Status::Ok();
      }
      if (cell.kind == CellKind::kSuppressed) {
        obs.flag_mask = flags::kSuppressed;
        obs.value.reset();
      } else if (cell.kind == CellKind::kInvalid) {
        return InvalidNumber(csv, column, csv[column], header.names()[column]);
      } else {
        obs.value = cell.value * scale;
      }
      if (ind.shape == "bilateral" && (obs.origin == nullptr || obs.destination == nullptr)) {
        return csv.ErrorAt(column, fmt::format("indicator '{}' is bilateral: map origin and "
                                               "destination",
                                               ind.code));
      }
      if (ind.shape == "country" && obs.country == nullptr) {
        return csv.ErrorAt(column,
                           fmt::format("indicator '{}' is per country: map country", ind.code));
      }
      obs.indicator = ind.code;
      obs.unit = unit;
      ++summary.observations;
      return sink.Add(obs);
    };
    if (long_value >= 0) {
      const auto code = raw(indicator);
      if (!code) {
        continue;
      }
      const auto ind = IndicatorRegistry::Default().Resolve(*code);
      if (!ind) {
        return csv.ErrorAt(static_cast<std::size_t>(std::max(indicator.column, 0)),
                           ind.error().message());
      }
      obs.sex = row_sex;
      obs.age = row_age;
      obs.breakdown = row_breakdown;
      KOSH_RETURN_IF_ERROR(emit(static_cast<std::size_t>(long_value), **ind, m.value_scale, ""));
      continue;
    }
    for (const BoundValue& v : values) {
      obs.sex = v.rule->sex_set ? v.rule->sex : row_sex;
      obs.age = v.rule->age.empty() ? row_age : v.rule->age;
      obs.breakdown = row_breakdown;
      if (!v.rule->breakdown.empty()) {
        obs.breakdown += (obs.breakdown.empty() ? "" : ";") + v.rule->breakdown;
      }
      KOSH_RETURN_IF_ERROR(emit(v.column, *v.indicator, v.rule->scale, v.rule->unit));
    }
  }
  if (!summary.skipped_codes.empty()) {
    std::string list;
    for (const auto& [code, rows] : summary.skipped_codes) {
      list += fmt::format("{}{} ({} rows)", list.empty() ? "" : ", ", code, rows);
    }
    summary.warnings.push_back("rows dropped for skipped or unknown codes: " + list);
  }
  return summary;
}

}  // namespace kosh::ingest::internal
