#!/usr/bin/env bash
# Configures and builds into ./build (or $NEBENGJEK_BUILD_DIR). Arguments go to the configure
# step, except `--target NAME` (repeatable), which builds only that target and what it needs.
# The compiler cache is set up in CMakeLists.txt (ccache with base_dir = the source tree), so
# it hits across clones in different folders however the build is started.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${NEBENGJEK_BUILD_DIR:-build}
configure_args=()
build_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --target) build_args+=(--target "$2"); shift 2 ;;
    *) configure_args+=("$1"); shift ;;
  esac
done
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${configure_args[@]}" >/dev/null
cmake --build "$build_dir" -j"$(nproc)" "${build_args[@]}"
