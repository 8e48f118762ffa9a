#include "kosh/ingest/mapping.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "kosh/core/indicator.hpp"

namespace kosh::ingest {
namespace {

Status Bad(std::string_view file, const toml::node& node, std::string message) {
  return DataError(std::move(message),
                   Location{std::string(file), static_cast<std::int64_t>(node.source().begin.line),
                            static_cast<std::int64_t>(node.source().begin.column), ""});
}

Result<DimensionRule> ParseRule(std::string_view file, std::string_view key,
                                const toml::node& node) {
  DimensionRule rule;
  if (const auto s = node.value<std::string>()) {  // shorthand: dim = "column"
    rule.column = *s;
    return rule;
  }
  const toml::table* t = node.as_table();
  if (t == nullptr) {
    return Bad(file, node, fmt::format("dimension '{}' must be a table or a column name", key));
  }
  rule.column = (*t)["column"].value_or(std::string());
  if (const auto constant = (*t)["value"].value<std::string>()) {
    rule.constant = *constant;
  } else if (const auto number = (*t)["value"].value<std::int64_t>()) {
    rule.constant = std::to_string(*number);
  }
  if (rule.column.empty() == rule.constant.empty()) {
    return Bad(file, node, fmt::format("dimension '{}' needs exactly one of column or value", key));
  }
  if (const auto codes = (*t)["codes"].value<std::string>()) {
    auto system = ParseCodeSystem(*codes);
    if (!system) {
      return Bad(file, node, system.error().message());
    }
    rule.codes = *system;
  }
  if (const toml::table* map = (*t)["map"].as_table()) {
    for (const auto& [from, to] : *map) {
      const auto target = to.value<std::string>();
      if (!target) {
        return Bad(file, to, fmt::format("map values of '{}' must be strings", key));
      }
      rule.map.emplace(std::string(from.str()), *target);
    }
  }
  rule.skip_unmapped = (*t)["skip_unmapped"].value_or(false);
  rule.month_column = (*t)["month_column"].value_or(std::string());
  rule.end_column = (*t)["end_column"].value_or(std::string());
  return rule;
}

std::vector<std::string> StringList(const toml::node_view<const toml::node>& node) {
  std::vector<std::string> out;
  if (const toml::array* a = node.as_array()) {
    for (const toml::node& item : *a) {
      if (const auto s = item.value<std::string>()) {
        out.push_back(*s);
      }
    }
  }
  return out;
}

}  // namespace

Result<Mapping> Mapping::Parse(std::string_view toml_text, std::string_view name) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text, name);
  } catch (const toml::parse_error& e) {
    return DataError(
        std::string(e.description()),
        Location{std::string(name), e.source().begin.line, e.source().begin.column, ""});
  }
  Mapping m;
  const toml::table& cdoc = doc;
  m.name = cdoc["dataset"]["name"].value_or(std::string(name));
  m.publisher = cdoc["dataset"]["publisher"].value_or(std::string());
  m.license = cdoc["dataset"]["license"].value_or(std::string());
  m.file_name = cdoc["dataset"]["file"].value_or(std::string());
  const std::string delimiter = cdoc["csv"]["delimiter"].value_or(std::string(","));
  const std::string thousands = cdoc["csv"]["thousands"].value_or(std::string());
  if (delimiter.size() != 1 || thousands.size() > 1) {
    return DataError("csv.delimiter must be one character and csv.thousands at most one",
                     Location{std::string(name), 0, 0, "csv"});
  }
  m.delimiter = delimiter[0];
  m.thousands = thousands.empty() ? '\0' : thousands[0];
  m.skip_lines = static_cast<int>(cdoc["csv"]["skip_lines"].value_or(std::int64_t{0}));
  if (cdoc["csv"]["missing"].is_array()) {
    m.missing = StringList(cdoc["csv"]["missing"]);
  }
  if (cdoc["csv"]["suppressed"].is_array()) {
    m.suppressed = StringList(cdoc["csv"]["suppressed"]);
  }
  m.skip_codes = StringList(cdoc["codes"]["skip"]);
  m.skip_unknown_codes = cdoc["codes"]["skip_unknown"].value_or(false);

  if (const toml::table* dims = cdoc["dimensions"].as_table()) {
    for (const auto& [key_node, node] : *dims) {
      const std::string key(key_node.str());
      auto rule = ParseRule(name, key, node);
      if (!rule) {
        return rule.error();
      }
      if (key == "origin") {
        m.origin = *rule;
      } else if (key == "destination") {
        m.destination = *rule;
      } else if (key == "country") {
        m.country = *rule;
      } else if (key == "region") {
        m.region = *rule;
      } else if (key == "period") {
        m.period = *rule;
      } else if (key == "sex") {
        m.sex = *rule;
      } else if (key == "age") {
        m.age = *rule;
      } else if (key == "indicator") {
        m.indicator = *rule;
      } else {
        m.breakdown.emplace(key, *rule);
      }
    }
  }
  if (!m.period) {
    return DataError("[dimensions] needs a period", Location{std::string(name), 0, 0, "period"});
  }
  if (!m.country && !(m.origin && m.destination)) {
    return DataError("[dimensions] needs country, or origin and destination",
                     Location{std::string(name), 0, 0, "dimensions"});
  }
  m.value_column = cdoc["value"]["column"].value_or(std::string());
  m.value_scale = cdoc["value"]["scale"].value_or(1.0);
  if (const toml::array* values = cdoc["values"].as_array()) {
    for (const toml::node& node : *values) {
      const toml::table* t = node.as_table();
      if (t == nullptr) {
        return Bad(name, node, "[[values]] entries must be tables");
      }
      ValueRule v;
      v.column = (*t)["column"].value_or(std::string());
      v.indicator = (*t)["indicator"].value_or(std::string());
      v.scale = (*t)["scale"].value_or(1.0);
      v.unit = (*t)["unit"].value_or(std::string());
      v.age = (*t)["age"].value_or(std::string());
      v.breakdown = (*t)["breakdown"].value_or(std::string());
      if (const auto sex = (*t)["sex"].value<std::string>()) {
        auto parsed = ParseSex(*sex);
        if (!parsed) {
          return Bad(name, node, parsed.error().message());
        }
        v.sex = *parsed;
        v.sex_set = true;
      }
      if (v.column.empty() || v.indicator.empty()) {
        return Bad(name, node, "[[values]] needs column and indicator");
      }
      auto indicator = IndicatorRegistry::Default().Resolve(v.indicator);
      if (!indicator) {
        return Bad(name, node, indicator.error().message());
      }
      m.values.push_back(std::move(v));
    }
  }
  if (m.values.empty() && (m.value_column.empty() || !m.indicator)) {
    return DataError("a mapping needs [[values]], or [value] column with an indicator dimension",
                     Location{std::string(name), 0, 0, "values"});
  }
  return m;
}

Result<Mapping> Mapping::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(StatusCode::kNotFound, fmt::format("{}: cannot open mapping file", path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

}  // namespace kosh::ingest
