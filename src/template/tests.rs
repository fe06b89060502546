use super::*;
use serde_json::json;

fn parse(v: Value) -> Result<Template, Vec<String>> {
    let mut issues = Vec::new();
    let path = vec![PathSeg::Key("templates".into()), PathSeg::Index(0)];
    // Save time's view: any issue refuses the entry.
    let parsed = Template::parse(&v, path, &mut issues);
    match parsed {
        Ok(t) if issues.is_empty() => Ok(t),
        _ => Err(issues.iter().map(Issue::display).collect()),
    }
}

fn t(v: Value) -> Template {
    parse(v).expect("valid template")
}

fn pick<'a>(
    list: &'a [Template],
    ty: &str,
    locale: Option<&str>,
    to: Destination,
) -> Result<&'a str, ErrorCode> {
    choose(list, ty, locale, to).map(|(_, code)| code).map_err(|e| e.code)
}

use Destination::{International, Mainland};

#[test]
fn picks_the_exact_usage_type_first() {
    let list = [
        t(json!({"usageType": "Generic", "templateCode": "1"})),
        t(json!({"usageType": "SignIn", "templateCode": "2"})),
    ];
    assert_eq!(pick(&list, "SignIn", None, Mainland), Ok("2"));
}

#[test]
fn falls_back_to_generic_for_every_template_type() {
    let list = [t(json!({"usageType": "Generic", "templateCode": "9"}))];
    for ty in TEMPLATE_TYPES {
        assert_eq!(pick(&list, ty, None, Mainland), Ok("9"), "{ty}");
    }
}

#[test]
fn names_the_type_when_nothing_fits() {
    let list = [t(json!({"usageType": "SignIn", "templateCode": "2"}))];
    let err = choose(&list, "BindMfa", None, Mainland).expect_err("no template");
    assert_eq!(err.code, ErrorCode::TemplateNotFound);
    assert!(err.error_description.contains("BindMfa"));
}

#[test]
fn first_duplicate_wins_like_the_official() {
    let list = [
        t(json!({"usageType": "SignIn", "templateCode": "1"})),
        t(json!({"usageType": "SignIn", "templateCode": "2"})),
    ];
    assert_eq!(pick(&list, "SignIn", None, Mainland), Ok("1"));
}

#[test]
fn a_plain_code_serves_every_destination_and_a_split_one_only_its_own() {
    let list = [
        t(json!({"usageType": "SignIn", "templateCode": {"mainland": "100"}})),
        t(json!({"usageType": "Generic", "templateCode": {"mainland": "200", "international": "201"}})),
    ];
    assert_eq!(pick(&list, "SignIn", None, Mainland), Ok("100"));
    assert_eq!(pick(&list, "SignIn", None, International), Ok("201"));
    let plain = [t(json!({"usageType": "Generic", "templateCode": "7"}))];
    assert_eq!(pick(&plain, "SignIn", None, International), Ok("7"));
}

#[test]
fn no_template_for_the_destination_class_is_template_not_found_naming_both() {
    let list = [t(json!({"usageType": "Generic", "templateCode": {"mainland": "200"}}))];
    let err = choose(&list, "SignIn", None, International).expect_err("no international template");
    assert_eq!(err.code, ErrorCode::TemplateNotFound);
    assert!(err.error_description.contains("SignIn") && err.error_description.contains("international"));
}

#[test]
fn locale_picks_exact_then_language_then_none_then_any() {
    let list = [
        t(json!({"usageType": "SignIn", "templateCode": "zh", "locale": "zh-CN"})),
        t(json!({"usageType": "SignIn", "templateCode": "en", "locale": "en"})),
        t(json!({"usageType": "SignIn", "templateCode": "none"})),
        t(json!({"usageType": "Generic", "templateCode": "g"})),
    ];
    assert_eq!(pick(&list, "SignIn", Some("zh-CN"), Mainland), Ok("zh"));
    assert_eq!(pick(&list, "SignIn", Some("zh_cn"), Mainland), Ok("zh"));
    assert_eq!(pick(&list, "SignIn", Some("zh-TW"), Mainland), Ok("zh"));
    assert_eq!(pick(&list, "SignIn", Some("en-US"), Mainland), Ok("en"));
    assert_eq!(pick(&list, "SignIn", Some("fr"), Mainland), Ok("none"));
    assert_eq!(pick(&list, "SignIn", None, Mainland), Ok("none"));
    let only_locales = [t(json!({"usageType": "SignIn", "templateCode": "zh", "locale": "zh-CN"}))];
    assert_eq!(pick(&only_locales, "SignIn", Some("fr"), Mainland), Ok("zh"));
}

#[test]
fn a_generic_template_in_the_right_language_beats_the_types_other_language() {
    let list = [
        t(json!({"usageType": "SignIn", "templateCode": "zh", "locale": "zh-CN"})),
        t(json!({"usageType": "Generic", "templateCode": "g-en", "locale": "en"})),
    ];
    assert_eq!(pick(&list, "SignIn", Some("en"), Mainland), Ok("g-en"));
}

#[test]
fn sends_only_the_code_by_default() {
    let tpl = t(json!({"usageType": "SignIn", "templateCode": "1"}));
    assert_eq!(tpl.params_for("123456").ok(), Some(vec!["123456".to_owned()]));
    assert_eq!(tpl.params_for("abc").ok(), Some(vec!["abc".to_owned()]), "old configs behave as before");
}

#[test]
fn declared_params_draw_from_the_code_and_literals() {
    let tpl = t(json!({"usageType": "SignIn", "templateCode": "1", "params": ["{{code}}", "10", 5]}));
    assert_eq!(tpl.params_for("123456").ok(), Some(vec!["123456".into(), "10".into(), "5".into()]));
    let err = tpl.params_for("1234567").expect_err("too long for a verification template");
    assert_eq!(err.code, ErrorCode::InvalidRequestParameters);
    let notice = t(
        json!({"usageType": "SignIn", "templateCode": "1", "verification": false, "params": ["Logto", "{{code}}"]}),
    );
    assert_eq!(notice.params_for("abc").ok(), Some(vec!["Logto".into(), "abc".into()]));
}

#[test]
fn param_declarations_are_checked_at_config_time() {
    let base = json!({"usageType": "SignIn", "templateCode": "1"});
    let with = |params: Value| {
        let mut v = base.clone();
        v["params"] = params;
        parse(v).err().unwrap_or_default()
    };
    assert_eq!(
        with(json!([])),
        ["templates[0].params: must be a list of 1 to 16 values, e.g. [\"{{code}}\", \"5\"]"]
    );
    assert_eq!(
        with(json!(["10"])),
        ["templates[0].params: must include {{code}}, or the code never reaches the user"]
    );
    assert_eq!(
        with(json!(["{{code}}", "ten minutes"])),
        ["templates[0].params[1]: verification templates take digits only, at most 6 (set \"verification\": false for other templates)"]
    );
    assert_eq!(
        with(json!(["{{code}}", "{{name}}"])),
        ["templates[0].params[1]: the only placeholder is {{code}}"]
    );
    assert_eq!(
        with(json!(["{{code}}", null])),
        ["templates[0].params[1]: must be a non-empty string or number"]
    );
}

#[test]
fn reports_entry_problems_under_the_entry_path() {
    assert_eq!(
        parse(json!({"usageType": 3})).err().unwrap_or_default(),
        [
            "templates[0].usageType: must be a non-empty string, e.g. \"SignIn\" or \"Generic\"",
            "templates[0].templateCode: must be a non-empty string"
        ]
    );
    assert_eq!(
        parse(json!([])).err().unwrap_or_default(),
        ["templates[0]: must be an object { usageType, templateCode }"]
    );
    assert_eq!(
        parse(json!({"usageType": "SignIn", "templateCode": {}})).err().unwrap_or_default(),
        ["templates[0].templateCode: must name a \"mainland\" or an \"international\" TemplateId, or both"]
    );
    assert_eq!(
        parse(json!({"usageType": "SignIn", "templateCode": {"mainland": ""}})).err().unwrap_or_default(),
        ["templates[0].templateCode: must name a \"mainland\" or an \"international\" TemplateId, or both"]
    );
    assert_eq!(
        parse(json!({"usageType": "SignIn", "templateCode": "1", "locale": "en US"}))
            .err()
            .unwrap_or_default(),
        ["templates[0].locale: must be a language tag such as en, zh-CN or pt-BR"]
    );
}

#[test]
fn normalised_entries_serialise_back_to_the_config_shape() {
    let tpl = t(
        json!({"usageType": "SignIn", "templateCode": {"international": "2"}, "params": ["{{code}}", "5"]}),
    );
    assert_eq!(
        serde_json::to_value(&tpl).unwrap_or_default(),
        json!({"usageType": "SignIn", "templateCode": {"international": "2"}, "params": ["{{code}}", "5"]})
    );
}

#[test]
fn send_time_reads_a_bad_field_of_ours_as_absent_and_skips_a_bad_code() {
    let mut issues = Vec::new();
    let entry = json!({"usageType": "SignIn", "templateCode": "1", "locale": "zh CN", "params": [], "verification": 1});
    let t = Template::parse(&entry, vec![], &mut issues).expect("usable: the official would use it");
    assert_eq!((t.locale, t.params, t.verification, issues.len()), (None, None, true, 3));
    let mut issues = Vec::new();
    let skipped = Template::parse(
        &json!({"usageType": "SignIn", "templateCode": " ", "locale": "x y"}),
        vec![],
        &mut issues,
    )
    .expect_err("no code");
    assert_eq!(skipped.usage_type.as_deref(), Some("SignIn"));
    assert_eq!(skipped.why.len(), 1, "only the reason it is skipped");
    assert_eq!(issues.len(), 2, "save time reports both");
}

#[test]
fn an_exact_locale_beats_another_region_of_the_same_language() {
    let list = [
        t(json!({"usageType": "SignIn", "templateCode": "us", "locale": "en-US"})),
        t(json!({"usageType": "SignIn", "templateCode": "gb", "locale": "en-GB"})),
    ];
    assert_eq!(pick(&list, "SignIn", Some("en-GB"), Mainland), Ok("gb"));
}

#[test]
fn with_neither_the_type_nor_generic_the_error_says_there_is_nothing_to_fall_back_to() {
    let list = [t(json!({"usageType": "Register", "templateCode": "1"}))];
    let err = choose(&list, "SignIn", None, Mainland).expect_err("nothing for SignIn");
    assert_eq!(
        err.error_description,
        "Cannot find template for type: SignIn (and no usable \"Generic\" template to fall back to)"
    );
}

#[test]
fn only_a_whole_angle_bracketed_code_is_a_placeholder() {
    assert!(is_placeholder("<template-code>") && is_placeholder("<>"));
    assert!(!is_placeholder("<1234") && !is_placeholder("1234>") && !is_placeholder("1234"));
}

#[test]
fn usage_types_and_literal_params_may_be_exactly_64_characters() {
    let long = |n: usize| "x".repeat(n);
    assert!(parse(json!({"usageType": long(64), "templateCode": "1"})).is_ok());
    assert_eq!(
        parse(json!({"usageType": long(65), "templateCode": "1"})).err().unwrap_or_default(),
        ["templates[0].usageType: must be at most 64 characters"]
    );
    let params = |p: String| json!({"usageType": "SignIn", "templateCode": "1", "verification": false, "params": ["{{code}}", p]});
    assert!(parse(params(long(64))).is_ok());
    assert_eq!(
        parse(params(long(65))).err().unwrap_or_default(),
        ["templates[0].params[1]: must be at most 64 characters"]
    );
}

#[test]
fn a_non_verification_entry_keeps_its_flag_when_normalised() {
    let tpl = t(json!({"usageType": "SignIn", "templateCode": "1", "verification": false}));
    assert_eq!(serde_json::to_value(&tpl).unwrap_or_default()["verification"], json!(false));
}

#[test]
fn a_list_of_200_entries_is_read_and_201_refused() {
    let read = |n: usize| {
        let list: Vec<Value> =
            (0..n).map(|i| json!({"usageType": "Generic", "templateCode": i.to_string()})).collect();
        let obj = json!({ "templates": list });
        let mut issues = Vec::new();
        let templates = Templates::parse(
            &mut Fields::new(obj.as_object().expect("object"), vec![], &mut issues),
            "templates",
        );
        (templates.usable.len(), issues.iter().map(Issue::display).collect::<Vec<_>>())
    };
    assert_eq!(read(200), (200, vec![]));
    assert_eq!(read(201), (0, vec!["templates: must hold at most 200 entries".to_owned()]));
}

#[test]
fn a_bad_official_key_skips_the_entry_and_a_bad_own_key_is_reported_but_read_as_absent() {
    let unreadable = json!({ "not": "a value" });
    for (keys, skips) in [(&ENTRY_KEYS[..], true), (&OWN_ENTRY_KEYS[..], false)] {
        for key in keys {
            let mut raw = json!({ "usageType": "SignIn", "templateCode": "1" });
            raw[*key] = unreadable.clone();
            let mut issues = Vec::new();
            let read = Template::parse(&raw, vec![], &mut issues);
            assert!(!issues.is_empty(), "{key}");
            assert!(issues.iter().all(|i| i.path == [PathSeg::Key((*key).into())]), "{key}");
            assert_eq!(read.is_err(), skips, "{key}");
        }
    }
}
