#include <cstdlib>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "kosh/classify/classify.hpp"

namespace kosh::embedded {
extern const std::string_view kClassifyMethodToml;
}  // namespace kosh::embedded

namespace kosh::classify {

Result<Method> Method::Parse(std::string_view toml_text, std::string_view name) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text, name);
  } catch (const toml::parse_error& e) {
    return DataError(
        std::string(e.description()),
        Location{std::string(name), e.source().begin.line, e.source().begin.column, ""});
  }
  const toml::table& d = doc;
  Method m;
  m.version = d["version"].value_or(std::string());
  if (m.version.empty()) {
    return DataError("the method needs a version", Location{std::string(name), 0, 0, "version"});
  }
  const auto integer = [&](const char* table, const char* key, int fallback) {
    return static_cast<int>(d[table][key].value_or(static_cast<std::int64_t>(fallback)));
  };
  m.stock_years = integer("window", "stock_years", m.stock_years);
  m.refugee_years = integer("window", "refugee_years", m.refugee_years);
  m.indicator_years = integer("window", "indicator_years", m.indicator_years);
  m.remittance_years = integer("window", "remittance_years", m.remittance_years);
  m.trend_years = integer("window", "trend_years", m.trend_years);
  m.min_stock = d["corridors"]["min_stock"].value_or(m.min_stock);
  m.motive_trend_weight = d["motive"]["trend_weight"].value_or(m.motive_trend_weight);
  m.motive_threshold = d["motive"]["threshold"].value_or(m.motive_threshold);
  m.match_threshold = d["match"]["threshold"].value_or(m.match_threshold);
  m.match_min_weight = d["match"]["min_weight"].value_or(m.match_min_weight);
  m.min_income_gap = d["match"]["min_income_gap"].value_or(m.min_income_gap);
  m.replicates = integer("uncertainty", "replicates", m.replicates);
  m.weight_jitter = d["uncertainty"]["weight_jitter"].value_or(m.weight_jitter);
  m.value_jitter = d["uncertainty"]["value_jitter"].value_or(m.value_jitter);
  m.interval = d["uncertainty"]["interval"].value_or(m.interval);
  m.min_confidence = d["uncertainty"]["min_confidence"].value_or(m.min_confidence);
  m.seed = static_cast<std::uint64_t>(d["uncertainty"]["seed"].value_or(std::int64_t{1}));
  if (const toml::array* signals = d["match"]["signal"].as_array()) {
    for (const toml::node& node : *signals) {
      const toml::table* t = node.as_table();
      const auto line = static_cast<std::int64_t>(node.source().begin.line);
      if (t == nullptr) {
        return DataError("[[match.signal]] must be a table", Location{std::string(name), line});
      }
      SignalRule rule;
      rule.id = (*t)["id"].value_or(std::string());
      rule.weight = (*t)["weight"].value_or(1.0);
      const auto low = (*t)["low"].value<double>();
      const auto high = (*t)["high"].value<double>();
      rule.log = (*t)["log"].value_or(false);
      rule.meaning = (*t)["meaning"].value_or(std::string());
      if (rule.id.empty() || !low || !high || rule.weight < 0) {
        return DataError("a signal needs id, low, high and a weight >= 0",
                         Location{std::string(name), line});
      }
      rule.low = *low;
      rule.high = *high;
      if (rule.log && (rule.low <= 0 || rule.high <= 0)) {
        return DataError(fmt::format("signal '{}': log scales need low and high > 0", rule.id),
                         Location{std::string(name), line});
      }
      m.signals.push_back(std::move(rule));
    }
  }
  if (m.replicates < 1 || m.interval <= 0 || m.interval >= 1) {
    return DataError("uncertainty: replicates must be >= 1 and 0 < interval < 1",
                     Location{std::string(name), 0, 0, "uncertainty"});
  }
  return m;
}

const Method& Method::Default() {
  static const Method* method = [] {
    auto parsed = Parse(embedded::kClassifyMethodToml, "data/classify/method.toml");
    if (!parsed) {  // compiled in and tested; failing here is a build defect
      fmt::print(stderr, "kosh: built-in classification method is invalid: {}\n",
                 parsed.error().ToString());
      std::abort();
    }
    return new Method(std::move(parsed).value());
  }();
  return *method;
}

const SignalRule* Method::FindSignal(std::string_view id) const {
  for (const SignalRule& rule : signals) {
    if (rule.id == id) {
      return &rule;
    }
  }
  return nullptr;
}

}  // namespace kosh::classify
