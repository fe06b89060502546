//! `check`'s warning for a text field that holds something shaped like a credential: a key
//! pasted into `signName` passes every other rule and then goes out in every request body (and
//! a dry run prints it). The warning names the field and what belongs there, never the value.

use serde_json::{Map, Value};

use crate::error::{Issue, PathSeg};

/// The fields an operator types text into that are not credentials, with what belongs there.
const TEXT_FIELDS: [(&str, &str); 5] = [
    ("signName", "the content of an approved signature (签名内容)"),
    ("internationalSignName", "the content of an approved international signature"),
    ("sdkAppId", "the SMS application's SdkAppId (1400…)"),
    ("region", "a region such as ap-guangzhou"),
    ("internationalRegion", "a region such as ap-singapore"),
];
const TEMPLATE_CODE: &str = "the ID of an approved template (digits)";

/// Shorter than this, a mix of letters and digits is an ordinary name or ID.
const MIN_LEN: usize = 16;

/// Whether `text` looks like a SecretId or SecretKey: one of the config's own credentials, or
/// a long unbroken run of base64-style characters mixing letters and digits (Tencent's
/// SecretKeys are 32 such characters, SecretIds `AKID` and 32 more).
pub fn looks_like_a_key(text: &str, credentials: &[&str]) -> bool {
    let text = text.trim();
    if credentials.iter().any(|c| !c.trim().is_empty() && c.trim() == text) {
        return true;
    }
    let token = text.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=_-".contains(&b));
    token
        && text.len() >= MIN_LEN
        && text.bytes().any(|b| b.is_ascii_alphabetic())
        && text.bytes().any(|b| b.is_ascii_digit())
}

fn warning(path: Vec<PathSeg>, what: &str) -> Issue {
    Issue::new(
        path,
        format!(
            "holds something shaped like an access key, where {what} belongs: if a key was pasted here, move it to accessKeySecret and rotate it in CAM (访问管理)"
        ),
    )
}

/// The warnings for `obj`, a config object, in field order and then template order.
pub fn warnings(obj: &Map<String, Value>) -> Vec<Issue> {
    let credential = |k: &str| obj.get(k).and_then(Value::as_str).unwrap_or("");
    let credentials = [credential("accessKeyId"), credential("accessKeySecret")];
    let shaped = |v: &Value| v.as_str().is_some_and(|s| looks_like_a_key(s, &credentials));
    let mut out = Vec::new();
    for (field, what) in TEXT_FIELDS {
        if obj.get(field).is_some_and(shaped) {
            out.push(warning(vec![PathSeg::Key(field.to_owned())], what));
        }
    }
    let Some(Value::Array(templates)) = obj.get("templates") else { return out };
    for (i, entry) in templates.iter().enumerate() {
        let code = entry.get("templateCode");
        // A split code holds one per destination class: name the one that is key-shaped.
        let mut at = Vec::new();
        match code {
            Some(Value::Object(split)) => {
                for class in ["mainland", "international"] {
                    if split.get(class).is_some_and(shaped) {
                        at.push(vec![PathSeg::Key(class.to_owned())]);
                    }
                }
            }
            Some(v) if shaped(v) => at.push(Vec::new()),
            _ => {}
        }
        for tail in at {
            let mut path = vec![
                PathSeg::Key("templates".to_owned()),
                PathSeg::Index(i),
                PathSeg::Key("templateCode".to_owned()),
            ];
            path.extend(tail);
            out.push(warning(path, TEMPLATE_CODE));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

    fn paths(raw: Value) -> Vec<String> {
        let Value::Object(obj) = raw else { panic!("not an object") };
        warnings(&obj).iter().map(|i| i.display().split(':').next().unwrap_or("").to_owned()).collect()
    }

    #[test]
    fn a_long_mix_of_letters_and_digits_is_key_shaped_from_sixteen_characters() {
        assert!(looks_like_a_key("abcdefghijklmno1", &[]));
        assert!(!looks_like_a_key("abcdefghijklmn1", &[]), "15 characters");
        assert!(looks_like_a_key(KEY, &[]));
        assert!(looks_like_a_key("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", &[]));
        assert!(looks_like_a_key("  ab+cd/ef=gh_ij-kl1  ", &[]), "trimmed, base64 and base64url characters");
    }

    #[test]
    fn names_ids_and_regions_are_not_key_shaped() {
        for text in [
            "腾讯云",
            "Logto",
            "1400006666",
            "14000066661400006666",
            "ap-guangzhou",
            "ap-southeast-asia-region",
            "My Company 2024 Limited",
            "abcdefghijklmnopqrstu",
            "",
        ] {
            assert!(!looks_like_a_key(text, &[]), "{text}");
        }
    }

    #[test]
    fn a_copy_of_either_credential_is_key_shaped_at_any_length() {
        assert!(looks_like_a_key(" short ", &["short", ""]));
        assert!(looks_like_a_key("AKIDX", &["", "AKIDX"]));
        assert!(!looks_like_a_key("", &["", ""]), "an empty field is not a copy of an empty secret");
        assert!(!looks_like_a_key("Logto", &["  ", "other"]));
    }

    #[test]
    fn warns_for_every_text_field_and_template_code_by_path() {
        let raw = json!({
            "accessKeyId": "AKIDEXAMPLE", "accessKeySecret": "s3cret",
            "signName": KEY, "internationalSignName": KEY, "sdkAppId": KEY,
            "region": "s3cret", "internationalRegion": KEY,
            "endpoint": KEY,
            "templates": [
                { "usageType": "Generic", "templateCode": "1001" },
                { "usageType": "SignIn", "templateCode": KEY },
                { "usageType": "Register", "templateCode": { "mainland": "1002", "international": KEY } },
                { "usageType": "BindMfa", "templateCode": { "mainland": KEY, "international": "1003" } },
                { "usageType": "MfaVerification", "templateCode": 1_400_006_666 },
                "not an entry"
            ]
        });
        assert_eq!(
            paths(raw),
            [
                "signName",
                "internationalSignName",
                "sdkAppId",
                "region",
                "internationalRegion",
                "templates[1].templateCode",
                "templates[2].templateCode.international",
                "templates[3].templateCode.mainland",
            ]
        );
    }

    #[test]
    fn a_clean_config_and_non_text_values_have_no_warning() {
        let raw = json!({
            "accessKeyId": "AKIDEXAMPLE", "accessKeySecret": KEY, "signName": "腾讯云",
            "sdkAppId": 1_400_006_666, "region": null, "templates": { "not": "a list" }
        });
        assert_eq!(paths(raw), Vec::<String>::new());
    }

    #[test]
    fn the_message_says_what_belongs_and_never_repeats_the_value() {
        let Value::Object(obj) = json!({ "signName": KEY, "templates": [{ "templateCode": KEY }] }) else {
            unreachable!()
        };
        let found = warnings(&obj);
        assert_eq!(found.len(), 2);
        assert!(found[0].message.contains("the content of an approved signature"), "{}", found[0].message);
        assert!(found[1].message.contains(TEMPLATE_CODE), "{}", found[1].message);
        for issue in &found {
            assert!(issue.message.contains("rotate it in CAM"));
            assert!(!issue.display().contains("Gu5t9x"), "{}", issue.display());
        }
    }

    #[test]
    fn check_reports_them_as_warnings_of_a_config_that_sends() {
        let raw = json!({
            "accessKeyId": "AKIDEXAMPLE", "accessKeySecret": KEY, "signName": KEY,
            "sdkAppId": "1400000000", "region": "ap-guangzhou",
            "templates": [{ "usageType": "Generic", "templateCode": "1001" }]
        });
        let report = crate::check::check(&raw);
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        let lines: Vec<String> = report.warnings.iter().map(Issue::display).collect();
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with("signName: holds something shaped like an access key"), "{lines:?}");
    }
}
