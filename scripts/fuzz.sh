#!/usr/bin/env bash
# Long fuzzing, outside npm test: the same property, hostile-value and differential-signing
# suites with FUZZ_SCALE times more cases (default 50) and fresh seeds unless given. Every seed
# is printed first, so any failure replays with the same variables.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$HOME/.cargo/bin:$(printf '%s' "$PATH" | tr ':' '\n' | grep -v 'node_modules/\.bin' | paste -sd: -)"
export PATH FUZZ_SCALE="${FUZZ_SCALE:-50}"
export HOSTILE_SEED="${HOSTILE_SEED:-$RANDOM$RANDOM}" DIFF_SEED="${DIFF_SEED:-$RANDOM$RANDOM}"
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-$RANDOM$RANDOM}"
# The limits of scripts/test.sh, scaled with the case counts.
export TEST_TIMEOUT_MS=$((90000 * FUZZ_SCALE))
echo "[fuzz] FUZZ_SCALE=$FUZZ_SCALE HOSTILE_SEED=$HOSTILE_SEED DIFF_SEED=$DIFF_SEED PROPTEST_RNG_SEED=$PROPTEST_RNG_SEED"
# The properties beside their modules (src/*/props.rs) and those in tests/properties/.
cargo test --release --lib --test properties props
node --import ./tests/support/test-timeout.mjs --test "--test-timeout=$((600000 * FUZZ_SCALE))" \
  tests/js/hostile.test.mjs tests/js/differential.test.mjs
