#!/usr/bin/env bash
# Installs what a command needs, and only what is missing:
#   bash scripts/setup.sh build   the build and the demo: the wasm32 target, the wasm-bindgen CLI
#                                 at exactly the Cargo.lock version, the npm dev dependencies
#   bash scripts/setup.sh         everything (npm test, bench, fuzz, mutants): the above, plus
#                                 wasm-pack (for `wasm-pack test --node`) and openssl (the bench)
# Prebuilt downloads from GitHub fail on these machines, so everything comes from the registries:
# cargo installs compile from source, which is the long part of a first run (README: measured).
set -euo pipefail
cd "$(dirname "$0")/.."
# CARGO_HOME's bin, like cargo itself: a fresh CARGO_HOME starts with nothing installed.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
for_what=${1:-all}

log() { printf '[setup] %s\n' "$*" >&2; }
timed() {
  local what=$1 started=$SECONDS; shift
  "$@" >&2
  log "$what took $((SECONDS - started)) s"
}

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target (the module is built for it)"
  timed "the wasm32 target" rustup target add wasm32-unknown-unknown
fi

want_bindgen=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_bindgen" != "$want_bindgen" ]; then
  log "installing wasm-bindgen-cli $want_bindgen: it writes the module's JS glue and must match Cargo.lock's wasm-bindgen exactly; compiled from crates.io, 2 to 4 minutes"
  timed "wasm-bindgen-cli" cargo install wasm-bindgen-cli --version "$want_bindgen" --locked
fi

if [ "$for_what" != build ] && ! command -v wasm-pack >/dev/null 2>&1; then
  log "installing wasm-pack: the tests run the wasm tests in Node with it (the demo does not need it); compiled from crates.io, 3 to 10 minutes"
  timed "wasm-pack" cargo install wasm-pack --locked
fi

# The benchmark makes a throw-away TLS certificate with openssl.
if [ "$for_what" != build ] && ! command -v openssl >/dev/null 2>&1; then
  log "installing openssl (the benchmark's throw-away certificate)"
  (apt-get update -qq && apt-get install -y -qq openssl) >&2
fi

stamp=node_modules/.setup-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  log "installing the npm dev dependencies (binaryen's wasm-opt, Logto's loader and the official connector to test against, Node 22): about a minute"
  errors=$(mktemp)
  started=$SECONDS
  if ! npm ci --no-audit --no-fund 2>"$errors" >&2; then
    cat "$errors" >&2
    exit 1
  fi
  # Logto's packages declare Node ^22.14, Logto's own runtime: npm warns once per package.
  engines=$(grep -c 'EBADENGINE Unsupported engine' "$errors" || true)
  # npm names the Node it ran on (under `npm run`, `node` may already be node_modules' Node 22).
  current=$(grep -o "current: { node: '[^']*'" "$errors" | head -1 | sed "s/.*node: '\(.*\)'/\1/")
  grep -v 'EBADENGINE' "$errors" >&2 || true
  rm -f "$errors"
  if [ "$engines" -gt 0 ]; then
    log "npm warned EBADENGINE for $engines @logto packages, which ask for Node ^22.14 (Logto's runtime): expected on Node $current; the tests run them on it on purpose, and again on Node 22"
  fi
  log "the npm dev dependencies took $((SECONDS - started)) s"
  touch "$stamp"
fi
