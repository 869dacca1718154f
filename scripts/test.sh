#!/usr/bin/env bash
# Runs every test: the core's Catch2 suite (native, then under ASan + UBSan), the JS unit tests
# (WASM core), the test-server launchers, the integration tests on dynalite and DynamoDB Local,
# and the packaging test. Ends with one line "N passed, N failed" over all of them.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0
status=0

section() { printf '\n=== %s\n' "$1"; }

# A ctest run (or a script ending in one): its summary line gives the counts.
run_ctest() {
  section "$1"
  shift
  "$@" 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  local counts
  counts=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1 \2/p' "$log")
  if [ -z "$counts" ]; then status=1; return; fi
  set -- $counts
  failed=$((failed + $1)); passed=$((passed + $2 - $1))
}

run_node() {
  section "$1"
  shift
  node --test --test-reporter=spec "$@" 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  local p f
  p=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$log" | tail -1)
  f=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$log" | tail -1)
  [ -n "$p" ] || status=1
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

run_ctest "core: Catch2 via ctest (native build)" ctest --test-dir build/native --output-on-failure
run_ctest "core: Catch2 under AddressSanitizer and UndefinedBehaviorSanitizer (clang 14)" bash scripts/sanitize.sh
run_node "js: unit tests (WASM core, no server)" tests/js/
run_node "servers: dynalite and DynamoDB Local launchers" tests/servers/
run_node "integration: dynalite and DynamoDB Local, fetch and AWS SDK transports" tests/integration/
run_node "package: npm pack, install, import from ESM and CommonJS" tests/pack/
run_node "browser: headless Chromium (playwright-core) against dynalite" tests/browser/

printf '\n'
echo "all suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit $status
