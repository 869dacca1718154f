#!/usr/bin/env bash
# The core's Catch2 suite built with AddressSanitizer and UndefinedBehaviorSanitizer (clang 14,
# which the emscripten package brings). Any finding fails the run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[ -f build/sanitize/CMakeCache.txt ] ||
  CXX=clang++-14 cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Debug -DDYNAMAP_SANITIZE=ON >/dev/null
cmake --build build/sanitize -j "$(nproc 2>/dev/null || echo 2)" | { grep -E 'error|warning' || true; }
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/sanitize --output-on-failure
