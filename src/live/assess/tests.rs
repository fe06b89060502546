use super::*;
use serde_json::json;

const NOW: u64 = 1_700_000_000;

fn raw(extra: Value) -> Value {
    let mut c = json!({
        "accessKeyId": "AKIDEXAMPLE", "accessKeySecret": "SECRETKEY-do-not-print", "signName": "Logto",
        "sdkAppId": "1400000000", "region": "ap-guangzhou",
        "templates": [
            { "usageType": "SignIn", "templateCode": { "mainland": "1001", "international": "2001" } },
            { "usageType": "Generic", "templateCode": "1002" },
        ]
    });
    if let (Value::Object(c), Value::Object(e)) = (&mut c, extra) {
        c.extend(e);
    }
    c
}

fn cfg(raw: &Value) -> Config {
    config::read(raw).map(|(c, _)| c).expect("readable")
}

fn sign(name: &str, international: i64, status: i64) -> Sign {
    Sign { id: 1, international, status, review_reply: String::new(), name: name.into() }
}

fn template(id: u64, international: i64, status: i64, content: &str) -> TemplateStatus {
    TemplateStatus {
        id,
        international,
        status,
        review_reply: String::new(),
        name: format!("t{id}"),
        content: content.into(),
    }
}

fn sound_reads() -> Reads {
    Reads {
        routes: vec![
            RouteReads {
                route: Destination::Mainland,
                signs: Some(Ok(vec![sign("Logto", 0, 0)])),
                templates: Ok(vec![template(1001, 0, 0, "码{1}"), template(1002, 3, 0, "码{1}")]),
            },
            RouteReads {
                route: Destination::International,
                signs: Some(Ok(vec![sign("Logto", 1, 0)])),
                templates: Ok(vec![template(2001, 1, 0, "code {1}"), template(1002, 3, 0, "码{1}")]),
            },
        ],
        packages: Ok(vec![Package {
            id: 1,
            amount: 1000,
            usage: 0,
            effective: 0,
            expires: NOW + 90 * 86_400,
        }]),
    }
}

#[test]
fn plans_one_template_query_per_route_and_the_sign_each_route_sends() {
    let plans = plan(&cfg(&raw(json!({}))));
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0].template_queries, [vec![1001, 1002]]);
    assert_eq!(plans[1].template_queries, [vec![2001, 1002]]);
    assert_eq!(plans[1].sign, Some(("signName", "Logto".to_owned())));
    assert!(plans[1].intended, "an international TemplateId says the config sends abroad");
    let plans = plan(&cfg(&raw(json!({ "omitInternationalSignName": true }))));
    assert_eq!(plans[1].sign, None);
    let plans = plan(&cfg(&raw(json!({ "internationalSignName": "Logto Intl" }))));
    assert_eq!(plans[1].sign, Some(("internationalSignName", "Logto Intl".to_owned())));
    let plans = plan(&cfg(&raw(json!({ "allowedCountryCodes": ["86"] }))));
    assert_eq!(plans.iter().map(|p| p.route).collect::<Vec<_>>(), [Destination::Mainland]);
    let plans = plan(&cfg(&raw(json!({ "deniedCountryCodes": ["86"] }))));
    assert_eq!(plans.iter().map(|p| p.route).collect::<Vec<_>>(), [Destination::International]);
}

#[test]
fn more_than_100_template_ids_take_more_queries() {
    let entries: Vec<Value> = (0..150)
        .map(|i| json!({ "usageType": if i == 0 { "Generic" } else { "SignIn" }, "templateCode": (1000 + i).to_string(), "locale": format!("l{i}") }))
        .collect();
    let plans = plan(&cfg(&raw(json!({ "templates": entries }))));
    assert_eq!(plans[0].template_queries.iter().map(Vec::len).collect::<Vec<_>>(), [100, 50]);
}

#[test]
fn a_sound_account_exits_0() {
    let r = raw(json!({}));
    let report = assess(&r, &plan(&cfg(&r)), &sound_reads(), NOW);
    assert_eq!(report.exit_code(), 0, "{}", report.text());
    assert_eq!(report.coverage.len(), 18);
    assert!(
        report.text().ends_with("0 errors, 0 warnings: every configured message type will send."),
        "{}",
        report.text()
    );
}

#[test]
fn defects_are_errors_and_exit_1() {
    let r = raw(json!({}));
    let mut reads = sound_reads();
    reads.routes[0].templates = Ok(vec![template(1001, 0, 1, "码{1}"), template(1002, 3, 0, "码{1}{2}")]);
    let report = assess(&r, &plan(&cfg(&r)), &reads, NOW);
    assert_eq!(report.exit_code(), 1);
    let text = report.text();
    assert!(
        text.contains("error    templates[0] \"t1001\" (mainland): the template is still in review"),
        "{text}"
    );
    assert!(text.contains("error    templates[1] \"t1002\" (mainland): its text has 2 variables"), "{text}");
    let forgot = report
        .coverage
        .iter()
        .find(|c| c.message_type == "ForgotPassword" && c.route == Destination::Mainland);
    assert_eq!(forgot.map(|c| (c.entry, c.fallback, c.level)), Some((Some(1), true, Level::Error)));
    assert!(
        !text.contains("SECRETKEY") && !text.contains(" 1001") && !text.contains("AKIDEXAMPLE"),
        "{text}"
    );
}

#[test]
fn international_defects_are_warnings_when_the_config_does_not_send_abroad() {
    let r = raw(json!({ "templates": [{ "usageType": "Generic", "templateCode": "1002" }] }));
    let mut reads = sound_reads();
    reads.routes[1].templates = Ok(vec![]);
    let report = assess(&r, &plan(&cfg(&r)), &reads, NOW);
    assert_eq!(report.exit_code(), 0, "{}", report.text());
    let abroad: Vec<&TemplateFinding> =
        report.templates.iter().filter(|t| t.route == Destination::International).collect();
    assert_eq!(abroad[0].verdict.level, Level::Warning);
    assert!(abroad[0].verdict.message.contains("which this config is not set up for"));
}

#[test]
fn a_refused_read_gives_the_permission_hint_and_exit_2() {
    let r = raw(json!({}));
    let denied = ReadError::Tencent {
        code: "AuthFailure.UnauthorizedOperation".into(),
        message: "CAM denied".into(),
        request_id: "r".into(),
    };
    let reads = Reads {
        routes: [Destination::Mainland, Destination::International]
            .into_iter()
            .map(|route| RouteReads {
                route,
                signs: Some(Err(denied.clone())),
                templates: Err(denied.clone()),
            })
            .collect(),
        packages: Err(denied),
    };
    let report = assess(&r, &plan(&cfg(&r)), &reads, NOW);
    assert_eq!(report.exit_code(), 2, "{}", report.text());
    let hint = report.permission.as_ref().expect("a hint");
    assert_eq!(hint.refused, [actions::SIGN_LIST, actions::TEMPLATE_LIST, actions::PACKAGES]);
    assert_eq!(report.reads.len(), 5);
    assert!(report.text().contains("TENCENTCLOUD_READ_SECRET_KEY"));
}

#[test]
fn a_failed_read_is_unknown_not_a_failure() {
    let r = raw(json!({}));
    let mut reads = sound_reads();
    reads.packages = Err(ReadError::Timeout { after_ms: 1000 });
    reads.routes[1].signs = Some(Err(ReadError::Http { status: 502 }));
    let report = assess(&r, &plan(&cfg(&r)), &reads, NOW);
    assert_eq!(report.exit_code(), 2);
    assert!(report.permission.is_none());
    assert!(
        report.text().contains("unknown  SmsPackagesStatistics: no answer within 1000 ms"),
        "{}",
        report.text()
    );
}

#[test]
fn an_unreadable_config_reports_checks_findings_only() {
    let r = json!({ "signName": "x" });
    let report = assess(&r, &[], &Reads { routes: vec![], packages: Ok(vec![]) }, NOW);
    assert_eq!(report.exit_code(), 1);
    assert!(report.signs.is_empty() && report.templates.is_empty());
    assert!(report.coverage.iter().all(|c| c.entry.is_none()));
    assert!(report
        .coverage
        .iter()
        .filter(|c| c.route == Destination::Mainland)
        .all(|c| c.level == Level::Error));
}

#[test]
fn neither_rendering_holds_the_secret_or_a_typed_value() {
    let r = raw(json!({ "internationalSignName": "Logto Intl", "templates": [
        { "usageType": "SignIn", "templateCode": { "mainland": "1001", "international": "2001" }, "locale": "zh-CN" },
        { "usageType": "Generic", "templateCode": "1002", "params": ["{{code}}", "x9Qz"], "verification": false },
    ] }));
    let mut reads = sound_reads();
    for route in &mut reads.routes {
        if let Ok(list) = &mut route.templates {
            list.iter_mut().for_each(|t| t.name = "登录模板".into());
        }
    }
    reads.routes[0].signs = Some(Ok(vec![sign("Logto2", 0, 0)]));
    let report = assess(&r, &plan(&cfg(&r)), &reads, NOW);
    let json = serde_json::to_string(&report).unwrap_or_default();
    let text = report.text();
    assert!(json.len() > 1000 && text.contains("did you mean \"Logto2\""), "{text}");
    for typed in [
        "SECRETKEY-do-not-print",
        "AKIDEXAMPLE",
        "1400000000",
        "Logto Intl",
        "\"Logto\"",
        "1001",
        "2001",
        "1002",
        "x9Qz",
    ] {
        assert!(!json.contains(typed), "{typed} in {json}");
        assert!(!text.contains(typed), "{typed} in {text}");
    }
}

#[test]
fn any_international_setting_says_the_config_sends_abroad() {
    let plain = json!({ "templates": [{ "usageType": "Generic", "templateCode": "1002" }] });
    let intended = |extra: Value| {
        let mut r = raw(plain.clone());
        if let (Value::Object(r), Value::Object(e)) = (&mut r, extra) {
            r.extend(e);
        }
        plan(&cfg(&r)).iter().find(|p| p.route == Destination::International).map(|p| p.intended)
    };
    assert_eq!(intended(json!({})), Some(false));
    for setting in [
        json!({ "internationalSignName": "Logto" }),
        json!({ "omitInternationalSignName": true }),
        json!({ "internationalRegion": "ap-singapore" }),
        json!({ "internationalEndpoint": "https://sms.intl.tencentcloudapi.com" }),
        json!({ "templates": [{ "usageType": "Generic", "templateCode": { "mainland": "1", "international": "2" } }] }),
    ] {
        assert_eq!(intended(setting.clone()), Some(true), "{setting}");
    }
    assert_eq!(
        intended(json!({ "templates": [{ "usageType": "Generic", "templateCode": { "mainland": "1" } }] })),
        Some(false)
    );
}

#[test]
fn checks_findings_lead_the_report() {
    let mut r = raw(json!({}));
    r["endpiont"] = json!("https://sms.tencentcloudapi.com");
    let report = assess(&r, &plan(&cfg(&r)), &sound_reads(), NOW);
    assert_eq!(report.config, check::check(&r));
    assert_eq!(report.config.warnings.len(), 1);
    assert!(report.text().starts_with("Config\n  warning  endpiont: is not an option"), "{}", report.text());
}

#[test]
fn a_cell_takes_its_own_routes_verdict() {
    let r = raw(json!({}));
    let mut reads = sound_reads();
    reads.routes[1].templates = Ok(vec![template(2001, 1, 1, "code {1}"), template(1002, 3, 0, "码{1}")]);
    let report = assess(&r, &plan(&cfg(&r)), &reads, NOW);
    let level = |ty: &str, route| {
        report.coverage.iter().find(|c| c.message_type == ty && c.route == route).map(|c| c.level)
    };
    assert_eq!(level("SignIn", Destination::Mainland), Some(Level::Ok));
    assert_eq!(level("SignIn", Destination::International), Some(Level::Error));
    assert_eq!(level("Register", Destination::International), Some(Level::Ok));
}

#[test]
fn a_broken_sign_marks_every_cell_of_its_route() {
    let r = raw(json!({}));
    let mut reads = sound_reads();
    reads.routes[0].signs = Some(Ok(vec![sign("Logto", 0, 1)]));
    let report = assess(&r, &plan(&cfg(&r)), &reads, NOW);
    for c in &report.coverage {
        let expected = if c.route == Destination::Mainland { Level::Error } else { Level::Ok };
        assert_eq!(c.level, expected, "{c:?}");
    }
}

#[test]
fn international_cells_are_warnings_unless_the_config_sends_abroad() {
    let r = raw(json!({ "templates": [{ "usageType": "Generic", "templateCode": "1002" }] }));
    let mut reads = sound_reads();
    reads.routes[1].templates = Ok(vec![]);
    let report = assess(&r, &plan(&cfg(&r)), &reads, NOW);
    for c in &report.coverage {
        let expected = if c.route == Destination::Mainland { Level::Ok } else { Level::Warning };
        assert_eq!(c.level, expected, "{c:?}");
    }
}

#[test]
fn a_route_the_country_policy_never_sends_to_is_not_judged() {
    let r = raw(
        json!({ "allowedCountryCodes": ["86"], "templates": [{ "usageType": "Generic", "templateCode": { "mainland": "1002" } }] }),
    );
    let report = assess(&r, &plan(&cfg(&r)), &sound_reads(), NOW);
    assert_eq!(report.skipped_routes, [Destination::International]);
    assert!(report.coverage.iter().all(|c| c.level == Level::Ok), "{:?}", report.coverage);
    assert_eq!(report.exit_code(), 0, "{}", report.text());
    assert!(
        report.text().contains("[0] ok                               not sent (country policy)"),
        "{}",
        report.text()
    );
    let r = raw(json!({ "deniedCountryCodes": ["86"] }));
    assert_eq!(assess(&r, &plan(&cfg(&r)), &sound_reads(), NOW).skipped_routes, [Destination::Mainland]);
}

#[test]
fn no_template_abroad_is_a_warning_unless_the_config_sends_abroad() {
    let r = raw(json!({ "templates": [{ "usageType": "Generic", "templateCode": { "mainland": "1002" } }] }));
    let report = assess(&r, &plan(&cfg(&r)), &sound_reads(), NOW);
    let abroad: Vec<(Option<usize>, Level)> = report
        .coverage
        .iter()
        .filter(|c| c.route == Destination::International)
        .map(|c| (c.entry, c.level))
        .collect();
    assert_eq!(abroad, vec![(None, Level::Warning); 9]);
    assert_eq!(report.exit_code(), 0, "{}", report.text());
    let r = raw(
        json!({ "internationalRegion": "ap-singapore", "templates": [{ "usageType": "Generic", "templateCode": { "mainland": "1002" } }] }),
    );
    let report = assess(&r, &plan(&cfg(&r)), &sound_reads(), NOW);
    assert!(report
        .coverage
        .iter()
        .filter(|c| c.route == Destination::International)
        .all(|c| c.level == Level::Error));
    assert_eq!(report.exit_code(), 1);
}
