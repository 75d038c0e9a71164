#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running server: installs packages, builds
# only nebengjek-server (not the app, the QA client or the tests), and starts it on its embedded
# default (SQLite under ./var, no Redis) in development mode on 127.0.0.1:8080. Extra arguments
# go to the server (see --help).
# Same build folder and flags as scripts/test.sh, so a later test.sh reuses every object.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh -DNEBENGJEK_WARNINGS_AS_ERRORS=ON --target nebengjek-server
exec ./"${NEBENGJEK_BUILD_DIR:-build}"/server/app/nebengjek-server --dev "$@"
