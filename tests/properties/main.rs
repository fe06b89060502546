#![cfg(not(target_arch = "wasm32"))]
//! Property tests over the crate's public Rust API: no input panics, and what the functions
//! claim holds for arbitrary inputs. The response classifier is checked against an independent
//! predicate: it may only report a delivery that the body proves. Case counts are bounded so
//! the whole suite runs in a few seconds (`cargo test --test properties`). One file per topic;
//! the properties of modules the crate keeps to itself sit beside them (`src/*/props.rs`).

pub(crate) use connector_tencent_sms_wasm::secret::Secret;
pub(crate) use connector_tencent_sms_wasm::{
    error::ErrorCode,
    prepare,
    response::{self, Exchange},
    tc3::{self, SignInput},
};
pub(crate) use proptest::collection::vec;
pub(crate) use proptest::prelude::*;
pub(crate) use serde_json::{json, Map, Value};

/// Shared with the property tests inside the crate.
#[path = "../../src/generators.rs"]
mod generators;

mod message_props;
mod response_props;
mod tc3_props;
