#!/usr/bin/env bash
# Builds the Debian packages (CPack DEB, see packaging/CMakeLists.txt and docs/operations.md,
# "Installing from the packages") and runs lintian on them:
#   nebengjek-server, nebengjek-testclient, nebengjek-app, libnebengjek-client0,
#   qml6-module-nebengjek-client, libnebengjek-client-dev
# Usage: scripts/package.sh [--build-dir DIR] [--output DIR] [--no-build] [--no-lintian]
#   --build-dir  build tree to package (default ./build or $NEBENGJEK_BUILD_DIR); configured
#                like scripts/build.sh when it does not exist yet
#   --output     where the .deb files go (default <build-dir>/packages)
#   --no-build   package the build tree as it is (the packaging test: no rebuild, no reconfigure)
#   --no-lintian skip lintian
# Only the packaged targets are built, not the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${NEBENGJEK_BUILD_DIR:-build}
output=""
do_build=1
do_lintian=1
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    --no-build) do_build=0; shift ;;
    --no-lintian) do_lintian=0; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
build_dir=$(realpath -m "$build_dir")
output=$(realpath -m "${output:-$build_dir/packages}")

if [ "$do_build" = 1 ]; then
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  targets=(nebengjek-server nebengjek-testclient)
  if grep -q '^NEBENGJEK_BUILD_APP:BOOL=ON' "$build_dir/CMakeCache.txt"; then
    targets+=(nebengjek-app nebengjek_client nebengjek_client_qml)
  fi
  cmake --build "$build_dir" -j"$(nproc)" --target "${targets[@]}"
elif [ ! -f "$build_dir/CPackConfig.cmake" ]; then
  echo "package.sh: $build_dir is not a configured build tree" >&2
  exit 2
fi

rm -rf "$output"
mkdir -p "$output"
# CPack installs each component into a staging tree, strips it, runs dpkg-shlibdeps and
# builds one .deb per component.
cpack --config "$build_dir/CPackConfig.cmake" -B "$output/_cpack" >"$output/cpack.log" 2>&1 || {
  cat "$output/cpack.log" >&2
  exit 1
}
mv "$output"/_cpack/*.deb "$output"/
rm -rf "$output/_cpack"
echo "package.sh: packages in $output:"
ls -1 "$output"/*.deb | sed 's/^/  /'

if [ "$do_lintian" = 1 ]; then
  if ! command -v lintian >/dev/null 2>&1; then
    echo "package.sh: lintian is not installed (scripts/setup.sh installs it)" >&2
    exit 1
  fi
  # Errors fail the script; the remaining warnings and infos are explained in
  # docs/operations.md ("lintian").
  echo "package.sh: lintian:"
  lintian --display-info "$output"/*.deb 2>&1 | sed 's/^/  /' | tee "$output/lintian.log"
  if grep -q '^  E: ' "$output/lintian.log"; then
    echo "package.sh: lintian reported errors" >&2
    exit 1
  fi
fi
