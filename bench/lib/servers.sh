# Starting and stopping the three servers under test, for bench/run.sh (sourced).
# Each server listens on a free loopback port (port 0) and logs the port it got; we read it back
# from the log, so there is no window in which another process can take it.

# The real server, with the limits that would otherwise measure the limiter instead of the routing:
# connection caps above the 10,000 of figure 1 (all bench connections come from 127.0.0.x), and
# rate limits above what a saturating driver sends. Everything else is the default configuration.
nebengjek_server_args=(
  --listen 127.0.0.1 --port 0
  --max-connections 20000 --max-connections-per-ip 20000 --max-pending-handshakes 4096
  --rate-limit 1000000 --rate-burst 1000000 --user-rate-limit 1000000 --user-rate-burst 1000000
)

# start_server KIND FIGURE LOGFILE: sets SERVER_PID and SERVER_PORT.
start_server() {
  local kind=$1 figure=$2 log=$3 data_dir
  case "$kind" in
    nebengjek|nebengjek-qt|nebengjek-glib|nebengjek-t*|nebengjek-before)
      # nebengjek runs on its default (epoll) dispatcher; -qt and -glib on Qt's own, for
      # side-by-side comparisons (UNIX poll() dispatcher, and GLib's); -tN with --threads N.
      # nebengjek-before is another build of the server (NEBENGJEK_BEFORE_BINARY), for
      # before/after in one run.
      local dispatcher=() glib=() binary=$BUILD_DIR/server/app/nebengjek-server
      case "$kind" in
        nebengjek-qt|nebengjek-glib) dispatcher=(--event-dispatcher qt) ;;
        nebengjek-t*) dispatcher=(--threads "${kind#nebengjek-t}") ;;
      esac
      [ "$kind" = nebengjek-glib ] && glib=(QT_NO_GLIB=0)
      if [ "$kind" = nebengjek-before ]; then
        binary=${NEBENGJEK_BEFORE_BINARY:?nebengjek-before needs NEBENGJEK_BEFORE_BINARY=/path/to/nebengjek-server}
      fi
      data_dir=$(mktemp -d "${TMPDIR:-/tmp}/nebengjek-bench.XXXXXX")
      env "${QT_ENV[@]}" "${glib[@]}" WS_JWT_SECRET="$BENCH_SECRET" "${NICE[@]}" "$binary" \
        "${nebengjek_server_args[@]}" "${dispatcher[@]}" --data-dir "$data_dir" >"$log" 2>&1 &
      ;;
    peer)
      data_dir=$(mktemp -d "${TMPDIR:-/tmp}/nebengjek-peer.XXXXXX")
      WS_JWT_SECRET="$BENCH_SECRET" "${NICE[@]}" node "$BENCH_DIR/peer/server.js" --port 0 \
        --data-dir "$data_dir" >"$log" 2>&1 &
      ;;
    echo)
      local mode=()
      [ "$figure" = fanout ] && mode=(--broadcast)
      env "${QT_ENV[@]}" "${NICE[@]}" "$BUILD_DIR/bench/nebengjek-bench-echo" --port 0 "${mode[@]}" >"$log" 2>&1 &
      ;;
  esac
  SERVER_PID=$!
  SERVER_PORT=""
  local waited=0
  while [ -z "$SERVER_PORT" ]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "bench: the $kind server exited at start; its log:" >&2
      tail -20 "$log" >&2
      return 1
    fi
    # "listening on 127.0.0.1:PORT" (echo, peer) or "event=listening ... port=PORT" (nebengjek)
    SERVER_PORT=$(sed -n -e 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
                         -e 's/.*event=listening.* port=\([0-9]*\).*/\1/p' "$log" 2>/dev/null | head -1)
    if [ -z "$SERVER_PORT" ]; then
      sleep 0.1
      waited=$((waited + 1))
      if [ $waited -gt 300 ]; then
        echo "bench: the $kind server did not listen within 30 s" >&2
        stop_server
        return 1
      fi
    fi
  done
  # Let the process finish starting (JIT warm-up for Node, storage for the real server) before
  # its baseline RSS is read.
  sleep 1
}

stop_server() {
  [ -n "${SERVER_PID:-}" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  local waited=0
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    sleep 0.1
    waited=$((waited + 1))
    if [ $waited -gt 200 ]; then
      kill -KILL "$SERVER_PID" 2>/dev/null || true
      break
    fi
  done
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
