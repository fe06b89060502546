use super::*;
use crate::destination::Destination;
use serde_json::json;

pub fn valid() -> Value {
    json!({
        "accessKeyId": "AKIDEXAMPLE",
        "accessKeySecret": "SECRETKEY",
        "signName": "Logto",
        "sdkAppId": "1400000000",
        "region": "ap-guangzhou",
        "templates": [
            { "usageType": "SignIn", "templateCode": "1001" },
            { "usageType": "Register", "templateCode": "1002" },
            { "usageType": "ForgotPassword", "templateCode": "1003" },
            { "usageType": "Generic", "templateCode": "1004" }
        ]
    })
}

fn messages(raw: &Value) -> Vec<String> {
    parse(raw).err().unwrap_or_default().iter().map(Issue::display).collect()
}

#[test]
fn accepts_the_official_connectors_config_shape() {
    let config = parse(&valid()).expect("valid");
    assert_eq!(config.sdk_app_id, "1400000000");
    assert_eq!(config.templates.usable.len(), 4);
    assert_eq!(config.timeout_ms, DEFAULT_TIMEOUT_MS);
    assert_eq!(config.routes.endpoint, None);
}

#[test]
fn ignores_unknown_keys_and_unknown_usage_types_like_the_official() {
    let mut raw = valid();
    raw["extra"] = json!({"deep": [1, 2]});
    if let Some(t) = raw["templates"].as_array_mut() {
        t.push(json!({"usageType": "Test", "templateCode": "9"}));
    }
    assert!(parse(&raw).is_ok());
}

#[test]
fn trims_pasted_whitespace() {
    let mut raw = valid();
    raw["accessKeyId"] = json!("  AKIDEXAMPLE\n");
    raw["region"] = json!(" ap-guangzhou ");
    let config = parse(&raw).expect("valid");
    assert_eq!(config.access_key_id, "AKIDEXAMPLE");
    assert_eq!(config.routes.region, "ap-guangzhou");
}

#[test]
fn reports_every_problem_at_once_with_its_path() {
    let raw = json!({
        "accessKeyId": "",
        "accessKeySecret": 42,
        "sdkAppId": "abc",
        "region": "Guangzhou",
        "templates": [
            { "usageType": "SignIn", "templateCode": "1001" },
            { "usageType": "Generic", "templateCode": "1002" },
            { "usageType": "Register", "templateCode": "" }
        ],
        "timeoutMs": 5
    });
    assert_eq!(
        messages(&raw),
        vec![
            "accessKeyId: must be a non-empty string",
            "accessKeySecret: must be a non-empty string",
            "signName: must be a non-empty string",
            "sdkAppId: must contain digits only (the SMS application's SdkAppId, e.g. 1400000000)",
            "region: must be a Tencent Cloud region name such as ap-guangzhou",
            "templates[2].templateCode: must be a non-empty string",
            "timeoutMs: must be a whole number of milliseconds from 100 to 60000",
        ]
    );
}

#[test]
fn requires_a_generic_template() {
    let mut raw = valid();
    raw["templates"] = json!([{ "usageType": "SignIn", "templateCode": "1001" }]);
    let missing = format!("templates: {GENERIC_MISSING}");
    assert_eq!(messages(&raw), vec![missing.clone()]);
    raw["templates"] = json!([]);
    assert_eq!(messages(&raw), vec![missing.clone()]);
    raw["templates"] = json!("Generic");
    assert_eq!(messages(&raw), vec!["templates: must be a list of { usageType, templateCode } entries"]);
}

#[test]
fn rejects_a_non_object() {
    for raw in [json!(null), json!("x"), json!([1]), json!(3)] {
        assert_eq!(messages(&raw), vec!["config must be an object"]);
    }
}

#[test]
fn never_echoes_a_value_in_a_message() {
    let mut raw = valid();
    raw["sdkAppId"] = json!("SECRETKEY");
    raw["region"] = json!("SECRETKEY");
    raw["signName"] = json!("S".repeat(65));
    let all = messages(&raw).join("\n");
    assert!(!all.contains("SECRETKEY"), "{all}");
    assert_eq!(messages(&raw).len(), 3);
}

#[test]
fn accepts_regions_tencent_lists() {
    for r in ["ap-guangzhou", "ap-beijing", "na-siliconvalley", "eu-frankfurt", "ap-shanghai-fsi"] {
        assert!(is_region(r), "{r}");
    }
    for r in ["", "guangzhou", "AP-GUANGZHOU", "ap-", "-ap", "a-b", "ap guangzhou"] {
        assert!(!is_region(r), "{r}");
    }
}

#[test]
fn international_routing_defaults_to_the_official_behaviour() {
    let config = parse(&valid()).expect("valid");
    assert_eq!(config.routes.route(Destination::International), config.routes.route(Destination::Mainland));
    assert_eq!(config.routes.route(Destination::International).sign_name, Some("Logto"));
}

#[test]
fn international_sign_name_region_and_endpoint_apply_abroad_only() {
    let mut raw = valid();
    raw["omitInternationalSignName"] = json!(true);
    raw["internationalRegion"] = json!("ap-singapore");
    raw["internationalEndpoint"] = json!("https://sms.intl.tencentcloudapi.com");
    let config = parse(&raw).expect("valid");
    let abroad = config.routes.route(Destination::International);
    assert_eq!(abroad.sign_name, None);
    assert_eq!(abroad.region, "ap-singapore");
    assert_eq!(abroad.endpoint.map(|e| e.host.as_str()), Some("sms.intl.tencentcloudapi.com"));
    assert_eq!(config.routes.route(Destination::Mainland).region, "ap-guangzhou");
    raw["omitInternationalSignName"] = json!(false);
    raw["internationalSignName"] = json!("Logto Intl");
    assert_eq!(
        parse(&raw)
            .ok()
            .and_then(|c| c.routes.route(Destination::International).sign_name.map(str::to_owned))
            .as_deref(),
        Some("Logto Intl")
    );
}

#[test]
fn new_fields_are_validated_with_their_paths() {
    let mut raw = valid();
    raw["internationalRegion"] = json!("Singapore");
    raw["internationalEndpoint"] = json!("http://example.com");
    raw["strictPhoneNumbers"] = json!("yes");
    raw["allowedCountryCodes"] = json!(["999"]);
    let shown = messages(&raw);
    assert_eq!(shown.len(), 4, "{shown:?}");
    assert!(shown[0].starts_with("internationalRegion: "));
    assert!(shown[1].starts_with("internationalEndpoint: "));
    assert_eq!(shown[2], "strictPhoneNumbers: must be true or false");
    assert!(shown[3].starts_with("allowedCountryCodes: "));
}

#[test]
fn normalised_old_configs_keep_their_shape() {
    let config = parse(&valid()).expect("valid");
    let mut expected = valid();
    expected["timeoutMs"] = json!(DEFAULT_TIMEOUT_MS);
    assert_eq!(serde_json::to_value(&config).unwrap_or_default(), expected);
}

#[test]
fn blank_optional_text_fields_from_the_console_count_as_absent() {
    let mut raw = valid();
    for key in [
        "endpoint",
        "internationalSignName",
        "internationalRegion",
        "internationalEndpoint",
        "allowedCountryCodes",
    ] {
        raw[key] = json!("  ");
    }
    let config = parse(&raw).expect("valid");
    assert_eq!(config.routes.route(Destination::International), config.routes.route(Destination::Mainland));
}

#[test]
fn bounds_the_timeout() {
    let mut raw = valid();
    raw["timeoutMs"] = json!(2500);
    assert_eq!(parse(&raw).map(|c| c.timeout_ms).ok(), Some(2500));
    for bad in [json!(99), json!(60_001), json!(1.5), json!("1000")] {
        raw["timeoutMs"] = bad;
        assert_eq!(messages(&raw).len(), 1);
    }
}

fn with_templates(list: Value) -> Value {
    let mut raw = valid();
    raw["templates"] = list;
    raw
}

#[test]
fn a_stored_config_skips_unusable_entries_that_save_time_reports() {
    let raw = with_templates(json!([
        { "usageType": "SignIn", "templateCode": "1001" },
        { "usageType": "MfaVerification", "templateCode": "" },
        { "usageType": "BindMfa", "templateCode": "<template-code>" },
        { "usageType": "Register", "templateCode": { "mainland": "<template-code>" } },
        { "usageType": "Generic", "templateCode": "1004" },
        "not an entry"
    ]));
    assert_eq!(
        messages(&raw),
        vec![
            "templates[1].templateCode: must be a non-empty string",
            "templates[2].templateCode: is still the console's placeholder: put the ID of an approved Tencent template here",
            "templates[3].templateCode.mainland: is still the console's placeholder: put the ID of an approved Tencent template here",
            "templates[5]: must be an object { usageType, templateCode }",
        ]
    );
    let stored = parse_stored(&raw).expect("usable at send time");
    let usable: Vec<&str> = stored.templates.usable.iter().map(|t| t.usage_type.as_str()).collect();
    assert_eq!(usable, ["SignIn", "Generic"]);
    let skipped: Vec<(usize, Option<&str>)> =
        stored.templates.skipped.iter().map(|(i, s)| (*i, s.usage_type.as_deref())).collect();
    assert_eq!(
        skipped,
        [(1, Some("MfaVerification")), (2, Some("BindMfa")), (3, Some("Register")), (5, None)]
    );
}

#[test]
fn a_blank_code_never_hides_a_missing_generic() {
    let raw = with_templates(json!([
        { "usageType": "SignIn", "templateCode": "1001" },
        { "usageType": "BindMfa", "templateCode": "" }
    ]));
    assert_eq!(
        messages(&raw),
        vec![
            "templates[1].templateCode: must be a non-empty string".to_owned(),
            format!("templates: {GENERIC_MISSING}")
        ]
    );
    // Send time: SignIn still has its template; Generic messages fail when they are sent.
    assert!(parse_stored(&raw).is_ok());
}

#[test]
fn usage_types_logto_does_not_have_are_never_an_error() {
    let raw = with_templates(json!([
        { "usageType": "Test", "templateCode": "9" },
        { "usageType": "Signin", "templateCode": "8" },
        { "usageType": "SomethingLogtoAddsNextYear", "templateCode": "7" },
        { "usageType": "Generic", "templateCode": "1004" }
    ]));
    assert!(parse(&raw).is_ok());
    assert!(parse_stored(&raw).is_ok());
}

#[test]
fn stored_optional_settings_that_are_invalid_are_ignored_as_the_official_ignores_them() {
    let mut raw = valid();
    raw["internationalEndpoint"] = json!("ftp://sms.intl.tencentcloudapi.com");
    raw["internationalRegion"] = json!("Singapore");
    raw["internationalSignName"] = json!(5);
    raw["endpoint"] = json!("not a url");
    raw["timeoutMs"] = json!("soon");
    raw["strictPhoneNumbers"] = json!("yes");
    raw["templates"][0]["locale"] = json!("zh CN");
    raw["templates"][0]["params"] = json!("{{code}}");
    assert_eq!(messages(&raw).len(), 8);
    let stored = parse_stored(&raw).expect("every send still works");
    let official = parse(&valid()).expect("valid");
    assert_eq!(
        stored.routes.route(Destination::International),
        official.routes.route(Destination::International)
    );
    assert_eq!((stored.timeout_ms, stored.strict_phone_numbers), (DEFAULT_TIMEOUT_MS, false));
    assert_eq!(stored.templates.usable[0].template_code, official.templates.usable[0].template_code);
    assert_eq!(
        (stored.templates.usable[0].locale.as_ref(), stored.templates.usable[0].params.as_ref()),
        (None, None)
    );
}

#[test]
fn stored_problems_that_every_send_meets_still_fail_every_send() {
    for (key, bad) in [
        ("accessKeySecret", json!("")),
        ("sdkAppId", json!("my-app")),
        ("region", json!("Guangzhou")),
        ("templates", json!({ "SignIn": "1" })),
        ("allowedCountryCodes", json!(["8"])),
    ] {
        let mut raw = valid();
        raw[key] = bad;
        let issues = parse_stored(&raw).expect_err(key);
        assert!(issues.iter().all(|i| i.path.first() == Some(&PathSeg::Key(key.into()))), "{key}");
    }
}

#[test]
fn debug_output_of_a_config_never_shows_the_secret() {
    let config = parse(&valid()).expect("valid");
    for shown in [format!("{config:?}"), format!("{config:#?}"), format!("{:?}", parse_stored(&valid()))] {
        assert!(!shown.contains("SECRETKEY"), "{shown}");
        assert!(shown.contains("AKIDEXAMPLE"), "the rest is still there to debug with");
    }
}

#[test]
fn an_access_key_id_takes_no_space_slash_or_comma() {
    for bad in ["AKID EXAMPLE", "AKID/EXAMPLE", "AKID,EXAMPLE", "AKID\u{e9}"] {
        let mut raw = valid();
        raw["accessKeyId"] = json!(bad);
        assert_eq!(
            messages(&raw),
            ["accessKeyId: must be printable ASCII without spaces, '/' or ','"],
            "{bad}"
        );
    }
}

#[test]
fn only_template_entries_are_skipped_at_send_time() {
    let issue = |path: Vec<PathSeg>| Issue::new(path, "x");
    let key = |k: &str| PathSeg::Key(k.into());
    assert_eq!(reach(&issue(vec![key("templates"), PathSeg::Index(3), key("templateCode")])), Reach::Entry);
    assert_eq!(reach(&issue(vec![key("allowedCountryCodes"), PathSeg::Index(0)])), Reach::Every);
    assert_eq!(reach(&issue(vec![key("templates")])), Reach::Every);
    assert_eq!(reach(&issue(vec![key("internationalEndpoint")])), Reach::Ignored);
}
