#!/usr/bin/env bash
# CI's second stage (after scripts/test.sh): the whole test suite built with AddressSanitizer,
# LeakSanitizer and UndefinedBehaviorSanitizer (g++, build-asan/). Any report fails the run:
# UBSan is built with -fno-sanitize-recover, ASan aborts on its first error, leaks are checked
# at every exit. The fuzz replay tests run here too, over every seed and regression input.
#   scripts/sanitize.sh [ctest arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTEPPE_BUILD_TESTS=ON \
  -DSTEPPE_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j2
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:halt_on_error=1:detect_stack_use_after_return=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd build-asan
ctest --output-on-failure -j2 --timeout 1500 "$@"
