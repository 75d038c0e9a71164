#!/usr/bin/env bash
# ctest `packages` (label packaging): builds the Debian packages from this build tree with
# scripts/package.sh --no-build (lintian output shown), checks their metadata and contents,
# unpacks nebengjek-server into a scratch root and runs the unpacked binary with the packaged
# config until it answers /health. Usage: test_packages.sh SOURCE_DIR BUILD_DIR OUTPUT_DIR
set -euo pipefail
src=$1 build=$2 debs=$3
. "$src/tests/packaging/common.sh"
for tool in dpkg-deb lintian fakeroot curl systemd-analyze; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/setup.sh installs it)"
done
scratch=$(mktemp -d)
trap 'stop_server >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
start=$(date +%s)

bash "$src/scripts/package.sh" --build-dir "$build" --output "$debs" --no-build
echo "package.sh took $(($(date +%s) - start)) s"

arch=$(dpkg --print-architecture)
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
[ -n "$version" ] || fail "no CPACK_PACKAGE_VERSION in CPackConfig.cmake"
deb() { echo "$debs/$1_${version}_${arch}.deb"; }
field() { dpkg-deb -f "$(deb "$1")" "$2"; }
contents() { dpkg-deb -c "$(deb "$1")" | awk '{print $6}' | sed 's|^\./|/|'; }
has_file() { contents "$1" | grep -qx -- "$2"; }

for p in nebengjek-server nebengjek-testclient nebengjek-app libnebengjek-client0 \
         qml6-module-nebengjek-client libnebengjek-client-dev; do
  [ -f "$(deb $p)" ] || fail "package $p not built ($(ls "$debs"))"
  echo "--- $p: dpkg-deb -I"
  dpkg-deb -I "$(deb $p)" | sed -n '/^ Package:/,$p'
  check "$p: copyright file" has_file $p /usr/share/doc/$p/copyright
  check "$p: maintainer set" test -n "$(field $p Maintainer)"
done

echo "--- nebengjek-server: dpkg-deb -c"
contents nebengjek-server
for f in /usr/bin/nebengjek-server /lib/systemd/system/nebengjek-server.service \
         /etc/nebengjek/server.conf /usr/share/man/man1/nebengjek-server.1.gz; do
  check "nebengjek-server ships $f" has_file nebengjek-server "$f"
done
check "nebengjek-server never ships a secret" \
  bash -c "! dpkg-deb -c '$(deb nebengjek-server)' | grep -Eq 'jwt-secret|server\.env'"
depends=$(field nebengjek-server Depends)
echo "nebengjek-server Depends: $depends"
for d in libqt6core6 libqt6network6 libqt6sql6 libqt6sql6-sqlite adduser; do
  check "nebengjek-server depends on $d" grep -q "$d" <<<"$depends"
done
control=$scratch/control
dpkg-deb -e "$(deb nebengjek-server)" "$control"
check "server.conf is a conffile" grep -qx /etc/nebengjek/server.conf "$control/conffiles"
check "postinst creates the system user" grep -q 'adduser --system' "$control/postinst"
check "postrm purges the data" grep -q 'rm -rf /var/lib/nebengjek' "$control/postrm"
check "postrm keeps the data on remove" \
  bash -c "! sed -n '/\"remove\" \\]/,/^fi/p' '$control/postrm' | grep -q 'rm '"
for s in postinst prerm postrm; do check "$s is valid sh" sh -n "$control/$s"; done

root=$scratch/root
dpkg-deb -x "$(deb nebengjek-server)" "$root"
unit=$root/lib/systemd/system/nebengjek-server.service
for line in User=nebengjek StateDirectory=nebengjek ProtectSystem=strict NoNewPrivileges=true \
            PrivateTmp=true ProtectHome=true 'LoadCredential=jwt-secret:/etc/nebengjek/jwt-secret' \
            'ExecStart=/usr/bin/nebengjek-server' 'ConditionPathExists=/etc/nebengjek/jwt-secret'; do
  check "unit has $line" grep -qx -- "$line" "$unit"
done
# Offline check of the unit: systemd names unknown keys and bad values ("Unknown key name",
# "Failed to parse"); the binary's absence from /usr/bin here is expected.
verify=$(systemd-analyze verify "$unit" 2>&1 || true)
echo "$verify" | sed 's/^/systemd-analyze: /'
check "systemd accepts every line of the unit" \
  bash -c '! grep -Eqi "unknown|invalid|failed to parse|ignoring" <<<"$1"' _ "$verify"
check "unpacked server finds all its libraries" \
  bash -c "! ldd '$root/usr/bin/nebengjek-server' | grep -q 'not found'"

# Run it the way the unit does: the packaged config (WS_CONFIG), the secret as a file
# (WS_JWT_SECRET_FILE, what LoadCredential provides). Loopback, a free port and a scratch data
# dir instead of the config's 0.0.0.0:8080 and /var/lib/nebengjek (flags beat the file).
head -c 48 /dev/urandom | base64 -w0 >"$scratch/jwt-secret"
chmod 600 "$scratch/jwt-secret"
start_server "$scratch/server.log" env WS_CONFIG="$root/etc/nebengjek/server.conf" \
  WS_JWT_SECRET_FILE="$scratch/jwt-secret" "$root/usr/bin/nebengjek-server" \
  --listen 127.0.0.1 --port 0 --data-dir "$scratch/state"
health=$(curl -sS --max-time 10 -w ' HTTP %{http_code}' "http://127.0.0.1:$SERVER_PORT/health")
echo "GET /health -> $health"
check "/health answers 200 Healthy" grep -q '"status":"Healthy".* HTTP 200$' <<<"$health"
check "the SQLite database is in the data dir" test -f "$scratch/state/nebengjek.db"
stop_server
check "the secret is not logged" bash -c "! grep -qF '$(cat "$scratch/jwt-secret")' '$scratch/server.log'"
# The packaged config is really read: the same file plus one unknown key is refused.
cp "$root/etc/nebengjek/server.conf" "$scratch/broken.conf"
echo 'no-such-setting = 1' >>"$scratch/broken.conf"
rc=0
WS_CONFIG="$scratch/broken.conf" WS_JWT_SECRET_FILE="$scratch/jwt-secret" \
  "$root/usr/bin/nebengjek-server" --port 0 --data-dir "$scratch/state" >"$scratch/broken.log" 2>&1 || rc=$?
check "a config with an unknown key is refused" test "$rc" != 0
check "the refusal names the key" grep -q "unknown setting 'no-such-setting'" "$scratch/broken.log"
echo "test_packages: all checks passed in $(($(date +%s) - start)) s"
