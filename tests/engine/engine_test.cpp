#include "kosh/engine/engine.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kosh::engine {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHeader = "year,origin_iso3,dest_iso3,sex,stock\n";

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  ASSERT_TRUE(out.good()) << path;
}

// A temporary folder with a SQLite store in it, both removed at the end of the test.
class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/kosh_engine_test_XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    db_ = dir_ + "/kosh.db";
    OpenStore();
  }

  void TearDown() override {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void OpenStore() {
    store_.reset();
    auto opened = store::Store::Open(db_);
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    store_ = std::move(opened).value();
    auto migrated = store_->Migrate();
    ASSERT_TRUE(migrated.has_value()) << migrated.error().ToString();
  }

  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  std::int64_t Count() {
    auto n = store_->CountObservations();
    EXPECT_TRUE(n.has_value()) << n.error().ToString();
    return n ? *n : -1;
  }

  std::vector<SourceRecord> Sources() {
    auto s = store_->ListSources();
    EXPECT_TRUE(s.has_value()) << s.error().ToString();
    return s ? *s : std::vector<SourceRecord>{};
  }

  std::vector<store::ObservationRow> StockRows(bool include_superseded = false) {
    store::ObservationQuery q;
    q.indicator = "migrant_stock";
    q.include_superseded = include_superseded;
    auto rows = store_->Query(q);
    EXPECT_TRUE(rows.has_value()) << rows.error().ToString();
    return rows ? *rows : std::vector<store::ObservationRow>{};
  }

  Result<ImportReport> ImportStock(const std::string& path, bool dry_run = false) {
    ImportOptions options;
    options.dry_run = dry_run;
    return ImportFile(*store_, ingest::Format::kUndesaStock, path, options);
  }

  std::string dir_;
  std::string db_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(EngineTest, ImportsALongLayoutStockFile) {
  const std::string file = Path("stock.csv");
  WriteFile(file, std::string(kHeader) +
                      "2015,TJK,RUS,total,1000\n"
                      "2020,TJK,RUS,total,1100\n"
                      "2020,TJK,RUS,female,500\n"
                      "2020,UZB,KAZ,total,2000\n");
  auto report = ImportStock(file);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_EQ(report->outcome, ImportReport::Outcome::kImported);
  EXPECT_EQ(report->format, "undesa-stock");
  EXPECT_EQ(report->summary.observations, 4);
  EXPECT_EQ(report->source.rows, 4);
  EXPECT_EQ(report->source.revision, 1);
  EXPECT_EQ(report->source.name, "stock.csv");
  EXPECT_EQ(report->source.sha256.size(), 64u);
  EXPECT_EQ(report->source.importer_version, Version());
  EXPECT_FALSE(report->superseded.has_value());
  EXPECT_EQ(Count(), 4);
  store::ObservationQuery q;
  q.indicator = "migrant_stock";
  q.origin = "TJK";
  q.sex = Sex::kTotal;
  auto rows = store_->Query(q);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].period, Period::Year(2020));
  EXPECT_EQ((*rows)[1].value, std::optional<double>(1100));
}

TEST_F(EngineTest, ReimportingTheSameBytesIsANoOp) {
  const std::string file = Path("stock.csv");
  WriteFile(file, std::string(kHeader) + "2020,TJK,RUS,total,1100\n");
  auto first = ImportStock(file);
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  auto again = ImportStock(file);
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_EQ(again->outcome, ImportReport::Outcome::kAlreadyImported);
  EXPECT_EQ(again->source.id, first->source.id);
  EXPECT_EQ(Sources().size(), 1u);
  EXPECT_EQ(Count(), 1);
  EXPECT_STREQ(OutcomeName(again->outcome), "already imported");
}

TEST_F(EngineTest, ChangedBytesCreateASupersedingRevision) {
  const std::string file = Path("stock.csv");
  WriteFile(file, std::string(kHeader) + "2020,TJK,RUS,total,1100\n2020,UZB,RUS,total,7\n");
  auto first = ImportStock(file);
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  WriteFile(file, std::string(kHeader) + "2020,TJK,RUS,total,1234\n");
  auto second = ImportStock(file);
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ(second->outcome, ImportReport::Outcome::kImported);
  EXPECT_EQ(second->source.revision, 2);
  EXPECT_EQ(second->source.dataset, first->source.dataset);
  EXPECT_EQ(second->superseded, std::optional<std::int64_t>(first->source.id));
  const auto sources = Sources();
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0].superseded_by, std::optional<std::int64_t>(second->source.id));
  const auto rows = StockRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, std::optional<double>(1234));
  EXPECT_EQ(StockRows(true).size(), 3u);
}

TEST_F(EngineTest, DryRunStoresNothing) {
  const std::string file = Path("stock.csv");
  WriteFile(file, std::string(kHeader) + "2020,TJK,RUS,total,1100\n2020,UZB,RUS,total,7\n");
  auto report = ImportStock(file, /*dry_run=*/true);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_EQ(report->outcome, ImportReport::Outcome::kDryRun);
  EXPECT_EQ(report->summary.observations, 2);
  EXPECT_EQ(Count(), 0);
  EXPECT_TRUE(Sources().empty());
  // A later real import is not mistaken for a re-import.
  auto real = ImportStock(file);
  ASSERT_TRUE(real.has_value()) << real.error().ToString();
  EXPECT_EQ(real->outcome, ImportReport::Outcome::kImported);
  EXPECT_EQ(Count(), 2);
}

TEST_F(EngineTest, DryRunFindsADuplicateThatTheRealImportWouldReject) {
  const std::string file = Path("stock.csv");
  WriteFile(file, std::string(kHeader) + "2020,TJK,RUS,total,1100\n2020,UZB,RUS,total,7\n" +
                      "2020,TJK,RUS,total,1100\n");
  auto report = ImportStock(file, /*dry_run=*/true);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code(), StatusCode::kDataError);
  EXPECT_EQ(report.error().location().line, 4);
  EXPECT_NE(report.error().message().find("duplicate observation"), std::string::npos);
  EXPECT_TRUE(Sources().empty());
}

TEST_F(EngineTest, DryRunOfAnImportedFileSaysAlreadyImported) {
  const std::string file = Path("stock.csv");
  WriteFile(file, std::string(kHeader) + "2020,TJK,RUS,total,1100\n");
  ASSERT_TRUE(ImportStock(file).has_value());
  auto report = ImportStock(file, /*dry_run=*/true);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_EQ(report->outcome, ImportReport::Outcome::kAlreadyImported);
  EXPECT_EQ(Sources().size(), 1u);
}

TEST_F(EngineTest, OlderBytesImportedAgainBecomeCurrentAgain) {
  const std::string file = Path("stock.csv");
  const std::string old_bytes = std::string(kHeader) + "2020,TJK,RUS,total,1100\n";
  WriteFile(file, old_bytes);
  auto first = ImportStock(file);
  ASSERT_TRUE(first.has_value());
  WriteFile(file, std::string(kHeader) + "2020,TJK,RUS,total,1234\n");
  auto second = ImportStock(file);
  ASSERT_TRUE(second.has_value());
  WriteFile(file, old_bytes);
  auto third = ImportStock(file);
  ASSERT_TRUE(third.has_value()) << third.error().ToString();
  EXPECT_EQ(third->outcome, ImportReport::Outcome::kReinstated);
  EXPECT_EQ(third->source.id, first->source.id);
  EXPECT_EQ(third->source.revision, 3);
  EXPECT_FALSE(third->source.superseded_by.has_value());
  const auto rows = StockRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, std::optional<double>(1100));
  const auto sources = Sources();
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[1].superseded_by, std::optional<std::int64_t>(first->source.id));
}

TEST_F(EngineTest, ImportAllReportsARejectedFileAndLoadsTheOthers) {
  const std::string dir = Path("data");
  fs::create_directories(dir + "/un_desa_migrant_stock");
  fs::create_directories(dir + "/unhcr_refugees");
  fs::create_directories(dir + "/extra");
  WriteFile(dir + "/un_desa_migrant_stock/bilateral_stock_2020rev.csv",
            std::string(kHeader) + "2020,TJK,RUS,total,1100\n2020,TJK,RUS,total,oops\n");
  WriteFile(dir + "/unhcr_refugees/population.csv",
            "year,coo,coo_iso,coa,coa_iso,refugees,asylum_seekers\n"
            "2020,AFG,AFG,KAZ,KAZ,10,2\n");
  WriteFile(dir + "/extra/unknown_table.csv", "a,b\n1,2\n");
  auto reports = ImportAll(*store_, dir, ImportOptions{});
  ASSERT_TRUE(reports.has_value()) << reports.error().ToString();
  const auto find = [&](const std::string& rel) -> const ImportReport* {
    for (const auto& r : *reports) {
      if (r.file == rel) {
        return &r;
      }
    }
    return nullptr;
  };
  const ImportReport* stock = find("un_desa_migrant_stock/bilateral_stock_2020rev.csv");
  ASSERT_NE(stock, nullptr);
  EXPECT_EQ(stock->outcome, ImportReport::Outcome::kFailed);
  EXPECT_EQ(stock->error.location().line, 3);
  const ImportReport* refugees = find("unhcr_refugees/population.csv");
  ASSERT_NE(refugees, nullptr);
  EXPECT_EQ(refugees->outcome, ImportReport::Outcome::kImported);
  const ImportReport* unknown = find("extra/unknown_table.csv");
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->outcome, ImportReport::Outcome::kSkipped);
  EXPECT_EQ(Count(), 2);  // refugees and asylum seekers; nothing from the rejected file
}

TEST_F(EngineTest, DataBankFileLongerThanOneChunkWithAFooterImports) {
  // The reader stops at the footer; the hash must still cover the whole file.
  std::string text =
      "Series Name,Series Code,Country Name,Country Code,2019 [YR2019]\n"
      "Population,SP.POP.TOTL,Kazakhstan,KAZ,18513930\n"
      "Population,SP.POP.TOTL,Kyrgyz Republic,KGZ,..\n"
      "\n\nData from database: World Development Indicators\nLast Updated: 12/16/2024\n";
  // More than the reader's 1 MiB chunk after the footer, which the reader never parses.
  text += std::string((1 << 20) + 100, '\n');
  const int rows = 1;
  const std::string file = Path("databank.csv");
  WriteFile(file, text);
  auto report = ImportFile(*store_, ingest::Format::kWdi, file, ImportOptions{});
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_EQ(report->source.rows, rows);
}

TEST_F(EngineTest, MalformedFileReportsLineAndLeavesStoreUnchanged) {
  const std::string good = Path("good.csv");
  WriteFile(good, std::string(kHeader) + "2020,TJK,RUS,total,1100\n");
  ASSERT_TRUE(ImportStock(good).has_value());
  const std::int64_t before = Count();
  const std::size_t sources_before = Sources().size();

  const std::string bad = Path("bad.csv");
  WriteFile(bad, std::string(kHeader) + "2020,UZB,RUS,total,5\n2020,KGZ,RUS,total,lots\n");
  auto report = ImportStock(bad);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code(), StatusCode::kDataError);
  EXPECT_TRUE(report.error().ToString().starts_with(bad + ":3:")) << report.error().ToString();
  EXPECT_EQ(Count(), before);
  EXPECT_EQ(Sources().size(), sources_before);
  // The store still accepts imports afterwards.
  WriteFile(bad, std::string(kHeader) + "2020,UZB,RUS,total,5\n2020,KGZ,RUS,total,6\n");
  auto fixed = ImportStock(bad);
  ASSERT_TRUE(fixed.has_value()) << fixed.error().ToString();
  EXPECT_EQ(Count(), before + 2);
}

TEST_F(EngineTest, HeaderOnlyFileIsRejected) {
  const std::string file = Path("empty.csv");
  WriteFile(file, kHeader);
  auto report = ImportStock(file);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code(), StatusCode::kDataError);
  EXPECT_TRUE(Sources().empty());
}

TEST_F(EngineTest, MissingFileIsAnError) {
  auto report = ImportStock(Path("does_not_exist.csv"));
  ASSERT_FALSE(report.has_value());
  EXPECT_NE(report.error().code(), StatusCode::kOk);
  EXPECT_TRUE(Sources().empty());
}

TEST_F(EngineTest, MappedCsvNeedsAMapping) {
  const std::string file = Path("stock.csv");
  WriteFile(file, std::string(kHeader) + "2020,TJK,RUS,total,1100\n");
  auto report = ImportFile(*store_, ingest::Format::kMappedCsv, file, ImportOptions{});
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(report.error().message().find("--mapping"), std::string::npos);
}

TEST_F(EngineTest, ImportAllRejectsAMissingFolder) {
  auto reports = ImportAll(*store_, Path("nope"), ImportOptions{});
  ASSERT_FALSE(reports.has_value());
  EXPECT_EQ(reports.error().code(), StatusCode::kNotFound);
}

TEST_F(EngineTest, ImportsEmbeddedDataAndBuildsKazakhstanOverview) {
  auto reports = ImportAll(*store_, DataDir() + "/embedded", ImportOptions{});
  ASSERT_TRUE(reports.has_value()) << reports.error().ToString();
  int imported = 0;
  for (const ImportReport& r : *reports) {
    imported += r.outcome == ImportReport::Outcome::kImported ? 1 : 0;
  }
  EXPECT_GT(imported, 0);
  EXPECT_EQ(Sources().size(), static_cast<std::size_t>(imported));
  EXPECT_GT(Count(), 0);

  auto overview = BuildCountryOverview(*store_, "KAZ", 5);
  ASSERT_TRUE(overview.has_value()) << overview.error().ToString();
  EXPECT_EQ(overview->code, "KAZ");
  EXPECT_EQ(overview->name, "Kazakhstan");
  EXPECT_EQ(overview->region, "Central Asia");
  EXPECT_EQ(overview->stock_year, 2020);
  ASSERT_FALSE(overview->top_origins.empty());
  EXPECT_LE(overview->top_origins.size(), 5u);
  EXPECT_EQ(overview->top_origins[0].partner, "RUS");
  EXPECT_EQ(overview->top_origins[0].partner_name, "Russian Federation");
  for (std::size_t i = 1; i < overview->top_origins.size(); ++i) {
    EXPECT_GE(overview->top_origins[i - 1].value, overview->top_origins[i].value);
  }
  EXPECT_FALSE(overview->top_destinations.empty());
  EXPECT_FALSE(overview->remittances_received_usd.empty());
  ASSERT_TRUE(overview->immigrant_stock.has_value());
  EXPECT_GT(*overview->immigrant_stock, overview->top_origins[0].value);

  // A second run finds everything already imported.
  auto again = ImportAll(*store_, DataDir() + "/embedded", ImportOptions{});
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  for (const ImportReport& r : *again) {
    EXPECT_NE(r.outcome, ImportReport::Outcome::kImported) << r.file;
  }
}

TEST_F(EngineTest, ClassifiesCorridorsOfTheEmbeddedData) {
  auto reports = ImportAll(*store_, DataDir() + "/embedded", ImportOptions{});
  ASSERT_TRUE(reports.has_value()) << reports.error().ToString();
  ClassifyRequest one;
  one.origin = "TJK";
  one.destination = "RUS";
  auto placements = ClassifyCorridors(*store_, one);
  ASSERT_TRUE(placements.has_value()) << placements.error().ToString();
  ASSERT_EQ(placements->size(), 1u);
  const classify::Placement& p = placements->front();
  EXPECT_EQ(p.year, 2020);
  ASSERT_TRUE(p.motive.score.has_value()) << p.note;
  EXPECT_LT(*p.motive.score, 0.1);  // few refugees among about 466,000 migrants
  ASSERT_TRUE(p.match.score.has_value()) << p.note;
  EXPECT_GE(p.match.evidence.size(), 3u);
  for (const auto& item : p.match.evidence) {
    EXPECT_FALSE(item.sources.empty()) << item.type;
  }
  // Every corridor into Kazakhstan above the minimum stock, each with a year and a note.
  ClassifyRequest into_kaz;
  into_kaz.destination = "KAZ";
  auto kaz = ClassifyCorridors(*store_, into_kaz);
  ASSERT_TRUE(kaz.has_value()) << kaz.error().ToString();
  EXPECT_GT(kaz->size(), 5u);
  for (const auto& placement : *kaz) {
    EXPECT_EQ(placement.destination, "KAZ");
    EXPECT_FALSE(placement.note.empty());
  }
}

TEST_F(EngineTest, ClassifyWithoutStockDataSaysSo) {
  ClassifyRequest request;
  request.origin = "TJK";
  auto placements = ClassifyCorridors(*store_, request);
  ASSERT_FALSE(placements.has_value());
  EXPECT_EQ(placements.error().code(), StatusCode::kNotFound);
  EXPECT_NE(placements.error().message().find("no migrant stock"), std::string::npos);
}

TEST_F(EngineTest, OverviewOfUnknownCountrySuggestsAlternatives) {
  auto overview = BuildCountryOverview(*store_, "Kazakstan", 5);
  ASSERT_FALSE(overview.has_value());
  EXPECT_EQ(overview.error().code(), StatusCode::kNotFound);
  EXPECT_NE(overview.error().message().find("KAZ"), std::string::npos);
}

// Starts `args` with stdout and stderr discarded; returns the child's pid.
pid_t Spawn(const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const std::string& a : args) {
      argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// Runs `args` and returns its exit status (-1 if it did not exit normally).
int RunToExit(const std::vector<std::string>& args) {
  const pid_t pid = Spawn(args);
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) {
    return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

off_t FileSize(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? st.st_size : -1;
}

std::string IntegrityCheck(const std::string& path) {
  sqlite3* db = nullptr;
  std::string result = "cannot open";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return result;
}

TEST_F(EngineTest, KilledImportLeavesTheStoreAsBefore) {
  const std::string file =
      std::string(KOSH_SHARED_DATA) + "/abel_cohen_flows/bilateral_flows_abel_cohen_2022.csv";
  if (!fs::exists(file)) {
    GTEST_SKIP() << "shared dataset not present: " << file;
  }
  store_.reset();  // the child process owns the store while it runs
  ASSERT_EQ(RunToExit({KOSH_BINARY, "--store", db_, "init"}), 0);
  const std::string mapping = DataDir() + "/mappings/abel_cohen_flows.toml";
  const std::vector<std::string> import_args = {KOSH_BINARY, "--store", db_,         "import",
                                                "csv",       file,      "--mapping", mapping};

  const pid_t pid = Spawn(import_args);
  ASSERT_GT(pid, 0);
  // Wait until the import is under way (the WAL exists and has grown, or 0.6 s passed with
  // the WAL present), then kill it mid-transaction.
  const std::string wal = db_ + "-wal";
  const auto start = std::chrono::steady_clock::now();
  const off_t initial_wal = FileSize(wal);
  bool child_exited = false;
  while (true) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const off_t size = FileSize(wal);
    if (elapsed >= std::chrono::milliseconds(300) && size > 0 && size > initial_wal) {
      break;
    }
    if (elapsed >= std::chrono::milliseconds(600) && size >= 0) {
      break;
    }
    if (elapsed >= std::chrono::seconds(5)) {
      break;
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      child_exited = true;
      break;
    }
  }
  ASSERT_FALSE(child_exited) << "the import ended before it could be killed";
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the import finished before the kill landed";

  EXPECT_EQ(IntegrityCheck(db_), "ok");
  OpenStore();
  EXPECT_EQ(Count(), 0);
  EXPECT_TRUE(Sources().empty());
  store::ObservationQuery q;
  q.indicator = "migration_flow";
  auto rows = store_->Query(q);
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  EXPECT_TRUE(rows->empty());
  store_.reset();

  // The same import, left to finish, lands whole.
  ASSERT_EQ(RunToExit(import_args), 0);
  OpenStore();
  EXPECT_GT(Count(), 600000);
  const auto sources = Sources();
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_GT(sources[0].rows, 600000);
  EXPECT_EQ(sources[0].rows, Count());
  EXPECT_EQ(IntegrityCheck(db_), "ok");
}

}  // namespace
}  // namespace kosh::engine
