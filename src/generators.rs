// proptest is a host-only dev-dependency. The gate is in here, not on the `mod` lines, which
// stay a plain `#[cfg(test)]`: that is what cargo-mutants reads as test code, not to mutate.
#![cfg(not(target_arch = "wasm32"))]
//! Generators shared by the property tests: those beside the modules they test (`props.rs`) and
//! `tests/properties/`, which includes this file by path. It names nothing of the crate, so it
//! compiles in both places.

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use serde_json::{json, Value};

/// `n` cases, times `FUZZ_SCALE` (default 1): `npm run fuzz` runs the same properties longer,
/// `npm run mutants` shorter (each mutant runs the whole suite), never fewer than 16.
/// Seeded by `PROPTEST_RNG_SEED` (fuzz.sh sets a fresh one), else a fixed seed, so every run
/// of `npm test` checks the same inputs and a failure replays; a failing test prints its seed.
pub(crate) fn cases(n: u32) -> ProptestConfig {
    let scale = std::env::var("FUZZ_SCALE").ok().and_then(|v| v.parse::<f64>().ok()).unwrap_or(1.0);
    let scaled = (f64::from(n) * scale.clamp(0.001, 1000.0)) as u32;
    let seed =
        std::env::var("PROPTEST_RNG_SEED").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(20_240_611);
    eprintln!("PROPTEST_RNG_SEED={seed}");
    ProptestConfig { rng_seed: RngSeed::Fixed(seed), ..ProptestConfig::with_cases(scaled.max(16)) }
}

/// Strings that mix the interesting shapes: empty, whitespace, ASCII, any Unicode scalar.
pub(crate) fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" \t\n ".to_owned()),
        "[a-zA-Z0-9 ._:/@?#+-]{0,24}",
        "\\PC{0,24}",
        any::<String>(),
    ]
}

pub(crate) fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any_text().prop_map(Value::String),
    ]
}

/// Keys read below the top level, and a few that prototype-pollution attempts use.
const NESTED_KEYS: &[&str] = &[
    "usageType",
    "locale",
    "params",
    "mainland",
    "international",
    "templateCode",
    "to",
    "type",
    "payload",
    "code",
    "__proto__",
    "constructor",
    "",
];

/// Any JSON value, nested up to a few levels, with object keys biased towards `top` (the keys
/// a reader looks for at the top level) and the nested keys above.
pub(crate) fn any_json(top: &[&'static str]) -> impl Strategy<Value = Value> {
    let known = proptest::sample::select([top, NESTED_KEYS].concat()).prop_map(str::to_owned);
    let key = prop_oneof![4 => known, 1 => any_text()];
    leaf().prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..8).prop_map(Value::Array),
            btree_map(key.clone(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
