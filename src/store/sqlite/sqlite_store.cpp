// SQLite backend of kosh::store::Store.
//
// WAL journal with synchronous=NORMAL: a transaction is atomic across crashes and kill -9;
// only the last committed transaction may be lost on power failure. All SQL is prepared
// with bound parameters.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <sqlite3.h>

#include "kosh/core/status_macros.hpp"
#include "kosh/store/store.hpp"

namespace kosh::embedded {
extern const std::string_view kMigration0001;
}  // namespace kosh::embedded

namespace kosh::store {
namespace {

constexpr int kCodeIndicator = 1;
constexpr int kCodeCountry = 2;
constexpr int kCodeRegion = 3;
constexpr int kCodeAge = 4;
constexpr int kCodeBreakdown = 5;
constexpr int kCodeUnit = 6;

const std::string_view* Migrations(std::size_t* count) {
  static const std::string_view kAll[] = {embedded::kMigration0001};
  *count = sizeof kAll / sizeof kAll[0];
  return kAll;
}

std::string NowUtc() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt** out() { return &stmt_; }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteStore;

// Observations are buffered in chunks, sorted by (series, period) and inserted in that
// order: B-tree inserts then touch neighbouring pages, which is what makes large imports
// fast. A chunk holds at most kChunkRows compact rows (not the file's text).
class SqliteImport : public ImportTransaction {
 public:
  SqliteImport(SqliteStore* store, NewSource source, std::int64_t id)
      : store_(store), source_(std::move(source)), id_(id) {
    if (source_.location.empty()) {
      source_.location = source_.name;
    }
    pending_.reserve(kChunkRows);
  }
  ~SqliteImport() override { Rollback(); }
  Status Add(const Observation& obs) override;
  Status Check() override { return open_ ? Flush() : Internal("store: Check() after Commit()"); }
  Result<SourceRecord> Commit() override;
  void Rollback() override;

 private:
  static constexpr std::size_t kChunkRows = 1 << 18;

  struct SeriesKey {
    std::int64_t ids[9];
    bool operator==(const SeriesKey& o) const {
      return std::equal(std::begin(ids), std::end(ids), std::begin(o.ids));
    }
  };
  struct SeriesKeyHash {
    std::size_t operator()(const SeriesKey& k) const {
      std::uint64_t h = 1469598103934665603ULL;
      for (std::int64_t v : k.ids) {
        h = (h ^ static_cast<std::uint64_t>(v)) * 1099511628211ULL;
      }
      return static_cast<std::size_t>(h);
    }
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Pending {
    std::int64_t series;
    int period_start;
    int period_end;
    std::uint8_t period_kind;
    std::uint8_t flags;
    bool has_value;
    double value;
    std::int64_t line;
  };

  Result<std::int64_t> CodeId(int kind, std::string_view text);
  Result<std::int64_t> CountryId(const Country* country);
  Result<std::int64_t> SeriesId(const SeriesKey& key);
  Status Flush();
  Status Duplicate(const Pending& row) const;

  SqliteStore* store_;
  NewSource source_;
  std::int64_t id_;
  std::int64_t rows_ = 0;
  bool open_ = true;
  std::unordered_map<std::string, std::int64_t, StringHash, std::equal_to<>> codes_[7];
  std::unordered_map<const Country*, std::int64_t> countries_;
  std::unordered_map<SeriesKey, std::int64_t, SeriesKeyHash> series_;
  std::vector<Pending> pending_;
};

class SqliteStore : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override {
    insert_.reset();
    series_insert_.reset();
    code_insert_.reset();
    code_select_.reset();
    sqlite3_close(db_);
  }

  Status Exec(std::string_view sql) {
    char* err = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      const std::string message = err != nullptr ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      return Error(message);
    }
    return Status::Ok();
  }

  Status Error(std::string_view what) const {
    const int code = sqlite3_errcode(db_);
    const std::string message = fmt::format("store: {}", what);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
      return Unavailable(message + " (the store is locked by another process)");
    }
    if (code == SQLITE_CANTOPEN || code == SQLITE_NOTADB || code == SQLITE_CORRUPT ||
        code == SQLITE_READONLY || code == SQLITE_FULL || code == SQLITE_IOERR) {
      return Unavailable(message);
    }
    return Internal(message);
  }

  Status Prepare(std::string_view sql, Statement* stmt) {
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), stmt->out(), nullptr) !=
        SQLITE_OK) {
      return Error(sqlite3_errmsg(db_));
    }
    return Status::Ok();
  }

  Result<int> SchemaVersion() override {
    Statement stmt;
    KOSH_RETURN_IF_ERROR(Prepare("PRAGMA user_version", &stmt));
    if (sqlite3_step(stmt.get()) != SQLITE_ROW) {
      return Error(sqlite3_errmsg(db_));
    }
    return sqlite3_column_int(stmt.get(), 0);
  }

  Result<int> Migrate() override {
    std::size_t count = 0;
    const std::string_view* migrations = Migrations(&count);
    KOSH_ASSIGN_OR_RETURN(int version, SchemaVersion());
    if (version == static_cast<int>(count)) {
      return version;  // up to date: no write lock needed
    }
    // Another process may be migrating the same store: decide under the write lock.
    KOSH_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    auto locked_version = SchemaVersion();
    if (!locked_version) {
      (void)Exec("ROLLBACK");
      return locked_version.error();
    }
    version = *locked_version;
    if (version > static_cast<int>(count)) {
      (void)Exec("ROLLBACK");
      return Unavailable(fmt::format(
          "store: schema version {} is newer than this kosh understands ({}); upgrade kosh",
          version, count));
    }
    for (auto i = static_cast<std::size_t>(version); i < count; ++i) {
      Status s = Exec(migrations[i]);
      if (s.ok()) {
        s = Exec(fmt::format("PRAGMA user_version = {}", i + 1));
      }
      if (!s.ok()) {
        (void)Exec("ROLLBACK");
        return s;
      }
    }
    KOSH_RETURN_IF_ERROR(Exec("COMMIT"));
    return static_cast<int>(count);
  }

  Result<SourceRecord> Reinstate(std::int64_t source_id) override {
    KOSH_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Statement stmt;
    Status s = Prepare(
        "UPDATE source SET superseded_by = ?1 WHERE dataset = (SELECT dataset FROM source WHERE"
        " id = ?1) AND id <> ?1 AND superseded_by IS NULL",
        &stmt);
    if (s.ok()) {
      sqlite3_bind_int64(stmt.get(), 1, source_id);
      if (sqlite3_step(stmt.get()) != SQLITE_DONE) {
        s = Error(sqlite3_errmsg(db_));
      }
    }
    Statement current;
    if (s.ok()) {
      s = Prepare(
          "UPDATE source SET superseded_by = NULL, revision = 1 + (SELECT max(revision) FROM"
          " source WHERE dataset = (SELECT dataset FROM source WHERE id = ?1)) WHERE id = ?1",
          &current);
    }
    if (s.ok()) {
      sqlite3_bind_int64(current.get(), 1, source_id);
      if (sqlite3_step(current.get()) != SQLITE_DONE) {
        s = Error(sqlite3_errmsg(db_));
      }
    }
    if (s.ok() && sqlite3_changes(db_) != 1) {
      s = NotFound(fmt::format("store: no source {}", source_id));
    }
    if (!s.ok()) {
      (void)Exec("ROLLBACK");
      return s;
    }
    KOSH_RETURN_IF_ERROR(Exec("COMMIT"));
    KOSH_ASSIGN_OR_RETURN(auto sources, Sources("WHERE id = ?1", std::to_string(source_id), ""));
    if (sources.empty()) {
      return NotFound(fmt::format("store: no source {}", source_id));
    }
    return sources.front();
  }

  Result<std::optional<SourceRecord>> FindSource(const std::string& sha256,
                                                 const std::string& format) override {
    KOSH_ASSIGN_OR_RETURN(auto sources,
                          Sources("WHERE sha256 = ?1 AND format = ?2", sha256, format));
    if (sources.empty()) {
      return std::optional<SourceRecord>();
    }
    return std::optional<SourceRecord>(sources.front());
  }

  Result<std::vector<SourceRecord>> ListSources() override { return Sources("", "", ""); }

  Result<std::unique_ptr<ImportTransaction>> BeginImport(const NewSource& source) override {
    KOSH_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Statement stmt;
    Status s = Prepare(
        "INSERT INTO source (kind, name, dataset, sha256, format, importer_version, imported_at,"
        " size_bytes, method, parameters, inputs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
        " ?11)",
        &stmt);
    if (s.ok()) {
      std::string inputs;
      for (std::int64_t id : source.inputs) {
        inputs += (inputs.empty() ? "" : ",") + std::to_string(id);
      }
      const std::string now = NowUtc();
      sqlite3_bind_text(stmt.get(), 1, source.kind == SourceKind::kFile ? "file" : "model_run", -1,
                        SQLITE_STATIC);
      sqlite3_bind_text(stmt.get(), 2, source.name.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt.get(), 3, source.dataset.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt.get(), 4, source.sha256.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt.get(), 5, source.format.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt.get(), 6, source.importer_version.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt.get(), 7, now.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(stmt.get(), 8, source.size_bytes);
      sqlite3_bind_text(stmt.get(), 9, source.method.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt.get(), 10, source.parameters.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt.get(), 11, inputs.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(stmt.get()) != SQLITE_DONE) {
        s = Error(sqlite3_errmsg(db_));
      }
    }
    if (s.ok() && !insert_) {
      // Prepared once per connection; kept only when every statement prepared.
      auto insert = std::make_unique<Statement>();
      auto series_insert = std::make_unique<Statement>();
      auto code_select = std::make_unique<Statement>();
      auto code_insert = std::make_unique<Statement>();
      s = Prepare(
          "INSERT INTO observation (series_id, period_start, period_end, period_kind, value,"
          " flags) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
          insert.get());
      if (s.ok()) {
        s = Prepare(
            "INSERT INTO series (indicator_id, origin_id, destination_id, country_id, sex,"
            " age_id, breakdown_id, region_id, unit_id, source_id) VALUES (?1, ?2, ?3, ?4, ?5,"
            " ?6, ?7, ?8, ?9, ?10)",
            series_insert.get());
      }
      if (s.ok()) {
        s = Prepare("SELECT id FROM code WHERE kind = ?1 AND text = ?2", code_select.get());
      }
      if (s.ok()) {
        s = Prepare("INSERT INTO code (kind, text) VALUES (?1, ?2)", code_insert.get());
      }
      if (s.ok()) {
        insert_ = std::move(insert);
        series_insert_ = std::move(series_insert);
        code_select_ = std::move(code_select);
        code_insert_ = std::move(code_insert);
      }
    }
    if (!s.ok()) {
      (void)Exec("ROLLBACK");
      return s;
    }
    return std::unique_ptr<ImportTransaction>(
        new SqliteImport(this, source, sqlite3_last_insert_rowid(db_)));
  }

  Result<std::int64_t> CountObservations() override {
    Statement stmt;
    KOSH_RETURN_IF_ERROR(Prepare("SELECT count(*) FROM observation", &stmt));
    if (sqlite3_step(stmt.get()) != SQLITE_ROW) {
      return Error(sqlite3_errmsg(db_));
    }
    return static_cast<std::int64_t>(sqlite3_column_int64(stmt.get(), 0));
  }

  Result<std::vector<ObservationRow>> Query(const ObservationQuery& q) override {
    std::string sql =
        "SELECT ci.text, IFNULL(co.text, ''), IFNULL(cd.text, ''), IFNULL(cc.text, ''),"
        " IFNULL(cr.text, ''), o.period_kind, o.period_start, o.period_end, t.sex,"
        " IFNULL(ca.text, ''), IFNULL(cb.text, ''), o.value, IFNULL(cu.text, ''), o.flags,"
        " t.source_id"
        " FROM series t JOIN observation o ON o.series_id = t.id"
        " JOIN code ci ON ci.id = t.indicator_id JOIN source s ON s.id = t.source_id"
        " LEFT JOIN code co ON co.id = t.origin_id LEFT JOIN code cd ON cd.id = t.destination_id"
        " LEFT JOIN code cc ON cc.id = t.country_id LEFT JOIN code cr ON cr.id = t.region_id"
        " LEFT JOIN code ca ON ca.id = t.age_id LEFT JOIN code cb ON cb.id = t.breakdown_id"
        " LEFT JOIN code cu ON cu.id = t.unit_id"
        " WHERE t.indicator_id = (SELECT id FROM code WHERE kind = 1 AND text = ?1)";
    const auto country_filter = [&](const char* column, int param) {
      sql += fmt::format(" AND t.{} = (SELECT id FROM code WHERE kind = 2 AND text = ?{})", column,
                         param);
    };
    if (q.origin) {
      country_filter("origin_id", 2);
    }
    if (q.destination) {
      country_filter("destination_id", 3);
    }
    if (q.country) {
      country_filter("country_id", 4);
    }
    if (q.from_year) {
      sql += " AND o.period_start >= ?5";
    }
    if (q.to_year) {
      sql += " AND o.period_end <= ?6";
    }
    if (q.sex) {
      sql += " AND t.sex = ?7";
    }
    if (!q.include_superseded) {
      sql += " AND s.superseded_by IS NULL";
    }
    sql +=
        " ORDER BY co.text, cd.text, cc.text, cr.text, o.period_start, o.period_end, t.sex,"
        " ca.text, cb.text, t.source_id LIMIT ?8 OFFSET ?9";
    Statement stmt;
    KOSH_RETURN_IF_ERROR(Prepare(sql, &stmt));
    sqlite3_bind_text(stmt.get(), 1, q.indicator.c_str(), -1, SQLITE_TRANSIENT);
    if (q.origin) {
      sqlite3_bind_text(stmt.get(), 2, q.origin->c_str(), -1, SQLITE_TRANSIENT);
    }
    if (q.destination) {
      sqlite3_bind_text(stmt.get(), 3, q.destination->c_str(), -1, SQLITE_TRANSIENT);
    }
    if (q.country) {
      sqlite3_bind_text(stmt.get(), 4, q.country->c_str(), -1, SQLITE_TRANSIENT);
    }
    if (q.from_year) {
      sqlite3_bind_int(stmt.get(), 5, *q.from_year * 100 + 1);
    }
    if (q.to_year) {
      sqlite3_bind_int(stmt.get(), 6, *q.to_year * 100 + 12);
    }
    if (q.sex) {
      sqlite3_bind_int(stmt.get(), 7, static_cast<int>(*q.sex));
    }
    sqlite3_bind_int64(stmt.get(), 8, q.limit);
    sqlite3_bind_int64(stmt.get(), 9, q.offset);
    std::vector<ObservationRow> rows;
    const auto text = [&](int col) {
      const auto* p = sqlite3_column_text(stmt.get(), col);
      return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
    };
    int rc = 0;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
      ObservationRow row;
      row.indicator = text(0);
      row.origin = text(1);
      row.destination = text(2);
      row.country = text(3);
      row.region = text(4);
      row.period =
          Period::FromKeys(static_cast<Period::Kind>(sqlite3_column_int(stmt.get(), 5)),
                           sqlite3_column_int(stmt.get(), 6), sqlite3_column_int(stmt.get(), 7));
      row.sex = static_cast<Sex>(sqlite3_column_int(stmt.get(), 8));
      row.age = text(9);
      row.breakdown = text(10);
      if (sqlite3_column_type(stmt.get(), 11) != SQLITE_NULL) {
        row.value = sqlite3_column_double(stmt.get(), 11);
      }
      row.unit = text(12);
      row.flag_mask = static_cast<std::uint8_t>(sqlite3_column_int(stmt.get(), 13));
      row.source_id = sqlite3_column_int64(stmt.get(), 14);
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
      return Error(sqlite3_errmsg(db_));
    }
    return rows;
  }

  sqlite3* db() { return db_; }
  Result<std::optional<SourceRecord>> SourceById(std::int64_t id) {
    KOSH_ASSIGN_OR_RETURN(auto sources, Sources("WHERE id = ?1", std::to_string(id), ""));
    if (sources.empty()) {
      return std::optional<SourceRecord>();
    }
    return std::optional<SourceRecord>(sources.front());
  }
  Statement* insert() { return insert_.get(); }
  Statement* series_insert() { return series_insert_.get(); }
  Statement* code_select() { return code_select_.get(); }
  Statement* code_insert() { return code_insert_.get(); }

 private:
  Result<std::vector<SourceRecord>> Sources(const std::string& where, const std::string& a,
                                            const std::string& b) {
    Statement stmt;
    KOSH_RETURN_IF_ERROR(Prepare(
        "SELECT id, kind, name, dataset, sha256, format, importer_version, imported_at, "
        "row_count, size_bytes, revision, superseded_by, method, parameters, inputs FROM source " +
            where + " ORDER BY id",
        &stmt));
    if (!where.empty()) {
      sqlite3_bind_text(stmt.get(), 1, a.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt.get(), 2, b.c_str(), -1, SQLITE_TRANSIENT);
    }
    std::vector<SourceRecord> out;
    const auto text = [&](int col) {
      const auto* p = sqlite3_column_text(stmt.get(), col);
      return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
    };
    int rc = 0;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
      SourceRecord r;
      r.id = sqlite3_column_int64(stmt.get(), 0);
      r.kind = text(1) == "file" ? SourceKind::kFile : SourceKind::kModelRun;
      r.name = text(2);
      r.dataset = text(3);
      r.sha256 = text(4);
      r.format = text(5);
      r.importer_version = text(6);
      r.imported_at = text(7);
      r.rows = sqlite3_column_int64(stmt.get(), 8);
      r.size_bytes = sqlite3_column_int64(stmt.get(), 9);
      r.revision = sqlite3_column_int(stmt.get(), 10);
      if (sqlite3_column_type(stmt.get(), 11) != SQLITE_NULL) {
        r.superseded_by = sqlite3_column_int64(stmt.get(), 11);
      }
      r.method = text(12);
      r.parameters = text(13);
      const std::string inputs = text(14);
      std::size_t start = 0;
      while (start < inputs.size()) {
        const std::size_t comma = std::min(inputs.find(',', start), inputs.size());
        r.inputs.push_back(std::stoll(inputs.substr(start, comma - start)));
        start = comma + 1;
      }
      out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) {
      return Error(sqlite3_errmsg(db_));
    }
    return out;
  }

  sqlite3* db_;
  std::unique_ptr<Statement> insert_;
  std::unique_ptr<Statement> series_insert_;
  std::unique_ptr<Statement> code_select_;
  std::unique_ptr<Statement> code_insert_;
};

Result<std::int64_t> SqliteImport::CodeId(int kind, std::string_view text) {
  if (text.empty()) {
    return std::int64_t{0};
  }
  auto& cache = codes_[kind];
  if (const auto it = cache.find(text); it != cache.end()) {
    return it->second;
  }
  std::string key(text);
  sqlite3_stmt* select = store_->code_select()->get();
  sqlite3_reset(select);
  sqlite3_bind_int(select, 1, kind);
  sqlite3_bind_text(select, 2, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  std::int64_t id = 0;
  const int rc = sqlite3_step(select);
  if (rc == SQLITE_ROW) {
    id = sqlite3_column_int64(select, 0);
    sqlite3_reset(select);  // do not keep a read statement open past the transaction
  } else if (rc == SQLITE_DONE) {
    sqlite3_stmt* insert = store_->code_insert()->get();
    sqlite3_reset(insert);
    sqlite3_bind_int(insert, 1, kind);
    sqlite3_bind_text(insert, 2, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(insert) != SQLITE_DONE) {
      return store_->Error(sqlite3_errmsg(store_->db()));
    }
    id = sqlite3_last_insert_rowid(store_->db());
  } else {
    return store_->Error(sqlite3_errmsg(store_->db()));
  }
  cache.emplace(std::move(key), id);
  return id;
}

Result<std::int64_t> SqliteImport::CountryId(const Country* country) {
  if (country == nullptr) {
    return std::int64_t{0};
  }
  if (const auto it = countries_.find(country); it != countries_.end()) {
    return it->second;
  }
  KOSH_ASSIGN_OR_RETURN(const std::int64_t id, CodeId(kCodeCountry, country->code));
  countries_.emplace(country, id);
  return id;
}

Result<std::int64_t> SqliteImport::SeriesId(const SeriesKey& key) {
  if (const auto it = series_.find(key); it != series_.end()) {
    return it->second;
  }
  sqlite3_stmt* stmt = store_->series_insert()->get();
  sqlite3_reset(stmt);
  for (int i = 0; i < 9; ++i) {
    sqlite3_bind_int64(stmt, i + 1, key.ids[i]);
  }
  sqlite3_bind_int64(stmt, 10, id_);
  if (sqlite3_step(stmt) != SQLITE_DONE) {
    return store_->Error(sqlite3_errmsg(store_->db()));
  }
  const std::int64_t id = sqlite3_last_insert_rowid(store_->db());
  series_.emplace(key, id);
  return id;
}

Status SqliteImport::Add(const Observation& obs) {
  if (!open_) {
    return Internal("store: Add() after the import was committed or rolled back");
  }
  SeriesKey key{};
  KOSH_ASSIGN_OR_RETURN(key.ids[0], CodeId(kCodeIndicator, obs.indicator));
  KOSH_ASSIGN_OR_RETURN(key.ids[1], CountryId(obs.origin));
  KOSH_ASSIGN_OR_RETURN(key.ids[2], CountryId(obs.destination));
  KOSH_ASSIGN_OR_RETURN(key.ids[3], CountryId(obs.country));
  key.ids[4] = static_cast<std::int64_t>(obs.sex);
  KOSH_ASSIGN_OR_RETURN(key.ids[5], CodeId(kCodeAge, obs.age));
  KOSH_ASSIGN_OR_RETURN(key.ids[6], CodeId(kCodeBreakdown, obs.breakdown));
  KOSH_ASSIGN_OR_RETURN(key.ids[7], CodeId(kCodeRegion, obs.region));
  KOSH_ASSIGN_OR_RETURN(key.ids[8], CodeId(kCodeUnit, obs.unit));
  KOSH_ASSIGN_OR_RETURN(const std::int64_t series, SeriesId(key));
  pending_.push_back({series, obs.period.StartKey(), obs.period.EndKey(),
                      static_cast<std::uint8_t>(obs.period.kind()), obs.flag_mask,
                      obs.value.has_value(), obs.value.value_or(0.0), obs.line});
  if (pending_.size() >= kChunkRows) {
    return Flush();
  }
  return Status::Ok();
}

Status SqliteImport::Duplicate(const Pending& row) const {
  // Describe the observation from the stored codes of its series.
  std::string what = fmt::format("series {}", row.series);
  Statement stmt;
  if (store_
          ->Prepare("SELECT (SELECT text FROM code WHERE id = indicator_id),"
                    " IFNULL((SELECT text FROM code WHERE id = origin_id), ''),"
                    " IFNULL((SELECT text FROM code WHERE id = destination_id), ''),"
                    " IFNULL((SELECT text FROM code WHERE id = country_id), ''), sex FROM series "
                    "WHERE id = ?1",
                    &stmt)
          .ok()) {
    sqlite3_bind_int64(stmt.get(), 1, row.series);
    if (sqlite3_step(stmt.get()) == SQLITE_ROW) {
      const auto col = [&](int i) {
        const auto* p = sqlite3_column_text(stmt.get(), i);
        return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
      };
      const std::string origin = col(1);
      what = fmt::format("{} {}{}{}", col(0), origin.empty() ? "" : origin + "->", col(2), col(3));
      what += fmt::format(" {}", SexName(static_cast<Sex>(sqlite3_column_int(stmt.get(), 4))));
    }
  }
  const Period period = Period::FromKeys(static_cast<Period::Kind>(row.period_kind),
                                         row.period_start, row.period_end);
  return DataError(fmt::format("duplicate observation: {} {} appears more than once in this file",
                               what, period.ToString()),
                   Location{source_.location, row.line, 0, ""});
}

Status SqliteImport::Flush() {
  std::sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) {
    if (a.series != b.series) {
      return a.series < b.series;
    }
    if (a.period_start != b.period_start) {
      return a.period_start < b.period_start;
    }
    if (a.period_end != b.period_end) {
      return a.period_end < b.period_end;
    }
    if (a.period_kind != b.period_kind) {
      return a.period_kind < b.period_kind;
    }
    return a.line < b.line;
  });
  sqlite3_stmt* stmt = store_->insert()->get();
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    const Pending& row = pending_[i];
    if (i > 0) {
      const Pending& prev = pending_[i - 1];
      if (prev.series == row.series && prev.period_start == row.period_start &&
          prev.period_end == row.period_end && prev.period_kind == row.period_kind) {
        return Duplicate(row);
      }
    }
    sqlite3_reset(stmt);
    sqlite3_bind_int64(stmt, 1, row.series);
    sqlite3_bind_int(stmt, 2, row.period_start);
    sqlite3_bind_int(stmt, 3, row.period_end);
    sqlite3_bind_int(stmt, 4, row.period_kind);
    if (row.has_value) {
      sqlite3_bind_double(stmt, 5, row.value);
    } else {
      sqlite3_bind_null(stmt, 5);
    }
    sqlite3_bind_int(stmt, 6, row.flags);
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_CONSTRAINT) {
      return Duplicate(row);  // the same key in an earlier chunk
    }
    if (rc != SQLITE_DONE) {
      return store_->Error(sqlite3_errmsg(store_->db()));
    }
    ++rows_;
  }
  pending_.clear();
  return Status::Ok();
}

Result<SourceRecord> SqliteImport::Commit() {
  if (!open_) {
    return Internal("store: Commit() twice");
  }
  KOSH_RETURN_IF_ERROR(Flush());
  Statement stmt;
  // The dataset's current revision (if any) is superseded by this one.
  KOSH_RETURN_IF_ERROR(store_->Prepare(
      "UPDATE source SET revision = 1 + IFNULL((SELECT max(revision) FROM source WHERE dataset ="
      " ?2 AND id <> ?1), 0), row_count = ?3 WHERE id = ?1",
      &stmt));
  sqlite3_bind_int64(stmt.get(), 1, id_);
  sqlite3_bind_text(stmt.get(), 2, source_.dataset.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(stmt.get(), 3, rows_);
  if (sqlite3_step(stmt.get()) != SQLITE_DONE) {
    return store_->Error(sqlite3_errmsg(store_->db()));
  }
  Statement supersede;
  KOSH_RETURN_IF_ERROR(store_->Prepare(
      "UPDATE source SET superseded_by = ?1 WHERE dataset = ?2 AND id <> ?1 AND superseded_by IS"
      " NULL",
      &supersede));
  sqlite3_bind_int64(supersede.get(), 1, id_);
  sqlite3_bind_text(supersede.get(), 2, source_.dataset.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(supersede.get()) != SQLITE_DONE) {
    return store_->Error(sqlite3_errmsg(store_->db()));
  }
  // Read the record back before committing, so a reported failure means nothing landed.
  KOSH_ASSIGN_OR_RETURN(auto sources, store_->SourceById(id_));
  if (!sources) {
    return Internal("store: the new source vanished before commit");
  }
  KOSH_RETURN_IF_ERROR(store_->Exec("COMMIT"));
  open_ = false;
  return *sources;
}

void SqliteImport::Rollback() {
  if (open_) {
    open_ = false;
    (void)store_->Exec("ROLLBACK");
  }
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& location) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
    return InvalidArgument(
        "PostgreSQL stores are not supported by this build yet; use a file path for SQLite");
  }
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(location.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Unavailable(fmt::format("store: cannot open '{}': {}", location, message));
  }
  sqlite3_busy_timeout(db, 5000);
  auto store = std::make_unique<SqliteStore>(db);
  for (const char* pragma :
       {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON",
        "PRAGMA cache_size = -65536", "PRAGMA temp_store = MEMORY"}) {
    Status s = store->Exec(pragma);
    if (!s.ok()) {
      return Unavailable(
          fmt::format("store: '{}' is not a kosh store ({})", location, s.message()));
    }
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kosh::store
