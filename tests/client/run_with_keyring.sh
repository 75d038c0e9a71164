#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (Secret
# Service), in a throw-away HOME so it never touches the user's own keyrings.
# Usage: run_with_keyring.sh <command> [args...]
set -eu

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nebengjek-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/home/.local/share"
export XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_CACHE_HOME="$tmp/home/.cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY GNOME_KEYRING_CONTROL

# Inside the session: start the daemon with the secrets component; the password on stdin
# creates and unlocks the "login" keyring. The daemon exits with the session bus.
exec dbus-run-session -- sh -c '
    printf "%s" "nebengjek-test-password" \
        | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"
' run_with_keyring "$@"
