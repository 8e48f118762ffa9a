// The country registry: ISO 3166-1 countries with their UN M49 regions, historical
// entities that migration tables still use (SUN, YUG, CSK ...), special rows (unknown
// origin, stateless), World Bank and Eurostat aggregates, and the codes other publishers
// use for the same places (UNHCR, CEPII legacy, Eurostat EL/UK).
//
// The table is generated at build time from Debian's iso-codes package (names in English,
// Russian and Kazakh from its gettext catalogues) and the files in data/codes/ and
// data/embedded/country_codes/. It is immutable and safe to share between threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kosh/core/result.hpp"

namespace kosh {

enum class Lang : std::uint8_t { kEn, kRu, kKk };
Result<Lang> ParseLang(std::string_view text);

enum class EntityKind : std::uint8_t {
  kCountry,     // a current ISO 3166-1 entry (or CHI/XKX, which publishers treat as one)
  kHistorical,  // dissolved; valid_to says when
  kSpecial,     // unknown origin, stateless, "other"
  kAggregate,   // a publisher's regional or income group (WLD, ECS, EU27_2020 ...)
};
const char* EntityKindName(EntityKind kind);

// Which publisher's code list a code comes from. kAny tries ISO first, then names.
enum class CodeSystem : std::uint8_t { kAny, kIso3, kIso2, kM49, kUnhcr, kCepii, kEurostat, kName };
Result<CodeSystem> ParseCodeSystem(std::string_view text);

struct Country {
  std::string_view code;  // canonical: ISO alpha-3, or kosh's code for non-ISO entities
  std::string_view iso2;
  std::string_view m49;  // three digits, empty when none
  std::string_view name_en;
  std::string_view name_ru;
  std::string_view name_kk;
  std::string_view region;        // UN M49 region name, e.g. "Asia"
  std::string_view subregion;     // e.g. "Central Asia"
  std::string_view intermediate;  // e.g. "Eastern Africa", often empty
  std::string_view region_code;
  std::string_view subregion_code;
  std::string_view unhcr_code;
  EntityKind kind = EntityKind::kCountry;
  std::string_view valid_from;  // ISO date or year; empty = open
  std::string_view valid_to;

  std::string_view Name(Lang lang) const;
};

class CountryRegistry {
 public:
  // The registry built into the binary.
  static const CountryRegistry& Default();

  std::span<const Country> All() const;

  // Exact lookup, case-insensitive: a code of `system` (or, for kAny, an ISO alpha-3,
  // alpha-2 or M49 code, a publisher alias, or a name in en/ru/kk). nullptr if unknown.
  const Country* Find(std::string_view text, CodeSystem system = CodeSystem::kAny) const;

  // Like Find, but an unknown text becomes kNotFound with "did you mean ..." in the message.
  Result<const Country*> Resolve(std::string_view text, CodeSystem system = CodeSystem::kAny) const;

  // Up to `max` close codes or names, best first, for "did you mean".
  std::vector<std::string> Suggest(std::string_view text, std::size_t max = 3) const;

  struct Index;  // lookup tables, built once

 private:
  CountryRegistry();
  const Index* index_;
};

}  // namespace kosh
