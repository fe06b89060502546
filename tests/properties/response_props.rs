//! Properties of response::classify, against an independent predicate.

use crate::generators::*;
use crate::*;

/// Only a 2xx, untruncated, UTF-8 JSON body with a `Response` object, no `Response.Error`
/// (absent or null), and a non-empty `SendStatusSet` whose every `Code` is exactly "Ok" may be
/// reported as delivered. Written without looking at how the classifier does it.
fn proves_delivery(status: u16, body: &[u8], truncated: bool) -> bool {
    if truncated || !(200..=299).contains(&status) {
        return false;
    }
    let Ok(text) = std::str::from_utf8(body) else {
        return false;
    };
    let Ok(root) = serde_json::from_str::<Value>(text) else {
        return false;
    };
    let Some(Value::Object(resp)) = root.as_object().and_then(|o| o.get("Response")) else {
        return false;
    };
    // An `Error` key in any form, even `null`, is no proof of a send.
    if resp.contains_key("Error") {
        return false;
    }
    match resp.get("SendStatusSet") {
        Some(Value::Array(set)) if !set.is_empty() => {
            set.iter().all(|s| matches!(s.get("Code"), Some(Value::String(c)) if c == "Ok"))
        }
        _ => false,
    }
}

fn status_code() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => Just(json!("Ok")),
        1 => proptest::sample::select(vec!["ok", "OK", " Ok", "Ok ", "Ok\u{0}", "Оk", "", "LimitExceeded.PhoneNumberDailyLimit", "InternalError"])
            .prop_map(|s| json!(s)),
        1 => leaf(),
    ]
}

fn status_item() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => (
            proptest::option::of(status_code()),
            proptest::option::of(leaf()),
            proptest::option::of(any::<u64>()),
        )
            .prop_map(|(code, message, fee)| {
                let mut m = Map::new();
                m.insert("SerialNo".into(), json!("2433:1"));
                m.insert("PhoneNumber".into(), json!("+8613012345678"));
                if let Some(c) = code {
                    m.insert("Code".into(), c);
                }
                if let Some(msg) = message {
                    m.insert("Message".into(), msg);
                }
                if let Some(f) = fee {
                    m.insert("Fee".into(), json!(f));
                }
                m.insert("IsoCode".into(), json!("CN"));
                Value::Object(m)
            }),
        1 => any_json(&[]),
    ]
}

/// `Response.Error` variants Tencent sends (absent; an object with a string Code), and `null`.
fn error_field_seen() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        8 => Just(None),
        1 => Just(Some(Value::Null)),
        2 => ("[A-Za-z.]{0,30}", proptest::option::of(leaf())).prop_map(|(code, message)| {
            let mut m = Map::new();
            m.insert("Code".into(), json!(code));
            if let Some(msg) = message {
                m.insert("Message".into(), msg);
            }
            Some(Value::Object(m))
        }),
    ]
}

/// `Response.Error` shapes Tencent does not send but a proxy or a broken backend could:
/// an object whose `Code` is missing or not a string, or an Error that is not an object.
fn error_field_odd() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        (proptest::option::of(leaf().prop_filter("non-string Code", |v| !v.is_string()))).prop_map(|code| {
            let mut m = Map::new();
            if let Some(c) = code {
                m.insert("Code".into(), c);
            }
            m.insert("Message".into(), json!("request failed"));
            Some(Value::Object(m))
        }),
        leaf().prop_filter("non-null", |v| !v.is_null()).prop_map(Some),
        vec(leaf(), 0..3).prop_map(|v| Some(Value::Array(v))),
    ]
}

fn response_body(error: BoxedStrategy<Option<Value>>) -> impl Strategy<Value = Vec<u8>> {
    let set = prop_oneof![
        8 => vec(status_item(), 0..5).prop_map(|v| Some(Value::Array(v))),
        1 => Just(None),
        1 => leaf().prop_map(Some),
    ];
    let shaped = (error, set, proptest::option::of(any_text()))
        .prop_map(|(error, set, request_id)| {
            let mut r = Map::new();
            if let Some(e) = error {
                r.insert("Error".into(), e);
            }
            if let Some(s) = set {
                r.insert("SendStatusSet".into(), s);
            }
            if let Some(id) = request_id {
                r.insert("RequestId".into(), json!(id));
            }
            serde_json::to_vec(&json!({ "Response": r })).unwrap_or_default()
        })
        .boxed();
    // Shaped bodies, sometimes damaged (a byte flipped, cut short, padded with whitespace).
    let damaged = (shaped.clone(), any::<prop::sample::Index>(), any::<u8>(), 0u8..4).prop_map(
        |(mut bytes, at, byte, how)| {
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                match how {
                    0 => bytes[i] = byte,
                    1 => bytes.truncate(i),
                    2 => {
                        bytes.insert(0, b' ');
                        bytes.push(b'\n');
                    }
                    _ => bytes.insert(i, byte),
                }
            }
            bytes
        },
    );
    prop_oneof![
        5 => shaped,
        2 => damaged,
        1 => vec(any::<u8>(), 0..256),
        1 => any_json(&[]).prop_map(|v| serde_json::to_vec(&v).unwrap_or_default()),
    ]
}

fn http_status() -> impl Strategy<Value = u16> {
    prop_oneof![
        6 => Just(200u16),
        1 => 200u16..300,
        2 => proptest::sample::select(vec![0u16, 1, 99, 100, 199, 204, 299, 300, 302, 307, 400, 401, 429, 500, 502, 503, 599, 600, 999, u16::MAX]),
        1 => any::<u16>(),
    ]
}

fn check_classify(status: u16, body: Vec<u8>, truncated: bool) -> Result<(), TestCaseError> {
    let proof = proves_delivery(status, &body, truncated);
    let got = response::classify(&Exchange::Response { status, body: body.clone(), truncated })
        .map_err(|r| r.error);
    let shown = String::from_utf8_lossy(&body).into_owned();
    match &got {
        Ok(d) => {
            prop_assert!(
                proof,
                "claimed delivery without proof: HTTP {status} truncated={truncated} {shown:?}"
            );
            let set_len = serde_json::from_slice::<Value>(&body)
                .ok()
                .and_then(|v| v["Response"]["SendStatusSet"].as_array().map(Vec::len));
            prop_assert_eq!(Some(d.send_status_set.len()), set_len);
        }
        Err(e) => {
            prop_assert!(
                !proof,
                "refused a proven delivery ({}): HTTP {status} {shown:?}",
                e.error_description
            );
            prop_assert!(!e.error_description.is_empty());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(2500))]

    #[test]
    fn classify_never_panics_on_any_status_and_bytes(
        status in any::<u16>(),
        body in vec(any::<u8>(), 0..512),
        truncated in any::<bool>(),
    ) {
        check_classify(status, body, truncated)?;
    }

    #[test]
    fn classify_reports_delivery_exactly_when_the_body_proves_it(
        status in http_status(),
        body in response_body(error_field_seen().boxed()),
        truncated in prop_oneof![9 => Just(false), 1 => Just(true)],
    ) {
        check_classify(status, body, truncated)?;
    }

    #[test]
    fn classify_never_panics_on_timeouts_and_network_errors(after_ms in any::<u32>(), reason in any_text()) {
        let t = response::classify(&Exchange::Timeout { after_ms });
        prop_assert_eq!(t.map_err(|r| r.error.code).err(), Some(ErrorCode::General));
        let n = response::classify(&Exchange::Network { reason });
        prop_assert_eq!(n.map_err(|r| r.error.code).err(), Some(ErrorCode::General));
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..cases(2000)
    })]

    /// A 200 body whose `Response.Error` is present in any shape (no string `Code`, a string,
    /// an array) next to an all-`Ok` SendStatusSet is never a delivery.
    #[test]
    fn classify_never_ignores_a_response_error_of_any_shape(
        body in response_body(error_field_odd().boxed()),
    ) {
        check_classify(200, body, false)?;
    }
}

/// Minimal reproductions of the property above.
#[test]
fn classify_refuses_an_ok_send_status_set_next_to_any_response_error() {
    let set = r#""SendStatusSet":[{"Code":"Ok","SerialNo":"1","Fee":1,"IsoCode":"CN"}],"RequestId":"r""#;
    for error in [
        r#"{"Message":"no code"}"#,
        r#"{"Code":5,"Message":"numeric code"}"#,
        r#""InternalError""#,
        "[]",
        "true",
    ] {
        let body = format!(r#"{{"Response":{{"Error":{error},{set}}}}}"#);
        let got = response::classify(&Exchange::Response {
            status: 200,
            body: body.as_bytes().to_vec(),
            truncated: false,
        });
        assert!(got.is_err(), "reported delivered: {body}");
    }
}
