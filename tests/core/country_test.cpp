#include "kosh/core/country.hpp"

#include <string>

#include <gtest/gtest.h>

namespace kosh {
namespace {

const CountryRegistry& Registry() { return CountryRegistry::Default(); }

// The canonical code of what `text` finds, or "(none)".
std::string CodeOf(std::string_view text, CodeSystem system = CodeSystem::kAny) {
  const Country* c = Registry().Find(text, system);
  return c == nullptr ? "(none)" : std::string(c->code);
}

TEST(CountryTest, FindsByAlpha3AnyCase) {
  EXPECT_EQ(CodeOf("KAZ"), "KAZ");
  EXPECT_EQ(CodeOf("kaz"), "KAZ");
  EXPECT_EQ(CodeOf(" KAZ "), "KAZ");
  EXPECT_EQ(CodeOf("KAZ", CodeSystem::kIso3), "KAZ");
}

TEST(CountryTest, FindsByAlpha2) {
  EXPECT_EQ(CodeOf("KZ"), "KAZ");
  EXPECT_EQ(CodeOf("kz", CodeSystem::kIso2), "KAZ");
  EXPECT_EQ(CodeOf("DE", CodeSystem::kIso2), "DEU");
}

TEST(CountryTest, FindsByM49WithAndWithoutLeadingZeros) {
  EXPECT_EQ(CodeOf("398"), "KAZ");
  EXPECT_EQ(CodeOf("398", CodeSystem::kM49), "KAZ");
  EXPECT_EQ(CodeOf("4", CodeSystem::kM49), "AFG");
  EXPECT_EQ(CodeOf("004"), "AFG");
  EXPECT_EQ(CodeOf("4"), "AFG");
  EXPECT_EQ(CodeOf("1234", CodeSystem::kM49), "(none)");
}

TEST(CountryTest, KeepsCodeSystemsApart) {
  EXPECT_EQ(CodeOf("KAZ", CodeSystem::kIso2), "(none)");
  EXPECT_EQ(CodeOf("KZ", CodeSystem::kIso3), "(none)");
  EXPECT_EQ(CodeOf("Kazakhstan", CodeSystem::kIso3), "(none)");
}

TEST(CountryTest, FindsByNameInEnglishRussianAndKazakh) {
  EXPECT_EQ(CodeOf("Kazakhstan"), "KAZ");
  EXPECT_EQ(CodeOf("Казахстан"), "KAZ");
  EXPECT_EQ(CodeOf("Қазақстан"), "KAZ");
  EXPECT_EQ(CodeOf("Қазақстан", CodeSystem::kName), "KAZ");
}

TEST(CountryTest, FindsNamesWithoutCase) {
  EXPECT_EQ(CodeOf("KAZAKHSTAN"), "KAZ");
  EXPECT_EQ(CodeOf("казахстан"), "KAZ");
  EXPECT_EQ(CodeOf("ҚАЗАҚСТАН"), "KAZ");
  EXPECT_EQ(CodeOf("  kazakhstan  "), "KAZ");
}

TEST(CountryTest, GivesNamesInEachLanguage) {
  const Country* kaz = Registry().Find("KAZ");
  ASSERT_NE(kaz, nullptr);
  EXPECT_EQ(kaz->Name(Lang::kEn), "Kazakhstan");
  EXPECT_EQ(kaz->Name(Lang::kRu), "Казахстан");
  EXPECT_EQ(kaz->Name(Lang::kKk), "Қазақстан");
  EXPECT_EQ(kaz->iso2, "KZ");
  EXPECT_EQ(kaz->m49, "398");
  EXPECT_EQ(kaz->kind, EntityKind::kCountry);
}

TEST(CountryTest, PlacesKazakhstanInCentralAsia) {
  const Country* kaz = Registry().Find("KAZ");
  ASSERT_NE(kaz, nullptr);
  EXPECT_EQ(kaz->region, "Asia");
  EXPECT_EQ(kaz->subregion, "Central Asia");
  for (const char* code : {"KGZ", "TJK", "TKM", "UZB"}) {
    const Country* c = Registry().Find(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_EQ(c->subregion, "Central Asia") << code;
  }
}

TEST(CountryTest, ReadsUnhcrCodes) {
  EXPECT_EQ(CodeOf("GFR", CodeSystem::kUnhcr), "DEU");
  EXPECT_EQ(CodeOf("UKN", CodeSystem::kUnhcr), "UNK");
  EXPECT_EQ(CodeOf("STA", CodeSystem::kUnhcr), "XXA");
}

TEST(CountryTest, ReadsAusAsAustriaInUnhcrButAustraliaInIso) {
  EXPECT_EQ(CodeOf("AUS", CodeSystem::kUnhcr), "AUT");
  EXPECT_EQ(CodeOf("AUS", CodeSystem::kIso3), "AUS");
  EXPECT_EQ(CodeOf("AUS"), "AUS");
  const Country* aus = Registry().Find("AUS");
  ASSERT_NE(aus, nullptr);
  EXPECT_EQ(aus->name_en, "Australia");
}

TEST(CountryTest, ReadsCepiiLegacyCodes) {
  EXPECT_EQ(CodeOf("ROM", CodeSystem::kCepii), "ROU");
  EXPECT_EQ(CodeOf("ZAR", CodeSystem::kCepii), "COD");
  EXPECT_EQ(CodeOf("TMP", CodeSystem::kCepii), "TLS");
  // CEPII files also use plain ISO codes.
  EXPECT_EQ(CodeOf("FRA", CodeSystem::kCepii), "FRA");
  // The legacy codes are known without naming the system as well.
  EXPECT_EQ(CodeOf("ROM"), "ROU");
  EXPECT_EQ(CodeOf("ZAR"), "COD");
}

TEST(CountryTest, ReadsEurostatCodes) {
  EXPECT_EQ(CodeOf("EL", CodeSystem::kEurostat), "GRC");
  EXPECT_EQ(CodeOf("UK", CodeSystem::kEurostat), "GBR");
  EXPECT_EQ(CodeOf("DE", CodeSystem::kEurostat), "DEU");
  EXPECT_EQ(CodeOf("EL", CodeSystem::kIso2), "(none)");
}

TEST(CountryTest, KnowsHistoricalEntitiesWithEndDates) {
  for (const char* code : {"SUN", "YUG", "CSK"}) {
    const Country* c = Registry().Find(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_EQ(c->code, code);
    EXPECT_EQ(c->kind, EntityKind::kHistorical) << code;
    EXPECT_FALSE(c->valid_to.empty()) << code;
  }
  EXPECT_EQ(Registry().Find("SUN")->valid_to, "1991-12-26");
  EXPECT_STREQ(EntityKindName(EntityKind::kHistorical), "historical");
}

TEST(CountryTest, CurrentCountriesWinReusedCodesOverHistoricalOnes) {
  // Serbia and Montenegro (historical) used CS; Czechoslovakia too. Neither is current,
  // but M49 891 and alpha-2 lookups must not crash or return a current country wrongly.
  const Country* cs = Registry().Find("CS", CodeSystem::kIso2);
  ASSERT_NE(cs, nullptr);
  EXPECT_EQ(cs->kind, EntityKind::kHistorical);
  EXPECT_EQ(CodeOf("810", CodeSystem::kM49), "SUN");
}

TEST(CountryTest, KnowsSpecialEntities) {
  for (const char* code : {"UNK", "XXA", "TIB", "XXX"}) {
    const Country* c = Registry().Find(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_EQ(c->kind, EntityKind::kSpecial) << code;
  }
  EXPECT_EQ(Registry().Find("XXA")->name_en, "Stateless");
}

TEST(CountryTest, KnowsAggregates) {
  const Country* world = Registry().Find("WLD");
  ASSERT_NE(world, nullptr);
  EXPECT_EQ(world->kind, EntityKind::kAggregate);
}

TEST(CountryTest, ListsEveryCurrentCountryOnce) {
  int countries = 0;
  int kaz = 0;
  for (const Country& c : Registry().All()) {
    countries += c.kind == EntityKind::kCountry ? 1 : 0;
    kaz += c.code == "KAZ" ? 1 : 0;
  }
  EXPECT_GE(countries, 240);
  EXPECT_EQ(kaz, 1);
}

TEST(CountryTest, ResolvesKnownCountries) {
  const Result<const Country*> r = Registry().Resolve("Kazakhstan");
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ((*r)->code, "KAZ");
}

TEST(CountryTest, SuggestsKazakhstanForMisspelling) {
  const Result<const Country*> r = Registry().Resolve("Kazakstan");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kNotFound);
  EXPECT_NE(r.error().message().find("did you mean"), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("KAZ"), std::string::npos) << r.error().message();
}

TEST(CountryTest, ReturnsNothingForEmptyOrUnknownText) {
  EXPECT_EQ(Registry().Find(""), nullptr);
  EXPECT_EQ(Registry().Find("   "), nullptr);
  EXPECT_EQ(Registry().Find("Atlantis"), nullptr);
  EXPECT_FALSE(Registry().Resolve("QQQ").has_value());
}

TEST(CountryTest, ParsesLanguagesAndCodeSystems) {
  ASSERT_TRUE(ParseLang("kk").has_value());
  EXPECT_EQ(*ParseLang("KK"), Lang::kKk);
  EXPECT_EQ(ParseLang("de").error().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(ParseCodeSystem("unhcr").has_value());
  EXPECT_EQ(*ParseCodeSystem("unhcr"), CodeSystem::kUnhcr);
  EXPECT_FALSE(ParseCodeSystem("fips").has_value());
}

}  // namespace
}  // namespace kosh
