// The HTTP API against a real server on loopback, over the embedded data: the contract of
// docs/api.md, the OpenAPI document, caching, and hostile requests.
#include "server.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "kosh/engine/engine.hpp"

namespace kosh::server {
namespace {

namespace fs = std::filesystem;

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char dir_template[] = "/tmp/kosh_server_test_XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    {
      auto s = store::Store::Open(dir_ + "/kosh.db");
      ASSERT_TRUE(s.has_value()) << s.error().ToString();
      ASSERT_TRUE((*s)->Migrate().has_value());
      const auto reports = engine::ImportAll(
          **s, (fs::path(engine::DataDir()) / "embedded").string(), engine::ImportOptions{});
      ASSERT_TRUE(reports.has_value()) << reports.error().ToString();
    }
    // A dashboard folder with a file next to it that must never be served.
    fs::create_directories(dir_ + "/web");
    std::ofstream(dir_ + "/web/index.html") << "<!DOCTYPE html><title>kosh</title>";
    std::ofstream(dir_ + "/secret.txt") << "not for the web";
    Options options;
    options.port = 0;
    options.store = dir_ + "/kosh.db";
    options.web_dir = dir_ + "/web";
    options.threads = 4;
    auto created = Server::Create(options);
    ASSERT_TRUE(created.has_value()) << created.error().ToString();
    server_ = created->release();
    auto port = server_->Bind();
    ASSERT_TRUE(port.has_value()) << port.error().ToString();
    port_ = *port;
    thread_ = new std::thread([] { (void)server_->Listen(); });
  }

  static void TearDownTestSuite() {
    if (server_ != nullptr) {
      server_->Stop();
      thread_->join();
      delete thread_;
      delete server_;
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  static httplib::Result Get(const std::string& target, const httplib::Headers& headers = {}) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(60);
    return client.Get(target, headers);
  }

  static nlohmann::json GetJson(const std::string& target, int expected_status = 200) {
    auto res = Get(target);
    EXPECT_TRUE(res) << target;
    if (!res) {
      return {};
    }
    EXPECT_EQ(res->status, expected_status) << target << ": " << res->body.substr(0, 300);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << target;
    auto doc = nlohmann::json::parse(res->body, nullptr, false);
    EXPECT_FALSE(doc.is_discarded()) << target << ": not JSON: " << res->body.substr(0, 200);
    return doc;
  }

  static inline std::string dir_;
  static inline Server* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
  static inline int port_ = 0;
};

TEST_F(ServerTest, OpenApiDocumentListsExactlyTheRegisteredRoutes) {
  const nlohmann::json doc = GetJson("/api/v1/openapi.json");
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      std::string upper = method;
      std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
      documented.emplace(upper, path);
      // Every path parameter of the template is declared.
      for (std::size_t pos = path.find('{'); pos != std::string::npos;
           pos = path.find('{', pos + 1)) {
        const std::string name = path.substr(pos + 1, path.find('}', pos) - pos - 1);
        bool declared = false;
        for (const auto& p : operation["parameters"]) {
          declared = declared || (p["name"] == name && p["in"] == "path");
        }
        EXPECT_TRUE(declared) << path << " does not declare {" << name << "}";
      }
    }
  }
  std::set<std::pair<std::string, std::string>> registered;
  for (const Route& r : server_->routes()) {
    registered.emplace(r.method, r.path);
  }
  EXPECT_EQ(documented, registered);
}

TEST_F(ServerTest, HealthSaysWhatTheStoreHolds) {
  const nlohmann::json doc = GetJson("/api/v1/health");
  EXPECT_EQ(doc["status"], "ok");
  EXPECT_GE(doc["sources"].get<int>(), 5);
  EXPECT_EQ(doc["schema_version"], 1);
}

TEST_F(ServerTest, CountriesInKazakh) {
  const nlohmann::json doc = GetJson("/api/v1/countries?lang=kk");
  bool found = false;
  for (const auto& c : doc["countries"]) {
    if (c["code"] == "KAZ") {
      found = true;
      EXPECT_EQ(c["name"], "Қазақстан");
      EXPECT_EQ(c["m49"], "398");
    }
  }
  EXPECT_TRUE(found);
  const nlohmann::json one =
      GetJson("/api/v1/countries/%D0%9A%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD");
  EXPECT_EQ(one["code"], "KAZ");  // "Казахстан", by its Russian name
  EXPECT_EQ(one["names"]["ru"], "Казахстан");
}

TEST_F(ServerTest, ObservationsArePaginated) {
  const std::string base = "/api/v1/observations?indicator=migrant_stock&destination=KAZ&limit=3";
  const nlohmann::json first = GetJson(base);
  ASSERT_EQ(first["observations"].size(), 3u);
  EXPECT_EQ(first["next_offset"], 3);
  EXPECT_EQ(first["observations"][0]["unit"], "persons");
  const nlohmann::json second = GetJson(base + "&offset=3");
  ASSERT_EQ(second["observations"].size(), 3u);
  EXPECT_NE(first["observations"][0], second["observations"][0]);
  const nlohmann::json all =
      GetJson("/api/v1/observations?indicator=migrant_stock&destination=KAZ&limit=10000");
  EXPECT_TRUE(all["next_offset"].is_null());
  EXPECT_GT(all["observations"].size(), 6u);
  for (const auto& row : all["observations"]) {
    EXPECT_EQ(row["destination"], "KAZ");
  }
}

TEST_F(ServerTest, BriefsCorridorsMeasuresAndMap) {
  const nlohmann::json brief = GetJson("/api/v1/briefs/KAZ?lang=ru");
  EXPECT_EQ(brief["country"]["name"], "Казахстан");
  EXPECT_FALSE(brief["corridors"]["as_destination"].empty());
  auto html = Get("/api/v1/briefs/KZ?format=html&lang=kk");
  ASSERT_TRUE(html);
  EXPECT_EQ(html->status, 200);
  EXPECT_EQ(html->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(html->body.find("<html lang=\"kk\">"), std::string::npos);

  const nlohmann::json corridors = GetJson("/api/v1/corridors?origin=TJK&destination=RUS");
  ASSERT_EQ(corridors["corridors"].size(), 1u);
  EXPECT_TRUE(corridors["corridors"][0].contains("category"));
  EXPECT_TRUE(corridors["corridors"][0]["motive"].contains("evidence"));

  const nlohmann::json measures =
      GetJson("/api/v1/measures?category=3&actor=international&lang=kk");
  ASSERT_FALSE(measures["measures"].empty());
  for (const auto& m : measures["measures"]) {
    EXPECT_EQ(m["actor"], "international");
  }

  const nlohmann::json map = GetJson("/api/v1/map?indicator=remittances_pct_gdp");
  bool tjk = false;
  for (const auto& v : map["values"]) {
    tjk = tjk || (v["code"] == "TJK" && v["m49"] == "762" && v["value"].get<double>() > 10);
  }
  EXPECT_TRUE(tjk) << map.dump().substr(0, 300);
}

TEST_F(ServerTest, BadAndHostileParametersAreClearClientErrors) {
  struct Case {
    std::string target;
    int status;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"/api/v1/observations", 400, "indicator: required"},
      {"/api/v1/observations?indicator=migrant_stok", 400, "did you mean"},
      {"/api/v1/observations?indicator=migrant_stock&limit=0", 400, "limit"},
      {"/api/v1/observations?indicator=migrant_stock&limit=10001", 400, "limit"},
      {"/api/v1/observations?indicator=migrant_stock&limit=99999999999999999999999", 400, "limit"},
      {"/api/v1/observations?indicator=migrant_stock&offset=-1", 400, "offset"},
      {"/api/v1/observations?indicator=migrant_stock&from=1e3", 400, "from"},
      {"/api/v1/observations?indicator=migrant_stock&origin=XX%27%20OR%201%3D1--", 400, "origin"},
      {"/api/v1/observations?indicator=migrant_stock&sex=unknown", 400, "sex"},
      {"/api/v1/observations?indicator=migrant_stock&callback=x", 400, "unknown parameter"},
      {"/api/v1/countries?lang=de", 400, "lang"},
      {"/api/v1/countries/Kazakstan", 404, "did you mean"},
      {"/api/v1/countries/%00%FF%FE", 404, "unknown country"},
      {"/api/v1/briefs/KAZ?format=pdf", 400, "format"},
      {"/api/v1/briefs/KAZ?year=1800", 404, "no migrant stock"},
      {"/api/v1/corridors", 400, "origin"},
      {"/api/v1/corridors?origin=%3Cscript%3E", 400, "origin"},
      {"/api/v1/map?indicator=../../etc/passwd", 400, "indicator"},
      {"/api/v1/measures?category=5", 400, "category"},
      {"/api/v1/measures?general=yes", 400, "general"},
      {"/api/v1/no/such/route", 404, "no such resource"},
  };
  for (const Case& c : cases) {
    const nlohmann::json doc = GetJson(c.target, c.status);
    EXPECT_NE(doc.value("message", "").find(c.says), std::string::npos)
        << c.target << " -> " << doc.dump().substr(0, 300);
    EXPECT_TRUE(doc.contains("code")) << c.target;
  }
  // Still serving.
  EXPECT_EQ(GetJson("/api/v1/health")["status"], "ok");
}

TEST_F(ServerTest, StaticFilesStayInsideTheWebFolder) {
  auto index = Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("<title>kosh</title>"), std::string::npos);
  for (const char* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt",
                             "/web/../../secret.txt", "//etc/passwd"}) {
    auto res = Get(target);
    ASSERT_TRUE(res) << target;
    EXPECT_GE(res->status, 400) << target;
    EXPECT_EQ(res->body.find("not for the web"), std::string::npos) << target;
  }
}

TEST_F(ServerTest, OnlyGetIsAllowed) {
  httplib::Client client("127.0.0.1", port_);
  auto post = client.Post("/api/v1/health", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
  auto del = client.Delete("/api/v1/countries/KAZ");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
}

TEST_F(ServerTest, EtagsGzipAndSecurityHeaders) {
  auto first = Get("/api/v1/countries");
  ASSERT_TRUE(first);
  const std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(first->get_header_value("Cache-Control"), "no-cache");
  EXPECT_EQ(first->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(first->get_header_value("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
  auto again = Get("/api/v1/countries", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());

  httplib::Client client("127.0.0.1", port_);
  client.set_decompress(false);
  auto gz = client.Get("/api/v1/countries", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(gz->body.size(), first->body.size() / 3);
}

TEST_F(ServerTest, AnImportShowsWithoutARestart) {
  const int before = GetJson("/api/v1/health")["sources"].get<int>();
  {
    auto s = store::Store::Open(dir_ + "/kosh.db");
    ASSERT_TRUE(s.has_value());
    const std::string csv = dir_ + "/extra.csv";
    std::ofstream(csv) << "\"Series Name\",\"Series Code\",\"Country Name\",\"Country "
                          "Code\",\"2020 [YR2020]\"\n\"Population, total\",\"SP.POP.TOTL\","
                          "\"Kazakhstan\",\"KAZ\",\"19000001\"\n";
    auto report = engine::ImportFile(**s, ingest::Format::kWdi, csv, engine::ImportOptions{});
    ASSERT_TRUE(report.has_value()) << report.error().ToString();
  }
  // Cached answers hold for at most a second after the store changes.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  (void)GetJson("/api/v1/countries");  // any request notices the change
  EXPECT_EQ(GetJson("/api/v1/health")["sources"].get<int>(), before + 1);
}

}  // namespace
}  // namespace kosh::server
