// Black-box tests of the kosh binary: exit codes (0 ok, 1 usage, 2 bad data) and output.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/kosh_cli_test_XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    store_ = dir_ + "/kosh.db";
  }

  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Runs kosh with `args` (in the temp folder, so a default ./kosh.db lands there too).
  Outcome Kosh(const std::vector<std::string>& args) {
    std::string command = "cd " + Quote(dir_) + " && " + Quote(KOSH_BINARY);
    for (const std::string& a : args) {
      command += " " + Quote(a);
    }
    const std::string out = dir_ + "/stdout.txt";
    const std::string err = dir_ + "/stderr.txt";
    command += " >" + Quote(out) + " 2>" + Quote(err) + " </dev/null";
    const int status = std::system(command.c_str());
    Outcome o;
    o.exit_code = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
    o.out = ReadAll(out);
    o.err = ReadAll(err);
    return o;
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::string dir_;
  std::string store_;
};

TEST_F(CliTest, HelpExitsZeroAndListsVerbs) {
  const Outcome o = Kosh({"--help"});
  EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_NE(o.out.find("init"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("import"), std::string::npos);
  EXPECT_NE(o.out.find("query"), std::string::npos);
}

TEST_F(CliTest, UnknownVerbIsAUsageError) {
  const Outcome o = Kosh({"frobnicate"});
  EXPECT_EQ(o.exit_code, 1) << o.out << o.err;
  EXPECT_FALSE(o.err.empty());
}

TEST_F(CliTest, MissingVerbIsAUsageError) { EXPECT_EQ(Kosh({}).exit_code, 1); }

TEST_F(CliTest, VersionFlagPrintsVersion) {
  const Outcome o = Kosh({"--version"});
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_NE(o.out.find("kosh "), std::string::npos) << o.out;
}

TEST_F(CliTest, CountriesInKazakhAsJson) {
  const Outcome o = Kosh({"countries", "--lang", "kk", "--format", "json"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  const nlohmann::json doc = nlohmann::json::parse(o.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(doc.is_discarded()) << "not JSON: " << o.out.substr(0, 200);
  ASSERT_TRUE(doc.contains("countries"));
  ASSERT_TRUE(doc["countries"].is_array());
  EXPECT_GE(doc["countries"].size(), 240u);
  bool found = false;
  for (const auto& c : doc["countries"]) {
    if (c["iso3"] == "KAZ") {
      found = true;
      EXPECT_EQ(c["name"], "Қазақстан");
      EXPECT_EQ(c["iso2"], "KZ");
      EXPECT_EQ(c["subregion"], "Central Asia");
    }
  }
  EXPECT_TRUE(found);
  EXPECT_NE(o.out.find("Қазақстан"), std::string::npos);
}

TEST_F(CliTest, GlobalFormatOptionWorksBeforeTheVerbToo) {
  const Outcome o = Kosh({"--format", "csv", "countries", "--lang", "ru"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_TRUE(o.out.starts_with("iso2,iso3,m49")) << o.out.substr(0, 100);
  EXPECT_NE(o.out.find("Казахстан"), std::string::npos);
}

TEST_F(CliTest, UnknownLanguageIsAUsageError) {
  const Outcome o = Kosh({"countries", "--lang", "xx"});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("xx"), std::string::npos) << o.err;
}

TEST_F(CliTest, MisspelledCountrySuggestsTheRightOne) {
  const Outcome o = Kosh({"--store", store_, "query", "migrant_stock", "--origin", "Kazakstan"});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("did you mean"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("KAZ"), std::string::npos) << o.err;
}

TEST_F(CliTest, MisspelledIndicatorSuggestsTheRightOne) {
  const Outcome o = Kosh({"--store", store_, "query", "migrant_stok"});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("migrant_stock"), std::string::npos) << o.err;
}

TEST_F(CliTest, QueriesEmbeddedStockAfterInit) {
  const Outcome init = Kosh({"init", "--embedded", "--store", store_});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  const Outcome o = Kosh({"query", "migrant_stock", "--origin", "TJK", "--destination", "RUS",
                          "--format", "json", "--store", store_});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  const nlohmann::json doc = nlohmann::json::parse(o.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << o.out.substr(0, 200);
  EXPECT_EQ(doc["indicator"], "migrant_stock");
  EXPECT_EQ(doc["unit"], "persons");
  ASSERT_TRUE(doc["observations"].is_array());
  std::vector<std::string> periods;
  double value_2020 = 0;
  for (const auto& row : doc["observations"]) {
    EXPECT_EQ(row["origin"], "TJK");
    EXPECT_EQ(row["destination"], "RUS");
    EXPECT_EQ(row["sex"], "total");
    periods.push_back(row["period"].get<std::string>());
    if (row["period"] == "2020") {
      value_2020 = row["value"].get<double>();
    }
  }
  EXPECT_EQ(periods,
            (std::vector<std::string>{"1990", "1995", "2000", "2005", "2010", "2015", "2020"}));
  // UN DESA 2020 revision: 466,252 people born in Tajikistan lived in Russia in 2020.
  EXPECT_DOUBLE_EQ(value_2020, 466252);
}

TEST_F(CliTest, ClassifyJsonHasTheContractShape) {
  ASSERT_EQ(Kosh({"init", "--embedded", "--store", store_}).exit_code, 0);
  const Outcome o = Kosh({"classify", "--origin", "Tajikistan", "--destination", "RUS", "--format",
                          "json", "--store", store_});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  const nlohmann::json doc = nlohmann::json::parse(o.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << o.out.substr(0, 200);
  ASSERT_TRUE(doc["corridors"].is_array());
  ASSERT_EQ(doc["corridors"].size(), 1u);
  const auto& c = doc["corridors"][0];
  EXPECT_EQ(c["origin"], "TJK");
  EXPECT_EQ(c["destination"], "RUS");
  EXPECT_EQ(c["year"], 2020);
  EXPECT_TRUE(c["category"].is_null() ||
              (c["category"].is_number_integer() && c["category"] >= 1 && c["category"] <= 4));
  for (const char* axis : {"match", "motive"}) {
    EXPECT_TRUE(c[axis]["score"].is_null() || c[axis]["score"].is_number()) << axis;
    EXPECT_TRUE(c[axis]["evidence"].is_array()) << axis;
  }
  EXPECT_TRUE(c["confidence"].is_number());
  EXPECT_TRUE(c["note"].is_string());
}

TEST_F(CliTest, ClassifyUnknownCountrySuggestsOne) {
  const Outcome o = Kosh({"classify", "--origin", "Tadjikistan", "--store", store_});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("did you mean TJK"), std::string::npos) << o.err;
}

TEST_F(CliTest, MeasuresListTheCatalogueInKazakh) {
  const Outcome all = Kosh({"measures", "--lang", "kk", "--format", "json"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const nlohmann::json doc = nlohmann::json::parse(all.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  ASSERT_EQ(doc["measures"].size(), 74u);
  EXPECT_NE(all.out.find("босқын"), std::string::npos);  // "refugee" in Kazakh
  const Outcome intl =
      Kosh({"measures", "--category", "3", "--actor", "international", "--format", "json"});
  ASSERT_EQ(intl.exit_code, 0) << intl.err;
  const nlohmann::json selected = nlohmann::json::parse(intl.out, nullptr, false);
  ASSERT_FALSE(selected["measures"].empty());
  for (const auto& m : selected["measures"]) {
    EXPECT_EQ(m["actor"], "international");
  }
  EXPECT_EQ(Kosh({"measures", "--category", "7"}).exit_code, 1);
  EXPECT_EQ(Kosh({"measures", "--actor", "migrants"}).exit_code, 1);
}

TEST_F(CliTest, MalformedImportExitsTwoWithFileAndLine) {
  const std::string file = WriteFile("bad.csv",
                                     "year,origin_iso3,dest_iso3,sex,stock\n2020,TJK,RUS,total,5\n"
                                     "2020,KGZ,RUS,total,many\n");
  const Outcome o = Kosh({"--store", store_, "import", "undesa-stock", file});
  EXPECT_EQ(o.exit_code, 2) << o.err;
  EXPECT_NE(o.err.find(file + ":3"), std::string::npos) << o.err;
  // Nothing was stored.
  const Outcome sources = Kosh({"--store", store_, "sources", "--format", "json"});
  ASSERT_EQ(sources.exit_code, 0) << sources.err;
  const nlohmann::json doc = nlohmann::json::parse(sources.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_TRUE(doc["sources"].empty());
}

TEST_F(CliTest, CsvImportWithoutMappingFails) {
  const std::string file =
      WriteFile("x.csv", "year,origin_iso3,dest_iso3,sex,stock\n2020,TJK,RUS,total,5\n");
  const Outcome o = Kosh({"--store", store_, "import", "csv", file});
  EXPECT_TRUE(o.exit_code == 1 || o.exit_code == 2) << o.exit_code;
  EXPECT_NE(o.err.find("--mapping"), std::string::npos) << o.err;
}

TEST_F(CliTest, UnknownImportFormatFails) {
  const std::string file = WriteFile("x.csv", "a,b\n1,2\n");
  const Outcome o = Kosh({"--store", store_, "import", "nonsense", file});
  EXPECT_NE(o.exit_code, 0);
  EXPECT_FALSE(o.err.empty());
}

TEST_F(CliTest, SourcesListsImportsWithFullSha256) {
  const std::string file = WriteFile("stock.csv",
                                     "year,origin_iso3,dest_iso3,sex,stock\n2020,TJK,RUS,total,5\n"
                                     "2020,UZB,RUS,total,6\n");
  const Outcome imported = Kosh({"--store", store_, "import", "undesa-stock", file});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const Outcome again = Kosh({"--store", store_, "import", "undesa-stock", file});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("already imported"), std::string::npos) << again.out;

  const Outcome o = Kosh({"sources", "--format", "json", "--store", store_});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  const nlohmann::json doc = nlohmann::json::parse(o.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << o.out.substr(0, 200);
  ASSERT_EQ(doc["sources"].size(), 1u);
  const auto& s = doc["sources"][0];
  EXPECT_EQ(s["name"], "stock.csv");
  EXPECT_EQ(s["format"], "undesa-stock");
  EXPECT_EQ(s["rows"], 2);
  EXPECT_EQ(s["revision"], 1);
  EXPECT_TRUE(s["superseded_by"].is_null());
  EXPECT_TRUE(std::regex_match(s["sha256"].get<std::string>(), std::regex("[0-9a-f]{64}")))
      << s["sha256"];
}

TEST_F(CliTest, QueryListShowsTheIndicatorRegistry) {
  const Outcome o = Kosh({"--store", store_, "query", "--list", "--format", "csv"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_NE(o.out.find("migrant_stock,bilateral,persons"), std::string::npos) << o.out;
}

}  // namespace

// The brief on the embedded data: files written together, JSON for programs, and the
// errors a user meets (unknown country, a year without data, bad format, unwritable file).
TEST_F(CliTest, BriefOnTheEmbeddedData) {
  ASSERT_EQ(Kosh({"init", "--embedded", "--store", store_}).exit_code, 0);
  fs::create_directory(dir_ + "/out");
  const Outcome md =
      Kosh({"brief", "KAZ", "--lang", "ru", "--out", "out/kaz.md", "--store", store_});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  std::set<std::string> written;
  for (const auto& entry : fs::directory_iterator(dir_ + "/out")) {
    written.insert(entry.path().filename().string());
  }
  EXPECT_EQ(written, (std::set<std::string>{"kaz.md", "kaz-people.svg", "kaz-remittances.svg",
                                            "kaz-matrix.svg"}));
  const std::string text = ReadAll(dir_ + "/out/kaz.md");
  EXPECT_EQ(text.rfind("# Миграционная справка: Казахстан", 0), 0u) << text.substr(0, 100);
  EXPECT_NE(text.find("](kaz-matrix.svg)"), std::string::npos);

  const Outcome json = Kosh({"brief", "Қазақстан", "--format", "json", "--store", store_});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json doc = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << json.out.substr(0, 200);
  EXPECT_EQ(doc["country"]["code"], "KAZ");
  EXPECT_FALSE(doc["corridors"]["as_destination"].empty());
  EXPECT_FALSE(doc["corridors"]["as_origin"].empty());
  EXPECT_TRUE(doc["charts"]["matrix"].get<std::string>().rfind("<svg", 0) == 0);

  const Outcome unknown = Kosh({"brief", "Kazakstan", "--store", store_});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("did you mean"), std::string::npos) << unknown.err;

  const Outcome no_year = Kosh({"brief", "KAZ", "--year", "1950", "--store", store_});
  EXPECT_EQ(no_year.exit_code, 2);
  EXPECT_NE(no_year.err.find("no migrant stock for KAZ near 1950"), std::string::npos)
      << no_year.err;

  EXPECT_EQ(Kosh({"brief", "KAZ", "--format", "pdf", "--store", store_}).exit_code, 1);
  EXPECT_EQ(Kosh({"brief", "KAZ", "--lang", "de", "--store", store_}).exit_code, 1);

  const Outcome unwritable =
      Kosh({"brief", "KAZ", "--out", "missing-dir/kaz.md", "--store", store_});
  EXPECT_EQ(unwritable.exit_code, 3) << unwritable.err;
  EXPECT_FALSE(fs::exists(dir_ + "/missing-dir"));
}

TEST_F(CliTest, ServeRefusesAPortInUse) {
  const int sock = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(sock, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ASSERT_EQ(bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(sock, 1), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const Outcome o =
      Kosh({"serve", "--port", std::to_string(ntohs(addr.sin_port)), "--store", store_});
  close(sock);
  EXPECT_EQ(o.exit_code, 3) << o.err;
  EXPECT_NE(o.err.find("cannot bind"), std::string::npos) << o.err;
  EXPECT_EQ(Kosh({"serve", "--port", "70000"}).exit_code, 1);
}
