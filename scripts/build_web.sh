#!/usr/bin/env bash
# Builds the web dashboard into web/dist (what `kosh serve` shows at /). Runs `npm ci` only
# when web/node_modules is missing or web/package-lock.json changed since the last install,
# so it works offline once the packages are there.
set -euo pipefail
cd "$(dirname "$0")/../web"
command -v node >/dev/null || { echo "build_web: node is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
stamp=node_modules/.kosh-package-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -d node_modules || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "build_web: npm ci" >&2
  npm ci --no-audit --no-fund >&2
  echo "$want" >"$stamp"
fi
npm run build >&2
