// Classification through the engine on a hand-made store whose figures put one corridor
// in each quadrant and leave one unplaced — the known answers of the method in
// data/classify/method.toml, worked out in the comments.
#include <filesystem>

#include <gtest/gtest.h>
#include <unistd.h>

#include "kosh/core/country.hpp"
#include "kosh/engine/engine.hpp"

namespace kosh::engine {
namespace {

namespace fs = std::filesystem;

class QuadrantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/kosh_quadrants_XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    auto opened = store::Store::Open(dir_ + "/kosh.db");
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->Migrate().has_value());
    store::NewSource source;
    source.name = "hand-made.csv";
    source.dataset = "hand-made";
    source.sha256 = std::string(64, 'a');
    source.format = "csv";
    source.importer_version = "test";
    auto tx = store_->BeginImport(source);
    ASSERT_TRUE(tx.has_value()) << tx.error().ToString();
    tx_ = tx->get();
    // Q1 IND -> DEU: no refugees; income gap 60000/7000 = 8.6, unemployment 3.2 %, 65+ 22 %,
    //    remittances 6000 US$ per migrant = 0.86 of origin income: every signal strong.
    Bilateral("migrant_stock", "IND", "DEU", 500000);
    Bilateral("remittances_bilateral", "IND", "DEU", 3000);  // million US$
    // Q2 SYR -> DEU: 700000 of 800000 in need of protection; the same strong destination.
    Bilateral("migrant_stock", "SYR", "DEU", 800000);
    Bilateral("refugees", "SYR", "DEU", 700000);
    Bilateral("remittances_bilateral", "SYR", "DEU", 1500);
    // Q3 SYR -> LBN: 850000 of 900000 refugees; income gap 2, unemployment 14 %, 65+ 8 %,
    //    no right to work in practice (1 of 5), almost no remittances: weak.
    Bilateral("migrant_stock", "SYR", "LBN", 900000);
    Bilateral("refugees", "SYR", "LBN", 850000);
    Bilateral("remittances_bilateral", "SYR", "LBN", 20);
    // Q4 HTI -> DOM: 500 refugees of 500000; income gap 1.9, unemployment 14 %, 65+ 7.5 %,
    //    remittances 60 US$ per migrant: weak, on the opportunity side.
    Bilateral("migrant_stock", "HTI", "DOM", 500000);
    Bilateral("refugees", "HTI", "DOM", 500);
    Bilateral("remittances_bilateral", "HTI", "DOM", 30);
    // Null FJI -> TUV: a stock, but no income, labour or remittance figure at all.
    Bilateral("migrant_stock", "FJI", "TUV", 2000);
    Single("gdp_per_capita_ppp", "DEU", 60000);
    Single("gdp_per_capita_ppp", "IND", 7000);
    Single("gdp_per_capita_ppp", "SYR", 3000);
    Single("gdp_per_capita_ppp", "LBN", 6000);
    Single("gdp_per_capita_ppp", "HTI", 3000);
    Single("gdp_per_capita_ppp", "DOM", 5700);
    Single("unemployment_pct", "DEU", 3.2);
    Single("unemployment_pct", "LBN", 14);
    Single("unemployment_pct", "DOM", 14);
    Single("population_65_plus_pct", "DEU", 22);
    Single("population_65_plus_pct", "LBN", 8);
    Single("population_65_plus_pct", "DOM", 7.5);
    Single("refugee_work_rights", "DEU", 4, "aspect=de_facto");
    Single("refugee_work_rights", "LBN", 1, "aspect=de_facto");
    auto committed = tx->get()->Commit();
    ASSERT_TRUE(committed.has_value()) << committed.error().ToString();
    tx->reset();
  }

  void TearDown() override {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void Add(Observation o) {
    o.period = Period::Year(2020);
    o.line = ++line_;
    const Status added = tx_->Add(o);
    ASSERT_TRUE(added.ok()) << added.ToString();
  }
  void Bilateral(const char* indicator, const char* origin, const char* destination, double value) {
    Observation o;
    o.indicator = indicator;
    o.origin = CountryRegistry::Default().Find(origin);
    o.destination = CountryRegistry::Default().Find(destination);
    o.value = value;
    Add(o);
  }
  void Single(const char* indicator, const char* country, double value,
              const char* breakdown = "") {
    Observation o;
    o.indicator = indicator;
    o.country = CountryRegistry::Default().Find(country);
    o.value = value;
    o.breakdown = breakdown;
    Add(o);
  }

  classify::Placement Place(const char* origin, const char* destination) {
    ClassifyRequest request;
    request.origin = origin;
    request.destination = destination;
    request.year = 2020;
    auto placements = ClassifyCorridors(*store_, request);
    EXPECT_TRUE(placements.has_value()) << placements.error().ToString();
    if (!placements || placements->size() != 1) {
      ADD_FAILURE() << origin << " -> " << destination << ": expected one placement";
      return {};
    }
    return placements->front();
  }

  std::string dir_;
  std::unique_ptr<store::Store> store_;
  store::ImportTransaction* tx_ = nullptr;
  std::int64_t line_ = 0;
};

TEST_F(QuadrantsTest, EachHandMadeCorridorLandsInItsQuadrant) {
  const struct {
    const char* origin;
    const char* destination;
    int category;
  } expected[] = {{"IND", "DEU", 1}, {"SYR", "DEU", 2}, {"SYR", "LBN", 3}, {"HTI", "DOM", 4}};
  for (const auto& e : expected) {
    const classify::Placement p = Place(e.origin, e.destination);
    ASSERT_TRUE(p.category.has_value()) << e.origin << " -> " << e.destination << ": " << p.note;
    EXPECT_EQ(*p.category, e.category) << e.origin << " -> " << e.destination << ": " << p.note;
    EXPECT_GE(p.confidence, 0.6) << e.origin << " -> " << e.destination;
    EXPECT_EQ(p.stock_year, 2020);
    for (const auto* axis : {&p.match, &p.motive}) {
      for (const auto& item : axis->evidence) {
        EXPECT_EQ(item.year, 2020) << item.type;
        EXPECT_FALSE(item.sources.empty()) << item.type;
      }
    }
  }
}

TEST_F(QuadrantsTest, ACorridorWithoutMatchEvidenceIsNotPlaced) {
  const classify::Placement p = Place("FJI", "TUV");
  EXPECT_FALSE(p.category.has_value());
  ASSERT_FALSE(p.gaps.empty());
  EXPECT_EQ(p.gaps.front().code, "match_weight");
  EXPECT_NE(p.note.find("not placed"), std::string::npos);
}

TEST_F(QuadrantsTest, AYearOutsideTheWindowsHasNoEvidence) {
  ClassifyRequest request;
  request.origin = "IND";
  request.destination = "DEU";
  request.year = 2005;  // the figures are for 2020, beyond every window
  auto placements = ClassifyCorridors(*store_, request);
  ASSERT_TRUE(placements.has_value());
  ASSERT_EQ(placements->size(), 1u);
  EXPECT_FALSE(placements->front().category.has_value());
  EXPECT_FALSE(placements->front().migrant_stock.has_value());
}

}  // namespace
}  // namespace kosh::engine
