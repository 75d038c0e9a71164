#!/usr/bin/env bash
# ctest `sdk_example` (label packaging): unpacks libnebengjek-client0, libnebengjek-client-dev and
# qml6-module-nebengjek-client into a scratch prefix, configures and builds examples/client-sdk
# against that prefix only (not the build tree), and runs it against a real server on a free
# port: it must authenticate, resume, report the quality, resume again after suspend/resume, and
# exit 0. Then the same from QML through the installed module NebengJek.Client (qmltestrunner,
# tst_sdk_qml.qml.in).
# Usage: test_sdk_example.sh SOURCE_DIR PACKAGES_DIR SERVER_BINARY
set -euo pipefail
src=$1 debs=$2 server=$3
. "$src/tests/packaging/common.sh"
scratch=$(mktemp -d)
trap 'stop_server >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
start=$(date +%s)

root=$scratch/root
for p in libnebengjek-client0 qml6-module-nebengjek-client libnebengjek-client-dev; do
  deb=$(ls "$debs"/${p}_*.deb 2>/dev/null | head -n1)
  [ -n "$deb" ] || fail "no $p package in $debs (the packages test builds them)"
  dpkg-deb -x "$deb" "$root"
done
prefix=$root/usr
echo "--- SDK files in the scratch prefix"
(cd "$root" && find . -type f -o -type l | sort)
check "private header logging.h is not installed" test ! -e "$prefix/include/nebengjek/logging.h"
check "private header handshakefailure.h is not installed" \
  test ! -e "$prefix/include/nebengjek/connection/handshakefailure.h"
check "public header connectionmanager.h is installed" \
  test -f "$prefix/include/nebengjek/connection/connectionmanager.h"

# Configure against the scratch prefix; the package registry is off so nothing else is found.
example=$scratch/example
cmake -S "$src/examples/client-sdk" -B "$example" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$scratch/configure.log" 2>&1 \
  || { cat "$scratch/configure.log" >&2; fail "configuring the example"; }
found=$(sed -n 's/^NebengJekClient_DIR:PATH=//p' "$example/CMakeCache.txt")
echo "NebengJekClient_DIR=$found"
case "$found" in "$prefix"/*) echo "ok: found the SDK in the scratch prefix" ;;
  *) fail "NebengJekClient found outside the scratch prefix: $found" ;; esac
cmake --build "$example" >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log" >&2; fail "building the example"; }
echo "ok: example built in $(($(date +%s) - start)) s"
libdir=$(dirname "$(find "$prefix" -name 'libnebengjek-client.so.0' | head -n1)")
export LD_LIBRARY_PATH=$libdir
check "the example loads the scratch-installed library" \
  bash -c "ldd '$example/nebengjek-client-example' | grep -q '$libdir/libnebengjek-client.so.0'"

start_server "$scratch/server.log" "$server" --dev --listen 127.0.0.1 --port 0 \
  --data-dir "$scratch/server-data"
token=$("$server" --dev token --user-id sdk-example --role driver --ttl 600)
rc=0
timeout 60 "$example/nebengjek-client-example" --url "ws://127.0.0.1:$SERVER_PORT/ws" \
  --token "$token" --data-dir "$scratch/client-data" --timeout 30 >"$scratch/example.log" 2>&1 || rc=$?
echo "--- example output"
cat "$scratch/example.log"
[ "$rc" = 0 ] || fail "the example exited with $rc"
check "authenticated" grep -qx 'authenticated: sdk-example (driver)' "$scratch/example.log"
check "resumed twice" test "$(grep -c '^resumed: ' "$scratch/example.log")" = 2
check "quality shown" grep -Eq '^quality: (excellent|good|fair|poor) \(rtt [0-9]+ ms\)$' "$scratch/example.log"
check "last_seq persisted in the client's data dir" test -f "$scratch/client-data/sequence.json"

# The QML module NebengJek.Client, from the scratch prefix only.
qmldir=$(dirname "$(find "$prefix" -path '*/qml/NebengJek/Client/qmldir' | head -n1)")
check "the QML module is installed" test -f "$qmldir/qmldir"
qmlroot=${qmldir%/NebengJek/Client}
token=$("$server" --dev token --user-id sdk-qml --role passenger --ttl 600)
sed -e "s|@URL@|ws://127.0.0.1:$SERVER_PORT/ws|" -e "s|@TOKEN@|$token|" \
  "$src/tests/packaging/tst_sdk_qml.qml.in" >"$scratch/tst_sdk_qml.qml"
rc=0
HOME=$scratch/home XDG_DATA_HOME=$scratch/home/data QT_QPA_PLATFORM=offscreen \
  timeout 60 /usr/lib/qt6/bin/qmltestrunner -import "$qmlroot" -input "$scratch/tst_sdk_qml.qml" \
  >"$scratch/qml.log" 2>&1 || rc=$?
cat "$scratch/qml.log"
[ "$rc" = 0 ] || fail "the QML module test failed ($rc)"
check "QML: connected, resumed twice, quality measured" grep -q '^PASS   : .*test_connectResumeQuality' "$scratch/qml.log"
stop_server
echo "test_sdk_example: all checks passed in $(($(date +%s) - start)) s"
