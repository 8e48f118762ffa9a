#include "kosh/core/indicator.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "kosh/core/text.hpp"

namespace kosh {

namespace embedded {
extern const std::string_view kIndicatorsToml;
}  // namespace embedded

Result<IndicatorRegistry> IndicatorRegistry::Parse(std::string_view toml_text,
                                                   std::string_view name) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text, name);
  } catch (const toml::parse_error& e) {
    return DataError(std::string(e.description()),
                     Location{std::string(name), e.source().begin.line, e.source().begin.column});
  }
  IndicatorRegistry registry;
  const toml::array* list = doc["indicator"].as_array();
  if (list == nullptr) {
    return DataError("no [[indicator]] entries", Location{std::string(name)});
  }
  for (const toml::node& node : *list) {
    const toml::table* t = node.as_table();
    const auto line = static_cast<std::int64_t>(node.source().begin.line);
    if (t == nullptr) {
      return DataError("[[indicator]] must be a table", Location{std::string(name), line});
    }
    Indicator ind;
    for (const auto& [key, target] : {std::pair<const char*, std::string*>{"code", &ind.code},
                                      {"meaning", &ind.meaning},
                                      {"unit", &ind.unit},
                                      {"shape", &ind.shape},
                                      {"source", &ind.source}}) {
      const auto value = (*t)[key].value<std::string>();
      if (!value || value->empty()) {
        return DataError(fmt::format("indicator is missing '{}'", key),
                         Location{std::string(name), line});
      }
      *target = *value;
    }
    if (const toml::array* series = (*t)["series"].as_array()) {
      for (const toml::node& code : *series) {
        if (const auto text = code.value<std::string>()) {
          ind.series.push_back(*text);
        }
      }
    }
    if (ind.shape != "bilateral" && ind.shape != "country") {
      return DataError(fmt::format("indicator '{}': shape must be bilateral or country", ind.code),
                       Location{std::string(name), line});
    }
    registry.indicators_.push_back(std::move(ind));
  }
  std::sort(registry.indicators_.begin(), registry.indicators_.end(),
            [](const Indicator& a, const Indicator& b) { return a.code < b.code; });
  for (std::size_t i = 1; i < registry.indicators_.size(); ++i) {
    if (registry.indicators_[i].code == registry.indicators_[i - 1].code) {
      return DataError(fmt::format("duplicate indicator code '{}'", registry.indicators_[i].code),
                       Location{std::string(name)});
    }
  }
  return registry;
}

const IndicatorRegistry& IndicatorRegistry::Default() {
  static const IndicatorRegistry* registry = [] {
    auto parsed = Parse(embedded::kIndicatorsToml, "data/indicators.toml");
    // The file is compiled in and checked by tests; failing here is a build defect.
    if (!parsed) {
      fmt::print(stderr, "kosh: built-in indicator registry is invalid: {}\n",
                 parsed.error().ToString());
      std::abort();
    }
    return new IndicatorRegistry(std::move(parsed).value());
  }();
  return *registry;
}

const Indicator* IndicatorRegistry::Find(std::string_view code) const {
  const auto it =
      std::lower_bound(indicators_.begin(), indicators_.end(), code,
                       [](const Indicator& a, std::string_view c) { return a.code < c; });
  return (it != indicators_.end() && it->code == code) ? &*it : nullptr;
}

const Indicator* IndicatorRegistry::FindBySeries(std::string_view publisher_code) const {
  for (const Indicator& ind : indicators_) {
    for (const std::string& series : ind.series) {
      if (series == publisher_code) {
        return &ind;
      }
    }
  }
  return nullptr;
}

Result<const Indicator*> IndicatorRegistry::Resolve(std::string_view code) const {
  if (const Indicator* ind = Find(code)) {
    return ind;
  }
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const Indicator& ind : indicators_) {
    const std::size_t d = text::EditDistance(code, ind.code);
    if (d <= std::max<std::size_t>(2, code.size() / 3) ||
        (code.size() >= 4 && ind.code.find(code) != std::string::npos)) {
      scored.emplace_back(d, ind.code);
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string message = fmt::format("unknown indicator '{}'", code);
  if (!scored.empty()) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) {
      names.push_back(scored[i].second);
    }
    message += fmt::format(" (did you mean {}?)", fmt::join(names, ", "));
  } else {
    message += " (run `kosh query --list` to see them)";
  }
  return Status(StatusCode::kNotFound, message);
}

}  // namespace kosh
