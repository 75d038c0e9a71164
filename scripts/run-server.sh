#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running server: installs packages, builds,
# and starts nebengjek-server on its embedded default (SQLite under ./var, no Redis) in
# development mode on 127.0.0.1:8080. Extra arguments go to the server (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec ./"${NEBENGJEK_BUILD_DIR:-build}"/server/app/nebengjek-server --dev "$@"
