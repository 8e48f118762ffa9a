// Match and motive scores for a corridor, with a bootstrap over the evidence.
//
// Motive: the protection share p = R / max(S, R), R = refugees + asylum-seekers from origin
// in destination (UNHCR), S = migrant stock (UN DESA); raised by a growing R:
// motive = min(1, p + trend_weight * max(0, (R - R_before) / max(R, 1))). Monotone in R.
// Match: the weighted mean of the available signals, each mapped to [0, 1] by its rule.
// Uncertainty: `replicates` bootstrap draws resample the match signals with replacement
// and jitter every weight and value; the interval is the central `interval` share of the
// replicate scores, and the confidence is the share of replicates whose quadrant equals
// the point estimate's. Fewer signals give wider intervals.
#include "kosh/classify/classify.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include <fmt/format.h>

namespace kosh::classify {
namespace {

// A uniform double in [0, 1) from the engine's bits: standard distributions are not
// portable across library implementations, this is.
double Uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

std::uint64_t CorridorSeed(const Method& method, const CorridorEvidence& e) {
  std::uint64_t h = 1469598103934665603ULL ^ method.seed;
  for (const std::string* s : {&e.origin, &e.destination}) {
    for (char c : *s) {
      h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
  }
  return (h ^ static_cast<std::uint64_t>(e.year)) * 1099511628211ULL;
}

int Quadrant(double motive, double match, const Method& m) {
  const bool fear = motive >= m.motive_threshold;
  const bool strong = match >= m.match_threshold;
  if (fear) {
    return strong ? 2 : 3;
  }
  return strong ? 1 : 4;
}

double Percentile(std::vector<double> values, double q) {
  if (values.empty()) {
    return 0;
  }
  std::sort(values.begin(), values.end());
  const double pos = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (values[hi] - values[lo]) * (pos - static_cast<double>(lo));
}

struct ScoredSignal {
  const SignalRule* rule;
  const Signal* signal;
  double weight;
};

double MotiveScore(double stock, double protected_persons, std::optional<double> before,
                   double trend_weight) {
  const double denominator = std::max(stock, protected_persons);
  const double share = denominator > 0 ? protected_persons / denominator : 0;
  double growth = 0;
  if (before) {
    growth = std::max(0.0, (protected_persons - *before) / std::max(protected_persons, 1.0));
  }
  return std::min(1.0, share + trend_weight * growth);
}

double MatchScore(const std::vector<ScoredSignal>& signals, const std::vector<double>& weights,
                  const std::vector<double>& values) {
  double total = 0;
  double sum = 0;
  for (std::size_t i = 0; i < signals.size(); ++i) {
    sum += weights[i] * ScoreSignal(*signals[i].rule, values[i]);
    total += weights[i];
  }
  return total > 0 ? sum / total : 0;
}

}  // namespace

const char* CategoryName(int category) {
  switch (category) {
    case 1:
      return "economic migrants (opportunity, strong match)";
    case 2:
      return "refugees with skills in demand (fear, strong match)";
    case 3:
      return "refugees whose skills are not in demand (fear, weak match)";
    case 4:
      return "distressed migrants, not refugees (opportunity, weak match)";
    default:
      return "not placed";
  }
}

double ScoreSignal(const SignalRule& rule, double value) {
  double x = value;
  double low = rule.low;
  double high = rule.high;
  if (rule.log) {
    if (value <= 0) {
      return high > low ? 0.0 : 1.0;
    }
    x = std::log10(value);
    low = std::log10(std::max(low, 1e-12));
    high = std::log10(std::max(high, 1e-12));
  }
  if (high == low) {
    return x >= high ? 1.0 : 0.0;
  }
  return std::clamp((x - low) / (high - low), 0.0, 1.0);
}

Placement Classify(const CorridorEvidence& e, const Method& m) {
  Placement p;
  p.origin = e.origin;
  p.destination = e.destination;
  p.year = e.year;
  p.migrant_stock = e.migrant_stock;
  p.stock_year = e.stock_year;
  p.method_version = m.version;
  std::vector<std::string> gaps;

  // --- motive
  const bool has_motive = e.migrant_stock.has_value() && e.protected_persons.has_value();
  double motive_point = 0;
  if (has_motive) {
    const double stock = *e.migrant_stock;
    const double r = *e.protected_persons;
    const double denominator = std::max(stock, r);
    const double share = denominator > 0 ? r / denominator : 0;
    motive_point = MotiveScore(stock, r, e.protected_before, m.motive_trend_weight);
    EvidenceItem item;
    item.type = "protection_share";
    item.value = share;
    item.score = share;
    item.weight = 1;
    item.direction = share >= m.motive_threshold ? "fear" : "opportunity";
    item.year = e.refugee_year;
    item.sources = e.refugee_sources;
    item.sources.insert(item.sources.end(), e.stock_sources.begin(), e.stock_sources.end());
    item.detail = fmt::format(
        "people in need of protection {:.0f} (UNHCR {}) / migrant stock {:.0f} (UN DESA {})", r,
        e.refugee_year, stock, e.stock_year);
    p.motive.evidence.push_back(std::move(item));
    if (e.protected_before) {
      const double growth = (r - *e.protected_before) / std::max(r, 1.0);
      EvidenceItem trend;
      trend.type = "refugee_trend";
      trend.value = growth;
      trend.score = std::max(0.0, growth);
      trend.weight = m.motive_trend_weight;
      trend.direction = growth > 0 ? "fear" : "opportunity";
      trend.year = e.refugee_year;
      trend.sources = e.refugee_sources;
      trend.detail =
          fmt::format("people in need of protection {:.0f} now vs {:.0f} {} years before", r,
                      *e.protected_before, m.trend_years);
      p.motive.evidence.push_back(std::move(trend));
    }
    p.motive.score = motive_point;
  } else {
    gaps.emplace_back(e.migrant_stock ? "no UNHCR figures near this year"
                                      : "no migrant stock near this year");
    p.gaps.push_back({e.migrant_stock ? "no_refugee_data" : "no_stock", {}});
  }

  // --- match
  std::vector<ScoredSignal> signals;
  double available_weight = 0;
  for (const Signal& s : e.match_signals) {
    const SignalRule* rule = m.FindSignal(s.id);
    if (rule == nullptr) {
      continue;
    }
    const double weight = rule->weight * s.weight_scale;
    const double score = ScoreSignal(*rule, s.value);
    EvidenceItem item;
    item.type = s.id;
    item.value = s.value;
    item.score = score;
    item.weight = weight;
    item.direction = score >= 0.5 ? "strong match" : "weak match";
    item.year = s.year;
    item.sources = s.sources;
    item.detail = s.detail;
    p.match.evidence.push_back(std::move(item));
    if (weight > 0) {
      signals.push_back({rule, &s, weight});
      available_weight += weight;
    }
  }
  std::vector<double> weights;
  std::vector<double> values;
  for (const ScoredSignal& s : signals) {
    weights.push_back(s.weight);
    values.push_back(s.signal->value);
  }
  const bool has_match = available_weight >= m.match_min_weight;
  double match_point = 0;
  if (has_match) {
    match_point = MatchScore(signals, weights, values);
    p.match.score = match_point;
  } else {
    gaps.push_back(fmt::format("match signals weigh {:.2f}, the method needs {:.2f}",
                               available_weight, m.match_min_weight));
    p.gaps.push_back({"match_weight", {available_weight, m.match_min_weight}});
  }

  // --- bootstrap
  std::mt19937_64 rng(CorridorSeed(m, e));
  std::vector<double> match_draws;
  std::vector<double> motive_draws;
  int same_quadrant = 0;
  const int point_quadrant = Quadrant(motive_point, match_point, m);
  const auto jitter = [&](double amount) { return 1.0 + amount * (2.0 * Uniform(rng) - 1.0); };
  for (int r = 0; r < m.replicates; ++r) {
    double motive_r = motive_point;
    if (has_motive) {
      const double r_jittered = *e.protected_persons * jitter(m.value_jitter);
      const double s_jittered = *e.migrant_stock * jitter(m.value_jitter);
      motive_r = MotiveScore(s_jittered, r_jittered, e.protected_before, m.motive_trend_weight);
      motive_draws.push_back(motive_r);
    }
    double match_r = match_point;
    if (has_match) {
      std::vector<ScoredSignal> drawn;
      std::vector<double> w;
      std::vector<double> v;
      for (std::size_t k = 0; k < signals.size(); ++k) {
        const auto pick =
            std::min(signals.size() - 1,
                     static_cast<std::size_t>(Uniform(rng) * static_cast<double>(signals.size())));
        drawn.push_back(signals[pick]);
        w.push_back(signals[pick].weight * jitter(m.weight_jitter));
        v.push_back(signals[pick].signal->value * jitter(m.value_jitter));
      }
      match_r = MatchScore(drawn, w, v);
      match_draws.push_back(match_r);
    }
    same_quadrant += Quadrant(motive_r, match_r, m) == point_quadrant ? 1 : 0;
  }
  const double tail = (1.0 - m.interval) / 2.0;
  const auto set_interval = [&](AxisScore& axis, const std::vector<double>& draws) {
    if (axis.score) {
      axis.interval_low = std::min(*axis.score, Percentile(draws, tail));
      axis.interval_high = std::max(*axis.score, Percentile(draws, 1.0 - tail));
    }
  };
  set_interval(p.motive, motive_draws);
  set_interval(p.match, match_draws);

  if (!gaps.empty()) {
    p.confidence = 0;
    p.note = "not placed: ";
    for (std::size_t i = 0; i < gaps.size(); ++i) {
      p.note += (i > 0 ? "; " : "") + gaps[i];
    }
    return p;
  }
  p.confidence = m.replicates > 0 ? same_quadrant / static_cast<double>(m.replicates) : 0;
  if (p.confidence < m.min_confidence) {
    p.note = fmt::format(
        "not placed: the evidence points to category {} in only {:.0f}% of bootstrap replicates "
        "(the method needs {:.0f}%); the scores lie close to a threshold",
        point_quadrant, p.confidence * 100, m.min_confidence * 100);
    p.gaps.push_back(
        {"low_confidence", {static_cast<double>(point_quadrant), p.confidence, m.min_confidence}});
    return p;
  }
  if (point_quadrant == 1 || point_quadrant == 4) {
    const bool has_gap = std::any_of(e.match_signals.begin(), e.match_signals.end(),
                                     [](const Signal& s) { return s.id == "income_gap"; });
    if (!has_gap && point_quadrant == 4) {
      p.note =
          "not placed: a weak match on the opportunity side needs the income gap between "
          "destination and origin, which is missing";
      p.gaps.push_back({"no_income_gap", {}});
      return p;
    }
    for (const Signal& s : e.match_signals) {
      if (s.id == "income_gap" && s.value < m.min_income_gap) {
        p.note = fmt::format(
            "not placed: the destination is not clearly richer than the origin (income ratio "
            "{:.2f}); the stock likely reflects past, family or return movements, which these "
            "signals cannot judge",
            s.value);
        p.gaps.push_back({"not_richer", {s.value}});
        return p;
      }
    }
  }
  p.category = point_quadrant;
  p.note = CategoryName(point_quadrant);
  return p;
}

}  // namespace kosh::classify
