// Mapping: a TOML file that tells the generic CSV reader which column holds which
// dimension and which value, for tables no dedicated reader covers (national statistics,
// remittance matrices, gravity covariates ...). docs/mapping.md documents every key.
//
// Minimal example:
//
//   [dataset]
//   name = "KNOMAD remittance inflows"
//   [dimensions]
//   country = { column = "iso3" }
//   period  = { column = "year" }
//   [[values]]
//   column = "usd_million"
//   indicator = "remittance_inflows_knomad"
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kosh/core/country.hpp"
#include "kosh/core/observation.hpp"
#include "kosh/core/result.hpp"

namespace kosh::ingest {

// How one dimension gets its value: from a column, or a constant.
struct DimensionRule {
  std::string column;  // header name; empty when `constant` is set
  std::string constant;
  CodeSystem codes = CodeSystem::kAny;     // countries only
  std::map<std::string, std::string> map;  // raw value -> value (after trimming)
  bool skip_unmapped = false;              // a value missing from `map` drops the row
  // period only: a second column with the month (1-12, 01-12 or an English month name);
  // "Total" or empty keeps the year.
  std::string month_column;
  // period only: a column with the last year of a multi-year span (e.g. 1990 -> 1995).
  std::string end_column;
};

struct ValueRule {
  std::string column;
  std::string indicator;
  double scale = 1.0;     // stored value = cell * scale
  std::string unit;       // overrides the indicator's unit
  Sex sex = Sex::kTotal;  // for wide sex columns
  std::string age;
  std::string breakdown;  // extra "key=value" for this column
  bool sex_set = false;
};

class Mapping {
 public:
  static Result<Mapping> Parse(std::string_view toml_text, std::string_view name);
  static Result<Mapping> Load(const std::string& path);

  std::string name;  // [dataset] name
  std::string publisher;
  std::string license;
  std::string file_name;  // file the mapping reads
  char delimiter = ',';
  char thousands = '\0';
  int skip_lines = 0;  // preamble lines before the header
  std::vector<std::string> missing = {"", "..", "NA", "N/A", "-", "\xE2\x80\xA6", ":"};
  std::vector<std::string> suppressed = {"x", "c"};
  // Country codes to drop with a warning (e.g. aggregates a table mixes in); any other
  // unknown code is an error.
  std::vector<std::string> skip_codes;
  bool skip_unknown_codes = false;  // drop rows with unknown codes, warn with the list

  std::optional<DimensionRule> origin, destination, country, region, period, sex, age;
  std::optional<DimensionRule> indicator;          // long tables: a column naming the indicator
  std::map<std::string, DimensionRule> breakdown;  // extra dimensions by key
  std::vector<ValueRule> values;
  std::string value_column;  // long tables: the one value column (with `indicator`)
  double value_scale = 1.0;
};

}  // namespace kosh::ingest
