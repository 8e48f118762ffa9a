// Each reader on good fixtures, including the publishers' official download layouts: the
// expected observation counts and spot-checked values, countries, periods, sexes and flags.
#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kosh/ingest/byte_source.hpp"
#include "kosh/ingest/mapping.hpp"
#include "kosh/ingest/reader.hpp"

namespace kosh::ingest {
namespace {

std::string FixturePath(const std::string& relative) {
  return std::string(KOSH_TEST_FIXTURES) + "/" + relative;
}

std::string ReadFixture(const std::string& relative) {
  std::ifstream in(FixturePath(relative), std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << relative;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class CollectingSink : public ObservationSink {
 public:
  Status Add(const Observation& observation) override {
    observations.push_back(observation);
    return Status::Ok();
  }
  std::vector<Observation> observations;
};

struct ReadRun {
  Result<ReadSummary> summary = Status(StatusCode::kInternal, "not run");
  std::vector<Observation> observations;
};

ReadRun ReadFixtureAs(Format format, const std::string& relative,
                      const Mapping* mapping = nullptr) {
  auto source = ByteSource::FromString(ReadFixture(relative), relative);
  ReadOptions options;
  options.mapping = mapping;
  CollectingSink sink;
  ReadRun run;
  run.summary = ReadObservations(format, *source, options, sink);
  run.observations = std::move(sink.observations);
  return run;
}

std::string Code(const Country* country) {
  return country != nullptr ? std::string(country->code) : std::string("-");
}

// The single observation matching `predicate`; fails the test if there is not exactly one.
const Observation* FindOne(const std::vector<Observation>& observations,
                           const std::function<bool(const Observation&)>& predicate) {
  const Observation* found = nullptr;
  int matches = 0;
  for (const Observation& obs : observations) {
    if (predicate(obs)) {
      found = &obs;
      ++matches;
    }
  }
  EXPECT_EQ(matches, 1);
  return matches == 1 ? found : nullptr;
}

auto Bilateral(const std::string& indicator, const std::string& origin,
               const std::string& destination, const std::string& period, Sex sex) {
  return [=](const Observation& o) {
    return o.indicator == indicator && Code(o.origin) == origin &&
           Code(o.destination) == destination && o.period.ToString() == period && o.sex == sex;
  };
}

auto ForCountry(const std::string& indicator, const std::string& country, const std::string& period,
                Sex sex = Sex::kTotal) {
  return [=](const Observation& o) {
    return o.indicator == indicator && Code(o.country) == country &&
           o.period.ToString() == period && o.sex == sex;
  };
}

// --- UN DESA ----------------------------------------------------------------------------

TEST(UndesaStockReaderTest, LongLayoutReadsEveryCorridorAndSkipsEmptyStocks) {
  const ReadRun run = ReadFixtureAs(Format::kUndesaStock, "undesa_stock/long.csv");
  ASSERT_TRUE(run.summary.has_value()) << run.summary.error().ToString();
  EXPECT_EQ(run.summary->layout, "long");
  EXPECT_EQ(run.summary->records, 4);
  EXPECT_EQ(run.summary->observations, 3);
  EXPECT_EQ(run.summary->missing_cells, 1);
  ASSERT_EQ(run.observations.size(), 3u);
  const Observation* female =
      FindOne(run.observations, Bilateral("migrant_stock", "KAZ", "RUS", "2020", Sex::kFemale));
  ASSERT_NE(female, nullptr);
  EXPECT_DOUBLE_EQ(*female->value, 1372000);
  EXPECT_EQ(female->line, 3);
  const Observation* male =
      FindOne(run.observations, Bilateral("migrant_stock", "RUS", "KAZ", "2015", Sex::kMale));
  ASSERT_NE(male, nullptr);
  EXPECT_DOUBLE_EQ(*male->value, 1000.5);
}

TEST(UndesaStockReaderTest, TotalsLayoutGivesImmigrantAndEmigrantStocks) {
  const ReadRun run = ReadFixtureAs(Format::kUndesaStock, "undesa_stock/totals.csv");
  ASSERT_TRUE(run.summary.has_value()) << run.summary.error().ToString();
  EXPECT_EQ(run.summary->layout, "totals");
  EXPECT_EQ(run.summary->observations, 5);
  EXPECT_EQ(run.summary->missing_cells, 1);
  const Observation* emigrants =
      FindOne(run.observations, ForCountry("emigrant_stock_total", "RUS", "2015"));
  ASSERT_NE(emigrants, nullptr);
  EXPECT_DOUBLE_EQ(*emigrants->value, 10577000);
  const Observation* women =
      FindOne(run.observations, ForCountry("immigrant_stock_total", "KAZ", "2020", Sex::kFemale));
  ASSERT_NE(women, nullptr);
  EXPECT_DOUBLE_EQ(*women->value, 1900000);
}

TEST(UndesaStockReaderTest, OfficialWorkbookExportSkipsAggregatesAndReadsThreeSexBlocks) {
  const ReadRun run = ReadFixtureAs(Format::kUndesaStock, "undesa_stock/official_table1.csv");
  ASSERT_TRUE(run.summary.has_value()) << run.summary.error().ToString();
  EXPECT_EQ(run.summary->layout, "official");
  // KAZ<-RUS 21, KAZ<-UZB 19 (two ".."), KAZ<-Other 21, RUS<-AFG 17 (four empty cells);
  // the WORLD and Central Asia rows are aggregates.
  EXPECT_EQ(run.summary->records, 6);
  EXPECT_EQ(run.summary->observations, 78);
  EXPECT_EQ(run.summary->missing_cells, 6);
  ASSERT_EQ(run.summary->warnings.size(), 1u);
  EXPECT_NE(run.summary->warnings[0].find("2 region"), std::string::npos);
  for (const Observation& o : run.observations) {
    EXPECT_NE(Code(o.destination), "-");
    EXPECT_NE(Code(o.origin), "-");
  }
  const Observation* both =
      FindOne(run.observations, Bilateral("migrant_stock", "RUS", "KAZ", "1990", Sex::kTotal));
  ASSERT_NE(both, nullptr);
  EXPECT_DOUBLE_EQ(*both->value, 2743151);  // "2,743,151" in the file
  EXPECT_EQ(both->line, 10);
  const Observation* males =
      FindOne(run.observations, Bilateral("migrant_stock", "RUS", "KAZ", "2020", Sex::kMale));
  ASSERT_NE(males, nullptr);
  EXPECT_DOUBLE_EQ(*males->value, 864602);
  const Observation* females =
      FindOne(run.observations, Bilateral("migrant_stock", "UZB", "KAZ", "2000", Sex::kFemale));
  ASSERT_NE(females, nullptr);
  EXPECT_DOUBLE_EQ(*females->value, 97062);
  const Observation* other =
      FindOne(run.observations, Bilateral("migrant_stock", "XXX", "KAZ", "2015", Sex::kTotal));
  ASSERT_NE(other, nullptr);
  EXPECT_DOUBLE_EQ(*other->value, 7700);
  // Afghanistan is written "4" in the workbook (M49 004).
  const Observation* afghans =
      FindOne(run.observations, Bilateral("migrant_stock", "AFG", "RUS", "2005", Sex::kFemale));
  ASSERT_NE(afghans, nullptr);
  EXPECT_DOUBLE_EQ(*afghans->value, 13000);
}

// --- UNHCR ------------------------------------------------------------------------------

TEST(UnhcrReaderTest, DataPackagePopulationTableGivesOneObservationPerValueColumn) {
  const ReadRun run = ReadFixtureAs(Format::kUnhcr, "unhcr/population.csv");
  ASSERT_TRUE(run.summary.has_value()) << run.summary.error().ToString();
  EXPECT_EQ(run.summary->layout, "population");
  EXPECT_EQ(run.summary->records, 3);
  EXPECT_EQ(run.summary->observations, 27);
  const Observation* refugees =
      FindOne(run.observations, Bilateral("refugees", "AFG", "KAZ", "2022", Sex::kTotal));
  ASSERT_NE(refugees, nullptr);
  EXPECT_DOUBLE_EQ(*refugees->value, 412);
  EXPECT_EQ(refugees->breakdown, "");
  const Observation* unknown =
      FindOne(run.observations, Bilateral("stateless", "UNK", "KAZ", "2022", Sex::kTotal));
  ASSERT_NE(unknown, nullptr);
  EXPECT_DOUBLE_EQ(*unknown->value, 7961);
}

TEST(UnhcrReaderTest, RefugeeDataFinderDownloadTreatsDashesAsMissing) {
  const ReadRun run = ReadFixtureAs(Format::kUnhcr, "unhcr/refugee_data_finder.csv");
  ASSERT_TRUE(run.summary.has_value()) << run.summary.error().ToString();
  EXPECT_EQ(run.summary->layout, "refugee-data-finder");
  EXPECT_EQ(run.summary->records, 3);
  // 9 value columns: 7 + 2 + 7 numbers, 2 + 7 + 2 dashes.
  EXPECT_EQ(run.summary->observations, 16);
  EXPECT_EQ(run.summary->missing_cells, 11);
  const Observation* ukrainians =
      FindOne(run.observations, Bilateral("refugees", "UKR", "POL", "2022", Sex::kTotal));
  ASSERT_NE(ukrainians, nullptr);
  EXPECT_DOUBLE_EQ(*ukrainians->value, 1543281);
  const Observation* asylum =
      FindOne(run.observations, Bilateral("asylum_seekers", "UKR", "POL", "2022", Sex::kTotal));
  ASSERT_NE(asylum, nullptr);
  EXPECT_DOUBLE_EQ(*asylum->value, 2005);
  const Observation* stateless =
      FindOne(run.observations, Bilateral("stateless", "XXA", "KAZ", "2023", Sex::kTotal));
  ASSERT_NE(stateless, nullptr);
  EXPECT_DOUBLE_EQ(*stateless->value, 6984);
  for (const Observation& o : run.observations) {
    EXPECT_EQ(o.breakdown, "") << "every column of the download is recognised";
  }
}

// --- WDI --------------------------------------------------------------------------------

TEST(WdiReaderTest, ApiWideDownloadWithBomAndCrlfReadsEveryYearColumn) {
  const ReadRun run = ReadFixtureAs(Format::kWdi, "wdi/API_wide.csv");
  ASSERT_TRUE(run.summary.has_value()) << run.summary.error().ToString();
  EXPECT_EQ(run.summary->layout, "wide");
  EXPECT_EQ(run.summary->records, 3);
  EXPECT_EQ(run.summary->observations, 63 + 4 + 2);
  EXPECT_EQ(run.summary->missing_cells, 1 + 60 + 62);
  const Observation* first = FindOne(run.observations, ForCountry("population", "KAZ", "1960"));
  ASSERT_NE(first, nullptr);
  EXPECT_DOUBLE_EQ(*first->value, 9996757);
  EXPECT_EQ(first->line, 6);  // after four preamble lines (two blank) and the header
  // The World aggregate is a registry entity (kind aggregate) and is kept.
  const Observation* world = FindOne(run.observations, ForCountry("population", "WLD", "2023"));
  ASSERT_NE(world, nullptr);
  EXPECT_DOUBLE_EQ(*world->value, 8024997028);
  const Observation* remittances =
      FindOne(run.observations, ForCountry("remittances_received_usd", "KAZ", "2021"));
  ASSERT_NE(remittances, nullptr);
  EXPECT_DOUBLE_EQ(*remittances->value, 4.56e8);
}

TEST(WdiReaderTest, DataBankLayoutStopsAtTheFooter) {
  const ReadRun run = ReadFixtureAs(Format::kWdi, "wdi/databank.csv");
  ASSERT_TRUE(run.summary.has_value()) << run.summary.error().ToString();
  EXPECT_EQ(run.summary->layout, "databank");
  EXPECT_EQ(run.summary->records, 3);
  EXPECT_EQ(run.summary->observations, 8);
  EXPECT_EQ(run.summary->missing_cells, 1);
  const Observation* kgz =
      FindOne(run.observations, ForCountry("remittances_received_usd", "KGZ", "2021"));
  ASSERT_NE(kgz, nullptr);
  EXPECT_DOUBLE_EQ(*kgz->value, 2780000000);
  const Observation* population =
      FindOne(run.observations, ForCountry("population", "KAZ", "2020"));
  ASSERT_NE(population, nullptr);
  EXPECT_DOUBLE_EQ(*population->value, 18755666);
}

TEST(WdiReaderTest, LongLayoutIgnoresTheExtraColumns) {
  const ReadRun run = ReadFixtureAs(Format::kWdi, "wdi/long.csv");
  ASSERT_TRUE(run.summary.has_value()) << run.summary.error().ToString();
  EXPECT_EQ(run.summary->layout, "long");
  EXPECT_EQ(run.summary->observations, 2);
  EXPECT_EQ(run.summary->missing_cells, 1);
  const Observation* share =
      FindOne(run.observations, ForCountry("remittances_received_pct_gdp", "KAZ", "2022"));
  ASSERT_NE(share, nullptr);
  EXPECT_DOUBLE_EQ(*share->value, 0.226);
}

// --- SDMX-CSV ---------------------------------------------------------------------------

TEST(SdmxCsvReaderTest, EurostatSdmxCsv1MapsElAndUkAndKeepsConfidentialCells) {
  const ReadRun run = ReadFixtureAs(Format::kSdmxCsv, "sdmx_csv/migr_imm1ctz_sdmx1.csv");
  ASSERT_TRUE(run.summary.has_value()) << run.summary.error().ToString();
  EXPECT_EQ(run.summary->layout, "sdmx-csv 1.0 (SDMX 2.1)");
  EXPECT_EQ(run.summary->records, 5);
  EXPECT_EQ(run.summary->observations, 4);
  EXPECT_EQ(run.summary->missing_cells, 1);  // ':' without a flag
  const Observation* greece =
      FindOne(run.observations, Bilateral("immigration", "UKR", "GRC", "2022", Sex::kTotal));
  ASSERT_NE(greece, nullptr);
  EXPECT_DOUBLE_EQ(*greece->value, 12345);
  EXPECT_EQ(greece->flag_mask, 0);
  EXPECT_EQ(greece->breakdown, "agedef=COMPLET");
  const Observation* uk =
      FindOne(run.observations, Bilateral("immigration", "KAZ", "GBR", "2019", Sex::kFemale));
  ASSERT_NE(uk, nullptr);
  EXPECT_EQ(uk->flag_mask, flags::kEstimated);
  const Observation* confidential =
      FindOne(run.observations, Bilateral("immigration", "SYR", "DEU", "2022", Sex::kMale));
  ASSERT_NE(confidential, nullptr);
  EXPECT_FALSE(confidential->value.has_value());
  EXPECT_EQ(confidential->flag_mask, flags::kSuppressed);
  EXPECT_EQ(confidential->age, "Y15-19");
  const Observation* provisional =
      FindOne(run.observations, Bilateral("immigration", "KAZ", "DEU", "2021", Sex::kTotal));
  ASSERT_NE(provisional, nullptr);
  EXPECT_EQ(provisional->flag_mask, flags::kProvisional);
}

TEST(SdmxCsvReaderTest, SdmxCsv2WithLabelsUsesTheCodesBeforeTheColon) {
  const ReadRun run = ReadFixtureAs(Format::kSdmxCsv, "sdmx_csv/migr_imm1ctz_sdmx2.csv");
  ASSERT_TRUE(run.summary.has_value()) << run.summary.error().ToString();
  EXPECT_EQ(run.summary->layout, "sdmx-csv 2.0 (SDMX 3.0)");
  EXPECT_EQ(run.summary->observations, 3);
  const Observation* germany =
      FindOne(run.observations, Bilateral("immigration", "KAZ", "DEU", "2022", Sex::kFemale));
  ASSERT_NE(germany, nullptr);
  EXPECT_DOUBLE_EQ(*germany->value, 1877);
  EXPECT_EQ(germany->breakdown, "agedef=COMPLET");
  const Observation* austria =
      FindOne(run.observations, Bilateral("immigration", "SYR", "AUT", "2021", Sex::kMale));
  ASSERT_NE(austria, nullptr);
  EXPECT_EQ(austria->flag_mask, flags::kSuppressed);
}

// --- mapped CSV -------------------------------------------------------------------------

TEST(MappedCsvReaderTest, SemicolonTableWithThousandsSeparatorAndSuppressedCell) {
  auto mapping = Mapping::Parse(ReadFixture("mapped_csv/national_population.toml"),
                                "national_population.toml");
  ASSERT_TRUE(mapping.has_value()) << mapping.error().ToString();
  const ReadRun run =
      ReadFixtureAs(Format::kMappedCsv, "mapped_csv/national_population.csv", &*mapping);
  ASSERT_TRUE(run.summary.has_value()) << run.summary.error().ToString();
  EXPECT_EQ(run.summary->layout, "mapped: National population by sex");
  EXPECT_EQ(run.summary->records, 6);
  EXPECT_EQ(run.summary->observations, 4);
  EXPECT_EQ(run.summary->missing_cells, 1);
  ASSERT_EQ(run.summary->skipped_codes.count("EU27"), 1u);
  EXPECT_EQ(run.summary->skipped_codes.at("EU27"), 1);
  const Observation* total = FindOne(run.observations, ForCountry("population", "KAZ", "2023"));
  ASSERT_NE(total, nullptr);
  EXPECT_DOUBLE_EQ(*total->value, 19766807);
  EXPECT_EQ(total->line, 3);
  const Observation* men =
      FindOne(run.observations, ForCountry("population", "KAZ", "2023", Sex::kMale));
  ASSERT_NE(men, nullptr);
  EXPECT_DOUBLE_EQ(*men->value, 9624540);
  const Observation* women =
      FindOne(run.observations, ForCountry("population", "KAZ", "2023", Sex::kFemale));
  ASSERT_NE(women, nullptr);
  EXPECT_FALSE(women->value.has_value());
  EXPECT_EQ(women->flag_mask, flags::kSuppressed);
  const Observation* kgz = FindOne(run.observations, ForCountry("population", "KGZ", "2023"));
  ASSERT_NE(kgz, nullptr);
  EXPECT_DOUBLE_EQ(*kgz->value, 7037590);
}

}  // namespace
}  // namespace kosh::ingest
