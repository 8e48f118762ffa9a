#!/usr/bin/env bash
# clang-tidy (config: .clang-tidy) on the C++ sources changed in the last commit, or on the
# files given. Needs a configured build with compile_commands.json (default build/asan).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${KOSH_TIDY_BUILD:-build/asan}
if (($# > 0)); then
  files=("$@")
elif git rev-parse -q --verify HEAD~1 >/dev/null; then
  mapfile -t files < <(git diff --name-only --diff-filter=ACMR HEAD~1 |
                       grep -E '^(src|apps|bench)/.*\.cpp$' || true)
else
  mapfile -t files < <(git ls-files 'src/*.cpp' 'apps/*.cpp' 'bench/*.cpp')
fi
if ((${#files[@]} == 0)); then echo "tidy: no changed sources"; exit 0; fi
echo "tidy: ${#files[@]} files"
# One process per file, two at a time; WarningsAsErrors makes clang-tidy exit non-zero on
# any diagnostic.
failed=0
for file in "${files[@]}"; do
  echo "$file"
done | xargs -P "$(nproc)" -I{} sh -c '
  out=$(clang-tidy -p "$0" --quiet "{}" 2>&1) && exit 0
  printf "%s\n" "$out" | grep -vE "^[0-9]+ warnings? generated|^Suppressed|^Use -header-filter"
  echo "tidy: {} failed"; exit 1' "$build" || failed=1
if ((failed)); then echo "tidy: failed"; exit 1; fi
echo "tidy: ok"
