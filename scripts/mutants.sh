#!/usr/bin/env bash
# Mutation testing of src/ with cargo-mutants (installed, pinned, by scripts/setup.sh).
#
#   npm run mutants                      every mutant; prints the survivors
#   bash scripts/mutants.sh --in-diff    only mutants on src/ lines changed since the last src/
#                                        known clean (.cargo/mutants-baseline): what CI runs
#
# cargo-mutants is installed here, pinned, when a run needs it (about 6 minutes from crates.io),
# so a CI run whose change leaves src/ alone never pays for it.
#
# A survivor is a test to write, or an equivalent mutant to list, with the reason, under
# exclude_re in .cargo/mutants.toml. The reference point is the git *tree* of src/ that a run
# found clean, not a commit: a clean run writes it to .cargo/mutants-baseline itself, and that
# file goes into the same commit as the change it vouches for (a tree hash is known before the
# commit exists, so no commit of its own is needed). Property tests run at FUZZ_SCALE (default 0.05 here): every mutant
# runs the whole host suite, so each property gets a few dozen cases instead of thousands.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export FUZZ_SCALE="${FUZZ_SCALE:-0.05}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The tree of src/ as it is on disk, committed or not (a throw-away index leaves the real one be).
src_tree() {
  GIT_INDEX_FILE="$out/index" git add src && GIT_INDEX_FILE="$out/index" git write-tree --prefix=src/
}
# cargo-mutants copies src/ when it starts: the tree to vouch for is the one seen now.
tree=$(src_tree)
args=()
if [ "${1:-}" = --in-diff ]; then
  base=$(tr -d '[:space:]' < .cargo/mutants-baseline)
  # A commit's hash (the older form) names its src/ tree.
  base_tree=$(git rev-parse --verify --quiet "$base^{commit}:src" 2>/dev/null || echo "$base")
  git diff --src-prefix=a/src/ --dst-prefix=b/src/ "$base_tree" "$tree" > "$out/change.diff"
  if [ ! -s "$out/change.diff" ]; then
    echo "[mutants] src/ is unchanged since $base: no mutant to test"
    exit 0
  fi
  echo "[mutants] src/ changed since $base: $(grep -c '^+[^+]' "$out/change.diff") added lines"
  args=(--in-diff "$out/change.diff")
fi
want=27.1.0
if [ "$(cargo mutants --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
  echo "[mutants] installing cargo-mutants $want (about 6 minutes)" >&2
  cargo install cargo-mutants --version "$want" --locked >&2
fi
status=0
cargo mutants --no-shuffle --jobs 1 --timeout-multiplier 4 --output "$out" "${args[@]}" || status=$?
for kind in missed timeout unviable caught; do
  list="$out/mutants.out/$kind.txt" # absent when the change holds no mutant
  printf '[mutants] %s: %s\n' "$kind" "$( [ -f "$list" ] && wc -l < "$list" || echo 0)"
done
if [ -s "$out/mutants.out/missed.txt" ]; then
  echo '[mutants] survivors (each needs a test, or a reason under exclude_re in .cargo/mutants.toml):'
  sed 's/^/  /' "$out/mutants.out/missed.txt"
fi
# cargo-mutants exits 0 when every mutant was caught (or none was found in the diff), 2 for
# survivors, 3 for timeouts, 4 when the tests fail without any mutant.
if [ "$status" -eq 0 ] && [ -z "${MUTANTS_NO_RECORD:-}" ]; then
  echo "$tree" > .cargo/mutants-baseline
  echo "[mutants] clean: .cargo/mutants-baseline now names this src/ tree; commit it with the change"
fi
exit "$status"
