#include "kosh/core/period.hpp"

#include <string>

#include <gtest/gtest.h>

namespace kosh {
namespace {

Period ParseOk(const std::string& text) {
  Result<Period> parsed = Period::Parse(text);
  EXPECT_TRUE(parsed.has_value()) << text << ": " << parsed.error().ToString();
  return parsed ? *parsed : Period();
}

TEST(PeriodTest, ParsesYear) {
  const Period p = ParseOk("2020");
  EXPECT_EQ(p.kind(), Period::Kind::kYear);
  EXPECT_EQ(p.start_year(), 2020);
  EXPECT_EQ(p.end_year(), 2020);
  EXPECT_EQ(p.sub(), 0);
  EXPECT_EQ(p, Period::Year(2020));
  EXPECT_EQ(ParseOk(" 1990 "), Period::Year(1990));
}

TEST(PeriodTest, ParsesMonthWithDash) {
  const Period p = ParseOk("2024-03");
  EXPECT_EQ(p.kind(), Period::Kind::kMonth);
  EXPECT_EQ(p.start_year(), 2024);
  EXPECT_EQ(p.sub(), 3);
}

TEST(PeriodTest, ParsesMonthInEurostatStyle) {
  EXPECT_EQ(ParseOk("2024M03"), Period::Month(2024, 3));
  EXPECT_EQ(ParseOk("2024M12"), Period::Month(2024, 12));
}

TEST(PeriodTest, ParsesQuarterWithDash) {
  const Period p = ParseOk("2011-Q1");
  EXPECT_EQ(p.kind(), Period::Kind::kQuarter);
  EXPECT_EQ(p.start_year(), 2011);
  EXPECT_EQ(p.sub(), 1);
  EXPECT_EQ(ParseOk("2011Q4"), Period::Quarter(2011, 4));
}

TEST(PeriodTest, ParsesQuarterInRemittancePricesStyle) {
  EXPECT_EQ(ParseOk("2011_1Q"), Period::Quarter(2011, 1));
  EXPECT_EQ(ParseOk("2014_2Q"), Period::Quarter(2014, 2));
}

TEST(PeriodTest, ParsesSpanWithDashSlashAndEnDash) {
  for (const char* text : {"2015-2020", "2015/2020", "2015\u20132020"}) {
    const Period p = ParseOk(text);
    EXPECT_EQ(p.kind(), Period::Kind::kSpan) << text;
    EXPECT_EQ(p.start_year(), 2015) << text;
    EXPECT_EQ(p.end_year(), 2020) << text;
  }
}

TEST(PeriodTest, RejectsMalformedPeriods) {
  for (const char* text : {"20x0", "2020-13", "2020-00", "2020-2015", "1700", "2300", "", "2020-Q5",
                           "2020-Q0", "2020-1", "2020M3", "abcd-Q1", "1799/1800", "2020-03-01"}) {
    const Result<Period> parsed = Period::Parse(text);
    EXPECT_FALSE(parsed.has_value()) << "accepted '" << text << "'";
    if (!parsed) {
      EXPECT_EQ(parsed.error().code(), StatusCode::kDataError) << text;
      EXPECT_NE(parsed.error().message().find("invalid period"), std::string::npos);
    }
  }
}

TEST(PeriodTest, AcceptsBoundaryYears) {
  EXPECT_EQ(ParseOk("1800"), Period::Year(1800));
  EXPECT_EQ(ParseOk("2200"), Period::Year(2200));
}

TEST(PeriodTest, WritesCanonicalText) {
  EXPECT_EQ(Period::Year(2020).ToString(), "2020");
  EXPECT_EQ(Period::Month(2024, 3).ToString(), "2024-03");
  EXPECT_EQ(Period::Quarter(2011, 1).ToString(), "2011-Q1");
  EXPECT_EQ(Period::Span(2015, 2020).ToString(), "2015/2020");
}

TEST(PeriodTest, RoundTripsThroughText) {
  for (const char* text :
       {"2020", "2024-03", "2024M03", "2011-Q1", "2011_1Q", "2015-2020", "2015/2020"}) {
    const Period p = ParseOk(text);
    EXPECT_EQ(ParseOk(p.ToString()), p) << text << " -> " << p.ToString();
  }
}

TEST(PeriodTest, EncodesFirstAndLastMonthAsKeys) {
  EXPECT_EQ(Period::Year(2020).StartKey(), 202001);
  EXPECT_EQ(Period::Year(2020).EndKey(), 202012);
  EXPECT_EQ(Period::Month(2024, 3).StartKey(), 202403);
  EXPECT_EQ(Period::Month(2024, 3).EndKey(), 202403);
  EXPECT_EQ(Period::Quarter(2011, 2).StartKey(), 201104);
  EXPECT_EQ(Period::Quarter(2011, 2).EndKey(), 201106);
  EXPECT_EQ(Period::Span(2015, 2020).StartKey(), 201501);
  EXPECT_EQ(Period::Span(2015, 2020).EndKey(), 202012);
}

TEST(PeriodTest, RoundTripsThroughKeys) {
  for (const Period& p :
       {Period::Year(1990), Period::Month(2024, 1), Period::Month(2024, 12),
        Period::Quarter(2011, 1), Period::Quarter(2011, 4), Period::Span(2015, 2020)}) {
    EXPECT_EQ(Period::FromKeys(p.kind(), p.StartKey(), p.EndKey()), p) << p.ToString();
  }
}

TEST(PeriodTest, OrdersChronologicallyWithinAKind) {
  EXPECT_LT(Period::Year(1990), Period::Year(2020));
  EXPECT_LT(Period::Month(2024, 2), Period::Month(2024, 3));
}

}  // namespace
}  // namespace kosh
