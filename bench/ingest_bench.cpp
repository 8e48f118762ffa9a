// bench/ingest: import the UN DESA bilateral migrant-stock table into a fresh SQLite store,
// the work pandas does with read_csv + to_sql in bench/peers/pandas_ingest.py.
//
//   ingest_bench [--smoke] [google-benchmark flags]
//
// Full size reads ../shared/data/un_desa_migrant_stock/bilateral_stock_2020rev.csv
// (223,056 rows); --smoke reads the embedded extract instead and runs once.
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include "kosh/engine/engine.hpp"

namespace {

std::string g_input;

void BmImportUndesaStock(benchmark::State& state) {
  const std::string dir =
      std::filesystem::temp_directory_path() / fmt::format("kosh_ingest_bench_{}", getpid());
  std::filesystem::create_directories(dir);
  std::int64_t rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string db = dir + "/bench.db";
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(db + suffix);
    }
    auto store = kosh::store::Store::Open(db);
    if (!store || !(*store)->Migrate()) {
      state.SkipWithError("cannot open the store");
      break;
    }
    state.ResumeTiming();
    auto report = kosh::engine::ImportFile(**store, kosh::ingest::Format::kUndesaStock, g_input,
                                           kosh::engine::ImportOptions{});
    if (!report) {
      state.SkipWithError(report.error().ToString().c_str());
      break;
    }
    rows = report->source.rows;
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
  std::filesystem::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args;
  bool smoke = false;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) {
      smoke = true;
    } else {
      args.push_back(argv[i]);
    }
  }
  const std::string full =
      std::string(KOSH_SHARED_DATA) + "/un_desa_migrant_stock/bilateral_stock_2020rev.csv";
  const std::string embedded =
      kosh::engine::DataDir() + "/embedded/un_desa_migrant_stock/bilateral_stock_2020rev.csv";
  if (smoke) {
    g_input = embedded;
  } else if (std::filesystem::exists(full)) {
    g_input = full;
  } else {
    fmt::print(stderr,
               "ingest_bench: {} is absent; the shared data folder is needed for the "
               "full-size benchmark (use --smoke for the embedded extract)\n",
               full);
    return 2;
  }
  fmt::print(stderr, "ingest_bench: input {}\n", g_input);
  auto* bench = benchmark::RegisterBenchmark("ImportUndesaStock", BmImportUndesaStock)
                    ->Unit(benchmark::kMillisecond);
  if (smoke) {
    bench->Iterations(1);
  } else {
    bench->Iterations(10)->Repetitions(3)->ReportAggregatesOnly(true);
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
