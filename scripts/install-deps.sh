#!/usr/bin/env bash
# Installs what kosh needs from Debian 12 packages, and only what is missing.
# Usage: scripts/install-deps.sh [--dev]   (--dev adds the test, fuzz and benchmark tools)
set -euo pipefail

packages=(build-essential cmake ninja-build ccache pkg-config python3 iso-codes
          libsqlite3-dev libfmt-dev libcli11-dev nlohmann-json3-dev libtomlplusplus-dev
          libsodium-dev libglpk-dev libeigen3-dev libcpp-httplib-dev zlib1g-dev
          libyaml-cpp-dev)
# The dashboard is built with Node.js; Debian's nodejs/npm only where no node is installed
# (a newer Node from elsewhere conflicts with them).
if ! command -v node >/dev/null; then
  packages+=(nodejs npm)
fi
if [[ "${1:-}" == "--dev" ]]; then
  packages+=(libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev clang-format
             clang-tidy python3-pandas sqlite3 wrk curl chromium)
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present" >&2
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
