#![cfg(not(target_arch = "wasm32"))]
//! Property tests over the crate's public Rust API: no input panics, and what the functions
//! claim holds for arbitrary inputs. The response classifier is checked against an independent
//! predicate: it may only report a delivery that the body proves. Case counts are bounded so
//! the whole file runs in a few seconds (`cargo test --test properties`).

use connector_tencent_sms_wasm::{
    config,
    endpoint::Endpoint,
    phone::{Destination, Phone},
    response::{self, Transport},
    send_sms,
    tc3::{self, SignInput},
    template::{self, Template},
};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use serde_json::{json, Map, Value};

/// `n` cases, times `FUZZ_SCALE` (default 1): `npm run fuzz` runs the same properties longer.
/// Seeded by `PROPTEST_RNG_SEED` (fuzz.sh sets a fresh one), else a fixed seed, so every run
/// of `npm test` checks the same inputs and a failure replays; a failing test prints its seed.
fn cases(n: u32) -> ProptestConfig {
    let scale = std::env::var("FUZZ_SCALE").ok().and_then(|v| v.parse::<u32>().ok()).unwrap_or(1).max(1);
    let seed =
        std::env::var("PROPTEST_RNG_SEED").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(20_240_611);
    eprintln!("PROPTEST_RNG_SEED={seed}");
    ProptestConfig { rng_seed: RngSeed::Fixed(seed), ..ProptestConfig::with_cases(n.saturating_mul(scale)) }
}

// ---------------------------------------------------------------------------------------------
// Generators

/// Strings that mix the interesting shapes: empty, whitespace, ASCII, any Unicode scalar.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" \t\n ".to_owned()),
        "[a-zA-Z0-9 ._:/@?#+-]{0,24}",
        "\\PC{0,24}",
        any::<String>(),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
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

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => proptest::sample::select(&config::KEYS[..]).prop_map(str::to_owned),
        2 => proptest::sample::select(NESTED_KEYS).prop_map(str::to_owned),
        1 => any_text(),
    ]
}

/// Any JSON value, nested up to a few levels, with keys biased towards the ones read.
fn any_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..8).prop_map(Value::Array),
            btree_map(key(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

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

/// Every config key the parser reads.
const CONFIG_FIELDS: &[&str] = &config::KEYS;

/// A valid config with some of its fields replaced by (or removed for) arbitrary values.
fn mutated_config() -> impl Strategy<Value = Value> {
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

fn message_like() -> impl Strategy<Value = Value> {
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

// ---------------------------------------------------------------------------------------------
// config::parse and send_sms::parse_message

proptest! {
    #![proptest_config(cases(700))]

    #[test]
    fn config_parse_never_panics_on_any_json(raw in any_json()) {
        let _ = config::parse(&raw);
    }

    #[test]
    fn config_parse_of_a_mutated_config_is_a_config_or_located_issues(raw in mutated_config()) {
        match config::parse(&raw) {
            Ok(cfg) => {
                prop_assert!(!cfg.access_key_id.is_empty());
                prop_assert!(!cfg.access_key_secret.is_empty());
                prop_assert!(cfg.sdk_app_id.bytes().all(|b| b.is_ascii_digit()));
                prop_assert!((100..=60_000).contains(&cfg.timeout_ms));
                prop_assert!(cfg.templates.usable.iter().any(|t| t.usage_type == template::GENERIC));
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
        field in proptest::sample::select(CONFIG_FIELDS),
    ) {
        let mut raw = valid_config();
        let secret = "pasted-SECRET-\u{1F511}-0123456789abcdef";
        raw[field] = json!(secret);
        raw["accessKeySecret"] = json!(secret);
        if let Err(issues) = config::parse(&raw) {
            for issue in &issues {
                prop_assert!(!issue.display().contains("pasted-SECRET"), "{}", issue.display());
            }
        }
    }

    #[test]
    fn parse_message_never_panics_on_any_json(raw in any_json()) {
        let _ = send_sms::parse_message(&raw);
    }

    #[test]
    fn parse_message_accepts_only_a_to_a_type_and_a_bounded_code(raw in message_like()) {
        if let Ok(m) = send_sms::parse_message(&raw) {
            prop_assert!(!m.message_type.is_empty());
            prop_assert!(!m.code.trim().is_empty());
            prop_assert!(m.code.chars().count() <= 64);
            prop_assert!(raw.get("to").is_some_and(|t| t.is_string() || t.is_number()));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Phone::parse

fn is_e164(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 8
        && b.len() <= 16
        && b[0] == b'+'
        && (b'1'..=b'9').contains(&b[1])
        && b[2..].iter().all(u8::is_ascii_digit)
}

fn phone_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[+0-9 ()\\-.\t]{0,24}",
        "(\\+|00)?[0-9]{0,18}",
        "1[3-9][0-9]{9}",
        "[0-9０-９+＋ ]{0,16}",
        any_text(),
    ]
}

proptest! {
    #![proptest_config(cases(2000))]

    #[test]
    fn phone_parse_never_panics_and_ok_is_always_e164(raw in phone_like(), strict in any::<bool>()) {
        if let Ok(p) = Phone::parse(&raw, strict) {
            prop_assert!(is_e164(p.e164()), "{raw:?} -> {:?}", p.e164());
            prop_assert_eq!(p.digits(), &p.e164()[1..]);
            let masked = p.masked();
            prop_assert!(masked.starts_with('+'));
            prop_assert_eq!(masked.chars().count(), p.e164().chars().count());
        }
    }

    #[test]
    fn phone_parse_keeps_every_digit_it_was_given(raw in "(\\+|00)?[1-9][0-9]{6,13}") {
        // A number with an explicit prefix or the full country code is sent with the same digits.
        if let Ok(p) = Phone::parse(&raw, true) {
            let digits: String = raw.trim_start_matches('+').chars().collect();
            let digits = digits.strip_prefix("00").unwrap_or(&digits);
            prop_assert_eq!(p.digits(), digits);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Endpoint::parse

fn url_like() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![Just("https://"), Just("http://"), Just("HTTPS://"), Just("ftp://"), Just(""),];
    let host = prop_oneof![
        Just("sms.tencentcloudapi.com".to_owned()),
        Just("127.0.0.1".to_owned()),
        Just("localhost".to_owned()),
        Just("[::1]".to_owned()),
        "[a-z0-9.\\-_]{0,20}",
        "\\PC{0,10}",
    ];
    let port =
        prop_oneof![Just(String::new()), (0u32..70_000).prop_map(|p| format!(":{p}")), "[:0-9a-z]{0,8}",];
    let tail = prop_oneof![Just(""), Just("/"), Just("/v1"), Just("?x=1"), Just("#f")];
    let userinfo = prop_oneof![4 => Just(""), 1 => Just("user:pass@")];
    prop_oneof![
        3 => (scheme, userinfo, host, port, tail)
            .prop_map(|(s, u, h, p, t)| format!("{s}{u}{h}{p}{t}")),
        1 => any_text(),
    ]
}

proptest! {
    #![proptest_config(cases(2000))]

    #[test]
    fn endpoint_parse_never_panics_and_ok_is_a_bare_origin(raw in url_like()) {
        if let Ok(e) = Endpoint::parse(&raw) {
            let (scheme, rest) = e.url.split_once("://").expect("scheme");
            prop_assert!(scheme == "https" || scheme == "http", "{}", e.url);
            prop_assert_eq!(rest, format!("{}/", e.host));
            prop_assert!(!e.host.is_empty());
            prop_assert!(!e.host.contains(['@', '/', '?', '#', ' ']), "{}", e.host);
            prop_assert_eq!(e.host.to_ascii_lowercase(), e.host.clone());
            if scheme == "http" {
                let bare = e.host.rsplit_once(':').map_or(e.host.as_str(), |(h, p)| {
                    if p.bytes().all(|b| b.is_ascii_digit()) && !h.is_empty() { h } else { e.host.as_str() }
                });
                prop_assert!(
                    bare == "localhost" || bare == "[::1]" || bare.starts_with("127."),
                    "plain http to a non-loopback host: {}", e.url
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// template::choose

fn usage_type() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(template::TEMPLATE_TYPES.as_slice()).prop_map(str::to_owned),
        1 => any_text(),
    ]
}

const LOCALES: &[&str] = &["en", "en-US", "en_us", "EN-gb", "zh", "zh-CN", "zh_TW", "pt-BR", "fr"];

/// A templateCode as the config has it: one TemplateId, or split by destination.
#[derive(Clone, Debug)]
enum CodeSpec {
    Any(String),
    Split(Option<String>, Option<String>),
}

impl CodeSpec {
    fn json(&self) -> Value {
        match self {
            Self::Any(c) => json!(c),
            Self::Split(m, i) => {
                let mut o = Map::new();
                if let Some(m) = m {
                    o.insert("mainland".into(), json!(m));
                }
                if let Some(i) = i {
                    o.insert("international".into(), json!(i));
                }
                Value::Object(o)
            }
        }
    }

    fn for_destination(&self, mainland: bool) -> Option<&str> {
        match self {
            Self::Any(c) => Some(c),
            Self::Split(m, _) if mainland => m.as_deref(),
            Self::Split(_, i) => i.as_deref(),
        }
    }
}

fn code_spec() -> impl Strategy<Value = CodeSpec> {
    prop_oneof![
        2 => "[0-9]{1,4}".prop_map(CodeSpec::Any),
        1 => (proptest::option::of("[0-9]{1,4}"), proptest::option::of("[0-9]{1,4}"))
            .prop_map(|(m, i)| CodeSpec::Split(m, i)),
    ]
}

fn norm_locale(l: &str) -> String {
    l.trim().to_lowercase().replace('_', "-")
}

/// The documented rule, written out: among the message type's own entries, then the Generic
/// ones, that have a TemplateId for the destination, the best locale match wins (exact, same
/// language, no locale, any other); on a tie the type's own entries, then earlier entries, win.
fn expected_choice(
    entries: &[(String, CodeSpec, Option<String>)],
    wanted: &str,
    locale: Option<&str>,
    mainland: bool,
) -> Option<usize> {
    let wanted_locale = locale.map(norm_locale).filter(|l| !l.is_empty());
    let rank = |l: &Option<String>| -> u8 {
        match (&wanted_locale, l.as_deref().map(norm_locale)) {
            (Some(w), Some(l)) if *w == l => 0,
            (Some(w), Some(l)) if w.split('-').next() == l.split('-').next() => 1,
            (_, None) => 2,
            _ => 3,
        }
    };
    let mut candidates = Vec::new();
    for usage in [wanted, template::GENERIC] {
        for (i, (u, code, l)) in entries.iter().enumerate() {
            if u == usage && code.for_destination(mainland).is_some() {
                candidates.push((rank(l), i));
            }
        }
    }
    // min_by_key keeps the first of equal keys: iteration order breaks ties.
    candidates.into_iter().min_by_key(|(r, _)| *r).map(|(_, i)| i)
}

proptest! {
    #![proptest_config(cases(1200))]

    #[test]
    fn choose_follows_the_documented_template_rule(
        list in vec((usage_type(), code_spec(), proptest::option::of(proptest::sample::select(LOCALES))), 0..12),
        wanted in usage_type(),
        locale in proptest::option::of(prop_oneof![
            3 => proptest::sample::select(LOCALES).prop_map(str::to_owned),
            1 => any_text(),
        ]),
        mainland in any::<bool>(),
    ) {
        // Built through the config reader, as a stored config would be; entries it refuses
        // (blank or over-long usage types, a split code with neither side) are not in the list.
        let mut issues = Vec::new();
        let mut entries = Vec::new();
        let mut templates: Vec<Template> = Vec::new();
        for (usage, code, l) in list {
            let mut raw = json!({ "usageType": usage, "templateCode": code.json() });
            if let Some(l) = l {
                raw["locale"] = json!(l);
            }
            let before = issues.len();
            // Save time's view: an entry with any issue is not in the list.
            if let Ok(t) = Template::parse(&raw, vec![], &mut issues).map_err(drop).and_then(|t| if issues.len() == before { Ok(t) } else { Err(()) }) {
                entries.push((t.usage_type.clone(), code, l.map(str::to_owned)));
                templates.push(t);
            }
        }
        let to = if mainland { Destination::Mainland } else { Destination::International };
        let want = expected_choice(&entries, &wanted, locale.as_deref(), mainland);
        match (template::choose(&templates, &wanted, locale.as_deref(), to), want) {
            (Ok((t, code)), Some(i)) => {
                prop_assert!(std::ptr::eq(t, &templates[i]), "chose {:?}, expected entry {} of {:?}", t, i, entries);
                prop_assert_eq!(Some(code), entries[i].1.for_destination(mainland));
            }
            (Err(e), None) => prop_assert_eq!(e.code.as_str(), "template_not_found"),
            (got, want) => prop_assert!(false, "choose gave {:?}, expected entry {:?} of {:?}", got.map(|(t, c)| (t.clone(), c.to_owned())), want, entries),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// response::classify, against an independent predicate

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
        1 => any_json(),
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
        1 => any_json().prop_map(|v| serde_json::to_vec(&v).unwrap_or_default()),
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
    let got = response::classify(&Transport::Response { status, body: body.clone(), truncated });
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
        let t = response::classify(&Transport::Timeout { after_ms });
        prop_assert_eq!(t.map_err(|e| e.code.as_str()).err(), Some("general"));
        let n = response::classify(&Transport::Network { reason });
        prop_assert_eq!(n.map_err(|e| e.code.as_str()).err(), Some("general"));
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
        let got = response::classify(&Transport::Response {
            status: 200,
            body: body.as_bytes().to_vec(),
            truncated: false,
        });
        assert!(got.is_err(), "reported delivered: {body}");
    }
}

// ---------------------------------------------------------------------------------------------
// tc3::sign

const SECRET_MARK: &str = "\u{1F511}SK-mark";

fn header_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    vec(
        (
            prop_oneof![
                3 => "[A-Za-z0-9-]{1,12}",
                1 => Just("Content-Type".to_owned()),
                1 => Just("host".to_owned()),
                1 => any_text(),
            ],
            prop_oneof![3 => "[ -~]{0,16}", 1 => any_text()],
        ),
        0..4,
    )
}

proptest! {
    #![proptest_config(cases(1200))]

    #[test]
    fn sign_never_panics_and_never_leaks_the_secret_key(
        secret_id in prop_oneof![3 => "AKID[A-Za-z0-9]{0,30}", 1 => any_text()],
        key_body in prop_oneof![any_text(), "[ -~]{1,40}"],
        empty_key in prop_oneof![19 => Just(false), 1 => Just(true)],
        service in prop_oneof![3 => Just("sms".to_owned()), 1 => "[a-z0-9-]{0,8}", 1 => any_text()],
        host in prop_oneof![3 => Just("sms.tencentcloudapi.com".to_owned()), 1 => "[a-z0-9.:-]{0,24}", 1 => any_text()],
        content_type in prop_oneof![
            2 => Just("application/json; charset=utf-8".to_owned()),
            1 => Just("application/json".to_owned()),
            1 => any_text(),
        ],
        timestamp in prop_oneof![3 => 0u64..4_102_444_800, 1 => any::<u64>()],
        payload in vec(any::<u8>(), 0..256),
        extra in header_pairs(),
    ) {
        let secret_key = if empty_key { String::new() } else { format!("{key_body}{SECRET_MARK}") };
        let input = SignInput {
            secret_id: &secret_id,
            secret_key: &secret_key,
            service: &service,
            host: &host,
            content_type: &content_type,
            timestamp,
            payload: &payload,
            extra_headers: &extra,
        };
        match tc3::sign(&input) {
            Ok(s) => {
                prop_assert!(!empty_key);
                prop_assert_eq!(s.signature.len(), 64);
                prop_assert!(s.signature.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
                let tail = format!("Signature={}", s.signature);
                let head = format!("TC3-HMAC-SHA256 Credential={}/{}/{}/tc3_request, SignedHeaders=", secret_id, s.date, service);
                prop_assert!(s.authorization.ends_with(&tail), "{}", s.authorization);
                prop_assert!(s.authorization.starts_with(&head), "{}", s.authorization);
                for text in [&s.authorization, &s.canonical_request, &s.string_to_sign] {
                    prop_assert!(!text.contains(SECRET_MARK));
                }
                let signing_key = hex::encode(tc3::derive_signing_key(&secret_key, &s.date, &service));
                prop_assert!(!s.authorization.contains(&signing_key));
                prop_assert!(!s.string_to_sign.contains(&signing_key));
                // Pure: the same inputs sign the same way.
                prop_assert_eq!(tc3::sign(&input).ok(), Some(s));
            }
            Err(e) => {
                prop_assert!(!e.0.is_empty());
                prop_assert!(!e.0.contains(SECRET_MARK), "{}", e.0);
                if !secret_key.is_empty() && secret_key.chars().count() > 2 {
                    prop_assert!(!e.0.contains(&secret_key), "{}", e.0);
                }
            }
        }
    }
}
