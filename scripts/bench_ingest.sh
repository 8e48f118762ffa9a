#!/usr/bin/env bash
# Runs bench/ingest (kosh) and the pandas baseline on the same file and prints the ratio.
# Usage: scripts/bench_ingest.sh [--smoke] [BUILD_DIR]   (default BUILD_DIR build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=()
if [[ "${1:-}" == "--smoke" ]]; then smoke=(--smoke); shift; fi
build=${1:-build/release}
bench="$build/bench/ingest_bench"
if [[ ${#smoke[@]} -gt 0 ]]; then
  "$bench" --smoke
  exit 0
fi
csv=../shared/data/un_desa_migrant_stock/bilateral_stock_2020rev.csv
if [[ ! -f $csv ]]; then
  echo "bench_ingest: $csv is absent; the full benchmark needs the shared data folder" >&2
  exit 2
fi
kosh_ms=$("$bench" --benchmark_format=json 2>/dev/null |
  /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin)
print([b for b in d["benchmarks"] if b["name"].endswith("_median")][0]["real_time"])')
pandas_line=$(/usr/bin/python3 bench/peers/pandas_ingest.py "$csv" --repeat 10)
pandas_s=$(sed -E 's/.*median_s=([0-9.]+).*/\1/' <<<"$pandas_line")
echo "kosh:   median ${kosh_ms} ms"
echo "$pandas_line"
/usr/bin/python3 -c "print(f'ratio (pandas / kosh): {float($pandas_s)*1000/float($kosh_ms):.1f}x')"
