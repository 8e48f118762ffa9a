#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "kosh/core/country.hpp"
#include "kosh/store/store.hpp"

namespace kosh::store {
namespace {

const Country* C(std::string_view code) {
  const Country* c = CountryRegistry::Default().Find(code, CodeSystem::kIso3);
  EXPECT_NE(c, nullptr) << code;
  return c;
}

Observation Stock(std::string_view origin, std::string_view destination, int year, double value,
                  Sex sex = Sex::kTotal, std::int64_t line = 0) {
  Observation o;
  o.indicator = "migrant_stock";
  o.origin = C(origin);
  o.destination = C(destination);
  o.period = Period::Year(year);
  o.sex = sex;
  o.value = value;
  o.line = line;
  return o;
}

Observation Remittances(std::string_view country, int year, double value) {
  Observation o;
  o.indicator = "remittances_received_usd";
  o.country = C(country);
  o.period = Period::Year(year);
  o.value = value;
  return o;
}

NewSource Source(const std::string& name, const std::string& sha, const std::string& dataset) {
  NewSource s;
  s.name = name;
  s.dataset = dataset;
  s.sha256 = sha;
  s.format = "undesa-stock";
  s.importer_version = "test";
  s.size_bytes = 123;
  return s;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::Open(":memory:");
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    store_ = std::move(opened).value();
    auto version = store_->Migrate();
    ASSERT_TRUE(version.has_value()) << version.error().ToString();
  }

  // Imports `rows` as one committed source.
  SourceRecord Import(const NewSource& source, const std::vector<Observation>& rows) {
    auto tx = store_->BeginImport(source);
    EXPECT_TRUE(tx.has_value()) << tx.error().ToString();
    if (!tx) {
      return {};
    }
    for (const Observation& o : rows) {
      const Status s = (*tx)->Add(o);
      EXPECT_TRUE(s.ok()) << s.ToString();
    }
    auto committed = (*tx)->Commit();
    EXPECT_TRUE(committed.has_value()) << committed.error().ToString();
    return committed ? *committed : SourceRecord{};
  }

  std::vector<ObservationRow> Query(const ObservationQuery& q) {
    auto rows = store_->Query(q);
    EXPECT_TRUE(rows.has_value()) << rows.error().ToString();
    return rows ? *rows : std::vector<ObservationRow>{};
  }

  std::int64_t Count() {
    auto n = store_->CountObservations();
    EXPECT_TRUE(n.has_value()) << n.error().ToString();
    return n ? *n : -1;
  }

  void ImportSample() {
    Import(Source("stock.csv", std::string(64, 'a'), "undesa-stock:stock.csv"),
           {Stock("TJK", "RUS", 2015, 100), Stock("TJK", "RUS", 2020, 200),
            Stock("TJK", "RUS", 2020, 90, Sex::kFemale), Stock("UZB", "RUS", 2020, 300),
            Stock("KAZ", "RUS", 2020, 400), Stock("RUS", "KAZ", 2020, 500),
            Remittances("KGZ", 2019, 7e8), Remittances("KGZ", 2020, 8e8)});
  }

  std::unique_ptr<Store> store_;
};

TEST(StoreOpenTest, OpensInMemoryAndMigratesOnce) {
  auto store = Store::Open(":memory:");
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  auto before = (*store)->SchemaVersion();
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(*before, 0);
  auto first = (*store)->Migrate();
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(*first, 1);
  auto second = (*store)->Migrate();
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ(*second, 1);
  EXPECT_EQ(*(*store)->SchemaVersion(), 1);
  EXPECT_EQ(*(*store)->CountObservations(), 0);
  EXPECT_TRUE((*store)->ListSources()->empty());
}

TEST(StoreOpenTest, PersistsToAFileAcrossReopen) {
  char dir_template[] = "/tmp/kosh_store_test_XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const std::string path = dir + "/k.db";
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    ASSERT_EQ(*(*store)->Migrate(), 1);
    auto tx = (*store)->BeginImport(Source("f.csv", std::string(64, 'f'), "d:f.csv"));
    ASSERT_TRUE(tx.has_value()) << tx.error().ToString();
    ASSERT_TRUE((*tx)->Add(Stock("TJK", "RUS", 2020, 1)).ok());
    ASSERT_TRUE((*tx)->Commit().has_value());
  }
  EXPECT_TRUE(std::filesystem::exists(path));
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    EXPECT_EQ(*(*store)->SchemaVersion(), 1);
    EXPECT_EQ(*(*store)->Migrate(), 1);
    EXPECT_EQ(*(*store)->CountObservations(), 1);
    ASSERT_EQ((*store)->ListSources()->size(), 1u);
  }
  std::filesystem::remove_all(dir);
}

TEST(StoreOpenTest, RejectsPostgresUrlsForNow) {
  auto store = Store::Open("postgresql://x");
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code(), StatusCode::kInvalidArgument);
}

TEST(StoreOpenTest, ReportsAFileThatIsNotAStore) {
  char dir_template[] = "/tmp/kosh_store_test_XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const std::string path = dir + "/not_a_db";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("this is not an sqlite database, it is plain text that goes on for a while\n", f);
  std::fclose(f);
  auto store = Store::Open(path);
  if (store) {
    EXPECT_FALSE((*store)->Migrate().has_value());
  } else {
    EXPECT_EQ(store.error().code(), StatusCode::kUnavailable);
  }
  std::filesystem::remove_all(dir);
}

TEST_F(StoreTest, CommitRecordsTheSource) {
  const SourceRecord r = Import(Source("stock.csv", std::string(64, 'a'), "undesa-stock:stock.csv"),
                                {Stock("TJK", "RUS", 2020, 1), Stock("UZB", "RUS", 2020, 2)});
  EXPECT_GT(r.id, 0);
  EXPECT_EQ(r.name, "stock.csv");
  EXPECT_EQ(r.dataset, "undesa-stock:stock.csv");
  EXPECT_EQ(r.sha256, std::string(64, 'a'));
  EXPECT_EQ(r.format, "undesa-stock");
  EXPECT_EQ(r.importer_version, "test");
  EXPECT_EQ(r.rows, 2);
  EXPECT_EQ(r.size_bytes, 123);
  EXPECT_EQ(r.revision, 1);
  EXPECT_FALSE(r.superseded_by.has_value());
  EXPECT_FALSE(r.imported_at.empty());
  EXPECT_EQ(Count(), 2);
}

TEST_F(StoreTest, QueriesByIndicator) {
  ImportSample();
  ObservationQuery q;
  q.indicator = "migrant_stock";
  EXPECT_EQ(Query(q).size(), 6u);
  q.indicator = "remittances_received_usd";
  const auto rows = Query(q);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].country, "KGZ");
  EXPECT_EQ(rows[0].origin, "");
  EXPECT_EQ(rows[0].period, Period::Year(2019));
  EXPECT_EQ(rows[1].value, std::optional<double>(8e8));
  q.indicator = "refugees";
  EXPECT_TRUE(Query(q).empty());
  q.indicator = "no_such_indicator";
  EXPECT_TRUE(Query(q).empty());
}

TEST_F(StoreTest, QueriesByOriginAndDestination) {
  ImportSample();
  ObservationQuery q;
  q.indicator = "migrant_stock";
  q.origin = "TJK";
  auto rows = Query(q);
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& r : rows) {
    EXPECT_EQ(r.origin, "TJK");
    EXPECT_EQ(r.destination, "RUS");
    EXPECT_EQ(r.indicator, "migrant_stock");
  }
  q.origin.reset();
  q.destination = "KAZ";
  rows = Query(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].origin, "RUS");
  EXPECT_EQ(rows[0].value, std::optional<double>(500));
  q.destination = "RUS";
  q.origin = "UZB";
  rows = Query(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, std::optional<double>(300));
  q.origin = "FRA";
  EXPECT_TRUE(Query(q).empty());
}

TEST_F(StoreTest, QueriesBySingleCountry) {
  ImportSample();
  ObservationQuery q;
  q.indicator = "remittances_received_usd";
  q.country = "KGZ";
  EXPECT_EQ(Query(q).size(), 2u);
  q.country = "KAZ";
  EXPECT_TRUE(Query(q).empty());
}

TEST_F(StoreTest, QueriesByYearRangeAndSex) {
  ImportSample();
  ObservationQuery q;
  q.indicator = "migrant_stock";
  q.origin = "TJK";
  q.from_year = 2020;
  auto rows = Query(q);
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& r : rows) {
    EXPECT_EQ(r.period.start_year(), 2020);
  }
  q.from_year.reset();
  q.to_year = 2015;
  rows = Query(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, std::optional<double>(100));
  q.to_year.reset();
  q.sex = Sex::kFemale;
  rows = Query(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sex, Sex::kFemale);
  EXPECT_EQ(rows[0].value, std::optional<double>(90));
  q.sex = Sex::kTotal;
  EXPECT_EQ(Query(q).size(), 2u);
}

TEST_F(StoreTest, HonoursLimitAndOffset) {
  ImportSample();
  ObservationQuery q;
  q.indicator = "migrant_stock";
  q.limit = 2;
  const auto first = Query(q);
  ASSERT_EQ(first.size(), 2u);
  q.offset = 2;
  const auto second = Query(q);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_NE(first[0].origin + first[0].destination + first[0].period.ToString(),
            second[0].origin + second[0].destination + second[0].period.ToString());
}

TEST_F(StoreTest, StoresMissingValuesWithFlags) {
  Observation missing = Stock("TJK", "RUS", 2020, 0);
  missing.value.reset();
  missing.flag_mask = flags::kMissing;
  Observation estimated = Stock("UZB", "RUS", 2020, 5);
  estimated.flag_mask = flags::kEstimated;
  estimated.age = "25+";
  estimated.breakdown = "method=x";
  Import(Source("f.csv", std::string(64, 'b'), "d:f.csv"), {missing, estimated});
  ObservationQuery q;
  q.indicator = "migrant_stock";
  const auto rows = Query(q);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_FALSE(rows[0].value.has_value());
  EXPECT_EQ(rows[0].flag_mask, flags::kMissing);
  EXPECT_EQ(rows[1].flag_mask, flags::kEstimated);
  EXPECT_EQ(rows[1].age, "25+");
  EXPECT_EQ(rows[1].breakdown, "method=x");
}

TEST_F(StoreTest, FindsSourceByShaAndFormat) {
  ImportSample();
  auto found = store_->FindSource(std::string(64, 'a'), "undesa-stock");
  ASSERT_TRUE(found.has_value()) << found.error().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name, "stock.csv");
  EXPECT_EQ((*found)->rows, 8);
  auto other_format = store_->FindSource(std::string(64, 'a'), "wdi");
  ASSERT_TRUE(other_format.has_value());
  EXPECT_FALSE(other_format->has_value());
  auto other_sha = store_->FindSource(std::string(64, 'c'), "undesa-stock");
  ASSERT_TRUE(other_sha.has_value());
  EXPECT_FALSE(other_sha->has_value());
}

TEST_F(StoreTest, RejectsDuplicateObservationWithItsLine) {
  auto tx = store_->BeginImport(Source("dup.csv", std::string(64, 'd'), "d:dup.csv"));
  ASSERT_TRUE(tx.has_value()) << tx.error().ToString();
  ASSERT_TRUE((*tx)->Add(Stock("TJK", "RUS", 2020, 1, Sex::kTotal, 2)).ok());
  ASSERT_TRUE((*tx)->Add(Stock("TJK", "RUS", 2020, 1, Sex::kFemale, 3)).ok());
  // The store may report the duplicate as it is added or, if it buffers rows, at Commit();
  // either way the import must not land.
  Status s = (*tx)->Add(Stock("TJK", "RUS", 2020, 9, Sex::kTotal, 17));
  if (s.ok()) {
    auto committed = (*tx)->Commit();
    ASSERT_FALSE(committed.has_value()) << "a duplicate observation was committed";
    s = committed.error();
  }
  EXPECT_EQ(s.code(), StatusCode::kDataError);
  EXPECT_EQ(s.location().line, 17);
  EXPECT_EQ(s.location().file, "dup.csv");
  EXPECT_TRUE(s.ToString().starts_with("dup.csv:17:")) << s.ToString();
  EXPECT_NE(s.message().find("duplicate"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("TJK"), std::string::npos) << s.message();
  (*tx)->Rollback();
  EXPECT_EQ(Count(), 0);
  EXPECT_TRUE(store_->ListSources()->empty());
}

TEST_F(StoreTest, AcceptsTheSameKeyInDifferentPeriodsAndSexes) {
  Import(Source("ok.csv", std::string(64, 'o'), "d:ok.csv"),
         {Stock("TJK", "RUS", 2015, 1), Stock("TJK", "RUS", 2020, 2),
          Stock("TJK", "RUS", 2020, 3, Sex::kMale), Stock("TJK", "RUS", 2020, 4, Sex::kFemale)});
  EXPECT_EQ(Count(), 4);
}

TEST_F(StoreTest, RollsBackWhenTransactionIsDestroyedWithoutCommit) {
  ImportSample();
  const std::int64_t before = Count();
  const std::size_t sources_before = store_->ListSources()->size();
  {
    auto tx = store_->BeginImport(Source("gone.csv", std::string(64, 'e'), "d:gone.csv"));
    ASSERT_TRUE(tx.has_value()) << tx.error().ToString();
    ASSERT_TRUE((*tx)->Add(Stock("AFG", "IRN", 2020, 1)).ok());
    ASSERT_TRUE((*tx)->Add(Stock("AFG", "PAK", 2020, 2)).ok());
  }
  EXPECT_EQ(Count(), before);
  EXPECT_EQ(store_->ListSources()->size(), sources_before);
  auto found = store_->FindSource(std::string(64, 'e'), "undesa-stock");
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->has_value());
  // The store is usable again afterwards.
  Import(Source("next.csv", std::string(64, 'f'), "d:next.csv"), {Stock("AFG", "IRN", 2020, 1)});
  EXPECT_EQ(Count(), before + 1);
}

TEST_F(StoreTest, RefusesAddAfterCommit) {
  auto tx = store_->BeginImport(Source("a.csv", std::string(64, 'a'), "d:a.csv"));
  ASSERT_TRUE(tx.has_value());
  ASSERT_TRUE((*tx)->Add(Stock("TJK", "RUS", 2020, 1)).ok());
  ASSERT_TRUE((*tx)->Commit().has_value());
  EXPECT_FALSE((*tx)->Add(Stock("UZB", "RUS", 2020, 1)).ok());
  EXPECT_FALSE((*tx)->Commit().has_value());
  EXPECT_EQ(Count(), 1);
}

TEST_F(StoreTest, NewRevisionSupersedesPreviousOne) {
  const SourceRecord first =
      Import(Source("stock.csv", std::string(64, '1'), "undesa-stock:stock.csv"),
             {Stock("TJK", "RUS", 2020, 100), Stock("UZB", "RUS", 2020, 300)});
  const SourceRecord second =
      Import(Source("stock.csv", std::string(64, '2'), "undesa-stock:stock.csv"),
             {Stock("TJK", "RUS", 2020, 111)});
  EXPECT_EQ(first.revision, 1);
  EXPECT_EQ(second.revision, 2);
  EXPECT_FALSE(second.superseded_by.has_value());
  auto sources = store_->ListSources();
  ASSERT_TRUE(sources.has_value());
  ASSERT_EQ(sources->size(), 2u);
  EXPECT_EQ((*sources)[0].id, first.id);
  EXPECT_EQ((*sources)[0].superseded_by, std::optional<std::int64_t>(second.id));
  EXPECT_FALSE((*sources)[1].superseded_by.has_value());
  // History stays in the store ...
  EXPECT_EQ(Count(), 3);
  // ... but queries see only the current revision unless asked.
  ObservationQuery q;
  q.indicator = "migrant_stock";
  auto rows = Query(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, std::optional<double>(111));
  EXPECT_EQ(rows[0].source_id, second.id);
  q.include_superseded = true;
  rows = Query(q);
  EXPECT_EQ(rows.size(), 3u);
}

TEST_F(StoreTest, ThirdRevisionSupersedesOnlyTheCurrentOne) {
  const SourceRecord r1 =
      Import(Source("s.csv", std::string(64, '1'), "d:s.csv"), {Stock("TJK", "RUS", 2020, 1)});
  const SourceRecord r2 =
      Import(Source("s.csv", std::string(64, '2'), "d:s.csv"), {Stock("TJK", "RUS", 2020, 2)});
  const SourceRecord r3 =
      Import(Source("s.csv", std::string(64, '3'), "d:s.csv"), {Stock("TJK", "RUS", 2020, 3)});
  EXPECT_EQ(r3.revision, 3);
  auto sources = *store_->ListSources();
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[0].superseded_by, std::optional<std::int64_t>(r2.id));
  EXPECT_EQ(sources[1].superseded_by, std::optional<std::int64_t>(r3.id));
  EXPECT_FALSE(sources[2].superseded_by.has_value());
  ObservationQuery q;
  q.indicator = "migrant_stock";
  const auto rows = Query(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, std::optional<double>(3));
  (void)r1;
}

TEST_F(StoreTest, OtherDatasetsAreNotSuperseded) {
  Import(Source("a.csv", std::string(64, 'a'), "d:a.csv"), {Stock("TJK", "RUS", 2020, 1)});
  const SourceRecord b =
      Import(Source("b.csv", std::string(64, 'b'), "d:b.csv"), {Stock("TJK", "RUS", 2020, 2)});
  EXPECT_EQ(b.revision, 1);
  const auto sources = store_->ListSources();
  ASSERT_TRUE(sources.has_value());
  for (const SourceRecord& r : *sources) {
    EXPECT_FALSE(r.superseded_by.has_value()) << r.name;
  }
  ObservationQuery q;
  q.indicator = "migrant_stock";
  EXPECT_EQ(Query(q).size(), 2u);
}

TEST_F(StoreTest, RecordsModelRunProvenance) {
  NewSource run = Source("gravity", std::string(64, 'm'), "model:gravity");
  run.kind = SourceKind::kModelRun;
  run.method = "ppml";
  run.parameters = R"({"k":1})";
  run.inputs = {3, 5};
  const SourceRecord r = Import(run, {Stock("TJK", "RUS", 2020, 1)});
  EXPECT_EQ(r.kind, SourceKind::kModelRun);
  EXPECT_EQ(r.method, "ppml");
  EXPECT_EQ(r.parameters, R"({"k":1})");
  EXPECT_EQ(r.inputs, (std::vector<std::int64_t>{3, 5}));
}

}  // namespace
}  // namespace kosh::store
