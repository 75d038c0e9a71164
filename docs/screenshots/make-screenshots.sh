#!/usr/bin/env bash
# Regenerates the screenshots in this directory under Xvfb: every main screen at phone size
# (400x800) and desktop size (1280x800), in English and Indonesian, from nebengjek-app-demo
# against a real `nebengjek-server --dev` started on a free port (a fresh one per shot, so no
# ride is left over), the partner scripted as a protocol client.
# Usage: docs/screenshots/make-screenshots.sh [build-dir [scene...]]
set -euo pipefail
cd "$(dirname "$0")"
build="$(cd "${1:-../../build}" && pwd)"
demo="$build/client-app/demo/nebengjek-app-demo"
server="$build/server/app/nebengjek-server"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

shot() { # scene language size file
    local port data pid
    port=$(free_port)
    data=$(mktemp -d)
    "$server" --dev --port "$port" --data-dir "$data" >"$data/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 50); do
        (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break
        sleep 0.1
    done
    xvfb-run -a -s "-screen 0 1280x800x24" "$demo" --hub "ws://127.0.0.1:$port/ws" \
        --lang "$2" --size "$3" --scene "$1" --screenshot "$4" || echo "FAILED: $4"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    rm -rf "$data"
}

scenes="signin driver-online proposal driver-ride passenger-request on-ride payment chat notifications driver-card cancel driver-pickup rating history"
if [ $# -gt 1 ]; then
    scenes="${*:2}"
fi
for lang in en id; do
    for scene in $scenes; do
        suffix=$([ "$lang" = en ] && echo "" || echo "-$lang")
        shot "$scene" "$lang" 1280x800 "$scene$suffix.png"
        shot "$scene" "$lang" 400x800 "phone-$scene$suffix.png"
    done
done
