//! The table against everything else that names the config's keys: the reader, send time, the
//! normalised config, and the package's types and reference docs (the console form: `form.rs`).

use serde_json::{json, Value};

use super::*;
use crate::config::tests::valid;
use crate::config::{parse, parse_stored, read};
use crate::error::PathSeg;

/// A value that no key takes.
fn unreadable() -> Value {
    json!({ "not": "a setting" })
}

#[test]
fn every_key_is_read_and_a_bad_value_reported_under_it() {
    for field in FIELDS {
        let mut raw = valid();
        raw[field.key] = unreadable();
        let paths: Vec<Vec<PathSeg>> =
            read(&raw).map(|(_, issues)| issues.into_iter().map(|i| i.path).collect()).unwrap_or_default();
        assert_eq!(paths, [vec![PathSeg::Key(field.key.into())]], "{}", field.key);
    }
}

#[test]
fn what_a_bad_value_does_when_sending_is_what_its_row_says() {
    let official = parse_stored(&valid()).expect("valid");
    for field in FIELDS {
        let mut raw = valid();
        raw[field.key] = unreadable();
        match (field.need, parse_stored(&raw)) {
            (Need::Optional, Ok(stored)) => {
                assert_eq!(stored, official, "{}: the default applies", field.key)
            }
            (Need::Required | Need::OptionalFailsClosed, Err(issues)) => {
                assert!(issues.iter().all(|i| i.path == [PathSeg::Key(field.key.into())]), "{}", field.key)
            }
            (need, stored) => panic!("{} is {need:?}, but send time gave {stored:?}", field.key),
        }
    }
}

#[test]
fn the_normalised_config_names_every_key_set_and_no_other() {
    // A value other than the default for each optional key (defaults are left out).
    let set = [
        ("endpoint", json!("https://sms.tencentcloudapi.com")),
        ("timeoutMs", json!(5000)),
        ("maxRetries", json!(2)),
        ("internationalSignName", json!("Intl")),
        ("omitInternationalSignName", json!(true)),
        ("internationalRegion", json!("ap-singapore")),
        ("internationalEndpoint", json!("https://sms.intl.tencentcloudapi.com")),
        ("strictPhoneNumbers", json!(true)),
        ("allowedCountryCodes", json!(["86"])),
        ("deniedCountryCodes", json!(["7"])),
    ];
    let mut full = valid();
    for (key, value) in &set {
        full[*key] = value.clone();
    }
    let normalised = serde_json::to_value(parse(&full).expect("valid")).unwrap_or_default();
    for field in FIELDS {
        let given = field.need == Need::Required || set.iter().any(|(k, _)| *k == field.key);
        assert!(given, "{}: give it a value above", field.key);
        assert!(normalised.get(field.key).is_some(), "{} is not in the normalised config", field.key);
    }
    assert_eq!(normalised.as_object().map(|o| o.len()), Some(FIELDS.len()), "{normalised}");
}

/// `(key, optional)` for each field of `export type {name} = { … };` in the package's types.
fn declared(name: &str) -> Vec<(&'static str, bool)> {
    let types = include_str!("../../../pkg-template/index.d.ts");
    let start = format!("export type {name} = {{\n");
    let body = types.split_once(start.as_str()).and_then(|(_, rest)| rest.split_once("\n};")).map(|(b, _)| b);
    let fields = body.unwrap_or_default().lines().filter_map(|line| {
        let (name, _) = line.strip_prefix("  ")?.split_once(':')?;
        let (key, optional) = name.strip_suffix('?').map_or((name, false), |key| (key, true));
        key.bytes().all(|b| b.is_ascii_alphanumeric()).then_some((key, optional))
    });
    fields.collect()
}

#[test]
fn the_package_types_declare_every_key_optional_exactly_where_the_form_is() {
    // The input type (what configGuard accepts) and the normalised one (what it returns).
    let rows: Vec<(&str, bool)> = FIELDS.iter().map(|f| (f.key, f.need != Need::Required)).collect();
    assert_eq!(declared("TencentSmsConfigInput"), rows);
    let keys: Vec<&str> = declared("TencentSmsConfig").into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, super::keys());
}

#[test]
fn the_reference_documents_every_key_once_required_exactly_where_the_form_is() {
    let reference = include_str!("../../../pkg-template/docs/reference.md");
    // The config table's rows: | `key` | yes/no | what it is |
    let rows: Vec<(&str, bool)> = reference
        .lines()
        .filter_map(|line| {
            let mut cells = line.strip_prefix("| `")?.split(" | ");
            let key = cells.next()?.strip_suffix('`')?;
            let required = match cells.next()? {
                "yes" => true,
                "no" => false,
                _ => return None,
            };
            Some((key, required))
        })
        .collect();
    let expected: Vec<(&str, bool)> = FIELDS.iter().map(|f| (f.key, f.need == Need::Required)).collect();
    assert_eq!(rows, expected);
}
