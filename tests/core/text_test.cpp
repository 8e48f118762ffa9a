#include "kosh/core/text.hpp"

#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace kosh::text {
namespace {

TEST(TextTest, FoldsKazakhCapitalsToLowerCase) {
  EXPECT_EQ(FoldForLookup("ҚАЗАҚСТАН"), "қазақстан");
  EXPECT_EQ(FoldForLookup("ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
}

TEST(TextTest, FoldsRussianAndLatinCapitals) {
  EXPECT_EQ(FoldForLookup("КАЗАХСТАН"), "казахстан");
  EXPECT_EQ(FoldForLookup("Kazakhstan"), "kazakhstan");
  EXPECT_EQ(FoldForLookup("CÔTE D'IVOIRE"), "côte d'ivoire");
}

TEST(TextTest, FoldsYoToYeAndTypographicApostrophe) {
  EXPECT_EQ(FoldForLookup("Ёлка"), "елка");
  EXPECT_EQ(FoldForLookup("Côte d\u2019Ivoire"), "côte d'ivoire");
}

TEST(TextTest, FoldTrimsAndCollapsesWhitespace) {
  EXPECT_EQ(FoldForLookup("  Russian \t  Federation  "), "russian federation");
  EXPECT_EQ(FoldForLookup(""), "");
}

TEST(TextTest, ParsesPlainNumbersWithSpacesAndPlusSign) {
  EXPECT_EQ(ParseNumber("42"), std::optional<double>(42.0));
  EXPECT_EQ(ParseNumber("  +42.5 "), std::optional<double>(42.5));
  EXPECT_EQ(ParseNumber("-3"), std::optional<double>(-3.0));
  EXPECT_EQ(ParseNumber("1e3"), std::optional<double>(1000.0));
}

TEST(TextTest, RejectsEmptyAndGarbageNumbers) {
  EXPECT_FALSE(ParseNumber(""));
  EXPECT_FALSE(ParseNumber("   "));
  EXPECT_FALSE(ParseNumber("+"));
  EXPECT_FALSE(ParseNumber("12abc"));
  EXPECT_FALSE(ParseNumber("abc"));
  EXPECT_FALSE(ParseNumber("1 000"));
}

TEST(TextTest, AcceptsThousandsSeparatorInGroupsOfThree) {
  EXPECT_EQ(ParseNumber("1,234", ','), std::optional<double>(1234.0));
  EXPECT_EQ(ParseNumber("1,234,567.5", ','), std::optional<double>(1234567.5));
  EXPECT_EQ(ParseNumber("123,456", ','), std::optional<double>(123456.0));
  EXPECT_EQ(ParseNumber("999", ','), std::optional<double>(999.0));
  EXPECT_EQ(ParseNumber("1 234 567", ' '), std::optional<double>(1234567.0));
}

TEST(TextTest, RejectsMisplacedThousandsSeparators) {
  EXPECT_FALSE(ParseNumber("12,34", ','));
  EXPECT_FALSE(ParseNumber("1,2345", ','));
  EXPECT_FALSE(ParseNumber(",123", ','));
  EXPECT_FALSE(ParseNumber("1234,567", ','));
  EXPECT_FALSE(ParseNumber("1,,234", ','));
  EXPECT_FALSE(ParseNumber("1,234,", ','));
}

TEST(TextTest, RejectsThousandsSeparatorWhenNoneIsExpected) { EXPECT_FALSE(ParseNumber("1,234")); }

TEST(TextTest, RejectsNanAndInfinity) {
  EXPECT_FALSE(ParseNumber("nan"));
  EXPECT_FALSE(ParseNumber("NaN"));
  EXPECT_FALSE(ParseNumber("inf"));
  EXPECT_FALSE(ParseNumber("-inf"));
  EXPECT_FALSE(ParseNumber("infinity"));
  EXPECT_FALSE(ParseNumber("1e999"));
}

TEST(TextTest, ParsesIntegersWithoutSignOrSpaces) {
  EXPECT_EQ(ParseInteger("2020"), std::optional<long long>(2020));
  EXPECT_FALSE(ParseInteger(""));
  EXPECT_FALSE(ParseInteger(" 1"));
  EXPECT_FALSE(ParseInteger("1.5"));
}

TEST(TextTest, FindsNoInvalidUtf8InValidText) {
  EXPECT_EQ(FindInvalidUtf8(""), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("plain ascii"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("Қазақстан, Казахстан, Côte d'Ivoire, \U0001F30D"), std::nullopt);
}

TEST(TextTest, FindsOffsetOfFirstInvalidUtf8Sequence) {
  EXPECT_EQ(FindInvalidUtf8("ab\xFF"
                            "cd"),
            std::optional<std::size_t>(2));
  EXPECT_EQ(FindInvalidUtf8("abc\xC3"), std::optional<std::size_t>(3));        // truncated
  EXPECT_EQ(FindInvalidUtf8("\xC0\x80"), std::optional<std::size_t>(0));       // overlong NUL
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), std::optional<std::size_t>(1));  // surrogate
  EXPECT_EQ(FindInvalidUtf8("Қ\x80"), std::optional<std::size_t>(2));          // stray continuation
  // Latin-1 bytes, as in a file saved in the wrong encoding.
  EXPECT_EQ(FindInvalidUtf8("C\xF4te"), std::optional<std::size_t>(1));
}

TEST(TextTest, MeasuresEditDistanceInCodePoints) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("same", "same"), 0u);
  EXPECT_EQ(EditDistance("Kazakstan", "Kazakhstan"), 1u);
  // Two Cyrillic letters differ; counted as two edits, not as bytes.
  EXPECT_EQ(EditDistance("Қазақстан", "Казахстан"), 2u);
  EXPECT_EQ(EditDistance("Ә", "А"), 1u);
}

TEST(TextTest, ConvertsAsciiToUpperCaseAndTrims) {
  EXPECT_EQ(ToUpperAscii("kaz-Қ"), "KAZ-Қ");
  EXPECT_EQ(Trim(" \t KAZ \r\n"), "KAZ");
}

}  // namespace
}  // namespace kosh::text
