#!/usr/bin/env bash
# Installs what building and testing need, and only what is missing: the wasm32 target, the
# wasm-bindgen CLI at exactly the Cargo.lock version, wasm-pack (for `wasm-pack test --node`),
# and the npm dev dependencies (binaryen's wasm-opt, the Logto and Tencent oracles, Node 22).
# Prebuilt downloads from GitHub fail on these machines, so everything comes from the registries.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '[setup] %s\n' "$*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >&2
fi

want_bindgen=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_bindgen" != "$want_bindgen" ]; then
  log "installing wasm-bindgen-cli $want_bindgen (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$want_bindgen" --locked >&2
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  log "installing wasm-pack (about 2 minutes)"
  cargo install wasm-pack --locked >&2
fi

# The benchmark makes a throw-away TLS certificate with openssl.
if ! command -v openssl >/dev/null 2>&1; then
  log "installing openssl"
  (apt-get update -qq && apt-get install -y -qq openssl) >&2
fi

stamp=node_modules/.setup-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  log "installing npm dev dependencies"
  npm ci --no-audit --no-fund >&2
  touch "$stamp"
fi
