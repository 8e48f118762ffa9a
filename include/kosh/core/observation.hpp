// The observation record, and the provenance of the sources observations come from.
//
// An observation is one published (or estimated) number: an indicator for a corridor
// (origin -> destination) or for a single country, over a period, for a sex and age group,
// with optional extra dimensions (`breakdown`, e.g. "method=da_pb_closed").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kosh/core/country.hpp"
#include "kosh/core/period.hpp"

namespace kosh {

enum class Sex : std::uint8_t { kTotal = 0, kFemale = 1, kMale = 2 };
const char* SexName(Sex sex);
// Accepts total/both/t/_t/all, female/f/women, male/m/men (any case).
Result<Sex> ParseSex(std::string_view text);

// Observation flags (bit mask).
namespace flags {
inline constexpr std::uint8_t kEstimated = 1;
inline constexpr std::uint8_t kProvisional = 2;
inline constexpr std::uint8_t kMissing = 4;     // published as missing; value is empty
inline constexpr std::uint8_t kSuppressed = 8;  // withheld for confidentiality; value is empty
}  // namespace flags
std::string FlagsToString(std::uint8_t mask);  // "estimated,provisional" or ""

struct Observation {
  std::string indicator;            // a code of data/indicators.toml
  const Country* origin = nullptr;  // bilateral observations
  const Country* destination = nullptr;
  const Country* country = nullptr;  // single-country observations
  std::string region;                // sub-national area (ISO 3166-2 or national code)
  Period period;
  Sex sex = Sex::kTotal;
  std::string age;              // "" = all ages; else e.g. "25+" or "0-4"
  std::string breakdown;        // extra dimensions "key=value;key=value", sorted
  std::optional<double> value;  // empty only with kMissing or kSuppressed
  std::string unit;             // "" = the indicator's unit
  std::uint8_t flag_mask = 0;
  std::int64_t line = 0;  // input line, for diagnostics only
};

// Where observations came from: a file, or a model run that produced estimates.
enum class SourceKind : std::uint8_t { kFile = 0, kModelRun = 1 };

struct SourceRecord {
  std::int64_t id = 0;
  SourceKind kind = SourceKind::kFile;
  std::string name;              // file name (no directory) or model name
  std::string dataset;           // stable key of the dataset; revisions share it
  std::string sha256;            // of the file's bytes; of the parameters for model runs
  std::string format;            // reader name, e.g. "undesa-stock"
  std::string importer_version;  // kosh version that read it
  std::string imported_at;       // UTC, ISO 8601
  std::int64_t rows = 0;
  std::int64_t size_bytes = 0;
  int revision = 1;
  std::optional<std::int64_t> superseded_by;
  std::string method;                // model runs: method name
  std::string parameters;            // model runs: JSON
  std::vector<std::int64_t> inputs;  // model runs: ids of the sources used
};

}  // namespace kosh
