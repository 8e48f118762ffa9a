// The brief's parts on hand-made inputs: strings, numbers, charts, recommendations and the
// three output formats.
#include "kosh/brief/brief.hpp"

#include <algorithm>
#include <regex>
#include <set>
#include <string>

#include "../../src/brief/chart.hpp"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kosh/brief/strings.hpp"
#include "kosh/policy/recommend.hpp"

namespace kosh::brief {
namespace {

bool HasCyrillic(const std::string& text) {
  // Cyrillic letters are U+0400-U+04FF: UTF-8 lead bytes 0xD0-0xD3.
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0xD0 && b <= 0xD3;
  });
}

TEST(StringsTest, EveryStringIsTranslated) {
  const Strings& s = Strings::Default();
  ASSERT_GT(s.All().size(), 50u);
  // Letters only Kazakh uses, so a Russian text copied into the Kazakh slot would show.
  const std::regex kazakh_letters("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]");
  std::size_t kazakh_specific = 0;
  for (const auto& e : s.All()) {
    // Words that Russian and Kazakh share: "Файл", and the abbreviations "млн" and "млрд".
    const bool shared = e.id == "col.file" || e.id == "unit.million" || e.id == "unit.billion";
    EXPECT_FALSE(e.text[0].empty()) << e.id;
    EXPECT_TRUE(HasCyrillic(e.text[1])) << e.id << ": Russian text is not Cyrillic";
    EXPECT_TRUE(HasCyrillic(e.text[2])) << e.id << ": Kazakh text is not Cyrillic";
    if (!shared && e.text[1] == e.text[2] && e.text[1].size() > 12) {
      ADD_FAILURE() << e.id << ": Kazakh text is the Russian one";
    }
    kazakh_specific += std::regex_search(e.text[2], kazakh_letters) ? 1 : 0;
  }
  EXPECT_GT(kazakh_specific, s.All().size() / 2);
}

TEST(StringsTest, ParseRejectsMismatchedPlaceholdersWithLine) {
  const auto r = Strings::Parse(
      "[[string]]\nid = \"a\"\nen = \"x\"\nru = \"y\"\nkk = \"z\"\n\n"
      "[[string]]\nid = \"b\"\nen = \"{country} x\"\nru = \"{страна} y\"\nkk = \"{country} z\"\n",
      "strings.toml");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().ToString().find("strings.toml:7"), std::string::npos) << r.error().ToString();
  EXPECT_NE(r.error().ToString().find("placeholders"), std::string::npos);
}

TEST(StringsTest, ParseRejectsMissingLanguageAndDuplicates) {
  EXPECT_FALSE(Strings::Parse("[[string]]\nid = \"a\"\nen = \"x\"\nru = \"y\"\n", "s").has_value());
  EXPECT_FALSE(Strings::Parse("[[string]]\nid = \"a\"\nen = \"x\"\nru = \"y\"\nkk = \"z\"\n"
                              "[[string]]\nid = \"a\"\nen = \"x\"\nru = \"y\"\nkk = \"z\"\n",
                              "s")
                   .has_value());
  EXPECT_FALSE(Strings::Parse("id = [", "s").has_value());
}

TEST(StringsTest, FillReplacesEveryPlaceholder) {
  const std::string t =
      Strings::Default().Fill("section.as_origin", Lang::kKk, {{"country", "Қазақстан"}});
  EXPECT_EQ(t, "Қазақстан шығу елі ретінде");
  EXPECT_EQ(Strings::Default().Get("no.such.id", Lang::kRu), "no.such.id");
}

TEST(NumbersTest, EachLanguageGroupsAndSeparatesItsOwnWay) {
  EXPECT_EQ(FormatNumber(1234567.4, Lang::kEn), "1,234,567");
  EXPECT_EQ(FormatNumber(1234567.4, Lang::kRu), "1\u00a0234\u00a0567");
  EXPECT_EQ(FormatNumber(20.345, Lang::kKk, 1), "20,3");
  EXPECT_EQ(FormatNumber(20.346, Lang::kEn, 2), "20.35");
  EXPECT_EQ(FormatNumber(-1500, Lang::kEn), "-1,500");
  EXPECT_EQ(FormatNumber(-0.0001, Lang::kEn, 2), "0.00");
  EXPECT_EQ(FormatNumber(999, Lang::kEn), "999");
  EXPECT_EQ(FormatAmount(3.14e9, Lang::kEn), "3.1 billion");
  EXPECT_EQ(FormatAmount(3.7e8, Lang::kRu), "370,0 млн");
  EXPECT_EQ(FormatAmount(52000, Lang::kEn), "52,000");
}

TEST(ChartTest, TicksCoverTheDataFromZero) {
  const auto ticks = NiceTicks(0, 3732073, 5);
  ASSERT_GE(ticks.size(), 3u);
  EXPECT_EQ(ticks.front(), 0);
  EXPECT_GE(ticks.back(), 3732073);
  EXPECT_LT(ticks.back(), 3732073 * 1.5);
  const auto negative = NiceTicks(-3, 7, 5);
  EXPECT_LE(negative.front(), -3);
}

TEST(ChartTest, EscapesTextForXml) {
  EXPECT_EQ(EscapeXml("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
}

TEST(ChartTest, MatrixPlacesPointsInTheirQuadrant) {
  MatrixChart chart;
  chart.title = "M <1>";
  chart.points.push_back({"AAA", 0.1, 0.9, 0.05, 0.2, 0.8, 0.95, true, true});
  chart.points.push_back({"BBB", 0.9, 0.1, 0.8, 0.95, 0.0, 0.3, false, false});
  const std::string svg = RenderSvg(chart);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("M &lt;1&gt;"), std::string::npos);
  // The plot spans x 70-530 and y 50-510 (match 1 at the top).
  EXPECT_NE(svg.find("<circle cx=\"116.0\" cy=\"96.0\" r=\"5\" fill=\"#0072B2\""),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("<circle cx=\"484.0\" cy=\"464.0\" r=\"5\" fill=\"#ffffff\""),
            std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
}

TEST(ChartTest, LineChartDrawsOnePathPerSeries) {
  LineChart chart;
  chart.title = "t";
  chart.series.push_back({"a", {{1990, 1}, {2000, 5}, {2020, 3}}});
  chart.series.push_back({"b", {{2010, 2}}});
  const std::string svg = RenderSvg(chart, Lang::kEn);
  std::size_t paths = 0;
  for (std::size_t pos = 0; (pos = svg.find("<path ", pos)) != std::string::npos; ++pos) {
    ++paths;
  }
  EXPECT_EQ(paths, 1u);  // a single point is a dot, not a line
  EXPECT_NE(svg.find(">1990<"), std::string::npos);
  EXPECT_NE(svg.find(">2020<"), std::string::npos);
}

classify::Placement Placed(std::string origin, std::string destination,
                           std::optional<int> category) {
  classify::Placement p;
  p.origin = std::move(origin);
  p.destination = std::move(destination);
  p.year = 2020;
  p.category = category;
  p.migrant_stock = 100000;
  p.match.score = 0.8;
  p.match.interval_low = 0.7;
  p.match.interval_high = 0.9;
  p.motive.score = 0.1;
  p.motive.interval_low = 0.05;
  p.motive.interval_high = 0.2;
  p.confidence = 0.9;
  return p;
}

std::set<std::string> Ids(const std::vector<const policy::Measure*>& measures) {
  std::set<std::string> ids;
  for (const auto* m : measures) {
    ids.insert(m->id);
  }
  return ids;
}

TEST(RecommendTest, MeasuresFollowTheCountrysRoleAndTheCategories) {
  using policy::Actor;
  const auto& cat = policy::Catalogue::Default();
  // KAZ sends economic migrants to RUS (category 1) and hosts refugees from AFG (3); an
  // unplaced corridor recommends nothing.
  const std::vector<classify::Placement> placements = {
      Placed("KAZ", "RUS", 1), Placed("AFG", "KAZ", 3), Placed("KAZ", "DEU", std::nullopt)};
  const auto recs = policy::Recommend(cat, "KAZ", placements);
  std::set<std::string> got;
  for (const auto& r : recs) {
    got.insert(r.measure->id);
  }
  std::set<std::string> want;
  for (const auto& [category, actor] :
       std::vector<std::pair<int, Actor>>{{1, Actor::kOrigin},
                                          {1, Actor::kBilateral},
                                          {1, Actor::kInternational},
                                          {3, Actor::kDestination},
                                          {3, Actor::kBilateral},
                                          {3, Actor::kInternational}}) {
    const auto ids = Ids(cat.Select(category, actor));
    want.insert(ids.begin(), ids.end());
  }
  EXPECT_EQ(got, want);
  // Not the destination's measures of category 1 (unless category 3 also calls for them).
  const auto dest1 = Ids(cat.Select(1, Actor::kDestination));
  const auto dest3 = Ids(cat.Select(3, Actor::kDestination));
  for (const auto& id : dest1) {
    if (dest3.count(id) == 0) {
      EXPECT_EQ(got.count(id), 0u) << id;
    }
  }
  // Grouped by actor, and every reason names a placed corridor of the measure's category.
  for (std::size_t i = 1; i < recs.size(); ++i) {
    EXPECT_LE(recs[i - 1].measure->actor, recs[i].measure->actor);
  }
  for (const auto& r : recs) {
    ASSERT_FALSE(r.reasons.empty());
    for (const auto& reason : r.reasons) {
      EXPECT_NE(reason.destination, "DEU");
      EXPECT_NE(
          std::find(r.measure->categories.begin(), r.measure->categories.end(), reason.category),
          r.measure->categories.end());
    }
  }
}

TEST(RecommendTest, NothingPlacedMeansNothingRecommended) {
  EXPECT_TRUE(
      policy::Recommend(policy::Catalogue::Default(), "KAZ", {Placed("KAZ", "RUS", std::nullopt)})
          .empty());
  EXPECT_TRUE(
      policy::Recommend(policy::Catalogue::Default(), "TJK", {Placed("KAZ", "RUS", 1)}).empty());
}

BriefData HandMade() {
  BriefData d;
  d.country = "KAZ";
  d.year = 2020;
  d.kosh_version = "test";
  d.method_version = "m1";
  d.figures = {{"immigrant_stock", 3732073, 2020, Figure::Unit::kPersons},
               {"remittances_usd", std::nullopt, 0, Figure::Unit::kUsd}};
  d.people = {{"immigrants", {{1990, 3.6e6}, {2020, 3.7e6}}}};
  d.remittances = {{"remittances_pct_gdp", {{2019, 0.3}, {2021, 0.2}}}};
  d.as_destination = {Placed("UZB", "KAZ", 1)};
  auto unplaced = Placed("KAZ", "RUS", std::nullopt);
  unplaced.gaps = {{"not_richer", {0.87}}};
  d.as_origin = {unplaced};
  d.recommendations = policy::Recommend(policy::Catalogue::Default(), "KAZ", d.as_destination);
  d.sources = {{7, "file <1>.csv", "wdi", 1234}};
  return d;
}

TEST(RenderTest, MarkdownInEachLanguage) {
  const BriefData d = HandMade();
  const std::string en = Render(d, Lang::kEn, Format::kMarkdown, {}).text;
  const std::string ru = Render(d, Lang::kRu, Format::kMarkdown, {}).text;
  const std::string kk = Render(d, Lang::kKk, Format::kMarkdown, {}).text;
  EXPECT_EQ(en.rfind("# Migration brief: Kazakhstan\n", 0), 0u) << en.substr(0, 80);
  EXPECT_EQ(ru.rfind("# Миграционная справка: Казахстан\n", 0), 0u) << ru.substr(0, 80);
  EXPECT_EQ(kk.rfind("# Көші-қон анықтамасы: Қазақстан\n", 0), 0u) << kk.substr(0, 80);
  EXPECT_NE(en.find("| Uzbekistan → Kazakhstan | 100,000 | 1 — economic migrants |"),
            std::string::npos)
      << en;
  EXPECT_NE(ru.find("страна назначения не заметно богаче страны происхождения (соотношение "
                    "доходов 0,87)"),
            std::string::npos);
  EXPECT_NE(kk.find("### Баратын ел"), std::string::npos);
  EXPECT_NE(en.find("| Remittances received, US$ | no data |"), std::string::npos);
  EXPECT_NE(en.find("file <1>.csv"), std::string::npos);
  EXPECT_NE(en.find("_Charts are written as files"), std::string::npos);
  for (const auto& r : d.recommendations) {
    EXPECT_NE(kk.find(r.measure->Text(Lang::kKk)), std::string::npos) << r.measure->id;
  }
}

TEST(RenderTest, MarkdownLinksChartsItAttaches) {
  RenderOptions options;
  options.chart_prefix = "kaz-";
  const Document doc = Render(HandMade(), Lang::kEn, Format::kMarkdown, options);
  ASSERT_EQ(doc.attachments.size(), 3u);
  for (const Attachment& a : doc.attachments) {
    EXPECT_EQ(a.name.rfind("kaz-", 0), 0u);
    EXPECT_NE(doc.text.find("](" + a.name + ")"), std::string::npos) << a.name;
    EXPECT_EQ(a.content.rfind("<svg", 0), 0u);
  }
}

TEST(RenderTest, HtmlIsOneStandalonePage) {
  const std::string html = Render(HandMade(), Lang::kRu, Format::kHtml, {}).text;
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"ru\">", 0), 0u);
  EXPECT_NE(html.find("file &lt;1&gt;.csv"), std::string::npos);
  EXPECT_EQ(html.find("file <1>.csv"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  std::size_t svgs = 0;
  for (std::size_t pos = 0; (pos = html.find("<svg ", pos)) != std::string::npos; ++pos) {
    ++svgs;
  }
  EXPECT_EQ(svgs, 3u);
}

TEST(RenderTest, JsonCarriesDataMeasuresAndCharts) {
  const auto j = nlohmann::json::parse(Render(HandMade(), Lang::kKk, Format::kJson, {}).text);
  EXPECT_EQ(j["country"]["code"], "KAZ");
  EXPECT_EQ(j["country"]["name"], "Қазақстан");
  EXPECT_EQ(j["lang"], "kk");
  EXPECT_EQ(j["corridors"]["as_destination"][0]["category"], 1);
  EXPECT_TRUE(j["corridors"]["as_origin"][0]["category"].is_null());
  EXPECT_EQ(j["corridors"]["as_origin"][0]["gaps"][0]["code"], "not_richer");
  EXPECT_FALSE(j["measures"].empty());
  EXPECT_EQ(j["measures"][0]["reasons"][0]["origin"], "UZB");
  EXPECT_TRUE(j["figures"][1]["value"].is_null());
  EXPECT_EQ(j["charts"].size(), 3u);
}

TEST(RenderTest, ParseFormat) {
  EXPECT_EQ(*ParseFormat("md"), Format::kMarkdown);
  EXPECT_EQ(*ParseFormat("html"), Format::kHtml);
  EXPECT_EQ(*ParseFormat("json"), Format::kJson);
  EXPECT_FALSE(ParseFormat("pdf").has_value());
}

}  // namespace
}  // namespace kosh::brief
