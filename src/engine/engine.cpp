#include "kosh/engine/engine.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "kosh/core/country.hpp"
#include "kosh/core/status_macros.hpp"
#include "kosh/ingest/mapping.hpp"

#ifndef KOSH_SOURCE_DATA_DIR
#define KOSH_SOURCE_DATA_DIR ""
#endif
#ifndef KOSH_INSTALL_DATA_DIR
#define KOSH_INSTALL_DATA_DIR "/usr/local/share/kosh"
#endif
#ifndef KOSH_VERSION
#define KOSH_VERSION "0.0.0"
#endif

namespace kosh::engine {

namespace fs = std::filesystem;

const char* Version() { return KOSH_VERSION; }

std::string DataDir() {
  if (const char* env = std::getenv("KOSH_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  if (std::string source = KOSH_SOURCE_DATA_DIR;
      !source.empty() && fs::exists(fs::path(source) / "indicators.toml", ec)) {
    return source;
  }
  return KOSH_INSTALL_DATA_DIR;
}

const char* OutcomeName(ImportReport::Outcome outcome) {
  switch (outcome) {
    case ImportReport::Outcome::kImported:
      return "imported";
    case ImportReport::Outcome::kAlreadyImported:
      return "already imported";
    case ImportReport::Outcome::kDryRun:
      return "checked (dry run)";
    case ImportReport::Outcome::kSkipped:
      return "skipped";
    case ImportReport::Outcome::kReinstated:
      return "reinstated";
    case ImportReport::Outcome::kFailed:
      return "failed";
  }
  return "imported";
}

namespace {

// Parsing and storing run on two threads: the reader streams observations in batches
// through a small bounded queue to the thread that owns the store transaction. Order is
// preserved (one producer, FIFO), so results do not depend on timing; memory stays bounded
// by kMaxBatches * kBatchSize observations.
class BatchQueue {
 public:
  static constexpr std::size_t kBatchSize = 4096;
  static constexpr std::size_t kMaxBatches = 8;

  // Producer side; false when the consumer has stopped.
  bool Push(std::vector<Observation> batch) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return batches_.size() < kMaxBatches || stopped_; });
    if (stopped_) {
      return false;
    }
    batches_.push_back(std::move(batch));
    not_empty_.notify_one();
    return true;
  }
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_one();
  }
  // Consumer side; false once the producer closed the queue and it is drained.
  bool Pop(std::vector<Observation>* batch) {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !batches_.empty() || closed_; });
    if (batches_.empty()) {
      return false;
    }
    *batch = std::move(batches_.front());
    batches_.pop_front();
    not_full_.notify_one();
    return true;
  }
  void Stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    batches_.clear();
    not_full_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<std::vector<Observation>> batches_;
  bool closed_ = false;
  bool stopped_ = false;
};

class QueueSink : public ingest::ObservationSink {
 public:
  explicit QueueSink(BatchQueue& queue) : queue_(queue) { batch_.reserve(BatchQueue::kBatchSize); }
  Status Add(const Observation& observation) override {
    batch_.push_back(observation);
    if (batch_.size() == BatchQueue::kBatchSize) {
      return Flush();
    }
    return Status::Ok();
  }
  Status Flush() {
    if (batch_.empty()) {
      return Status::Ok();
    }
    if (!queue_.Push(std::move(batch_))) {
      return Internal("import stopped");  // the consumer's error is the one reported
    }
    batch_.clear();
    batch_.reserve(BatchQueue::kBatchSize);
    return Status::Ok();
  }

 private:
  BatchQueue& queue_;
  std::vector<Observation> batch_;
};

Result<ingest::ReadSummary> ReadIntoTransaction(ingest::Format format, ingest::ByteSource& source,
                                                const ingest::ReadOptions& read_options,
                                                store::ImportTransaction& tx) {
  BatchQueue queue;
  std::optional<Result<ingest::ReadSummary>> read_result;
  std::thread reader([&] {
    try {
      QueueSink sink(queue);
      auto result = ingest::ReadObservations(format, source, read_options, sink);
      if (result) {
        const Status flushed = sink.Flush();
        if (!flushed.ok()) {
          result = flushed;
        }
      }
      read_result.emplace(std::move(result));
    } catch (const std::exception& e) {
      read_result.emplace(Internal(fmt::format("reading {}: {}", source.name(), e.what())));
    }
    queue.Close();
  });
  Status store_status;
  try {
    std::vector<Observation> batch;
    while (queue.Pop(&batch)) {
      for (const Observation& observation : batch) {
        store_status = tx.Add(observation);
        if (!store_status.ok()) {
          break;
        }
      }
      if (!store_status.ok()) {
        queue.Stop();
        break;
      }
    }
  } catch (const std::exception& e) {
    store_status = Internal(fmt::format("storing {}: {}", source.name(), e.what()));
    queue.Stop();
  }
  reader.join();
  if (!store_status.ok()) {
    return store_status;
  }
  return std::move(*read_result);
}

}  // namespace

Result<ImportReport> ImportFile(store::Store& store, ingest::Format format, const std::string& path,
                                const ImportOptions& options) {
  ImportReport report;
  report.file = path;
  report.format = ingest::FormatName(format);
  std::optional<ingest::Mapping> mapping;
  if (format == ingest::Format::kMappedCsv) {
    if (options.mapping_path.empty()) {
      return InvalidArgument("the csv format needs --mapping FILE.toml (see docs/mapping.md)");
    }
    KOSH_ASSIGN_OR_RETURN(mapping, ingest::Mapping::Load(options.mapping_path));
  }
  // Identify the bytes first: an already imported file is a no-op, checked before parsing.
  KOSH_ASSIGN_OR_RETURN(const std::string sha256, ingest::Sha256OfFile(path));
  const std::string format_key =
      mapping ? fmt::format("csv:{}", fs::path(options.mapping_path).stem().string())
              : report.format;
  KOSH_ASSIGN_OR_RETURN(auto existing, store.FindSource(sha256, format_key));
  if (existing) {
    report.source = *existing;
    report.outcome = ImportReport::Outcome::kAlreadyImported;
    if (existing->superseded_by && !options.dry_run) {
      // The bytes of an older revision came back: they become current again.
      KOSH_ASSIGN_OR_RETURN(report.source, store.Reinstate(existing->id));
      report.outcome = ImportReport::Outcome::kReinstated;
      report.superseded = existing->superseded_by;
    }
    return report;
  }
  KOSH_ASSIGN_OR_RETURN(auto source, ingest::ByteSource::OpenFile(path));
  store::NewSource new_source;
  new_source.name = fs::path(path).filename().string();
  new_source.location = path;
  new_source.dataset = fmt::format("{}:{}", format_key, new_source.name);
  new_source.sha256 = sha256;
  new_source.format = format_key;
  new_source.importer_version = Version();
  new_source.size_bytes = source->size_bytes();
  auto begun = store.BeginImport(new_source);
  if (!begun) {
    // Another process may have imported the same bytes since FindSource.
    KOSH_ASSIGN_OR_RETURN(auto raced, store.FindSource(sha256, format_key));
    if (raced) {
      report.source = *raced;
      report.outcome = ImportReport::Outcome::kAlreadyImported;
      return report;
    }
    return begun.error();
  }
  std::unique_ptr<store::ImportTransaction> tx = std::move(begun).value();
  ingest::ReadOptions read_options;
  read_options.mapping = mapping ? &*mapping : nullptr;
  read_options.progress = options.progress;
  KOSH_ASSIGN_OR_RETURN(report.summary, ReadIntoTransaction(format, *source, read_options, *tx));
  if (source->Sha256Hex() != sha256) {
    return DataError("the file changed while it was being imported; nothing was stored",
                     Location{path, 0, 0, ""});
  }
  if (report.summary.observations == 0) {
    return DataError("no observations found (header only?); nothing was stored",
                     Location{path, 1, 0, ""});
  }
  if (options.dry_run) {
    KOSH_RETURN_IF_ERROR(tx->Check());  // duplicates surface only when rows are written
    tx->Rollback();
    report.outcome = ImportReport::Outcome::kDryRun;
    report.source.name = new_source.name;
    report.source.sha256 = sha256;
    report.source.rows = report.summary.observations;
    return report;
  }
  KOSH_ASSIGN_OR_RETURN(report.source, tx->Commit());
  report.outcome = ImportReport::Outcome::kImported;
  if (report.source.revision > 1) {
    KOSH_ASSIGN_OR_RETURN(auto sources, store.ListSources());
    for (const SourceRecord& r : sources) {
      if (r.superseded_by == report.source.id) {
        report.superseded = r.id;
      }
    }
  }
  return report;
}

Result<std::vector<ImportReport>> ImportAll(store::Store& store, const std::string& dir,
                                            const ImportOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status(StatusCode::kNotFound, fmt::format("{}: not a directory", dir));
  }
  const std::string mappings = (fs::path(DataDir()) / "mappings").string();
  const std::string catalog_path = (fs::path(mappings) / "catalog.toml").string();
  toml::table catalog;
  try {
    catalog = toml::parse_file(catalog_path);
  } catch (const toml::parse_error& e) {
    return DataError(std::string(e.description()),
                     Location{catalog_path, e.source().begin.line, e.source().begin.column, ""});
  }
  std::vector<ImportReport> reports;
  const toml::array* datasets = catalog["dataset"].as_array();
  if (datasets == nullptr) {
    return DataError("no [[dataset]] entries", Location{catalog_path, 0, 0, ""});
  }
  for (const toml::node& node : *datasets) {
    const toml::table& entry = *node.as_table();
    const std::string rel = entry["path"].value_or(std::string());
    const std::string format_name = entry["format"].value_or(std::string());
    const std::string mapping = entry["mapping"].value_or(std::string());
    KOSH_ASSIGN_OR_RETURN(const ingest::Format format, ingest::ParseFormat(format_name));
    const fs::path file = fs::path(dir) / rel;
    if (!fs::exists(file, ec)) {
      ImportReport skipped;
      skipped.file = rel;
      skipped.format = format_name;
      skipped.outcome = ImportReport::Outcome::kSkipped;
      skipped.reason = kNotInFolder;
      reports.push_back(std::move(skipped));
      continue;
    }
    ImportOptions file_options = options;
    if (!mapping.empty()) {
      file_options.mapping_path = (fs::path(mappings) / mapping).string();
    }
    auto imported = ImportFile(store, format, file.string(), file_options);
    if (!imported) {
      ImportReport failed;
      failed.file = rel;
      failed.format = format_name;
      failed.outcome = ImportReport::Outcome::kFailed;
      failed.error = imported.error();
      failed.reason = imported.error().ToString();
      reports.push_back(std::move(failed));
      continue;
    }
    imported->file = rel;
    reports.push_back(std::move(imported).value());
  }
  std::vector<std::pair<std::string, std::string>> skips;  // path (or folder/), reason
  if (const toml::array* list = catalog["skip"].as_array()) {
    for (const toml::node& node : *list) {
      const toml::table& entry = *node.as_table();
      skips.emplace_back(entry["path"].value_or(std::string()),
                         entry["reason"].value_or(std::string("no reader")));
    }
  }
  for (const auto& [rel, reason] : skips) {
    if (fs::exists(fs::path(dir) / rel, ec)) {
      ImportReport skipped;
      skipped.file = rel;
      skipped.outcome = ImportReport::Outcome::kSkipped;
      skipped.reason = reason;
      reports.push_back(std::move(skipped));
    }
  }
  // Say so for every other data file in the folder, so nothing is left out silently.
  std::vector<std::string> others;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".csv") {
      continue;
    }
    const std::string rel = fs::relative(it->path(), dir, ec).generic_string();
    const bool known =
        std::any_of(reports.begin(), reports.end(), [&](const auto& r) { return r.file == rel; }) ||
        std::any_of(skips.begin(), skips.end(), [&](const auto& skip) {
          return skip.first.ends_with('/') && rel.starts_with(skip.first);
        });
    if (!known) {
      others.push_back(rel);
    }
  }
  std::sort(others.begin(), others.end());
  for (const std::string& rel : others) {
    ImportReport skipped;
    skipped.file = rel;
    skipped.outcome = ImportReport::Outcome::kSkipped;
    skipped.reason = "not in data/mappings/catalog.toml (no reader or mapping for it)";
    reports.push_back(std::move(skipped));
  }
  return reports;
}

namespace {

std::vector<Corridor> TopCorridors(const std::vector<store::ObservationRow>& rows, bool by_origin,
                                   std::size_t top_n) {
  std::vector<Corridor> out;
  for (const auto& row : rows) {
    if (!row.value || *row.value <= 0) {
      continue;
    }
    const std::string& partner = by_origin ? row.origin : row.destination;
    const Country* c = CountryRegistry::Default().Find(partner, CodeSystem::kIso3);
    out.push_back({partner, c != nullptr ? std::string(c->name_en) : partner, *row.value});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Corridor& a, const Corridor& b) { return a.value > b.value; });
  if (out.size() > top_n) {
    out.resize(top_n);
  }
  return out;
}

int LatestYear(const std::vector<store::ObservationRow>& rows) {
  int latest = 0;
  for (const auto& row : rows) {
    latest = std::max(latest, row.period.start_year());
  }
  return latest;
}

}  // namespace

Result<CountryOverview> BuildCountryOverview(store::Store& store, const std::string& input,
                                             std::size_t top_n) {
  KOSH_ASSIGN_OR_RETURN(const Country* country, CountryRegistry::Default().Resolve(input));
  CountryOverview o;
  o.code = std::string(country->code);
  o.name = std::string(country->name_en);
  o.region = std::string(country->subregion);
  const auto query = [&](const char* indicator, std::optional<std::string> origin,
                         std::optional<std::string> destination,
                         std::optional<std::string> single) {
    store::ObservationQuery q;
    q.indicator = indicator;
    q.origin = std::move(origin);
    q.destination = std::move(destination);
    q.country = std::move(single);
    q.sex = Sex::kTotal;
    return store.Query(q);
  };
  KOSH_ASSIGN_OR_RETURN(auto inbound, query("migrant_stock", std::nullopt, o.code, std::nullopt));
  KOSH_ASSIGN_OR_RETURN(auto outbound, query("migrant_stock", o.code, std::nullopt, std::nullopt));
  o.stock_year = std::max(LatestYear(inbound), LatestYear(outbound));
  const auto in_year = [&](std::vector<store::ObservationRow> rows, int year) {
    std::erase_if(rows, [&](const auto& r) { return r.period.start_year() != year; });
    return rows;
  };
  inbound = in_year(std::move(inbound), o.stock_year);
  outbound = in_year(std::move(outbound), o.stock_year);
  o.top_origins = TopCorridors(inbound, true, top_n);
  o.top_destinations = TopCorridors(outbound, false, top_n);
  KOSH_ASSIGN_OR_RETURN(auto imm,
                        query("immigrant_stock_total", std::nullopt, std::nullopt, o.code));
  KOSH_ASSIGN_OR_RETURN(auto emi,
                        query("emigrant_stock_total", std::nullopt, std::nullopt, o.code));
  for (const auto& r : imm) {
    if (r.period.start_year() == o.stock_year) {
      o.immigrant_stock = r.value;
    }
  }
  for (const auto& r : emi) {
    if (r.period.start_year() == o.stock_year) {
      o.emigrant_stock = r.value;
    }
  }
  KOSH_ASSIGN_OR_RETURN(auto hosted, query("refugees", std::nullopt, o.code, std::nullopt));
  KOSH_ASSIGN_OR_RETURN(auto abroad, query("refugees", o.code, std::nullopt, std::nullopt));
  KOSH_ASSIGN_OR_RETURN(auto seekers, query("asylum_seekers", o.code, std::nullopt, std::nullopt));
  o.refugee_year = std::max(LatestYear(hosted), LatestYear(abroad));
  hosted = in_year(std::move(hosted), o.refugee_year);
  abroad = in_year(std::move(abroad), o.refugee_year);
  seekers = in_year(std::move(seekers), o.refugee_year);
  double hosted_sum = 0;
  for (const auto& r : hosted) {
    hosted_sum += r.value.value_or(0);
  }
  double abroad_sum = 0;
  for (const auto& r : abroad) {
    abroad_sum += r.value.value_or(0);
  }
  for (const auto& r : seekers) {
    abroad_sum += r.value.value_or(0);
  }
  if (o.refugee_year > 0) {
    o.refugees_hosted = hosted_sum;
    o.refugees_abroad = abroad_sum;
  }
  o.refugee_origins = TopCorridors(hosted, true, top_n);
  KOSH_ASSIGN_OR_RETURN(auto received,
                        query("remittances_received_usd", std::nullopt, std::nullopt, o.code));
  KOSH_ASSIGN_OR_RETURN(auto pct,
                        query("remittances_received_pct_gdp", std::nullopt, std::nullopt, o.code));
  for (const auto& r : received) {
    if (r.value) {
      o.remittances_received_usd.push_back({r.period.ToString(), *r.value});
    }
  }
  for (const auto& r : pct) {
    if (r.value) {
      o.remittances_pct_gdp.push_back({r.period.ToString(), *r.value});
    }
  }
  return o;
}

}  // namespace kosh::engine
