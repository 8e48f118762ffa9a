// CsvReader: the RFC 4180 tolerance real files need and the located errors diagnostics need.
#include "kosh/ingest/csv.hpp"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kosh/ingest/byte_source.hpp"

namespace kosh::ingest {
namespace {

struct Record {
  std::int64_t line;
  std::vector<std::string> fields;
};

struct ReadAll {
  std::vector<Record> records;
  Status status;
};

ReadAll Parse(std::string bytes, CsvOptions options = {}) {
  auto source = ByteSource::FromString(std::move(bytes), "t.csv");
  CsvReader csv(*source, options);
  ReadAll out;
  while (csv.Next()) {
    out.records.push_back({csv.line(), {csv.fields().begin(), csv.fields().end()}});
  }
  out.status = csv.status();
  return out;
}

using Fields = std::vector<std::string>;

TEST(CsvReaderTest, SkipsAUtf8ByteOrderMark) {
  const ReadAll r = Parse(
      "\xEF\xBB\xBF"
      "a,b\n1,2\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(r.records[0].line, 1);
}

TEST(CsvReaderTest, StripsCarriageReturnsOfCrlfLineEnds) {
  const ReadAll r = Parse("a,b\r\n1,2\r\n3,\r\n");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(r.records[2].fields, (Fields{"3", ""}));
  EXPECT_EQ(r.records[2].line, 3);
}

TEST(CsvReaderTest, QuotedFieldsKeepDelimitersNewlinesAndEscapedQuotes) {
  const ReadAll r = Parse(
      "name,note\n"
      "\"Korea, Republic of\",\"said \"\"hi\"\"\"\n"
      "\"two\nlines\",x\n"
      "\"three\r\nphysical\nlines\",y\n"
      "last,z\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.records.size(), 5u);
  EXPECT_EQ(r.records[1].fields, (Fields{"Korea, Republic of", "said \"hi\""}));
  EXPECT_EQ(r.records[1].line, 2);
  EXPECT_EQ(r.records[2].fields, (Fields{"two\nlines", "x"}));
  EXPECT_EQ(r.records[2].line, 3);
  EXPECT_EQ(r.records[3].fields, (Fields{"three\r\nphysical\nlines", "y"}));
  EXPECT_EQ(r.records[3].line, 5);
  EXPECT_EQ(r.records[4].line, 8);  // physical lines, not record numbers
}

TEST(CsvReaderTest, BlankLinesAreSkippedButCounted) {
  const ReadAll r = Parse("a,b\n\n  \n\r\n1,2\n\n");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(r.records[1].line, 5);
}

TEST(CsvReaderTest, ATrailingDelimiterGivesATrailingEmptyField) {
  const ReadAll r = Parse("a,b,\n1,2,\n1,,\n");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].fields, (Fields{"a", "b", ""}));
  EXPECT_EQ(r.records[2].fields, (Fields{"1", "", ""}));
}

TEST(CsvReaderTest, TheLastRecordNeedsNoFinalNewline) {
  const ReadAll r = Parse("a,b\n1,2");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReaderTest, AnotherDelimiterCanBeChosen) {
  CsvOptions options;
  options.delimiter = ';';
  const ReadAll r = Parse("a;b,c\n\"x;y\";1,5\n", options);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.records[1].fields, (Fields{"x;y", "1,5"}));
}

TEST(CsvReaderTest, InvalidUtf8IsLocatedAtItsLineAndColumn) {
  const ReadAll r = Parse("a,b,c\n1,2,3\n\"multi\nline\",C\xF4te d'Ivoire,3\n");
  ASSERT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.code(), StatusCode::kDataError);
  EXPECT_EQ(r.status.location().line, 3);
  EXPECT_EQ(r.status.location().column, 2);
  EXPECT_EQ(r.status.ToString().rfind("t.csv:3:2: invalid UTF-8", 0), 0u) << r.status.ToString();
  EXPECT_EQ(r.records.size(), 2u);
}

TEST(CsvReaderTest, ValidMultibyteUtf8IsAccepted) {
  const ReadAll r = Parse("name\nCôte d’Ivoire\nҚазақстан\n");
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.records[2].fields, (Fields{"Қазақстан"}));
}

TEST(CsvReaderTest, AFieldOverTheLimitIsAnErrorAtItsColumn) {
  CsvOptions options;
  options.max_field_bytes = 8;
  const ReadAll ok = Parse("a,b\n12345678,x\n", options);
  EXPECT_TRUE(ok.status.ok());
  const ReadAll r = Parse("a,b\n1,2\nx,\"123456789\"\n", options);
  ASSERT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.code(), StatusCode::kDataError);
  EXPECT_EQ(r.status.ToString(), "t.csv:3:2: field longer than 8 bytes");
}

TEST(CsvReaderTest, TheDefaultFieldLimitIsOneMebibyte) {
  std::string bytes = "a,b\n1,";
  bytes.append((std::size_t{1} << 20) + 1, 'x');
  bytes += "\n";
  const ReadAll r = Parse(bytes);
  ASSERT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.ToString(), "t.csv:2:2: field longer than 1048576 bytes");
}

TEST(CsvReaderTest, AnUnterminatedQuoteAtTheEndIsAnErrorAtTheRecordStart) {
  const ReadAll r = Parse("a,b\n1,2\n3,\"open\n4,5\n");
  ASSERT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.code(), StatusCode::kDataError);
  EXPECT_EQ(r.status.ToString(), "t.csv:3: unterminated quoted field at end of file");
}

TEST(CsvReaderTest, TextAfterAClosingQuoteIsAnError) {
  const ReadAll r = Parse("a,b\n\"x\"y,2\n");
  ASSERT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.ToString(), "t.csv:2:1: unexpected character after a closing quote");
}

TEST(CsvReaderTest, AnEmptyInputHasNoRecords) {
  const ReadAll r = Parse("");
  EXPECT_TRUE(r.status.ok());
  EXPECT_TRUE(r.records.empty());
}

// Records of 100 bytes, so some record straddles the 1 MiB read chunk; the quoted variant
// also puts newlines inside fields near the boundary.
TEST(CsvReaderTest, RecordsAcrossTheChunkBoundaryAreReadWhole) {
  std::string bytes = "id,payload\n";
  const int kRecords = 30000;  // ~3 MiB
  for (int i = 0; i < kRecords; ++i) {
    std::string id = std::to_string(i);
    std::string payload(94 - id.size(), static_cast<char>('a' + i % 26));
    if (i % 7 == 0) {
      payload[10] = '\n';
      bytes += id + ",\"" + payload.substr(0, 92 - id.size()) + "\"\n";
    } else {
      bytes += id + "," + payload + "\n";
    }
  }
  auto source = ByteSource::FromString(bytes, "big.csv");
  CsvReader csv(*source);
  ASSERT_TRUE(csv.Next());
  int count = 0;
  std::int64_t expected_line = 2;
  while (csv.Next()) {
    ASSERT_EQ(csv.size(), 2u) << "record " << count;
    ASSERT_EQ(csv[0], std::to_string(count));
    ASSERT_EQ(csv.line(), expected_line) << "record " << count;
    const std::size_t payload_size = count % 7 == 0 ? 92 - csv[0].size() : 94 - csv[0].size();
    ASSERT_EQ(csv[1].size(), payload_size) << "record " << count;
    expected_line += count % 7 == 0 ? 2 : 1;
    ++count;
  }
  EXPECT_TRUE(csv.status().ok()) << csv.status().ToString();
  EXPECT_EQ(count, kRecords);
  EXPECT_GT(bytes.size(), std::size_t{2} << 20);
}

TEST(CsvReaderTest, ALastRecordWithoutNewlineAfterTheChunkBoundaryIsRead) {
  std::string bytes = "a,b\n";
  while (bytes.size() < (std::size_t{1} << 20) + 100) {
    bytes += "1,2\n";
  }
  bytes += "last,record";
  auto source = ByteSource::FromString(bytes, "t.csv");
  CsvReader csv(*source);
  std::string last;
  while (csv.Next()) {
    last = std::string(csv[0]) + "," + std::string(csv[1]);
  }
  EXPECT_TRUE(csv.status().ok());
  EXPECT_EQ(last, "last,record");
}

TEST(CsvHeaderTest, FindsColumnsIgnoringCaseAndSurroundingSpace) {
  const std::vector<std::string_view> names = {" Country Code ", "YEAR", "value"};
  const Header header(names);
  EXPECT_EQ(header.Find("country code"), 0);
  EXPECT_EQ(header.Find("Year"), 1);
  EXPECT_EQ(header.Find("missing"), -1);
  EXPECT_EQ(header.names()[0], "Country Code");
}

}  // namespace
}  // namespace kosh::ingest
