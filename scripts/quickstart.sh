#!/usr/bin/env bash
# Installs what is missing, builds kosh (release), creates ./kosh.db from the embedded
# Central Asia extract and prints the country overview for Kazakhstan.
# Safe to run again: installed packages, the build and imported files are reused.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build build/release -j"$(nproc)" --target kosh
kosh=build/release/apps/cli/kosh
"$kosh" --store kosh.db init --embedded
"$kosh" --store kosh.db overview "${1:-KAZ}"
