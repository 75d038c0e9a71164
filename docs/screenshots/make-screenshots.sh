#!/usr/bin/env bash
# Regenerates the screenshots in this directory from the app's demo scenes (in-process demo
# server, simulated partner) under Xvfb. Usage: docs/screenshots/make-screenshots.sh [build-dir]
# reconnecting-id.png is taken by hand against a real server that is then stopped (docs/app.md).
set -euo pipefail
cd "$(dirname "$0")"
app="${1:-../../build}/client-app/app/nebengjek-app"
shot() { # scene language file
    xvfb-run -a -s "-screen 0 1280x800x24" "$app" --lang "$2" --scene "$1" --screenshot "$3"
}
for scene in signin driver-online proposal driver-ride passenger-request on-ride payment chat notifications; do
    shot "$scene" en "$scene.png"
done
for scene in proposal payment chat notifications; do
    shot "$scene" id "$scene-id.png"
done
