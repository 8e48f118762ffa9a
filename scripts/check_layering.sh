#!/usr/bin/env bash
# Checks that components include only what STYLE.md §4 allows: dependencies point down the
# data flow (core <- ingest, store <- engine <- apps) and never back.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
check() {  # component, allowed kosh components (regex)
  local component=$1 allowed=$2
  while IFS= read -r line; do
    echo "layering: $line (src/$component may include only kosh/{$allowed})"
    status=1
  done < <(grep -RnE '#include "kosh/' "src/$component" "include/kosh/$component" 2>/dev/null |
           grep -vE "#include \"kosh/($allowed)/" || true)
}
check core "core"
check ingest "core|ingest"
check store "core|store"
check classify "core|classify"
check policy "core|classify|policy"
check brief "core|classify|policy|brief"
check engine "core|ingest|store|classify|policy|brief|engine"
check models/gravity "core|ingest|models/gravity"
if ((status == 0)); then echo "layering: ok"; fi
exit $status
