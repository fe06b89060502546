#![cfg(not(target_arch = "wasm32"))]
//! Property tests over the crate's public Rust API: no input panics, and what the functions
//! claim holds for arbitrary inputs. The response classifier is checked against an independent
//! predicate: it may only report a delivery that the body proves. Case counts are bounded so
//! the whole suite runs in a few seconds (`cargo test --test properties`). One file per topic.

pub(crate) use connector_tencent_sms_wasm::secret::Secret;
pub(crate) use connector_tencent_sms_wasm::{
    config,
    destination::Destination,
    endpoint::Endpoint,
    error::ErrorCode,
    phone::Phone,
    prepare,
    response::{self, Exchange},
    tc3::{self, SignInput},
    template::{self, Template},
};
pub(crate) use proptest::collection::{btree_map, vec};
pub(crate) use proptest::prelude::*;
use proptest::test_runner::RngSeed;
pub(crate) use serde_json::{json, Map, Value};

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

mod config_props;
mod endpoint_props;
mod generators;
mod phone_props;
mod response_props;
mod tc3_props;
mod template_props;
