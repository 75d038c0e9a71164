#!/usr/bin/env bash
# Installs every Debian 12 package NebengJek Realtime needs to build, run and test.
# Run as root (or with sudo). Idempotent and quiet: re-running installs nothing new.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache clang-format pkg-config git
  # Qt 6.4
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-declarative-dev qt6-declarative-dev-tools
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite libqt6sql6-psql
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml-workerscript
  qml6-module-qttest qml6-module-qtcore qml6-module-qt-labs-settings libgl-dev
  # keychain, redis client
  qtkeychain-qt6-dev libhiredis-dev libssl-dev
  # real services for integration tests
  redis-server postgresql
  # GUI tests and screenshots, keychain under test
  xvfb xauth x11-apps imagemagick gnome-keyring dbus-x11 libsecret-tools
  # benchmarks
  procps valgrind
  # promtool, to check and unit-test monitoring/prometheus/alerts.yml (Debian ships it only in
  # `prometheus`, whose service the tests do not need: `systemctl disable --now prometheus`)
  prometheus
  # Debian packages (scripts/package.sh) and their tests
  dpkg-dev fakeroot lintian file binutils curl systemd
  # fuzzing (scripts/fuzz.sh): clang with the libFuzzer and sanitizer runtimes
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${#missing[@]} package(s): ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup: all packages present"

# The benchmark's Node peer needs node and npm; images that ship their own Node keep it.
if ! command -v npm >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
