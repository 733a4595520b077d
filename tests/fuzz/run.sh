#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, STEPPE_FUZZ=ON, in build-fuzz/) and runs
# one target, or all of them one after another, for SECONDS each.
#   tests/fuzz/run.sh TARGET|all [SECONDS]      (default 600 seconds)
# The working corpus grows in build-fuzz/fuzz-corpus/TARGET (seeded from tests/fuzz/corpus);
# crashes land in build-fuzz/fuzz-artifacts/TARGET. Keep a crash input as a regression test by
# copying it to tests/fuzz/regressions/TARGET/ once it is fixed.
# Environment: BUILD_DIR (build-fuzz), JOBS (2), FUZZ_ARGS (extra libFuzzer flags).
set -euo pipefail
cd "$(dirname "$0")/../.."
TARGETS=(analyzer passages query highlight decode_text html markdown pdf jsonl index_meta)
what=${1:?usage: tests/fuzz/run.sh TARGET|all [SECONDS]}
seconds=${2:-600}
build=${BUILD_DIR:-build-fuzz}

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSTEPPE_FUZZ=ON -DSTEPPE_BUILD_TESTS=OFF >/dev/null
if [[ $what == all ]]; then list=("${TARGETS[@]}"); else list=("$what"); fi
cmake --build "$build" -j"${JOBS:-2}" --target "${list[@]/#/fuzz_}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for t in "${list[@]}"; do
  corpus="$build/fuzz-corpus/$t"
  artifacts="$build/fuzz-artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  echo "== fuzz_$t for ${seconds}s"
  # shellcheck disable=SC2086
  if ! "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" ${FUZZ_ARGS:-} \
      "$corpus" "tests/fuzz/corpus/$t" "tests/fuzz/regressions/$t" 2>&1 |
      tee "$build/fuzz-$t.log" | grep -E "^#[0-9]+.*(DONE|INITED)|stat::|ERROR|SUMMARY|Test unit"; then
    :
  fi
  if grep -qE "ERROR: |SUMMARY: |deadly signal" "$build/fuzz-$t.log"; then
    echo "!! fuzz_$t found a problem: see $build/fuzz-$t.log and $artifacts"
    status=1
  fi
done
exit $status
