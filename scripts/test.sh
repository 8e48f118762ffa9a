#!/usr/bin/env bash
# The whole check, as CI runs it: install what is missing, build with AddressSanitizer and
# UBSan (warnings are errors), run every test, check formatting and layering, smoke-run the
# benchmarks, and fuzz each reader for KOSH_FUZZ_SECONDS (default 30) seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - start ))"; }

step "dependencies"
bash scripts/install-deps.sh --dev

step "build (asan + ubsan)"
cmake --preset asan >/dev/null
cmake --build build/asan -j"$(nproc)"

if [[ ! -d ../shared/data ]]; then
  echo "note: ../shared/data is absent; tests that need the public datasets will be skipped"
fi

step "tests"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build/asan --output-on-failure -j"$(nproc)" | tee build/asan/ctest.log

step "layering"
bash scripts/check_layering.sh

step "format (changed files)"
bash scripts/format.sh --check-changed

step "clang-tidy (changed files)"
bash scripts/tidy.sh

step "benchmark smoke"
bash scripts/bench_ingest.sh --smoke build/asan
bash scripts/bench_load.sh --smoke build/asan

if [[ -x scripts/run_fuzz.sh ]]; then
  step "fuzz"
  bash scripts/run_fuzz.sh
fi
step "done"
# The suite's result once more, as the last line: "tests: N passed, N failed".
summary=$(grep -E '[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' build/asan/ctest.log)
total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$summary")
failed=$(sed -E 's/.*passed, ([0-9]+) tests failed.*/\1/' <<<"$summary")
echo "tests: $((total - failed)) passed, $failed failed"
