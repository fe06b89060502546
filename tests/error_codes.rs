#![cfg(not(target_arch = "wasm32"))]
//! The error table against something it was not written from: every code Tencent documents for
//! `SendSms` (tests/vectors/sendsms-error-codes.json, copied from the project's Tencent reference)
//! has a row in `tencent_codes`, exact or by family, with a hint, and maps to the Logto code its
//! class in that reference calls for. A code dropped from the table, or moved to `general`, fails.

use connector_tencent_sms_wasm::error::ErrorCode::{self, *};
use connector_tencent_sms_wasm::tencent_codes::{lookup, EXACT, PREFIXES};
use serde_json::Value;

/// Our reading of each class's advice in Logto's terms. Clock and transient faults have no
/// Logto code of their own: `general` is the answer there, and only there.
fn allowed(class: &str) -> &'static [ErrorCode] {
    match class.split(" (").next().unwrap_or_default() {
        "Credentials / signing" => &[InvalidConfig],
        "Clock" | "Transient / server" => &[General],
        "Bad request content" => &[InvalidRequestParameters, InvalidConfig, TemplateNotFound],
        "Sign or template state" => &[InvalidConfig, TemplateNotFound, InvalidRequestParameters],
        "Recipient-specific" => &[InvalidRequestParameters],
        "Account, billing or app" => &[UsageLimitExceeded, InvalidConfig],
        "Frequency / quota policy" | "API throttling" => &[RateLimitExceeded],
        _ => &[],
    }
}

/// Codes mapped outside their class, each for a stated reason; pinned exactly.
const EXCEPTIONS: &[(&str, ErrorCode, &str)] = &[
    ("LimitExceeded.PhoneNumberCountLimit", RateLimitExceeded, "LimitExceeded family; one number a request"),
    ("FailedOperation.FailResolvePacket", General, "Tencent cannot read our request: our bug"),
    ("FailedOperation.JsonParseFail", General, "Tencent cannot parse our JSON: our bug"),
    ("UnsupportedOperation", General, "no Logto code says \"not for this account\""),
];

#[test]
fn every_documented_sendsms_code_has_a_row_and_its_class_mapping() {
    let fixture: Value =
        serde_json::from_str(include_str!("vectors/sendsms-error-codes.json")).expect("the fixture is JSON");
    let classes = fixture["classes"].as_array().expect("classes");
    let mut problems = Vec::new();
    let mut count = 0;
    for class in classes {
        let name = class["class"].as_str().unwrap_or_default();
        if allowed(name).is_empty() {
            problems.push(format!("a class this test does not know: {name}"));
        }
        for code in class["codes"].as_array().expect("codes").iter().filter_map(Value::as_str) {
            count += 1;
            // `X.*` is a family: a new member must already be covered.
            let (probe, has_row) = match code.strip_suffix('*') {
                Some(family) => {
                    (format!("{family}SomethingNew"), PREFIXES.iter().any(|r| family.starts_with(r.code)))
                }
                None => (
                    code.to_owned(),
                    EXACT.iter().any(|r| r.code == code) || PREFIXES.iter().any(|r| code.starts_with(r.code)),
                ),
            };
            let mapped = lookup(&probe);
            if !has_row || mapped.hint.is_none() {
                problems.push(format!("{code}: no row in EXACT or PREFIXES"));
                continue;
            }
            match EXCEPTIONS.iter().find(|(c, ..)| *c == code) {
                Some((_, want, why)) if mapped.code != *want => {
                    problems.push(format!("{code}: {:?} instead of {want:?} ({why})", mapped.code))
                }
                Some(_) => {}
                None if !allowed(name).contains(&mapped.code) => {
                    problems.push(format!("{code} ({name}): {:?}", mapped.code))
                }
                None => {}
            }
        }
    }
    assert!(
        count >= 60 && classes.len() == 9,
        "the fixture shrank: {count} codes in {} classes",
        classes.len()
    );
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}
