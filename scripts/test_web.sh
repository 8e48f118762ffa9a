#!/usr/bin/env bash
# Builds the web dashboard and runs its tests: the string-table and formatting unit tests, then
# the end-to-end tests in Debian's Chromium against `KOSH_BINARY serve` on the embedded data.
#
#   bash scripts/test_web.sh build/debug/apps/cli/kosh
#
# The build is scripts/build_web.sh: `npm ci` only when web/node_modules is missing or
# web/package-lock.json changed since the last install, so this works offline once the
# packages are there. Screenshots go to $KOSH_ARTIFACTS (default web/test-artifacts/).
# Exits non-zero when anything fails.
set -euo pipefail

if [[ $# -ne 1 || "$1" == -h || "$1" == --help ]]; then
  echo "usage: bash scripts/test_web.sh KOSH_BINARY   (e.g. build/debug/apps/cli/kosh)" >&2
  exit 1
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
kosh="$(realpath "$1")"
[[ -x "$kosh" ]] || { echo "test_web: $1 is not an executable kosh" >&2; exit 1; }
command -v node >/dev/null || { echo "test_web: node is missing (apt-get install nodejs npm)" >&2; exit 1; }
chromium="${KOSH_CHROMIUM:-/usr/bin/chromium}"
[[ -x "$chromium" ]] || { echo "test_web: $chromium is missing (apt-get install chromium)" >&2; exit 1; }

echo "== build (scripts/build_web.sh)"
bash "$root/scripts/build_web.sh"

cd "$root/web"
echo "== tests"
export KOSH_BINARY="$kosh"
export KOSH_ARTIFACTS="${KOSH_ARTIFACTS:-$root/web/test-artifacts}"
node --test --test-concurrency=1 tests/unit/ tests/e2e/
