#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang + ASan/UBSan, build dir build-fuzz or
# $NEBENGJEK_FUZZ_BUILD_DIR) and runs each for a bounded time, starting from the seed corpus
# in fuzz/corpus/<target>/. New inputs go to a scratch corpus, not into the repo; a crash
# leaves its input in $build_dir/findings/ and fails the script.
#   bash scripts/fuzz.sh [seconds-per-target] [target...]     (default 60 s, all targets)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(envelope jsonguard jwt httphead config)
build_dir=${NEBENGJEK_FUZZ_BUILD_DIR:-build-fuzz}

export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-14 -DNEBENGJEK_FUZZ=ON -DNEBENGJEK_SANITIZE=address,undefined \
  -DNEBENGJEK_BUILD_APP=OFF -DNEBENGJEK_BUILD_TESTS=OFF -DNEBENGJEK_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build "$build_dir" --target "${targets[@]/#/fuzz_}" -j"$(nproc)"

mkdir -p "$build_dir/findings"
failed=()
for t in "${targets[@]}"; do
  scratch="$build_dir/corpus/$t"
  mkdir -p "$scratch"
  echo "fuzz: $t for ${seconds}s"
  # One worker, bounded time and memory; -timeout flags a single input that takes > 10 s.
  if ! "$build_dir/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$build_dir/findings/$t-" \
      "$scratch" "fuzz/corpus/$t" </dev/null >"$build_dir/fuzz-$t.log" 2>&1; then
    failed+=("$t")
    tail -n 40 "$build_dir/fuzz-$t.log"
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$build_dir/fuzz-$t.log" \
    | sed "s/^/fuzz: $t /" || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $build_dir/findings/)" >&2
  exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran ${seconds}s without a finding"
