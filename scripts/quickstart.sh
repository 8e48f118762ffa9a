#!/usr/bin/env bash
# Installs what is missing, builds kosh (release), creates ./kosh.db from the embedded
# Central Asia extract, prints the country brief for Kazakhstan (or the country given:
# `bash scripts/quickstart.sh TJK ru`), also written as a standalone page to
# kosh-brief-<country>.html, then builds the web dashboard and serves it on
# http://127.0.0.1:8080 (KOSH_PORT to change) until Ctrl-C.
# Safe to run again: installed packages, the build and imported files are reused.
set -euo pipefail
cd "$(dirname "$0")/.."
country=${1:-KAZ}
lang=${2:-en}
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build build/release -j"$(nproc)" --target kosh
kosh=build/release/apps/cli/kosh
"$kosh" --store kosh.db init --embedded >&2
"$kosh" --store kosh.db brief "$country" --lang "$lang" --format html \
  --out "kosh-brief-$country.html"
"$kosh" --store kosh.db brief "$country" --lang "$lang"
if ! bash scripts/build_web.sh; then
  echo "quickstart: the dashboard could not be built; serving the API only" >&2
fi
exec "$kosh" --store kosh.db serve --port "${KOSH_PORT:-8080}"
