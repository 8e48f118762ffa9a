#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset, clang) and runs each reader's target for
# ${KOSH_FUZZ_SECONDS:-30} seconds on a copy of its seed corpus. Fails if any target crashes.
set -euo pipefail

cd "$(dirname "$0")/.."
seconds="${KOSH_FUZZ_SECONDS:-30}"
targets=(undesa_stock unhcr wdi sdmx_csv mapped_csv)

cmake --preset fuzz
cmake --build build/fuzz -j2

work="$(mktemp -d "${TMPDIR:-/tmp}/kosh-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT

failed=()
for name in "${targets[@]}"; do
  corpus="$work/corpus/$name"
  mkdir -p "$corpus" "$work/artifacts/$name"
  cp -r "fuzz/corpus/$name/." "$corpus/"
  echo "== $name: ${seconds}s"
  if ! "build/fuzz/fuzz/${name}_fuzz" -max_total_time="$seconds" -max_len=65536 \
      -artifact_prefix="$work/artifacts/$name/" -print_final_stats=1 "$corpus" \
      >"$work/$name.log" 2>&1; then
    failed+=("$name")
    tail -n 60 "$work/$name.log"
    mkdir -p fuzz/corpus-work/crashes
    cp -r "$work/artifacts/$name" "fuzz/corpus-work/crashes/" 2>/dev/null || true
  else
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/$name.log" || true
  fi
done

if ((${#failed[@]} > 0)); then
  echo "fuzzing found crashes in: ${failed[*]} (inputs under fuzz/corpus-work/crashes/)" >&2
  exit 1
fi
echo "all ${#targets[@]} fuzz targets ran ${seconds}s without a crash"
