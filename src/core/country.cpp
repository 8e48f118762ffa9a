#include "kosh/core/country.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "country_table.hpp"
#include <fmt/format.h>

#include "kosh/core/text.hpp"

namespace kosh {

Result<Lang> ParseLang(std::string_view text) {
  const std::string folded = text::FoldForLookup(text);
  if (folded == "en") {
    return Lang::kEn;
  }
  if (folded == "ru") {
    return Lang::kRu;
  }
  if (folded == "kk") {
    return Lang::kKk;
  }
  return InvalidArgument(fmt::format("unknown language '{}' (use en, ru or kk)", text));
}

const char* EntityKindName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kCountry:
      return "country";
    case EntityKind::kHistorical:
      return "historical";
    case EntityKind::kSpecial:
      return "special";
    case EntityKind::kAggregate:
      return "aggregate";
  }
  return "country";
}

Result<CodeSystem> ParseCodeSystem(std::string_view text) {
  static const std::pair<std::string_view, CodeSystem> kNames[] = {
      {"any", CodeSystem::kAny},           {"iso3", CodeSystem::kIso3},
      {"iso2", CodeSystem::kIso2},         {"m49", CodeSystem::kM49},
      {"unhcr", CodeSystem::kUnhcr},       {"cepii", CodeSystem::kCepii},
      {"eurostat", CodeSystem::kEurostat}, {"name", CodeSystem::kName},
  };
  for (const auto& [name, system] : kNames) {
    if (name == text) {
      return system;
    }
  }
  return InvalidArgument(fmt::format(
      "unknown code system '{}' (use any, iso3, iso2, m49, unhcr, cepii, eurostat or name)", text));
}

std::string_view Country::Name(Lang lang) const {
  switch (lang) {
    case Lang::kRu:
      return name_ru.empty() ? name_en : name_ru;
    case Lang::kKk:
      return name_kk.empty() ? name_en : name_kk;
    case Lang::kEn:
      break;
  }
  return name_en;
}

struct CountryRegistry::Index {
  std::map<std::string, const Country*, std::less<>> iso3;
  std::map<std::string, const Country*, std::less<>> iso2;
  std::map<std::string, const Country*, std::less<>> m49;
  std::map<std::string, const Country*, std::less<>> names;  // folded
  // Publisher code lists: "any", "unhcr", "cepii", "eurostat" -> code -> country.
  std::map<std::string, std::map<std::string, const Country*, std::less<>>, std::less<>> aliases;
};

namespace {

const Country* Lookup(const std::map<std::string, const Country*, std::less<>>& map,
                      std::string_view key) {
  const auto it = map.find(key);
  return it == map.end() ? nullptr : it->second;
}

}  // namespace

CountryRegistry::CountryRegistry() {
  auto* index = new Index();  // lives as long as the program, like the table it indexes
  std::map<std::string_view, const Country*> by_code;
  for (std::size_t i = 0; i < internal::kCountryTableSize; ++i) {
    const Country& c = internal::kCountryTable[i];
    by_code.emplace(c.code, &c);
    index->iso3.emplace(std::string(c.code), &c);
    // Current entities win alpha-2 and M49 codes over historical ones that reused them.
    const bool current = c.kind == EntityKind::kCountry;
    if (!c.iso2.empty() && (current || !index->iso2.contains(c.iso2))) {
      index->iso2.insert_or_assign(std::string(c.iso2), &c);
    }
    if (!c.m49.empty() && (current || !index->m49.contains(c.m49))) {
      index->m49.insert_or_assign(std::string(c.m49), &c);
    }
  }
  for (std::size_t i = 0; i < internal::kCodeAliasesSize; ++i) {
    const auto& alias = internal::kCodeAliases[i];
    index->aliases[std::string(alias.system)].emplace(std::string(alias.code),
                                                      by_code.at(alias.target));
  }
  for (std::size_t i = 0; i < internal::kNameAliasesSize; ++i) {
    const auto& alias = internal::kNameAliases[i];
    index->names.emplace(text::FoldForLookup(alias.name), by_code.at(alias.code));
  }
  index_ = index;
}

const CountryRegistry& CountryRegistry::Default() {
  static const CountryRegistry* registry = new CountryRegistry();
  return *registry;
}

std::span<const Country> CountryRegistry::All() const {
  return {internal::kCountryTable, internal::kCountryTableSize};
}

const Country* CountryRegistry::Find(std::string_view input, CodeSystem system) const {
  const std::string_view trimmed = text::Trim(input);
  if (trimmed.empty()) {
    return nullptr;
  }
  const std::string upper = text::ToUpperAscii(trimmed);
  const auto alias = [&](std::string_view list) -> const Country* {
    const auto it = index_->aliases.find(list);
    return it == index_->aliases.end() ? nullptr : Lookup(it->second, upper);
  };
  const auto m49 = [&]() -> const Country* {
    if (upper.size() > 3 || upper.find_first_not_of("0123456789") != std::string::npos) {
      return nullptr;
    }
    return Lookup(index_->m49, std::string(3 - upper.size(), '0') + upper);
  };
  switch (system) {
    case CodeSystem::kIso3:
      return Lookup(index_->iso3, upper);
    case CodeSystem::kIso2:
      return Lookup(index_->iso2, upper);
    case CodeSystem::kM49:
      return m49();
    case CodeSystem::kUnhcr:
      return alias("unhcr");
    case CodeSystem::kCepii: {
      const Country* c = alias("cepii");
      return c != nullptr ? c : Lookup(index_->iso3, upper);
    }
    case CodeSystem::kEurostat: {
      const Country* c = alias("eurostat");
      if (c == nullptr) {
        c = Lookup(index_->iso2, upper);
      }
      return c != nullptr ? c : Lookup(index_->iso3, upper);
    }
    case CodeSystem::kName:
      return Lookup(index_->names, text::FoldForLookup(trimmed));
    case CodeSystem::kAny:
      break;
  }
  if (const Country* c = Lookup(index_->iso3, upper)) {
    return c;
  }
  if (upper.size() == 2) {
    if (const Country* c = Lookup(index_->iso2, upper)) {
      return c;
    }
  }
  if (const Country* c = m49()) {
    return c;
  }
  if (const Country* c = alias("any")) {
    return c;
  }
  return Lookup(index_->names, text::FoldForLookup(trimmed));
}

namespace {

std::size_t CodePointCount(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::vector<std::string> CountryRegistry::Suggest(std::string_view input, std::size_t max) const {
  const std::string folded = text::FoldForLookup(input);
  const std::string upper = text::ToUpperAscii(text::Trim(input));
  const std::size_t length = CodePointCount(folded);
  std::vector<std::pair<std::size_t, std::string>> scored;
  const auto label = [](const Country* c) { return fmt::format("{} ({})", c->code, c->name_en); };
  // Allow about one edit per three characters (in code points), at least one.
  const std::size_t budget = std::max<std::size_t>(1, length / 3);
  const auto consider_code = [&](const auto& map) {
    for (const auto& [code, country] : map) {
      if (country->kind == EntityKind::kAggregate) {
        continue;
      }
      const std::size_t distance = text::EditDistance(upper, code);
      if (distance <= 1) {
        scored.emplace_back(distance, label(country));
      }
    }
  };
  if (length <= 4) {  // looks like a code: compare with codes of similar length
    const bool digits =
        !upper.empty() && upper.find_first_not_of("0123456789") == std::string::npos;
    if (digits) {
      consider_code(index_->m49);
    } else {
      consider_code(index_->iso3);
      if (length <= 3) {
        consider_code(index_->iso2);
      }
    }
  }
  for (const auto& [name, country] : index_->names) {
    // Prefix matches help with truncated names ("Kazak" -> Kazakhstan).
    if (length >= 4 && name.starts_with(folded)) {
      scored.emplace_back(0, label(country));
      continue;
    }
    const std::size_t distance = text::EditDistance(folded, name);
    if (distance <= budget) {
      scored.emplace_back(distance, label(country));
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& [distance, text] : scored) {
    if (std::find(out.begin(), out.end(), text) == out.end()) {
      out.push_back(std::move(text));
    }
    if (out.size() == max) {
      break;
    }
  }
  return out;
}

Result<const Country*> CountryRegistry::Resolve(std::string_view input, CodeSystem system) const {
  if (const Country* c = Find(input, system)) {
    return c;
  }
  std::string message = fmt::format("unknown country '{}'", input);
  const std::vector<std::string> suggestions = Suggest(input);
  if (!suggestions.empty()) {
    message += fmt::format(" (did you mean {}?)", fmt::join(suggestions, ", "));
  }
  return Status(StatusCode::kNotFound, message);
}

}  // namespace kosh
