#!/usr/bin/env bash
# The edit loop (`npm run test:quick`): formatting, clippy, the host Rust tests, the package
# build, and the JS suites that exercise the connector end to end on this machine's Node.
# Leaves out what only changes when the toolchain or packaging does (wasm-pack tests, Node 22,
# rebuild-reproducibility, bundlers and other runtimes, Docker and registry installs, mutants,
# planted bugs, the bench). `npm test` stays the one full gate, and the one CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$HOME/.cargo/bin:$(printf '%s' "$PATH" | tr ':' '\n' | grep -v 'node_modules/\.bin' | paste -sd: -)"
export PATH TEST_TIMEOUT_MS=90000
started=$SECONDS
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
FUZZ_SCALE="${FUZZ_SCALE:-0.1}" cargo test --lib --tests
node scripts/build.mjs
QUICK_SUITES=(cli conformance e2e faults features hostile live retries schema secrets)
files=("${QUICK_SUITES[@]/#/tests/js/}")
node --import ./tests/support/test-timeout.mjs --test --test-reporter=dot "${files[@]/%/.test.mjs}"
echo "[test:quick] passed in $((SECONDS - started)) s"
