#!/usr/bin/env bash
# The benchmark suite in one command: builds what it needs, installs the Node peer, and measures
# each figure side by side for the three servers in the same run, then prints the table.
#
#   bench/run.sh            the full suite (about 9 minutes on 2 cores)
#   bench/run.sh --quick    smaller and shorter (about 2-3 minutes), for development
#
# Options: --servers "nebengjek peer echo"   --figures "idle storm relay saturation fanout chat cluster"
#          (extra server kinds for comparisons: nebengjek-qt = nebengjek-server on Qt's UNIX
#          dispatcher, nebengjek-glib = on Qt's GLib dispatcher; the default is the epoll one;
#          nebengjek-before = the binary in NEBENGJEK_BEFORE_BINARY, for before/after in one run)
#          --build-dir DIR (default build-bench)   --no-setup (skip the package check)
#          --qt-env VAR=VALUE (repeatable: environment of both Qt servers, e.g. QT_NO_GLIB=1)
#          --nice N (run servers and generator at this niceness; as root, negative values keep
#          a busy machine's other work from distorting the figures)
#          --threads "1 2" (nebengjek-server once per value of --threads, as columns
#          nebengjek-t1, nebengjek-t2, in place of the default nebengjek column)
#          --profile (perf record -g of each nebengjek server during the steady relay at
#          2,000 x 1/s, after the warm-up; summaries in RESULTS/profiles/relay-KIND.txt)
#   bench/run.sh --servers nebengjek --figures cluster   only the cross-node relay (about 1 minute)
# Figures (docs/performance.md): 1 idle RSS per connection, 2 connect storm, 3 routed relay at
# 2,000 riders x 1/s and at saturation, 4 fan-out to 1,000 room members, 5 durable chat (ack latency
# at 2,000 message.send/s offered, acknowledged messages/s at saturation), 6 cross-node relay
# (cluster: drivers on one node, passengers on another, one PostgreSQL and one Redis started here,
# side by side with the same load on one node; nebengjek-server only). All traffic stays on
# 127.0.0.0/8; every run is bounded in connections and time.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT_DIR=$(dirname "$BENCH_DIR")
cd "$ROOT_DIR"

quick=0
servers="nebengjek peer echo"
figures="idle storm relay saturation fanout chat cluster"
BUILD_DIR=$ROOT_DIR/build-bench
setup=1
qt_env=()
niceness=0
threads_sweep=""
profile=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --servers) servers=$2; shift ;;
    --figures) figures=$2; shift ;;
    --build-dir) BUILD_DIR=$(realpath -m "$2"); shift ;;
    --no-setup) setup=0 ;;
    --qt-env) qt_env+=("$2"); shift ;;
    --nice) niceness=$2; shift ;;
    --threads) threads_sweep=$2; shift ;;
    --profile) profile=1 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ -n "$threads_sweep" ]; then
  swept=""
  for n in $threads_sweep; do
    case "$n" in ''|*[!0-9]*) echo "bench: --threads takes numbers, e.g. \"1 2\"" >&2; exit 2 ;; esac
    swept="$swept nebengjek-t$n"
  done
  servers=$(echo " $servers " | sed "s/ nebengjek / $swept /")
  servers=$(echo $servers)
fi

# --- sizes -----------------------------------------------------------------------------------
if [ $quick = 1 ]; then
  idle_connections=2000; storm_connections=2000
  relay_pairs=500; relay_warmup=2; relay_duration=5
  sat_pairs=500; sat_window=2; sat_warmup=2; sat_duration=4
  fan_subscribers=1000; fan_window=4; fan_warmup=1; fan_duration=4
  chat_pairs=500; chat_rate=4; chat_window=1; chat_warmup=2; chat_duration=5
  cluster_pairs=500; cluster_warmup=2; cluster_duration=5
else
  idle_connections=10000; storm_connections=5000
  relay_pairs=2000; relay_warmup=5; relay_duration=20
  sat_pairs=2000; sat_window=1; sat_warmup=3; sat_duration=10
  fan_subscribers=1000; fan_window=4; fan_warmup=3; fan_duration=10
  chat_pairs=1000; chat_rate=2; chat_window=1; chat_warmup=3; chat_duration=10
  # 500 riders x 1/s, the same load on one node and across two.
  cluster_pairs=500; cluster_warmup=3; cluster_duration=15
fi

# --- fresh machine: packages, build, Node peer --------------------------------------------------
if [ $setup = 1 ]; then
  if ! command -v cmake >/dev/null || ! command -v ninja >/dev/null || ! command -v npm >/dev/null \
     || ! dpkg-query -W -f='${Status}' qt6-websockets-dev 2>/dev/null | grep -q 'ok installed'; then
    bash "$ROOT_DIR/scripts/setup.sh"
  fi
fi
echo "bench: building into $BUILD_DIR"
cmake -S "$ROOT_DIR" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DNEBENGJEK_BUILD_APP=OFF -DNEBENGJEK_BUILD_TESTS=ON >/dev/null
targets=(nebengjek-bench-echo nebengjek-bench-load)
case " $servers " in *" nebengjek"*) targets+=(nebengjek-server) ;; esac
case " $figures " in *" cluster "*) targets+=(nebengjek-server) ;; esac
cmake --build "$BUILD_DIR" --target "${targets[@]}" -j"$(nproc)" >/dev/null
# npm ci starts from scratch, and better-sqlite3 may compile SQLite from source (minutes on 2
# cores): only when the lock file changed since the last install, and only if the peer runs.
case " $servers " in *" peer "*)
  if [ ! -f "$BENCH_DIR/peer/node_modules/.package-lock.json" ] \
     || [ "$BENCH_DIR/peer/package-lock.json" -nt "$BENCH_DIR/peer/node_modules/.package-lock.json" ]; then
    echo "bench: installing the Node peer (npm ci)"
    (cd "$BENCH_DIR/peer" && { npm ci --no-audit --no-fund --silent || npm install --no-audit --no-fund --silent; })
  fi ;;
esac

# --- environment ------------------------------------------------------------------------------
# 10,000 connections need 10,000 descriptors in the server and in the generator.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" -lt $((idle_connections + 500)) ]; then
  echo "bench: ulimit -n is $(ulimit -n); figure 1 needs $((idle_connections + 500))" >&2
  exit 1
fi
BENCH_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export BENCH_SECRET BUILD_DIR BENCH_DIR
QT_ENV=("${qt_env[@]}")
NICE=(nice -n "$niceness")
suffix=""
[ $quick = 1 ] && suffix=-quick
results=$BENCH_DIR/results/$(date +%Y%m%d-%H%M%S)$suffix
mkdir -p "$results"
# shellcheck source=lib/servers.sh
source "$BENCH_DIR/lib/servers.sh"
# shellcheck source=lib/cluster.sh
source "$BENCH_DIR/lib/cluster.sh"
trap 'stop_server; stop_cluster' EXIT
trap 'exit 130' INT TERM

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "kernel: $(uname -r)"
  echo "qt: $(dpkg-query -W -f='${Version}' qt6-websockets-dev 2>/dev/null || echo '?')  node: $(node --version)  ws: $(node -p "require('$BENCH_DIR/peer/node_modules/ws/package.json').version" 2>/dev/null || echo '-')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: bench/run.sh${suffix/-/ --}${qt_env[*]:+ --qt-env ${qt_env[*]}}$([ "$niceness" != 0 ] && echo " --nice $niceness")$([ -n "$threads_sweep" ] && echo " --threads \"$threads_sweep\"") --servers \"$servers\" --figures \"$figures\""
} > "$results/environment.txt"
cat "$results/environment.txt"

load=("$BUILD_DIR/bench/nebengjek-bench-load" --secret-file /dev/stdin)

# start_profile KIND: samples the running server (SERVER_PID) for most of the relay's measured
# window, after its warm-up, then writes a per-library and a per-symbol summary.
start_profile() {
  local kind=$1 out="$results/profiles/relay-$1"
  mkdir -p "$results/profiles"
  sleep $((relay_warmup + 1))
  perf record -F 999 -g -p "$SERVER_PID" -o "$out.data" -- sleep $((relay_duration - 2)) \
    >/dev/null 2>&1 || { echo "bench: perf record failed for $kind" >&2; return 0; }
  {
    echo "# perf record -F 999 -g, relay at ${relay_pairs} x 1/s, $kind; by library, then by symbol"
    perf report -i "$out.data" --stdio --no-children --sort dso -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -15
    perf report -i "$out.data" --stdio --no-children --sort dso,sym -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -30
  } > "$out.txt"
}

# run_figure FIGURE KIND: one measurement on a fresh server; the result lands in FIGURE-KIND.json.
run_figure() {
  local figure=$1 kind=$2 args=()
  case "$figure" in
    idle) args=(--mode idle --connections $idle_connections --settle 3) ;;
    storm) args=(--mode storm --connections $storm_connections --concurrency 256) ;;
    relay) args=(--mode relay --pairs $relay_pairs --rate 1 --warmup $relay_warmup --duration $relay_duration) ;;
    saturation) args=(--mode relay --pairs $sat_pairs --rate 0 --window $sat_window --warmup $sat_warmup --duration $sat_duration) ;;
    fanout) args=(--mode fanout --subscribers $fan_subscribers --window $fan_window --warmup $fan_warmup --duration $fan_duration) ;;
    # chat_pairs x chat_rate = 2,000 message.send/s offered, then a closed loop (saturation).
    chat) args=(--mode chat --pairs $chat_pairs --rate $chat_rate --window $chat_window --warmup $chat_warmup --duration $chat_duration) ;;
  esac
  # The bare echo server has no chat to store.
  if [ "$figure" = chat ] && [ "$kind" = echo ]; then return 0; fi
  local target=$kind
  case "$kind" in nebengjek-*) target=nebengjek ;; esac
  printf 'bench: %-10s %-9s ' "$figure" "$kind"
  start_server "$kind" "$figure" "$results/$figure-$kind.server.log" || { echo "server failed"; return 0; }
  local rc=0 profiler=""
  if [ "$profile" = 1 ] && [ "$figure" = relay ] && [ "$target" = nebengjek ]; then
    start_profile "$kind" &
    profiler=$!
  fi
  echo "$BENCH_SECRET" | timeout 300 "${NICE[@]}" "${load[@]}" --target "$target" --port "$SERVER_PORT" \
    --server-pid "$SERVER_PID" "${args[@]}" --json "$results/$figure-$kind.json" \
    >/dev/null 2>"$results/$figure-$kind.load.log" || rc=$?
  [ -z "$profiler" ] || wait "$profiler" || true
  stop_server
  if [ $rc -ne 0 ] || [ ! -s "$results/$figure-$kind.json" ]; then
    echo "failed (exit $rc; see $results/$figure-$kind.load.log)"
  else
    echo "done"
  fi
  # Sockets of this run leave TIME_WAIT behind; a short pause keeps runs from overlapping.
  sleep 1
}

for figure in $figures; do
  # One node against two of a cluster, nebengjek-server only: not a per-server figure.
  if [ "$figure" = cluster ]; then
    run_cluster_figure
    continue
  fi
  for kind in $servers; do
    run_figure "$figure" "$kind"
  done
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/environment.txt"
tail -1 "$results/environment.txt"
node "$BENCH_DIR/report.js" "$results" | tee "$results/table.md"
echo "bench: results in $results"
