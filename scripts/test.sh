#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to the whole test suite: installs packages,
# builds with warnings as errors, checks that every expected test is registered, runs ctest
# (unit, integration against real SQLite, PostgreSQL, sockets, QML under the offscreen
# platform).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh -DNEBENGJEK_WARNINGS_AS_ERRORS=ON
build_dir=${NEBENGJEK_BUILD_DIR:-build}

# A test that a CMake guard (a missing package, an if(TARGET ...)) silently drops must fail the
# run, not shrink it: the registered tests must be exactly tests/expected_tests.txt.
expected=tests/expected_tests.txt
registered=$(ctest --test-dir "$build_dir" -N | sed -n 's/^ *Test *#[0-9]*: \(.*\)$/\1/p' | sort)
missing=$(comm -23 <(grep -v '^#' "$expected" | sort) <(echo "$registered"))
unlisted=$(comm -13 <(grep -v '^#' "$expected" | sort) <(echo "$registered"))
if [ -n "$missing" ] || [ -n "$unlisted" ]; then
  [ -z "$missing" ] || echo "test.sh: expected but not registered (dropped by a CMake guard?):" $missing >&2
  [ -z "$unlisted" ] || echo "test.sh: registered but not in $expected (add them):" $unlisted >&2
  exit 1
fi
echo "test.sh: $(echo "$registered" | wc -l) tests registered, as expected"

ctest --test-dir "$build_dir" --output-on-failure --no-tests=error --timeout 600 "$@"

# Fuzzing smoke run (docs/development.md): every libFuzzer target for a short bounded time in
# its own clang build dir. NEBENGJEK_FUZZ_SECONDS=0 skips it.
fuzz_seconds=${NEBENGJEK_FUZZ_SECONDS:-20}
if [ "$fuzz_seconds" -gt 0 ]; then
  NEBENGJEK_FUZZ_BUILD_DIR="${build_dir}-fuzz" bash scripts/fuzz.sh "$fuzz_seconds"
fi

# The server-side suite (protocol, gateway, hub, storage, scenarios) again under ASan+UBSan in
# its own build dir (docs/development.md: the whole suite does not fit CI's 90 minutes).
# NEBENGJEK_CI_SANITIZE=0 skips it.
if [ "${NEBENGJEK_CI_SANITIZE:-1}" != 0 ]; then
  asan_dir="${build_dir}-asan"
  NEBENGJEK_BUILD_DIR="$asan_dir" bash scripts/build.sh -DNEBENGJEK_WARNINGS_AS_ERRORS=ON \
    -DNEBENGJEK_SANITIZE=address,undefined -DNEBENGJEK_BUILD_APP=OFF
  ctest --test-dir "$asan_dir" --output-on-failure --no-tests=error --timeout 600
fi

# The threaded parts (I/O threads, the epoll dispatcher; the hub tests with them) again under
# ThreadSanitizer in its own build dir. Off by default: NEBENGJEK_CI_TSAN=1 runs it (see
# docs/development.md for what it costs). Reports in Qt's own code that are not races of ours are
# suppressed in tests/sanitizers/tsan-qt.supp, each with its reason.
if [ "${NEBENGJEK_CI_TSAN:-0}" != 0 ]; then
  tsan_dir="${build_dir}-tsan"
  tsan_tests=(eventloop_timers eventloop_dispatcher eventloop_server gateway_jwt gateway_config
              gateway_parts gateway_frontdoor gateway_session gateway_session_threads1
              gateway_shutdown gateway_hardening gateway_process hub_chat hub_e2e)
  targets=(--target nebengjek-server)
  for t in "${tsan_tests[@]}"; do targets+=(--target "tst_$t"); done
  NEBENGJEK_BUILD_DIR="$tsan_dir" bash scripts/build.sh -DNEBENGJEK_WARNINGS_AS_ERRORS=ON \
    -DNEBENGJEK_SANITIZE=thread -DNEBENGJEK_BUILD_APP=OFF "${targets[@]}"
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 history_size=7 suppressions=$PWD/tests/sanitizers/tsan-qt.supp" \
    ctest --test-dir "$tsan_dir" --output-on-failure --no-tests=error --timeout 600 \
    -R "^($(IFS='|'; echo "${tsan_tests[*]}"))\$"
fi
