use super::*;
use serde_json::json;

fn config(templates: Value) -> Value {
    json!({
        "accessKeyId": "AKIDEXAMPLE", "accessKeySecret": "SECRETKEY", "signName": "Logto",
        "sdkAppId": "1400000000", "region": "ap-guangzhou", "templates": templates
    })
}

fn lines(issues: &[Issue]) -> Vec<String> {
    issues.iter().map(Issue::display).collect()
}

#[test]
fn a_clean_config_has_no_findings() {
    let report = check(&config(json!([{ "usageType": "Generic", "templateCode": "1004" }])));
    assert_eq!(report, Report::default());
}

#[test]
fn suggests_the_nearest_type_and_option_without_repeating_the_typed_value() {
    let mut raw = config(json!([
        { "usageType": "Signin", "templateCode": "1001", "lcoale": "en" },
        { "usageType": "Test", "templateCode": "9" },
        { "usageType": "Generic", "templateCode": "1004" }
    ]));
    raw["endpiont"] = json!("https://sms.tencentcloudapi.com");
    let report = check(&raw);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let warnings = lines(&report.warnings);
    assert!(warnings.contains(&"templates[0].usageType: is not a message type Logto sends, so this entry is never used; did you mean \"SignIn\"?".to_owned()), "{warnings:?}");
    assert!(warnings.contains(&"templates[0].lcoale: is not an option of this connector and is ignored; did you mean \"locale\"?".to_owned()), "{warnings:?}");
    assert!(
        warnings.contains(
            &"endpiont: is not an option of this connector and is ignored; did you mean \"endpoint\"?"
                .to_owned()
        ),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.starts_with("templates[1].usageType: the old \"Test\" type")),
        "{warnings:?}"
    );
}

#[test]
fn placeholders_are_warnings_while_another_template_serves_and_errors_when_none_does() {
    let report = check(&config(json!([
        { "usageType": "SignIn", "templateCode": "<template-code>" },
        { "usageType": "Generic", "templateCode": "1004" }
    ])));
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(lines(&report.warnings), ["templates[0].templateCode: is still the console's placeholder: put the ID of an approved Tencent template here (this entry is skipped when sending)"]);

    let report = check(&config(json!([
        { "usageType": "SignIn", "templateCode": "1001" },
        { "usageType": "Generic", "templateCode": "<template-code>" }
    ])));
    // Every type but SignIn falls back to the unusable Generic, so that entry is an error.
    assert_eq!(
        lines(&report.errors),
        [
            "templates[1].templateCode: is still the console's placeholder: put the ID of an approved Tencent template here",
            "templates: Register, ForgotPassword, OrganizationInvitation, Generic, UserPermissionValidation, BindNewIdentifier, MfaVerification, BindMfa messages would fail with template_not_found: no usable template of their own, and no usable \"Generic\" to fall back to",
        ]
    );
}

#[test]
fn problems_every_send_meets_are_errors_and_ignored_settings_warnings() {
    let mut raw = config(json!([{ "usageType": "Generic", "templateCode": "1004" }]));
    raw["accessKeySecret"] = json!("");
    raw["internationalEndpoint"] = json!("ftp://example.com");
    assert_eq!(lines(&check(&raw).errors), ["accessKeySecret: must be a non-empty string"]);
    raw["accessKeySecret"] = json!("SECRETKEY");
    let report = check(&raw);
    assert!(report.errors.is_empty());
    let warnings = lines(&report.warnings);
    assert!(
        warnings[0].starts_with("internationalEndpoint: ")
            && warnings[0].ends_with("(ignored when sending: the default applies)"),
        "{warnings:?}"
    );
}

#[test]
fn odd_ids_regions_and_duplicates_are_warnings() {
    let mut raw = config(json!([
        { "usageType": "Generic", "templateCode": "1004" },
        { "usageType": "Generic", "templateCode": "TemplateCode" }
    ]));
    raw["accessKeyId"] = json!("my-key-id");
    raw["region"] = json!("ap-shanghai");
    let report = check(&raw);
    assert!(report.errors.is_empty());
    let warnings = lines(&report.warnings);
    for expected in [
        "templates[1].templateCode: is not all digits",
        "templates[1]: repeats the usageType and locale of templates[0]",
        "accessKeyId: does not look like a Tencent Cloud SecretId",
        "region: is not a region Tencent documents for SMS",
    ] {
        assert!(warnings.iter().any(|w| w.starts_with(expected)), "{expected}: {warnings:?}");
    }
}

#[test]
fn findings_never_repeat_a_value_typed_into_any_field() {
    let secret = "s3cr3t-Value-pasted-in-the-wrong-place";
    let mut raw = config(json!([
        { "usageType": secret, "templateCode": secret },
        { "usageType": "Generic", "templateCode": "1004", "locale": secret }
    ]));
    for k in ["accessKeyId", "signName", "sdkAppId", "region", "internationalRegion", "endpoint"] {
        raw[k] = json!(secret);
    }
    let report = check(&raw);
    let all = lines(&report.errors).into_iter().chain(lines(&report.warnings));
    for line in all {
        assert!(!line.contains(secret) && !line.contains("s3cr3t"), "{line}");
    }
}

#[test]
fn a_destination_class_without_templates_is_a_warning() {
    let report = check(&config(json!([
        { "usageType": "SignIn", "templateCode": { "mainland": "1", "international": "2" } },
        { "usageType": "Generic", "templateCode": { "mainland": "3" } }
    ])));
    assert!(report.errors.is_empty());
    assert_eq!(lines(&report.warnings).len(), 1);
    assert!(report.warnings[0].message.starts_with("Register, ForgotPassword,"), "{:?}", report.warnings);
    assert!(report.warnings[0].message.contains(" messages to numbers outside mainland China would fail"));
    assert!(!report.warnings[0].message.contains("SignIn"));
}

#[test]
fn problems_that_fail_every_send_do_not_hide_the_rest() {
    let mut raw = config(json!([{ "usageType": "Generic", "templateCode": "<template-code>" }]));
    raw["accessKeySecret"] = json!("");
    raw["accessKeyId"] = json!("my-key");
    let report = check(&raw);
    let errors = lines(&report.errors);
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_eq!(errors[0], "accessKeySecret: must be a non-empty string");
    assert!(lines(&report.warnings)[0].starts_with("accessKeyId: does not look like"));
}

#[test]
fn split_codes_for_different_destinations_are_not_duplicates() {
    let report = check(&config(json!([
        { "usageType": "Generic", "templateCode": { "mainland": "1" } },
        { "usageType": "Generic", "templateCode": { "international": "2" } }
    ])));
    assert_eq!(report, Report::default());
}

#[test]
fn nearest_names_only_close_matches() {
    assert_eq!(nearest("signin", &TEMPLATE_TYPES), Some("SignIn"));
    assert_eq!(nearest("Regster", &TEMPLATE_TYPES), Some("Register"));
    assert_eq!(nearest("Welcome", &TEMPLATE_TYPES), None);
    // The allowance grows with the length: a third of it, from 1 to 3 edits.
    assert_eq!(nearest("BindMXX", &TEMPLATE_TYPES), Some("BindMfa"));
    assert_eq!(nearest("BindXXX", &TEMPLATE_TYPES), None);
    assert_eq!(nearest("Sgn", &config::keys()), None);
    assert_eq!(nearest("MfaVerifcaton", &TEMPLATE_TYPES), Some("MfaVerification"));
    assert_eq!(nearest("", &config::keys()), None);
}

/// The findings of one config, as `error …` / `warning …` lines.
fn findings(templates: Value) -> Vec<String> {
    let report = check(&config(templates));
    let errors = lines(&report.errors).into_iter().map(|l| format!("error {l}"));
    errors.chain(lines(&report.warnings).into_iter().map(|l| format!("warning {l}"))).collect()
}

#[test]
fn a_skipped_entry_is_an_error_exactly_when_a_type_it_would_serve_fails() {
    let placeholder = "templateCode: is still the console's placeholder";
    // A second, usable Generic serves everything: the skipped one is only untidy.
    let found = findings(json!([
        { "usageType": "Generic", "templateCode": "<template-code>" },
        { "usageType": "Generic", "templateCode": "1" }
    ]));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with(&format!("warning templates[0].{placeholder}")), "{found:?}");
    // SignIn has a usable entry of its own, so its skipped one is a warning even while every
    // other type fails for want of a usable Generic (an error, like the failing types).
    let found = findings(json!([
        { "usageType": "SignIn", "templateCode": "<template-code>" },
        { "usageType": "SignIn", "templateCode": "1" },
        { "usageType": "Generic", "templateCode": "<template-code>" }
    ]));
    assert!(found.iter().any(|f| f.starts_with(&format!("warning templates[0].{placeholder}"))), "{found:?}");
    assert!(found.iter().any(|f| f.starts_with(&format!("error templates[2].{placeholder}"))), "{found:?}");
    // With no usable SignIn either, SignIn's skipped entry is what to fix too.
    let found = findings(json!([
        { "usageType": "SignIn", "templateCode": "<template-code>" },
        { "usageType": "Generic", "templateCode": "<template-code>" }
    ]));
    assert!(found.iter().any(|f| f.starts_with(&format!("error templates[0].{placeholder}"))), "{found:?}");
}

#[test]
fn a_bad_field_of_ours_is_ignored_when_sending_not_a_skipped_entry() {
    let found = findings(json!([{ "usageType": "Generic", "templateCode": "1", "locale": "zh CN" }]));
    assert_eq!(
        found,
        ["warning templates[0].locale: must be a language tag such as en, zh-CN or pt-BR (ignored when sending)"]
    );
}

#[test]
fn findings_on_usable_entries_name_their_own_index_past_skipped_ones() {
    let found = findings(json!([
        { "usageType": "Generic", "templateCode": "<template-code>" },
        { "usageType": "Generic", "templateCode": "TemplateCode" }
    ]));
    assert!(
        found.iter().any(|f| f.starts_with("warning templates[1].templateCode: is not all digits")),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| f.starts_with("warning templates[0].templateCode: is not all digits")),
        "{found:?}"
    );
}
