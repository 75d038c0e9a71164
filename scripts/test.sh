#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to the whole test suite: installs packages,
# builds with warnings as errors, runs ctest (unit, integration against real SQLite,
# PostgreSQL, sockets, QML under the offscreen platform).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh -DNEBENGJEK_WARNINGS_AS_ERRORS=ON
ctest --test-dir "${NEBENGJEK_BUILD_DIR:-build}" --output-on-failure --timeout 600 "$@"
