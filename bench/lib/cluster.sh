# shellcheck shell=bash
# The cross-node relay figure of bench/run.sh (sourced after servers.sh): a cluster of two
# nebengjek-server nodes on one PostgreSQL and one Redis, each started here on a free loopback
# port in a temporary directory of its own, and stopped by stop_cluster (run.sh's EXIT trap).
# The same way as tests/hub/postgresfixture.cpp and tests/cluster/redisfixture.cpp start them.

CLUSTER_TMP=""
CLUSTER_REDIS_PID=""
CLUSTER_PG_BIN=""
CLUSTER_PG_DIR=""
CLUSTER_PG_USER=()
CLUSTER_NODE_PIDS=()

# free_port: a port nobody listens on right now (the services below need one given to them).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# cluster_available: whether redis-server and the PostgreSQL server binaries are installed.
cluster_available() {
  command -v redis-server >/dev/null || return 1
  CLUSTER_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -1)
  [ -n "$CLUSTER_PG_BIN" ] && [ -x "$CLUSTER_PG_BIN/initdb" ] || return 1
  if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root: as the postgres user, as the tests do.
    id postgres >/dev/null 2>&1 || return 1
    CLUSTER_PG_USER=(runuser -u postgres --)
  fi
}

# start_cluster_services LOGDIR: Redis and PostgreSQL with an empty database; sets REDIS_URL and
# STORAGE_URL.
start_cluster_services() {
  local logs=$1 redis_port pg_port waited
  # A short path: PostgreSQL's unix socket goes in here (socket paths are limited to ~100 bytes).
  CLUSTER_TMP=$(mktemp -d /tmp/njbench-XXXXXX)
  mkdir -p "$CLUSTER_TMP/redis" "$CLUSTER_TMP/pg"

  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$CLUSTER_TMP/redis" --daemonize no >"$logs/redis.log" 2>&1 &
  CLUSTER_REDIS_PID=$!
  waited=0
  until redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; do
    if ! kill -0 "$CLUSTER_REDIS_PID" 2>/dev/null || [ $waited -gt 100 ]; then
      echo "bench: redis-server did not come up; its log:" >&2
      tail -5 "$logs/redis.log" >&2
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  REDIS_URL=redis://127.0.0.1:$redis_port/0

  if [ ${#CLUSTER_PG_USER[@]} -gt 0 ]; then
    # mktemp's 0700 would keep the postgres user out of its own directory.
    chmod 0755 "$CLUSTER_TMP"
    chown postgres: "$CLUSTER_TMP/pg"
  fi
  CLUSTER_PG_DIR=$CLUSTER_TMP/pg/data
  if ! "${CLUSTER_PG_USER[@]}" "$CLUSTER_PG_BIN/initdb" -D "$CLUSTER_PG_DIR" -E UTF8 --locale=C \
       -A trust -U postgres --no-sync >"$logs/postgres-initdb.log" 2>&1; then
    echo "bench: initdb failed; see $logs/postgres-initdb.log" >&2
    CLUSTER_PG_DIR=""
    return 1
  fi
  # fsync=off as in the tests: the figure is the relay, which does not write per message.
  pg_port=$(free_port)
  if ! "${CLUSTER_PG_USER[@]}" "$CLUSTER_PG_BIN/pg_ctl" -D "$CLUSTER_PG_DIR" \
       -o "-p $pg_port -k $CLUSTER_TMP/pg -c listen_addresses=127.0.0.1 -c fsync=off" \
       -l "$CLUSTER_TMP/pg/server.log" -t 120 -w start >"$logs/postgres-start.log" 2>&1; then
    echo "bench: PostgreSQL did not start; its log:" >&2
    tail -5 "$CLUSTER_TMP/pg/server.log" >&2
    return 1
  fi
  if ! "${CLUSTER_PG_USER[@]}" "$CLUSTER_PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres \
       nebengjek_bench >>"$logs/postgres-start.log" 2>&1; then
    echo "bench: createdb failed; see $logs/postgres-start.log" >&2
    return 1
  fi
  STORAGE_URL=postgresql://postgres@127.0.0.1:$pg_port/nebengjek_bench
}

# start_cluster_node N LOGFILE: one node of the cluster; sets NODE_PID and NODE_PORT.
start_cluster_node() {
  local n=$1 log=$2 waited=0
  env "${QT_ENV[@]}" WS_JWT_SECRET="$BENCH_SECRET" "${NICE[@]}" "$BUILD_DIR/server/app/nebengjek-server" \
    "${nebengjek_server_args[@]}" --storage-url "$STORAGE_URL" --redis-url "$REDIS_URL" \
    --node-id "bench-node$n" >"$log" 2>&1 &
  NODE_PID=$!
  CLUSTER_NODE_PIDS+=("$NODE_PID")
  NODE_PORT=""
  while [ -z "$NODE_PORT" ]; do
    if ! kill -0 "$NODE_PID" 2>/dev/null; then
      echo "bench: cluster node $n exited at start; its log:" >&2
      tail -20 "$log" >&2
      return 1
    fi
    NODE_PORT=$(sed -n -e 's/.*event=listening.* port=\([0-9]*\).*/\1/p' "$log" 2>/dev/null | head -1)
    if [ -z "$NODE_PORT" ]; then
      sleep 0.1
      waited=$((waited + 1))
      if [ $waited -gt 600 ]; then
        echo "bench: cluster node $n did not listen within 60 s" >&2
        return 1
      fi
    fi
  done
}

stop_cluster_nodes() {
  local pid waited
  for pid in "${CLUSTER_NODE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${CLUSTER_NODE_PIDS[@]}"; do
    waited=0
    while kill -0 "$pid" 2>/dev/null; do
      sleep 0.1
      waited=$((waited + 1))
      if [ $waited -gt 200 ]; then kill -KILL "$pid" 2>/dev/null || true; break; fi
    done
    wait "$pid" 2>/dev/null || true
  done
  CLUSTER_NODE_PIDS=()
}

# stop_cluster: everything start_cluster_* started, in reverse order; safe to call twice.
stop_cluster() {
  stop_cluster_nodes
  if [ -n "$CLUSTER_PG_DIR" ]; then
    "${CLUSTER_PG_USER[@]}" "$CLUSTER_PG_BIN/pg_ctl" -D "$CLUSTER_PG_DIR" -m immediate -w stop \
      >/dev/null 2>&1 || true
    CLUSTER_PG_DIR=""
  fi
  if [ -n "$CLUSTER_REDIS_PID" ]; then
    kill -TERM "$CLUSTER_REDIS_PID" 2>/dev/null || true
    wait "$CLUSTER_REDIS_PID" 2>/dev/null || true
    CLUSTER_REDIS_PID=""
  fi
  if [ -n "$CLUSTER_TMP" ]; then
    rm -rf "$CLUSTER_TMP"
    CLUSTER_TMP=""
  fi
}

# run_cluster_figure: the same relay load twice, drivers and passengers on one node (its default
# SQLite: cluster-single.json), then drivers on node 1 and passengers on node 2 of the cluster
# (cluster-cross.json, CPU summed over both nodes).
run_cluster_figure() {
  local args=(--mode relay --pairs "$cluster_pairs" --rate 1 --warmup "$cluster_warmup" --duration "$cluster_duration")
  local rc node1_pid node1_port
  printf 'bench: %-10s %-9s ' cluster single
  if start_server nebengjek relay "$results/cluster-single.server.log"; then
    rc=0
    echo "$BENCH_SECRET" | timeout 300 "${NICE[@]}" "${load[@]}" --target nebengjek --port "$SERVER_PORT" \
      --server-pid "$SERVER_PID" "${args[@]}" --json "$results/cluster-single.json" \
      >/dev/null 2>"$results/cluster-single.load.log" || rc=$?
    stop_server
    if [ $rc -ne 0 ] || [ ! -s "$results/cluster-single.json" ]; then
      echo "failed (exit $rc; see $results/cluster-single.load.log)"
    else
      echo "done"
    fi
  else
    echo "server failed"
  fi
  sleep 1

  printf 'bench: %-10s %-9s ' cluster cross
  if ! cluster_available; then
    echo "skipped (needs redis-server and PostgreSQL: scripts/setup.sh installs them)"
    return 0
  fi
  if ! start_cluster_services "$results" \
     || ! start_cluster_node 1 "$results/cluster-cross.node1.log"; then
    echo "cluster failed to start"; stop_cluster; return 0
  fi
  node1_pid=$NODE_PID node1_port=$NODE_PORT
  if ! start_cluster_node 2 "$results/cluster-cross.node2.log"; then
    echo "cluster failed to start"; stop_cluster; return 0
  fi
  # Both nodes migrated and linked: let them hear each other's heartbeat before the first ride.
  sleep 2
  rc=0
  echo "$BENCH_SECRET" | timeout 300 "${NICE[@]}" "${load[@]}" --target nebengjek --port "$node1_port" \
    --passenger-port "$NODE_PORT" --server-pid "$node1_pid,$NODE_PID" "${args[@]}" \
    --json "$results/cluster-cross.json" >/dev/null 2>"$results/cluster-cross.load.log" || rc=$?
  stop_cluster
  if [ $rc -ne 0 ] || [ ! -s "$results/cluster-cross.json" ]; then
    echo "failed (exit $rc; see $results/cluster-cross.load.log)"
  else
    echo "done"
  fi
  sleep 1
}
