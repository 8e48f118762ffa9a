#!/usr/bin/env bash
# clang-format for kosh's C++ sources.
#   scripts/format.sh                 format every source in place
#   scripts/format.sh --check-changed check the files changed in the last commit
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='\.(cpp|hpp)$'
if [[ "${1:-}" == "--check-changed" ]]; then
  if git rev-parse -q --verify HEAD~1 >/dev/null; then
    mapfile -t files < <(git diff --name-only --diff-filter=ACMR HEAD~1 | grep -E "$pattern" || true)
  else
    mapfile -t files < <(git ls-files | grep -E "$pattern" || true)
  fi
  if ((${#files[@]} == 0)); then echo "format: no changed C++ files"; exit 0; fi
  clang-format --dry-run --Werror "${files[@]}"
  echo "format: ${#files[@]} changed files ok"
else
  git ls-files | grep -E "$pattern" | xargs clang-format -i
fi
