#include "kosh/policy/catalogue.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kosh/core/indicator.hpp"
#include "kosh/core/text.hpp"

namespace kosh::policy {
namespace {

const std::string kSpecs = std::string(KOSH_SHARED_DATA) + "/../specs";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const Catalogue& C() { return Catalogue::Default(); }

TEST(CatalogueTest, HoldsTheSeventyFourMeasuresOfThePaper) {
  EXPECT_EQ(C().All().size(), 74u);
  std::size_t table = 0;
  for (const Measure& m : C().All()) {
    table += m.from_table ? 1 : 0;
  }
  EXPECT_EQ(table, 30u);  // specification 3.8: 30 table cells, 44 running-text measures
}

TEST(CatalogueTest, EveryMeasureIdOfTheSpecificationIsPresentAndNoOther) {
  const std::string spec = ReadFile(kSpecs + "/seed-policy-framework.md");
  if (spec.empty()) {
    GTEST_SKIP() << kSpecs << " is absent: the specification is needed for this check";
  }
  std::set<std::string> expected;
  const std::regex id_pattern(R"(\| (M-(?:12|1|2|3|4|ALL)-(?:ORIG|DEST|BILAT|INTL)-T?\d\d) \|)");
  for (auto it = std::sregex_iterator(spec.begin(), spec.end(), id_pattern);
       it != std::sregex_iterator(); ++it) {
    expected.insert((*it)[1].str());
  }
  ASSERT_EQ(expected.size(), 74u);
  std::set<std::string> actual;
  for (const Measure& m : C().All()) {
    actual.insert(m.id);
  }
  EXPECT_EQ(actual, expected);
}

TEST(CatalogueTest, IdsAgreeWithCategoriesActorAndSource) {
  const std::map<std::string, std::vector<int>> categories = {
      {"12", {1, 2}}, {"1", {1}}, {"2", {2}}, {"3", {3}}, {"4", {4}}, {"ALL", {}}};
  const std::map<std::string, Actor> actors = {{"ORIG", Actor::kOrigin},
                                               {"DEST", Actor::kDestination},
                                               {"BILAT", Actor::kBilateral},
                                               {"INTL", Actor::kInternational}};
  const std::regex id_pattern(R"(M-(12|1|2|3|4|ALL)-(ORIG|DEST|BILAT|INTL)-(T?)\d\d)");
  for (const Measure& m : C().All()) {
    std::smatch match;
    ASSERT_TRUE(std::regex_match(m.id, match, id_pattern)) << m.id;
    EXPECT_EQ(m.categories, categories.at(match[1].str())) << m.id;
    EXPECT_EQ(m.actor, actors.at(match[2].str())) << m.id;
    EXPECT_EQ(m.from_table, match[3].str().empty()) << m.id;
    EXPECT_FALSE(m.gcm.empty()) << m.id << " links no Global Compact objective";
  }
}

TEST(CatalogueTest, CellsThePaperLeavesEmptyStayEmpty) {
  // Table 1 has no international column, Table 2 no origin column, Table 3 only origin
  // and destination; no measure names migrants themselves as the actor.
  for (const Measure& m : C().All()) {
    if (!m.from_table) {
      continue;
    }
    if (m.categories == std::vector<int>{1, 2}) {
      EXPECT_NE(m.actor, Actor::kInternational) << m.id;
    }
    if (m.categories == std::vector<int>{3}) {
      EXPECT_TRUE(m.actor == Actor::kDestination || m.actor == Actor::kInternational) << m.id;
    }
    if (m.categories == std::vector<int>{4}) {
      EXPECT_TRUE(m.actor == Actor::kOrigin || m.actor == Actor::kDestination) << m.id;
    }
  }
}

bool HasAny(const std::string& s, std::initializer_list<const char*> letters) {
  for (const char* letter : letters) {
    if (s.find(letter) != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST(CatalogueTest, EveryMeasureHasRussianAndKazakhText) {
  std::size_t kazakh_letters = 0;
  for (const Measure& m : C().All()) {
    for (Lang lang : {Lang::kEn, Lang::kRu, Lang::kKk}) {
      EXPECT_GE(m.Text(lang).size(), 12u) << m.id;
    }
    EXPECT_NE(m.Text(Lang::kRu), m.Text(Lang::kEn)) << m.id;
    EXPECT_NE(m.Text(Lang::kKk), m.Text(Lang::kRu)) << m.id;
    // Russian is Cyrillic and does not use the letters only Kazakh has.
    EXPECT_TRUE(HasAny(m.Text(Lang::kRu), {"а", "е", "о", "и"})) << m.id;
    EXPECT_FALSE(HasAny(m.Text(Lang::kRu), {"ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ"})) << m.id;
    kazakh_letters += HasAny(m.Text(Lang::kKk), {"ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"});
  }
  // Almost every Kazakh sentence uses one of Kazakh's own letters.
  EXPECT_GE(kazakh_letters, C().All().size() * 9 / 10);
}

// --- glossary: a term used in English appears in the ru and kk texts in the glossary's form.

std::vector<std::string> SplitOn(const std::string& s, const std::string& separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(separator, start);
    out.push_back(std::string(text::Trim(s.substr(start, at - start))));
    if (at == std::string::npos) {
      break;
    }
    start = at + separator.size();
  }
  return out;
}

// Removes the glossary's markers: (abs), †, *, parenthesised notes, quotes.
std::string Clean(std::string s) {
  s = std::regex_replace(s, std::regex(R"(\([^)]*\))"), "");
  for (const char* mark : {"†", "*", "«", "»", "\"", "(sic)"}) {
    for (std::size_t at; (at = s.find(mark)) != std::string::npos;) {
      s.erase(at, std::string(mark).size());
    }
  }
  return std::string(text::Trim(s));
}

// A form matches when every word's stem occurs in the text: Russian and Kazakh inflect,
// the stem stays. The stem drops the last three letters of a long word (keeping at least
// four) and the last letter of a short one ("лицо" -> "лиц", "виза" -> "виз").
bool FormOccurs(const std::string& form, const std::string& folded_text) {
  bool any_word = false;
  std::istringstream words(text::FoldForLookup(form));
  for (std::string word; words >> word;) {
    std::vector<std::string> letters;
    for (std::size_t i = 0; i < word.size();) {
      const auto c = static_cast<unsigned char>(word[i]);
      const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
      letters.push_back(word.substr(i, len));
      i += len;
    }
    const std::size_t keep = letters.size() <= 4 ? std::min<std::size_t>(letters.size(), 3)
                                                 : std::max<std::size_t>(4, letters.size() - 3);
    std::string stem;
    for (std::size_t i = 0; i < keep; ++i) {
      stem += letters[i];
    }
    any_word = true;
    if (folded_text.find(stem) == std::string::npos) {
      return false;
    }
  }
  return any_word;
}

struct Term {
  std::string english;
  std::vector<std::string> ru;  // alternatives
  std::vector<std::string> kk;
};

std::vector<Term> LoadGlossary(const std::string& markdown) {
  std::vector<Term> terms;
  std::istringstream lines(markdown);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("| ") || line.starts_with("| English") || line.starts_with("|---")) {
      continue;
    }
    const std::vector<std::string> cells = SplitOn(line.substr(2), " | ");
    if (cells.size() < 3) {
      continue;
    }
    const std::vector<std::string> en = SplitOn(cells[0], " / ");
    const std::vector<std::string> ru = SplitOn(cells[1], " / ");
    const std::vector<std::string> kk = SplitOn(cells[2], " / ");
    const bool aligned = en.size() == ru.size() && en.size() == kk.size();
    for (std::size_t i = 0; i < en.size(); ++i) {
      Term term;
      term.english = text::FoldForLookup(Clean(en[i]));
      const auto variants = [&](const std::vector<std::string>& parts) {
        std::vector<std::string> out;
        for (std::size_t k = 0; k < parts.size(); ++k) {
          if (aligned && k != i) {
            continue;
          }
          for (const std::string& v : SplitOn(Clean(parts[k]), ";")) {
            for (const std::string& w : SplitOn(v, ",")) {  // "мотивы, причины"
              if (!w.empty()) {
                out.push_back(w);
              }
            }
          }
        }
        return out;
      };
      term.ru = variants(ru);
      term.kk = variants(kk);
      if (term.english.size() >= 5 && !term.ru.empty() && !term.kk.empty()) {
        terms.push_back(std::move(term));
      }
    }
  }
  return terms;
}

bool UsesEnglishTerm(const std::string& folded_english, const std::string& term) {
  // Word start, and the term followed by a word end or a plural "s".
  const std::regex pattern(
      "(^|[^a-z])" + std::regex_replace(term, std::regex(R"([.^$|()\[\]{}*+?\\-])"), R"(\$&)") +
      "(s|es)?($|[^a-z])");
  return std::regex_search(folded_english, pattern);
}

TEST(CatalogueTest, GlossaryTermsKeepTheirRussianAndKazakhForm) {
  const std::string glossary = ReadFile(kSpecs + "/glossary-en-ru-kk.md");
  if (glossary.empty()) {
    GTEST_SKIP() << kSpecs << " is absent: the glossary is needed for this check";
  }
  const std::vector<Term> terms = LoadGlossary(glossary);
  ASSERT_GT(terms.size(), 60u);
  std::size_t checked = 0;
  for (const Measure& m : C().All()) {
    const std::string en = text::FoldForLookup(m.Text(Lang::kEn));
    const std::string ru = text::FoldForLookup(m.Text(Lang::kRu));
    const std::string kk = text::FoldForLookup(m.Text(Lang::kKk));
    for (const Term& term : terms) {
      if (!UsesEnglishTerm(en, term.english)) {
        continue;
      }
      ++checked;
      const auto found = [](const std::vector<std::string>& forms, const std::string& text) {
        return std::any_of(forms.begin(), forms.end(),
                           [&](const std::string& f) { return FormOccurs(f, text); });
      };
      EXPECT_TRUE(found(term.ru, ru)) << m.id << ": '" << term.english << "' should be one of "
                                      << ::testing::PrintToString(term.ru) << " in: " << ru;
      EXPECT_TRUE(found(term.kk, kk)) << m.id << ": '" << term.english << "' should be one of "
                                      << ::testing::PrintToString(term.kk) << " in: " << kk;
    }
  }
  EXPECT_GT(checked, 40u);  // the check actually bites
}

// A measure's M&E indicator is one kosh can hold: a code of data/indicators.toml.
TEST(CatalogueTest, MonitoringIndicatorsAreRegisteredIndicators) {
  std::size_t linked = 0;
  for (const Measure& m : Catalogue::Default().All()) {
    if (m.indicator.empty()) {
      continue;
    }
    ++linked;
    EXPECT_NE(IndicatorRegistry::Default().Find(m.indicator), nullptr)
        << m.id << ": unknown indicator '" << m.indicator << "'";
  }
  EXPECT_GE(linked, 10u);
}

TEST(CatalogueTest, SelectsByCategoryAndActor) {
  const auto refugees_weak = C().Select(3, Actor::kInternational);
  ASSERT_FALSE(refugees_weak.empty());
  for (const Measure* m : refugees_weak) {
    EXPECT_EQ(m->actor, Actor::kInternational);
    EXPECT_EQ(m->categories, std::vector<int>{3});
  }
  const auto with_general = C().Select(1, Actor::kOrigin, /*include_general=*/true);
  const auto without = C().Select(1, Actor::kOrigin);
  EXPECT_GT(with_general.size(), without.size());
  EXPECT_EQ(C().Select(std::nullopt, std::nullopt).size(), 74u);
}

TEST(CatalogueTest, ParseRejectsDuplicatesUnknownActorsAndMissingTexts) {
  const std::string one =
      "[[measure]]\nid = \"M-1-ORIG-T01\"\ncategories = [1]\nactor = \"origin\"\n"
      "source = \"text\"\ngcm = [20]\nen = \"Facilitate remittances\"\n"
      "ru = \"Содействовать денежным переводам\"\nkk = \"Ақша аударымдарына жәрдемдесу\"\n";
  EXPECT_TRUE(Catalogue::Parse({{one, "a.toml"}}).has_value());
  auto duplicate = Catalogue::Parse({{one, "a.toml"}, {one, "b.toml"}});
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().location().file, "b.toml");
  EXPECT_EQ(duplicate.error().location().line, 1);
  auto actor = Catalogue::Parse(
      {{std::regex_replace(one, std::regex("\"origin\""), "\"migrants\""), "c.toml"}});
  ASSERT_FALSE(actor.has_value());
  EXPECT_NE(actor.error().message().find("unknown actor"), std::string::npos);
  auto no_kk = Catalogue::Parse({{one.substr(0, one.find("kk =")), "d.toml"}});
  ASSERT_FALSE(no_kk.has_value());
  EXPECT_NE(no_kk.error().message().find("kk text is missing"), std::string::npos);
}

}  // namespace
}  // namespace kosh::policy
