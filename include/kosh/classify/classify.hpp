// Placing corridors on the match x motive matrix (World Development Report 2023; the
// founding paper's four categories):
//
//   category 1  opportunity, strong match   economic migrants
//   category 2  fear, strong match          refugees with skills in demand
//   category 3  fear, weak match            refugees whose skills are not in demand
//   category 4  opportunity, weak match     distressed migrants, not refugees
//
// A placement is made for a corridor (origin -> destination, year), never for a person:
// the inputs are aggregate figures only. Every score comes with the evidence behind it, a
// bootstrap interval and a confidence; when the evidence cannot support a placement the
// category is empty and the note says why. The rules, thresholds and weights are data
// (data/classify/method.toml); docs/classify.md explains them. Pure functions, safe to
// call from several threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kosh/core/result.hpp"

namespace kosh::classify {

// One measured input, as gathered from the store for a corridor.
struct Signal {
  std::string id;                     // a [[match.signal]] id of the method
  double value = 0;                   // in the unit the method's low/high use
  int year = 0;                       // the data year used
  std::vector<std::int64_t> sources;  // store source ids behind the value
  std::string detail;                 // how the value was computed, for people
  double weight_scale = 1.0;          // e.g. refugee work rights count by the protection share
};

// Everything the classifier sees of a corridor (aggregates only).
struct CorridorEvidence {
  std::string origin;  // canonical country codes
  std::string destination;
  int year = 0;                         // the year asked for
  std::optional<double> migrant_stock;  // UN DESA stock, persons
  int stock_year = 0;
  std::vector<std::int64_t> stock_sources;
  // Refugees + asylum-seekers from origin in destination (UNHCR), and the same figure
  // `trend_years` earlier. Empty when no UNHCR data covers the year.
  std::optional<double> protected_persons;
  std::optional<double> protected_before;
  int refugee_year = 0;
  std::vector<std::int64_t> refugee_sources;
  std::vector<Signal> match_signals;
};

// One evidence item as reported: value, score, weight and the direction it points.
struct EvidenceItem {
  std::string type;
  double value = 0;
  std::optional<double> score;  // mapped to [0, 1]
  double weight = 0;
  std::string direction;  // "strong match", "weak match", "fear", "opportunity"
  int year = 0;
  std::vector<std::int64_t> sources;
  std::string detail;
};

struct AxisScore {
  std::optional<double> score;  // in [0, 1]; empty when the evidence is insufficient
  double interval_low = 0;      // bootstrap interval (see Method::interval)
  double interval_high = 0;
  std::vector<EvidenceItem> evidence;
};

// Why a corridor is not placed, as a code a report can translate; `values` carries the
// numbers its sentence needs. The placement's note says the same in English.
//   no_stock         no migrant stock near the year
//   no_refugee_data  no UNHCR figures near the year
//   match_weight     {weight available, weight needed}
//   low_confidence   {category, confidence, confidence needed}
//   no_income_gap    a weak match on the opportunity side without the income gap
//   not_richer       {income ratio}
struct Gap {
  std::string code;
  std::vector<double> values;
};

struct Placement {
  std::string origin;
  std::string destination;
  int year = 0;
  std::optional<double> migrant_stock;  // the corridor's stock, as used (persons)
  int stock_year = 0;
  std::optional<int> category;  // 1-4, or empty when the evidence does not support one
  AxisScore match;
  AxisScore motive;
  double confidence = 0;  // share of bootstrap replicates in the same quadrant
  std::string note;
  std::vector<Gap> gaps;  // empty when placed
  std::string method_version;
};

struct SignalRule {
  std::string id;
  double weight = 1;
  double low = 0;   // value scored 0
  double high = 1;  // value scored 1 (high < low means "lower is stronger")
  bool log = false;
  std::string meaning;
};

struct Method {
  std::string version;
  int stock_years = 5, refugee_years = 2, indicator_years = 3, remittance_years = 5,
      trend_years = 5;
  double min_stock = 1000;
  double motive_trend_weight = 0.1;
  double motive_threshold = 0.5;
  double match_threshold = 0.5;
  double match_min_weight = 1.5;
  double min_income_gap = 1.0;
  std::vector<SignalRule> signals;
  int replicates = 400;
  double weight_jitter = 0.5;
  double value_jitter = 0.1;
  double interval = 0.9;
  double min_confidence = 0.6;
  std::uint64_t seed = 1;

  // Parses data/classify/method.toml; errors name the file and line.
  static Result<Method> Parse(std::string_view toml_text, std::string_view name);
  // The method compiled into the binary.
  static const Method& Default();
  const SignalRule* FindSignal(std::string_view id) const;
};

// Maps a signal value to [0, 1] by the rule (linear or log10 between low and high).
double ScoreSignal(const SignalRule& rule, double value);

// Places one corridor. Deterministic: the bootstrap is seeded from the method's seed and
// the corridor's codes and year.
Placement Classify(const CorridorEvidence& evidence, const Method& method);

// "economic migrants" ... for category 1-4.
const char* CategoryName(int category);

}  // namespace kosh::classify
