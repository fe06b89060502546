//! Generators shared by the property tests.

use crate::*;

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
pub(crate) const NESTED_KEYS: &[&str] = &[
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

pub(crate) fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => proptest::sample::select(&config::KEYS[..]).prop_map(str::to_owned),
        2 => proptest::sample::select(NESTED_KEYS).prop_map(str::to_owned),
        1 => any_text(),
    ]
}

/// Any JSON value, nested up to a few levels, with keys biased towards the ones read.
pub(crate) fn any_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..8).prop_map(Value::Array),
            btree_map(key(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

pub(crate) fn valid_config() -> Value {
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

/// Every config key the parser reads.
pub(crate) const CONFIG_FIELDS: &[&str] = &config::KEYS;

/// A valid config with some of its fields replaced by (or removed for) arbitrary values.
pub(crate) fn mutated_config() -> impl Strategy<Value = Value> {
    vec((proptest::sample::select(CONFIG_FIELDS), proptest::option::of(any_json())), 0..4).prop_map(
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

pub(crate) fn message_like() -> impl Strategy<Value = Value> {
    (
        proptest::option::of(prop_oneof!["[+0-9 ()-]{0,20}".prop_map(Value::String), any_json()]),
        proptest::option::of(prop_oneof![
            proptest::sample::select(template::TEMPLATE_TYPES.as_slice())
                .prop_map(|t| Value::String(t.to_owned())),
            any_json()
        ]),
        proptest::option::of(prop_oneof![
            "[0-9]{0,8}".prop_map(|c| json!({ "code": c })),
            any_json().prop_map(|c| json!({ "code": c })),
            any_json()
        ]),
    )
        .prop_map(|(to, ty, payload)| {
            let mut m = Map::new();
            if let Some(v) = to {
                m.insert("to".into(), v);
            }
            if let Some(v) = ty {
                m.insert("type".into(), v);
            }
            if let Some(v) = payload {
                m.insert("payload".into(), v);
            }
            Value::Object(m)
        })
}
