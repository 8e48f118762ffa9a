#include "kosh/classify/classify.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace kosh::classify {
namespace {

// A hand-made corridor: stock, protected persons and match signals with known scores.
CorridorEvidence Corridor(double stock, double protected_persons, std::vector<Signal> signals) {
  CorridorEvidence e;
  e.origin = "AAA";
  e.destination = "BBB";
  e.year = 2020;
  e.migrant_stock = stock;
  e.stock_year = 2020;
  e.protected_persons = protected_persons;
  e.refugee_year = 2020;
  e.match_signals = std::move(signals);
  return e;
}

// Signals that the default method scores as a strong (or weak) match.
std::vector<Signal> StrongSignals() {
  return {{"remittances_per_migrant_vs_origin_income", 1.5, 2021, {1}, "", 1.0},
          {"income_gap", 6.0, 2020, {2}, "", 1.0},
          {"destination_unemployment", 3.0, 2020, {2}, "", 1.0},
          {"destination_ageing", 21.0, 2020, {2}, "", 1.0}};
}

std::vector<Signal> WeakSignals() {
  return {{"remittances_per_migrant_vs_origin_income", 0.04, 2021, {1}, "", 1.0},
          {"income_gap", 1.6, 2020, {2}, "", 1.0},
          {"destination_unemployment", 16.0, 2020, {2}, "", 1.0},
          {"destination_ageing", 4.0, 2020, {2}, "", 1.0}};
}

const Method& M() { return Method::Default(); }

TEST(ClassifyTest, StrongMatchWithoutRefugeesIsCategoryOne) {
  const Placement p = Classify(Corridor(500000, 100, StrongSignals()), M());
  ASSERT_TRUE(p.category.has_value()) << p.note;
  EXPECT_EQ(*p.category, 1);
  EXPECT_GT(p.confidence, 0.9);
  EXPECT_FALSE(p.match.evidence.empty());
  EXPECT_FALSE(p.motive.evidence.empty());
}

TEST(ClassifyTest, StrongMatchAmongRefugeesIsCategoryTwo) {
  const Placement p = Classify(Corridor(100000, 90000, StrongSignals()), M());
  ASSERT_TRUE(p.category.has_value()) << p.note;
  EXPECT_EQ(*p.category, 2);
}

TEST(ClassifyTest, WeakMatchAmongRefugeesIsCategoryThree) {
  const Placement p = Classify(Corridor(100000, 95000, WeakSignals()), M());
  ASSERT_TRUE(p.category.has_value()) << p.note;
  EXPECT_EQ(*p.category, 3);
}

TEST(ClassifyTest, WeakMatchWithoutRefugeesIsCategoryFour) {
  const Placement p = Classify(Corridor(100000, 10, WeakSignals()), M());
  ASSERT_TRUE(p.category.has_value()) << p.note;
  EXPECT_EQ(*p.category, 4);
}

TEST(ClassifyTest, TooLittleMatchEvidenceLeavesTheCorridorUnplaced) {
  const Placement p =
      Classify(Corridor(100000, 10, {{"destination_ageing", 21.0, 2020, {2}, "", 1.0}}), M());
  EXPECT_FALSE(p.category.has_value());
  EXPECT_FALSE(p.match.score.has_value());
  EXPECT_NE(p.note.find("not placed"), std::string::npos);
  EXPECT_EQ(p.confidence, 0);
}

TEST(ClassifyTest, MissingRefugeeDataLeavesTheCorridorUnplaced) {
  CorridorEvidence e = Corridor(100000, 0, StrongSignals());
  e.protected_persons.reset();
  const Placement p = Classify(e, M());
  EXPECT_FALSE(p.category.has_value());
  EXPECT_FALSE(p.motive.score.has_value());
  EXPECT_NE(p.note.find("UNHCR"), std::string::npos);
}

TEST(ClassifyTest, ScoresCloseToAThresholdAreNotPlacedWithFalseConfidence) {
  // Half strong, half weak signals put the match score near 0.5.
  std::vector<Signal> mixed = {{"income_gap", 6.0, 2020, {2}, "", 1.0},
                               {"destination_unemployment", 16.0, 2020, {2}, "", 1.0}};
  const Placement p = Classify(Corridor(100000, 10, mixed), M());
  EXPECT_FALSE(p.category.has_value()) << p.note;
  EXPECT_LT(p.confidence, M().min_confidence);
}

TEST(ClassifyTest, DestinationPoorerThanOriginIsNotCalledDistressed) {
  std::vector<Signal> signals = WeakSignals();
  signals[1].value = 0.5;  // income gap: destination half as rich as origin
  const Placement p = Classify(Corridor(100000, 10, signals), M());
  EXPECT_FALSE(p.category.has_value());
  EXPECT_NE(p.note.find("not clearly richer"), std::string::npos);
}

TEST(ClassifyTest, MoreRefugeesNeverLowerTheMotiveScore) {
  double previous = -1;
  for (double refugees = 0; refugees <= 300000; refugees += 7500) {
    const Placement p = Classify(Corridor(100000, refugees, StrongSignals()), M());
    ASSERT_TRUE(p.motive.score.has_value());
    EXPECT_GE(*p.motive.score, previous) << refugees;
    previous = *p.motive.score;
  }
}

TEST(ClassifyTest, ScoresAndIntervalsStayInTheUnitInterval) {
  for (double stock : {1.0, 1000.0, 1e7}) {
    for (double refugees : {0.0, 10.0, 1e6}) {
      for (const auto& signals : {StrongSignals(), WeakSignals()}) {
        const Placement p = Classify(Corridor(stock, refugees, signals), M());
        for (const AxisScore* axis : {&p.match, &p.motive}) {
          ASSERT_TRUE(axis->score.has_value());
          EXPECT_GE(*axis->score, 0.0);
          EXPECT_LE(*axis->score, 1.0);
          EXPECT_GE(axis->interval_low, 0.0);
          EXPECT_LE(axis->interval_high, 1.0);
          EXPECT_LE(axis->interval_low, *axis->score);
          EXPECT_GE(axis->interval_high, *axis->score);
        }
        EXPECT_GE(p.confidence, 0.0);
        EXPECT_LE(p.confidence, 1.0);
      }
    }
  }
}

TEST(ClassifyTest, RemovingEvidenceWidensTheMatchInterval) {
  // Four signals that disagree a little, then only two of them.
  std::vector<Signal> four = {{"remittances_per_migrant_vs_origin_income", 0.4, 2021, {1}, "", 1},
                              {"income_gap", 2.0, 2020, {2}, "", 1},
                              {"destination_unemployment", 6.0, 2020, {2}, "", 1},
                              {"destination_ageing", 12.0, 2020, {2}, "", 1}};
  std::vector<Signal> two(four.begin(), four.begin() + 2);
  const Placement full = Classify(Corridor(100000, 10, four), M());
  const Placement fewer = Classify(Corridor(100000, 10, two), M());
  ASSERT_TRUE(full.match.score && fewer.match.score);
  const double full_width = full.match.interval_high - full.match.interval_low;
  const double fewer_width = fewer.match.interval_high - fewer.match.interval_low;
  EXPECT_GT(fewer_width, full_width);
}

TEST(ClassifyTest, SameInputGivesTheSamePlacement) {
  const Placement a = Classify(Corridor(100000, 30000, WeakSignals()), M());
  const Placement b = Classify(Corridor(100000, 30000, WeakSignals()), M());
  EXPECT_EQ(a.category, b.category);
  EXPECT_EQ(a.confidence, b.confidence);
  EXPECT_EQ(a.match.interval_low, b.match.interval_low);
  EXPECT_EQ(a.motive.interval_high, b.motive.interval_high);
}

TEST(ClassifyTest, EvidenceCarriesValueScoreWeightDirectionAndSources) {
  const Placement p = Classify(Corridor(500000, 100, StrongSignals()), M());
  ASSERT_EQ(p.match.evidence.size(), 4u);
  for (const EvidenceItem& item : p.match.evidence) {
    EXPECT_FALSE(item.type.empty());
    ASSERT_TRUE(item.score.has_value());
    EXPECT_GT(item.weight, 0);
    EXPECT_FALSE(item.direction.empty());
    EXPECT_FALSE(item.sources.empty());
    EXPECT_GT(item.year, 0);
  }
  EXPECT_EQ(p.method_version, M().version);
}

TEST(ClassifyTest, SignalScoresFollowTheRule) {
  SignalRule linear{"x", 1, 15.0, 3.0, false, ""};  // lower is stronger
  EXPECT_DOUBLE_EQ(ScoreSignal(linear, 15.0), 0.0);
  EXPECT_DOUBLE_EQ(ScoreSignal(linear, 3.0), 1.0);
  EXPECT_DOUBLE_EQ(ScoreSignal(linear, 9.0), 0.5);
  EXPECT_DOUBLE_EQ(ScoreSignal(linear, 1.0), 1.0);
  SignalRule log{"y", 1, 1.0, 100.0, true, ""};
  EXPECT_DOUBLE_EQ(ScoreSignal(log, 10.0), 0.5);
  EXPECT_DOUBLE_EQ(ScoreSignal(log, 0.0), 0.0);
}

TEST(MethodTest, DefaultMethodParsesWithItsSignals) {
  const Method& m = M();
  EXPECT_FALSE(m.version.empty());
  EXPECT_NE(m.FindSignal("income_gap"), nullptr);
  EXPECT_NE(m.FindSignal("refugee_work_rights"), nullptr);
  EXPECT_EQ(m.FindSignal("nope"), nullptr);
}

TEST(MethodTest, RejectsAMethodWithoutVersionOrWithBadSignals) {
  auto no_version = Method::Parse("[motive]\nthreshold = 0.5\n", "m.toml");
  ASSERT_FALSE(no_version.has_value());
  EXPECT_EQ(no_version.error().code(), StatusCode::kDataError);
  auto bad_signal = Method::Parse(
      "version = \"x\"\n[[match.signal]]\nid = \"a\"\nlow = 0.0\nhigh = 1.0\nlog = true\n",
      "m.toml");
  ASSERT_FALSE(bad_signal.has_value());
  EXPECT_EQ(bad_signal.error().location().line, 2);
  auto broken = Method::Parse("version = \n", "m.toml");
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().location().file, "m.toml");
}

}  // namespace
}  // namespace kosh::classify
