# Helpers shared by the packaging tests (sourced).
fail() { echo "FAIL: $*" >&2; exit 1; }
check() { local what=$1; shift; "$@" >/dev/null 2>&1 || fail "$what"; echo "ok: $what"; }

# start_server LOG ARGS...: starts a server in the background (SERVER_PID), waits up to 20 s for
# its "event=listening ... port=N" line and sets SERVER_PORT.
start_server() {
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  SERVER_PORT=""
  for _ in $(seq 1 200); do
    SERVER_PORT=$(sed -n 's/.*event=listening.* port=\([0-9]*\).*/\1/p' "$log" | head -n1)
    [ -n "$SERVER_PORT" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; fail "server exited at start"; }
    sleep 0.1
  done
  cat "$log" >&2
  fail "server did not log event=listening within 20 s"
}

# stop_server: SIGTERM (graceful shutdown), then wait for exit 0.
stop_server() {
  [ -n "${SERVER_PID:-}" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  local rc=0
  wait "$SERVER_PID" || rc=$?
  SERVER_PID=""
  [ "$rc" = 0 ] || fail "server exited with $rc after SIGTERM"
}
