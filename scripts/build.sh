#!/usr/bin/env bash
# Configures and builds everything into ./build (or $NEBENGJEK_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${NEBENGJEK_BUILD_DIR:-build}
# ccache hits across clones in different folders (CI clones afresh each time).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
