#!/usr/bin/env bash
# Load test of `kosh serve` on loopback with wrk: corridor and observation endpoints at 50
# and 200 concurrent connections for 60 s each (bench/load/targets.lua), on the embedded
# data. Prints throughput, p50/p99 latency and errors per run.
# Usage: scripts/bench_load.sh [--smoke] [BUILD_DIR]   (default build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${KOSH_LOAD_SECONDS:-60}
connections=(${KOSH_LOAD_CONNECTIONS:-50 200})
if [[ "${1:-}" == "--smoke" ]]; then
  duration=3
  connections=(8)
  shift
fi
build=${1:-build/release}
kosh="$build/apps/cli/kosh"
[[ -x "$kosh" ]] || { echo "bench_load: $kosh is not built" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench_load: wrk is missing (apt-get install wrk)" >&2; exit 1; }
work=$(mktemp -d)
server=""
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$kosh" init --embedded --store "$work/kosh.db" >/dev/null 2>&1
port=$((20000 + RANDOM % 20000))
"$kosh" serve --port "$port" --store "$work/kosh.db" --web none >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null
echo "bench_load: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "bench_load: kosh $("$kosh" --version | cut -d' ' -f2) from $build, embedded data, ${duration}s per run"
for c in "${connections[@]}"; do
  threads=$(( c < 2 ? 1 : 2 ))
  result=$(wrk -t"$threads" -c"$c" -d"${duration}s" --latency -s bench/load/targets.lua \
             "http://127.0.0.1:$port" | grep '^RESULT')
  echo "connections=$c ${result#RESULT }"
  if [[ "$result" != *"socket_errors=0 non2xx=0 "* ]]; then
    echo "bench_load: errors at $c connections" >&2
    exit 1
  fi
done
