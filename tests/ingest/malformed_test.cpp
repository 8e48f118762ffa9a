// Every malformed fixture under tests/fixtures/malformed/<reader>/ must fail with a data error
// located at the right line (and column, where the reader knows it) and an actionable
// message. Duplicate keys and header-only files are not reader errors: the store and the
// engine report them, so those cases go through kosh::engine::ImportFile.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "kosh/engine/engine.hpp"
#include "kosh/ingest/byte_source.hpp"
#include "kosh/ingest/mapping.hpp"
#include "kosh/ingest/reader.hpp"
#include "kosh/store/store.hpp"

namespace kosh::ingest {
namespace {

namespace fs = std::filesystem;

constexpr char kMappingFixture[] = "mapped_csv/national_population.toml";

std::string FixturePath(const std::string& relative) {
  return std::string(KOSH_TEST_FIXTURES) + "/" + relative;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const Mapping& FixtureMapping() {
  static const Mapping* mapping = [] {
    auto parsed = Mapping::Parse(ReadFile(FixturePath(kMappingFixture)), kMappingFixture);
    EXPECT_TRUE(parsed.has_value()) << parsed.error().ToString();
    return new Mapping(parsed.has_value() ? std::move(*parsed) : Mapping());
  }();
  return *mapping;
}

class DiscardSink : public ObservationSink {
 public:
  Status Add(const Observation& /*observation*/) override { return Status::Ok(); }
};

Status Read(Format format, std::string bytes, const std::string& name) {
  auto source = ByteSource::FromString(std::move(bytes), name);
  ReadOptions options;
  if (format == Format::kMappedCsv) {
    options.mapping = &FixtureMapping();
  }
  DiscardSink sink;
  const auto result = ReadObservations(format, *source, options, sink);
  return result.has_value() ? Status::Ok() : result.error();
}

std::string ExpectedPrefix(const std::string& name, int line, int column) {
  std::string prefix = name;
  if (line > 0) {
    prefix += ":" + std::to_string(line);
    if (column > 0) {
      prefix += ":" + std::to_string(column);
    }
  }
  return prefix + ": ";
}

struct MalformedCase {
  const char* reader;   // folder under tests/fixtures/malformed/
  const char* fixture;  // file in that folder
  Format format;
  int line;               // expected line
  int column;             // expected column; 0 when the reader reports none
  const char* substring;  // expected part of the message
};

std::string CaseName(const MalformedCase& c) {
  return std::string("malformed/") + c.reader + "/" + c.fixture;
}

void PrintTo(const MalformedCase& c, std::ostream* os) { *os << CaseName(c); }

constexpr Format kUndesa = Format::kUndesaStock;
constexpr Format kUnhcr = Format::kUnhcr;
constexpr Format kWdi = Format::kWdi;
constexpr Format kSdmx = Format::kSdmxCsv;
constexpr Format kMapped = Format::kMappedCsv;

const MalformedCase kReaderCases[] = {
    // UN DESA: the long layout, and the official workbook export.
    {"undesa_stock", "truncated_row.csv", kUndesa, 3, 0, "expected 5 columns, found 3 (truncated"},
    {"undesa_stock", "wrong_column_count.csv", kUndesa, 3, 0, "expected 5 columns, found 6"},
    {"undesa_stock", "non_numeric_value.csv", kUndesa, 2, 5, "'2.5k' is not a number"},
    {"undesa_stock", "unknown_country.csv", kUndesa, 3, 2,
     "unknown country code 'KZA' (did you mean"},
    {"undesa_stock", "empty.csv", kUndesa, 1, 0, "not a UN DESA migrant stock table"},
    {"undesa_stock", "unterminated_quote.csv", kUndesa, 3, 0, "unterminated quoted field"},
    {"undesa_stock", "negative_count.csv", kUndesa, 2, 5, "cannot be negative (-5)"},
    {"undesa_stock", "bad_period.csv", kUndesa, 3, 1, "20x0"},
    {"undesa_stock", "official_bad_encoding.csv", kUndesa, 5, 6, "invalid UTF-8"},
    {"undesa_stock", "official_short_row.csv", kUndesa, 5, 0, "expected 10 columns, found 8"},
    {"undesa_stock", "official_unknown_code.csv", kUndesa, 4, 4, "unknown country code '399'"},
    {"undesa_stock", "official_negative_count.csv", kUndesa, 4, 9, "'-864602' is not a number"},
    // UNHCR: the data package population table, and the Refugee Data Finder download.
    {"unhcr", "truncated_row.csv", kUnhcr, 3, 0, "expected 9 columns, found 5 (truncated"},
    {"unhcr", "wrong_column_count.csv", kUnhcr, 3, 0, "expected 9 columns, found 8"},
    {"unhcr", "non_numeric_value.csv", kUnhcr, 3, 9, "column 'asylum_seekers': '12a' is not a"},
    {"unhcr", "unknown_country.csv", kUnhcr, 3, 7, "unknown country code 'KAZZ'"},
    {"unhcr", "bad_encoding.csv", kUnhcr, 3, 2, "invalid UTF-8"},
    {"unhcr", "empty.csv", kUnhcr, 1, 0, "not a UNHCR table"},
    {"unhcr", "unterminated_quote.csv", kUnhcr, 3, 0, "unterminated quoted field"},
    {"unhcr", "negative_count.csv", kUnhcr, 3, 8, "a count cannot be negative (-2954)"},
    {"unhcr", "bad_period.csv", kUnhcr, 2, 1, "2O22"},
    {"unhcr", "rdf_unknown_country.csv", kUnhcr, 3, 5, "unknown country code 'KZA' (did you mean"},
    // WDI: the API wide download, the DataBank layout and the long layout.
    {"wdi", "truncated_row.csv", kWdi, 7, 0, "expected 11 columns, found 6 (truncated"},
    {"wdi", "wrong_column_count.csv", kWdi, 3, 0, "expected 6 columns, found 7"},
    {"wdi", "non_numeric_value.csv", kWdi, 7, 7, "column '2020': '6,579,900' is not a number"},
    {"wdi", "unknown_country.csv", kWdi, 3, 1, "unknown country code 'KAX' (did you mean"},
    {"wdi", "bad_encoding.csv", kWdi, 7, 1, "invalid UTF-8"},
    {"wdi", "empty.csv", kWdi, 1, 0, "not a WDI table"},
    {"wdi", "unterminated_quote.csv", kWdi, 3, 0, "unterminated quoted field"},
    {"wdi", "bad_period.csv", kWdi, 3, 3, "2022a"},
    {"wdi", "unknown_series.csv", kWdi, 3, 2, "WDI series 'SM.POP.TOTL.XX' is not in the"},
    // SDMX-CSV 1.0 (and 2.0 for the encoding case).
    {"sdmx_csv", "truncated_row.csv", kSdmx, 3, 0, "expected 12 columns, found 10 (truncated"},
    {"sdmx_csv", "wrong_column_count.csv", kSdmx, 3, 0, "expected 12 columns, found 13"},
    {"sdmx_csv", "non_numeric_value.csv", kSdmx, 3, 11, "column 'OBS_VALUE': '3512p' is not a"},
    {"sdmx_csv", "unknown_country.csv", kSdmx, 3, 9, "unknown country code 'DX'"},
    {"sdmx_csv", "bad_encoding.csv", kSdmx, 3, 10, "invalid UTF-8"},
    {"sdmx_csv", "empty.csv", kSdmx, 1, 0, "empty file"},
    {"sdmx_csv", "unterminated_quote.csv", kSdmx, 3, 0, "unterminated quoted field"},
    {"sdmx_csv", "bad_period.csv", kSdmx, 3, 10, "2022-13"},
    {"sdmx_csv", "unknown_dataflow.csv", kSdmx, 2, 1, "dataflow 'ESTAT:MIGR_IMM9CTZ' is not in"},
    // Mapped CSV, read with tests/fixtures/mapped_csv/national_population.toml.
    {"mapped_csv", "truncated_row.csv", kMapped, 4, 0, "expected 5 columns, found 2 (truncated"},
    {"mapped_csv", "wrong_column_count.csv", kMapped, 4, 0, "expected 5 columns, found 6"},
    {"mapped_csv", "non_numeric_value.csv", kMapped, 4, 5, "'96 24 540' is not a number"},
    {"mapped_csv", "unknown_country.csv", kMapped, 4, 1, "unknown country code 'KAX' (did you"},
    {"mapped_csv", "bad_encoding.csv", kMapped, 4, 2, "invalid UTF-8"},
    {"mapped_csv", "empty.csv", kMapped, 1, 0, "empty file: expected a header row"},
    {"mapped_csv", "unterminated_quote.csv", kMapped, 4, 0, "unterminated quoted field"},
    {"mapped_csv", "bad_period.csv", kMapped, 4, 3, "FY2023"},
    {"mapped_csv", "missing_column.csv", kMapped, 2, 0, "value column 'Population' is not in"},
    {"mapped_csv", "bad_sex.csv", kMapped, 4, 4, "invalid sex 'Unknown'"},
};

class MalformedFixtureTest : public testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedFixtureTest, FailsWithALocatedDataError) {
  const MalformedCase& c = GetParam();
  const std::string name = CaseName(c);
  const Status status = Read(c.format, ReadFile(FixturePath(name)), name);
  ASSERT_FALSE(status.ok()) << name << " was read without an error";
  EXPECT_EQ(status.code(), StatusCode::kDataError) << status.ToString();
  const std::string message = status.ToString();
  EXPECT_TRUE(message.starts_with(ExpectedPrefix(name, c.line, c.column)))
      << "message: " << message << "\nexpected prefix: " << ExpectedPrefix(name, c.line, c.column);
  EXPECT_NE(message.find(c.substring), std::string::npos)
      << "message: " << message << "\nexpected to contain: " << c.substring;
}

INSTANTIATE_TEST_SUITE_P(AllReaders, MalformedFixtureTest, testing::ValuesIn(kReaderCases),
                         [](const testing::TestParamInfo<MalformedCase>& info) {
                           std::string id =
                               std::string(info.param.reader) + "_" + info.param.fixture;
                           for (char& ch : id) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) {
                               ch = '_';
                             }
                           }
                           return id;
                         });

// --- a field over the 1 MiB limit, generated rather than committed --------------------------

struct HugeFieldCase {
  const char* reader;
  Format format;
  const char* before;  // the file up to the huge field
  const char* after;   // the rest of its record
  int line;
  int column;
};

const HugeFieldCase kHugeFieldCases[] = {
    {"undesa_stock", kUndesa, "year,origin_iso3,dest_iso3,sex,stock\n2020,KAZ,RUS,total,", "\n", 2,
     5},
    {"unhcr", kUnhcr,
     "year,coo_name,coo,coo_iso,coa_name,coa,coa_iso,refugees,asylum_seekers\n"
     "2022,Afghanistan,AFG,AFG,Kazakhstan,KAZ,KAZ,412,38\n2022,\"",
     "\",AFG,AFG,Kazakhstan,KAZ,KAZ,412,38\n", 3, 2},
    {"wdi", kWdi, "iso3,indicator_code,year,value\nKAZ,SP.POP.TOTL,2022,19621972\nKAZ,",
     ",2022,1\n", 3, 2},
    {"sdmx_csv", kSdmx,
     "DATAFLOW,LAST UPDATE,freq,citizen,agedef,age,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
     "ESTAT:MIGR_IMM1CTZ(1.0),25/03/24 23:00:00,A,UA,COMPLET,TOTAL,NR,T,EL,2022,",
     ",\n", 2, 11},
    {"mapped_csv", kMapped,
     "Population at the beginning of the year, persons\nCountry code;Country;Year;Sex;Population\n"
     "KAZ;",
     ";2023;Both sexes;19 766 807\n", 3, 2},
};

class HugeFieldTest : public testing::TestWithParam<HugeFieldCase> {};

TEST_P(HugeFieldTest, AFieldOverOneMebibyteIsADataErrorAtItsLineAndColumn) {
  const HugeFieldCase& c = GetParam();
  const std::string name = std::string("malformed/") + c.reader + "/huge_field.csv";
  std::string bytes = c.before;
  bytes.append((std::size_t{1} << 20) + 1, '7');
  bytes += c.after;
  const Status status = Read(c.format, std::move(bytes), name);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kDataError);
  const std::string message = status.ToString();
  EXPECT_TRUE(message.starts_with(ExpectedPrefix(name, c.line, c.column))) << message;
  EXPECT_NE(message.find("field longer than 1048576 bytes"), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(AllReaders, HugeFieldTest, testing::ValuesIn(kHugeFieldCases),
                         [](const testing::TestParamInfo<HugeFieldCase>& info) {
                           return std::string(info.param.reader);
                         });

// --- duplicate keys and header-only files: reported at import time ------------------------

struct ImportCase {
  const char* reader;
  Format format;
  const char* good;     // a good fixture imported first
  const char* fixture;  // the malformed one, under malformed/<reader>/
  // The store reports the duplicate's line; the engine's "no observations" check has
  // none (0).
  int line;
  const char* substring;
};

const ImportCase kImportCases[] = {
    {"undesa_stock", kUndesa, "undesa_stock/long.csv", "duplicate_key.csv", 4,
     "duplicate observation: migrant_stock KAZ->RUS"},
    {"undesa_stock", kUndesa, "undesa_stock/long.csv", "header_only.csv", 1,
     "no observations found (header only?)"},
    {"unhcr", kUnhcr, "unhcr/population.csv", "duplicate_key.csv", 4,
     "duplicate observation: refugees AFG->KAZ"},
    {"unhcr", kUnhcr, "unhcr/population.csv", "header_only.csv", 1, "no observations found"},
    {"wdi", kWdi, "wdi/long.csv", "duplicate_key.csv", 4, "duplicate observation: population KAZ"},
    {"wdi", kWdi, "wdi/long.csv", "header_only.csv", 1, "no observations found"},
    {"sdmx_csv", kSdmx, "sdmx_csv/migr_imm1ctz_sdmx1.csv", "duplicate_key.csv", 4,
     "duplicate observation: immigration UKR->GRC"},
    {"sdmx_csv", kSdmx, "sdmx_csv/migr_imm1ctz_sdmx1.csv", "header_only.csv", 1,
     "no observations found"},
    {"mapped_csv", kMapped, "mapped_csv/national_population.csv", "duplicate_key.csv", 5,
     "duplicate observation: population KAZ"},
    {"mapped_csv", kMapped, "mapped_csv/national_population.csv", "header_only.csv", 1,
     "no observations found"},
};

class ImportRejectsTest : public testing::TestWithParam<ImportCase> {
 protected:
  void SetUp() override {
    std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& ch : name) {
      if (!std::isalnum(static_cast<unsigned char>(ch))) {
        ch = '_';
      }
    }
    dir_ =
        fs::temp_directory_path() / ("kosh_malformed_" + std::to_string(::getpid()) + "_" + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto opened = store::Store::Open((dir_ / "kosh.db").string());
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    store_ = std::move(*opened);
    auto migrated = store_->Migrate();
    ASSERT_TRUE(migrated.has_value()) << migrated.error().ToString();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_P(ImportRejectsTest, TheImportFailsAndLeavesTheStoreUnchanged) {
  const ImportCase& c = GetParam();
  engine::ImportOptions options;
  if (c.format == Format::kMappedCsv) {
    options.mapping_path = FixturePath(kMappingFixture);
  }
  auto good = engine::ImportFile(*store_, c.format, FixturePath(c.good), options);
  ASSERT_TRUE(good.has_value()) << good.error().ToString();
  auto rows_before = store_->CountObservations();
  auto sources_before = store_->ListSources();
  ASSERT_TRUE(rows_before.has_value() && sources_before.has_value());
  ASSERT_GT(*rows_before, 0);

  const std::string path = FixturePath(std::string("malformed/") + c.reader + "/" + c.fixture);
  auto bad = engine::ImportFile(*store_, c.format, path, options);
  ASSERT_FALSE(bad.has_value()) << path << " was imported";
  EXPECT_EQ(bad.error().code(), StatusCode::kDataError);
  const std::string message = bad.error().ToString();
  // The store and the engine may name the file by its path or by its name alone.
  const std::string& file = bad.error().location().file;
  EXPECT_TRUE(file == path || file == c.fixture) << message;
  EXPECT_EQ(bad.error().location().line, c.line) << message;
  EXPECT_TRUE(message.starts_with(ExpectedPrefix(file, c.line, 0))) << message;
  EXPECT_NE(message.find(c.substring), std::string::npos) << message;

  auto rows_after = store_->CountObservations();
  auto sources_after = store_->ListSources();
  ASSERT_TRUE(rows_after.has_value() && sources_after.has_value());
  EXPECT_EQ(*rows_after, *rows_before);
  EXPECT_EQ(sources_after->size(), sources_before->size());
}

INSTANTIATE_TEST_SUITE_P(AllReaders, ImportRejectsTest, testing::ValuesIn(kImportCases),
                         [](const testing::TestParamInfo<ImportCase>& info) {
                           std::string id =
                               std::string(info.param.reader) + "_" + info.param.fixture;
                           for (char& ch : id) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) {
                               ch = '_';
                             }
                           }
                           return id;
                         });

// Every fixture in malformed/ is covered by one of the tables above (or is a generated case).
TEST(MalformedFixturesTest, EveryFixtureFileIsExercised) {
  std::vector<std::string> covered;
  for (const MalformedCase& c : kReaderCases) {
    covered.push_back(CaseName(c));
  }
  for (const ImportCase& c : kImportCases) {
    covered.push_back(std::string("malformed/") + c.reader + "/" + c.fixture);
  }
  int per_reader_minimum = 1 << 30;
  for (const auto& reader : fs::directory_iterator(FixturePath("malformed"))) {
    int count = 0;
    for (const auto& file : fs::directory_iterator(reader.path())) {
      const std::string name =
          "malformed/" + reader.path().filename().string() + "/" + file.path().filename().string();
      EXPECT_NE(std::find(covered.begin(), covered.end(), name), covered.end())
          << name << " is not in any table";
      ++count;
    }
    per_reader_minimum = std::min(per_reader_minimum, count + 1);  // + the generated huge field
  }
  EXPECT_GE(per_reader_minimum, 10);
}

}  // namespace
}  // namespace kosh::ingest
