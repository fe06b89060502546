#![cfg(not(target_arch = "wasm32"))] // proptest is a host-only dev-dependency (generators.rs)
//! Properties of `parse`: no input panics, and what it accepts or reports holds for any input.

use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{json, Value};

use super::{keys, parse};
use crate::generators::{any_json, cases};
use crate::template::GENERIC;

fn valid_config() -> Value {
    json!({
        "accessKeyId": "AKIDEXAMPLE",
        "accessKeySecret": "SECRETKEY",
        "signName": "Logto",
        "sdkAppId": "1400000000",
        "region": "ap-guangzhou",
        "templates": [
            { "usageType": "SignIn", "templateCode": "1001" },
            { "usageType": "Generic", "templateCode": "1004" }
        ],
        "endpoint": "https://sms.tencentcloudapi.com",
        "timeoutMs": 5000
    })
}

/// A valid config with some of its fields replaced by (or removed for) arbitrary values.
fn mutated_config() -> impl Strategy<Value = Value> {
    vec((proptest::sample::select(keys()), proptest::option::of(any_json(&keys()))), 0..4).prop_map(
        |changes| {
            let mut cfg = valid_config();
            if let Value::Object(map) = &mut cfg {
                for (field, value) in changes {
                    match value {
                        Some(v) => map.insert(field.to_owned(), v),
                        None => map.remove(field),
                    };
                }
            }
            cfg
        },
    )
}

proptest! {
    #![proptest_config(cases(700))]

    #[test]
    fn config_parse_never_panics_on_any_json(raw in any_json(&keys())) {
        let _ = parse(&raw);
    }

    #[test]
    fn config_parse_of_a_mutated_config_is_a_config_or_located_issues(raw in mutated_config()) {
        match parse(&raw) {
            Ok(cfg) => {
                prop_assert!(!cfg.access_key_id.is_empty());
                prop_assert!(!cfg.access_key_secret.expose().is_empty());
                prop_assert!(cfg.sdk_app_id.bytes().all(|b| b.is_ascii_digit()));
                prop_assert!((100..=60_000).contains(&cfg.timeout_ms));
                prop_assert!(cfg.templates.usable.iter().any(|t| t.usage_type == GENERIC));
            }
            Err(issues) => {
                prop_assert!(!issues.is_empty());
                for issue in &issues {
                    // Messages never echo the secret the valid config carries.
                    prop_assert!(!issue.message.contains("SECRETKEY"), "{}", issue.display());
                    prop_assert!(!issue.display().is_empty());
                }
            }
        }
    }

    #[test]
    fn config_messages_never_echo_a_secret_pasted_into_any_field(
        field in proptest::sample::select(keys()),
    ) {
        let mut raw = valid_config();
        let secret = "pasted-SECRET-\u{1F511}-0123456789abcdef";
        raw[field] = json!(secret);
        raw["accessKeySecret"] = json!(secret);
        if let Err(issues) = parse(&raw) {
            for issue in &issues {
                prop_assert!(!issue.display().contains("pasted-SECRET"), "{}", issue.display());
            }
        }
    }
}
