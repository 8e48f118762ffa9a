#include "kosh/core/indicator.hpp"

#include <string>

#include <gtest/gtest.h>

namespace kosh {
namespace {

constexpr const char* kTwoIndicators = R"(
[[indicator]]
code = "b_thing"
shape = "country"
unit = "persons"
source = "Test B"
series = ["TEST:B"]
meaning = "Second"

[[indicator]]
code = "a_thing"
shape = "bilateral"
unit = "persons"
source = "Test A"
series = ["TEST:A", "TEST:A2"]
meaning = "First"
)";

TEST(IndicatorTest, DefaultRegistryHasMigrantStock) {
  const Indicator* ind = IndicatorRegistry::Default().Find("migrant_stock");
  ASSERT_NE(ind, nullptr);
  EXPECT_EQ(ind->code, "migrant_stock");
  EXPECT_EQ(ind->shape, "bilateral");
  EXPECT_EQ(ind->unit, "persons");
  EXPECT_FALSE(ind->meaning.empty());
}

TEST(IndicatorTest, DefaultRegistryIsSortedAndComplete) {
  const auto& all = IndicatorRegistry::Default().All();
  ASSERT_GE(all.size(), 5u);
  for (std::size_t i = 1; i < all.size(); ++i) {
    EXPECT_LT(all[i - 1].code, all[i].code);
  }
  for (const Indicator& ind : all) {
    EXPECT_TRUE(ind.shape == "bilateral" || ind.shape == "country") << ind.code;
    EXPECT_FALSE(ind.unit.empty()) << ind.code;
  }
  for (const char* code :
       {"migration_flow", "refugees", "remittances_received_usd", "immigrant_stock_total"}) {
    EXPECT_NE(IndicatorRegistry::Default().Find(code), nullptr) << code;
  }
}

TEST(IndicatorTest, FindsIndicatorByPublisherSeries) {
  const Indicator* ind = IndicatorRegistry::Default().FindBySeries("WDI:BX.TRF.PWKR.CD.DT");
  ASSERT_NE(ind, nullptr);
  EXPECT_EQ(ind->code, "remittances_received_usd");
  EXPECT_EQ(IndicatorRegistry::Default().FindBySeries("WDI:NO.SUCH.SERIES"), nullptr);
  EXPECT_EQ(IndicatorRegistry::Default().FindBySeries("BX.TRF.PWKR.CD.DT"), nullptr);
}

TEST(IndicatorTest, SuggestsMigrantStockForMisspelling) {
  const Result<const Indicator*> r = IndicatorRegistry::Default().Resolve("migrant_stok");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kNotFound);
  EXPECT_NE(r.error().message().find("did you mean"), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("migrant_stock"), std::string::npos);
}

TEST(IndicatorTest, ResolvesKnownCodeWithoutError) {
  const Result<const Indicator*> r = IndicatorRegistry::Default().Resolve("migrant_stock");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ((*r)->code, "migrant_stock");
}

TEST(IndicatorTest, ParsesAndSortsIndicators) {
  const Result<IndicatorRegistry> r = IndicatorRegistry::Parse(kTwoIndicators, "test.toml");
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  ASSERT_EQ(r->All().size(), 2u);
  EXPECT_EQ(r->All()[0].code, "a_thing");
  EXPECT_EQ(r->All()[1].code, "b_thing");
  const Indicator* a = r->Find("a_thing");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->series, (std::vector<std::string>{"TEST:A", "TEST:A2"}));
  EXPECT_EQ(r->FindBySeries("TEST:A2"), a);
  EXPECT_EQ(r->Find("c_thing"), nullptr);
}

TEST(IndicatorTest, RejectsDuplicateCode) {
  const std::string text = std::string(kTwoIndicators) + R"(
[[indicator]]
code = "a_thing"
shape = "country"
unit = "persons"
source = "Again"
meaning = "Duplicate"
)";
  const Result<IndicatorRegistry> r = IndicatorRegistry::Parse(text, "dup.toml");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kDataError);
  EXPECT_NE(r.error().message().find("duplicate"), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("a_thing"), std::string::npos);
  EXPECT_EQ(r.error().location().file, "dup.toml");
}

TEST(IndicatorTest, RejectsMissingField) {
  const Result<IndicatorRegistry> r = IndicatorRegistry::Parse(R"(
[[indicator]]
code = "no_unit"
shape = "country"
source = "Test"
meaning = "Lacks a unit"
)",
                                                               "missing.toml");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kDataError);
  EXPECT_NE(r.error().message().find("unit"), std::string::npos) << r.error().message();
  EXPECT_EQ(r.error().location().file, "missing.toml");
  EXPECT_EQ(r.error().location().line, 2);
}

TEST(IndicatorTest, RejectsBadShape) {
  const Result<IndicatorRegistry> r = IndicatorRegistry::Parse(R"(
[[indicator]]
code = "odd"
shape = "trilateral"
unit = "persons"
source = "Test"
meaning = "Wrong shape"
)",
                                                               "shape.toml");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kDataError);
  EXPECT_NE(r.error().message().find("shape"), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("odd"), std::string::npos);
}

TEST(IndicatorTest, RejectsInvalidTomlWithLocation) {
  const Result<IndicatorRegistry> r =
      IndicatorRegistry::Parse("[[indicator]]\ncode = \"x\"\nunit = \n", "broken.toml");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kDataError);
  EXPECT_EQ(r.error().location().file, "broken.toml");
  EXPECT_EQ(r.error().location().line, 3);
  EXPECT_TRUE(r.error().ToString().starts_with("broken.toml:3")) << r.error().ToString();
}

TEST(IndicatorTest, RejectsFileWithoutIndicators) {
  const Result<IndicatorRegistry> r = IndicatorRegistry::Parse("title = \"empty\"\n", "e.toml");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kDataError);
}

}  // namespace
}  // namespace kosh
