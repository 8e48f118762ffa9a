#include "kosh/brief/strings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace kosh::embedded {
extern const std::string_view kBriefStringsToml;
}  // namespace kosh::embedded

namespace kosh::brief {
namespace {

constexpr const char* kLangKeys[3] = {"en", "ru", "kk"};

// U+00A0: Russian and Kazakh group digits with a space that must not break a number.
constexpr const char* kNoBreakSpace = "\u00a0";

}  // namespace

std::vector<std::string> Placeholders(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = text.find('{', pos)) != std::string_view::npos) {
    const std::size_t end = text.find('}', pos);
    if (end == std::string_view::npos) {
      break;
    }
    out.emplace_back(text.substr(pos + 1, end - pos - 1));
    pos = end + 1;
  }
  return out;
}

Result<Strings> Strings::Parse(std::string_view toml_text, std::string_view name) {
  const std::string file(name);
  toml::table doc;
  try {
    doc = toml::parse(toml_text, name);
  } catch (const toml::parse_error& e) {
    return DataError(std::string(e.description()),
                     Location{file, e.source().begin.line, e.source().begin.column, ""});
  }
  const toml::array* list = doc["string"].as_array();
  if (list == nullptr) {
    return DataError("no [[string]] entries", Location{file});
  }
  Strings strings;
  std::set<std::string> ids;
  for (const toml::node& node : *list) {
    const auto line = static_cast<std::int64_t>(node.source().begin.line);
    const auto bad = [&](std::string message) {
      return DataError(std::move(message), Location{file, line});
    };
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      return bad("[[string]] must be a table");
    }
    Entry e;
    e.id = (*t)["id"].value_or(std::string());
    if (e.id.empty()) {
      return bad("a string needs an id");
    }
    if (!ids.insert(e.id).second) {
      return bad(fmt::format("duplicate string id '{}'", e.id));
    }
    for (int l = 0; l < 3; ++l) {
      e.text[l] = (*t)[kLangKeys[l]].value_or(std::string());
      if (e.text[l].empty()) {
        return bad(fmt::format("string '{}' has no {} text", e.id, kLangKeys[l]));
      }
    }
    auto expected = Placeholders(e.text[0]);
    std::sort(expected.begin(), expected.end());
    for (int l = 1; l < 3; ++l) {
      auto got = Placeholders(e.text[l]);
      std::sort(got.begin(), got.end());
      if (got != expected) {
        return bad(fmt::format("string '{}': the {} text's placeholders differ from English", e.id,
                               kLangKeys[l]));
      }
    }
    strings.entries_.push_back(std::move(e));
  }
  return strings;
}

const Strings& Strings::Default() {
  static const Strings* strings = [] {
    auto parsed = Parse(embedded::kBriefStringsToml, "data/brief/strings.toml");
    if (!parsed) {  // compiled in and tested; failing here is a build defect
      fmt::print(stderr, "kosh: built-in brief strings are invalid: {}\n",
                 parsed.error().ToString());
      std::abort();
    }
    return new Strings(std::move(parsed).value());
  }();
  return *strings;
}

std::string Strings::Get(std::string_view id, Lang lang) const {
  for (const Entry& e : entries_) {
    if (e.id == id) {
      return e.text[static_cast<int>(lang)];
    }
  }
  return std::string(id);
}

std::string Strings::Fill(
    std::string_view id, Lang lang,
    const std::vector<std::pair<std::string_view, std::string>>& values) const {
  std::string text = Get(id, lang);
  for (const auto& [key, value] : values) {
    const std::string placeholder = fmt::format("{{{}}}", key);
    for (std::size_t pos = 0; (pos = text.find(placeholder, pos)) != std::string::npos;) {
      text.replace(pos, placeholder.size(), value);
      pos += value.size();
    }
  }
  return text;
}

std::string FormatNumber(double value, Lang lang, int decimals) {
  const bool english = lang == Lang::kEn;
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  std::string fraction;
  if (const std::size_t dot = digits.find('.'); dot != std::string::npos) {
    fraction.push_back(english ? '.' : ',');
    fraction.append(digits, dot + 1);
    digits.resize(dot);
  }
  std::string grouped;
  const std::string separator = english ? "," : kNoBreakSpace;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      grouped += separator;
    }
    grouped += digits[i];
  }
  const bool negative = value < 0 && std::stod(fmt::format("{:.{}f}", value, decimals)) != 0;
  return (negative ? "-" : "") + grouped + fraction;
}

std::string FormatAmount(double value, Lang lang) {
  const double magnitude = std::fabs(value);
  if (magnitude >= 1e9) {
    return Strings::Default().Fill("unit.billion", lang,
                                   {{"amount", FormatNumber(value / 1e9, lang, 1)}});
  }
  if (magnitude >= 1e6) {
    return Strings::Default().Fill("unit.million", lang,
                                   {{"amount", FormatNumber(value / 1e6, lang, 1)}});
  }
  return FormatNumber(value, lang);
}

}  // namespace kosh::brief
