use std::cell::{Cell, RefCell};

use serde_json::json;

use super::*;
use crate::host::testing::block_on;
use crate::http::HttpRequest;

const T0_MS: f64 = 1_700_000_000_000.0;

/// A host whose answers come from `answer(action, body)`, on a clock that only sleeps and
/// timeouts move.
struct Fake<F: Fn(&str, &Value) -> Exchange> {
    answer: F,
    clock: Cell<f64>,
    log: RefCell<Vec<(String, Value, u32)>>,
    /// Each request's `X-TC-Timestamp` and `Authorization`.
    signed: RefCell<Vec<(String, String)>>,
}

fn fake<F: Fn(&str, &Value) -> Exchange>(answer: F) -> Fake<F> {
    Fake { answer, clock: Cell::new(T0_MS), log: RefCell::new(Vec::new()), signed: RefCell::new(Vec::new()) }
}

impl<F: Fn(&str, &Value) -> Exchange> Host for Fake<F> {
    async fn exchange(&self, request: &HttpRequest) -> Exchange {
        let action = request
            .headers
            .iter()
            .find(|(k, _)| *k == "X-TC-Action")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let body: Value = serde_json::from_str(&request.body).unwrap_or_default();
        self.log.borrow_mut().push((action.clone(), body.clone(), request.timeout_ms));
        let stamp = request.headers.iter().find(|(k, _)| *k == "X-TC-Timestamp").map(|(_, v)| v.clone());
        self.signed.borrow_mut().push((stamp.unwrap_or_default(), request.authorization.expose().clone()));
        match (self.answer)(&action, &body) {
            // A hang lasts as long as the request allows.
            Exchange::Timeout { .. } => {
                self.clock.set(self.clock.get() + f64::from(request.timeout_ms));
                Exchange::Timeout { after_ms: request.timeout_ms }
            }
            out => out,
        }
    }

    async fn sleep(&self, ms: f64) {
        self.clock.set(self.clock.get() + ms);
    }

    fn now_ms(&self) -> f64 {
        self.clock.get()
    }

    fn random(&self) -> f64 {
        0.5
    }
}

impl<F: Fn(&str, &Value) -> Exchange> Fake<F> {
    fn actions(&self) -> Vec<String> {
        self.log.borrow().iter().map(|(a, ..)| a.clone()).collect()
    }

    fn count(&self, action: &str) -> usize {
        self.log.borrow().iter().filter(|(a, ..)| a == action).count()
    }
}

fn ok(response: Value) -> Exchange {
    let mut r = response;
    r["RequestId"] = json!("req-1");
    Exchange::Response {
        status: 200,
        body: json!({ "Response": r }).to_string().into_bytes(),
        truncated: false,
    }
}

fn config() -> Value {
    json!({
        "accessKeyId": "AKIDEXAMPLE", "accessKeySecret": "SECRET-never-printed", "signName": "Logto",
        "sdkAppId": "1400000000", "region": "ap-guangzhou", "timeoutMs": 2000,
        "templates": [
            { "usageType": "SignIn", "templateCode": { "mainland": "1001", "international": "2001" } },
            { "usageType": "Generic", "templateCode": { "mainland": "1001", "international": "2001" } },
        ]
    })
}

fn sign(i: usize, name: &str, international: u8) -> Value {
    json!({ "SignId": i, "International": international, "StatusCode": 0, "ReviewReply": "", "SignName": name, "CreateTime": 1 })
}

/// 250 mainland signs and 3 international ones, two approved templates, a package with plenty left.
fn sound(action: &str, body: &Value) -> Exchange {
    let intl = body["International"].as_u64().unwrap_or_default() as u8;
    match action {
        "DescribeSmsSignList" => {
            let all: Vec<Value> = if intl == 0 {
                (0..250).map(|i| sign(i, if i == 249 { "Logto" } else { "其他" }, 0)).collect()
            } else {
                (0..3).map(|i| sign(i, "Logto", 1)).collect()
            };
            let offset = body["Offset"].as_u64().unwrap_or_default() as usize;
            let page: Vec<Value> = all.into_iter().skip(offset).take(100).collect();
            ok(json!({ "DescribeSignListStatusSet": page }))
        }
        "DescribeSmsTemplateList" => {
            let (id, text) = if intl == 0 { (1001, "验证码{1}") } else { (2001, "Code {1}") };
            ok(
                json!({ "DescribeTemplateStatusSet": [{ "TemplateId": id, "International": intl, "StatusCode": 0,
                "ReviewReply": "", "TemplateName": "登录", "CreateTime": 1, "TemplateContent": text }] }),
            )
        }
        "SmsPackagesStatistics" => {
            ok(json!({ "SmsPackagesStatisticsSet": [{ "PackageId": 1, "PackageAmount": 1000,
            "CurrentUsage": 10, "PackageEffectiveTime": 1, "PackageExpiredTime": 1_800_000_000u64, "PackageType": 1,
            "PackageCreateTime": 1 }] }))
        }
        _ => ok(json!({})),
    }
}

#[test]
fn a_sound_account_takes_3_plus_1_sign_pages_2_template_queries_and_1_package_query() {
    let host = fake(sound);
    let out = block_on(check_live(&host, &config(), None));
    assert_eq!(out.exit_code, 0, "{}", out.text);
    assert_eq!(host.count("DescribeSmsSignList"), 4);
    assert_eq!(host.count("DescribeSmsTemplateList"), 2);
    assert_eq!(host.count("SmsPackagesStatistics"), 1);
    assert_eq!(host.actions().len(), 7);
    assert!(host.log.borrow().iter().all(|(.., timeout)| *timeout == 2000), "each read within timeoutMs");
    let offsets: Vec<u64> = host
        .log
        .borrow()
        .iter()
        .filter(|(a, b, _)| a == "DescribeSmsSignList" && b["International"] == 0)
        .map(|(_, b, _)| b["Offset"].as_u64().unwrap_or(9))
        .collect();
    assert_eq!(offsets, [0, 100, 200]);
    assert!(!out.text.contains("SECRET-never-printed") && !out.text.contains("AKIDEXAMPLE"));
}

#[test]
fn a_read_only_key_signs_the_reads() {
    let host = fake(sound);
    let key = ReadKey { secret_id: "AKIDREADER".into(), secret_key: Secret::new("reader".into()) };
    let out = block_on(check_live(&host, &config(), Some(key)));
    assert_eq!(out.exit_code, 0, "{}", out.text);
    assert_eq!(host.signed.borrow().len(), 7);
    for (stamp, authorization) in host.signed.borrow().iter() {
        assert_eq!(stamp, "1700000000");
        assert!(
            authorization.starts_with("TC3-HMAC-SHA256 Credential=AKIDREADER/2023-11-14/sms/"),
            "{authorization}"
        );
    }
}

#[test]
fn a_read_key_comes_whole_or_not_at_all() {
    let key = ReadKey::from_value(&json!({ "secretId": "AKIDR", "secretKey": "k" }));
    assert_eq!(key.map(|k| (k.secret_id, k.secret_key.expose().clone())), Some(("AKIDR".into(), "k".into())));
    for partial in [
        json!({ "secretId": "AKIDR" }),
        json!({ "secretId": "", "secretKey": "k" }),
        json!(null),
        json!("AKIDR"),
    ] {
        assert!(ReadKey::from_value(&partial).is_none(), "{partial}");
    }
}

#[test]
fn a_send_only_key_gets_the_permission_hint_and_exit_2() {
    let host = fake(|_, _| {
        ok(json!({ "Error": { "Code": "AuthFailure.UnauthorizedOperation", "Message": "CAM: not allowed" } }))
    });
    let out = block_on(check_live(&host, &config(), None));
    assert_eq!(out.exit_code, 2, "{}", out.text);
    assert!(out.report.permission.is_some());
    assert!(out.text.contains("\"sms:DescribeSmsSignList\""), "{}", out.text);
    // A refusal is not retried: one request per read.
    assert_eq!(host.actions().len(), 5);
}

#[test]
fn hostile_answers_end_in_exit_2_within_the_deadline() {
    let html =
        || Exchange::Response { status: 200, body: b"<html>gateway</html>".to_vec(), truncated: false };
    type Answer = Box<dyn Fn() -> Exchange>;
    let cases: Vec<(&str, Answer)> = vec![
        ("html", Box::new(html)),
        ("5xx", Box::new(|| Exchange::Response { status: 503, body: b"busy".to_vec(), truncated: false })),
        ("huge", Box::new(|| Exchange::Response { status: 200, body: vec![], truncated: true })),
        ("hang", Box::new(|| Exchange::Timeout { after_ms: 2000 })),
        (
            "wrong types",
            Box::new(|| {
                ok(
                    json!({ "DescribeSignListStatusSet": "all of them", "DescribeTemplateStatusSet": [7], "SmsPackagesStatisticsSet": {} }),
                )
            }),
        ),
        (
            "truncated json",
            Box::new(|| Exchange::Response {
                status: 200,
                body: b"{\"Response\":{\"Descr".to_vec(),
                truncated: false,
            }),
        ),
        ("network", Box::new(|| Exchange::Network { reason: "ECONNRESET".into() })),
        ("a redirect the host refused to follow", Box::new(|| Exchange::Redirected)),
    ];
    for (name, answer) in cases {
        let host = fake(|_, _| answer());
        let out = block_on(check_live(&host, &config(), None));
        assert_eq!(out.exit_code, 2, "{name}: {}", out.text);
        assert!(out.report.permission.is_none(), "{name}");
        // Each of the 5 reads (a sign chain per route, a template query per route, the packages)
        // ends within its 2000 ms, retries included; the fake runs them one after another.
        assert!(host.now_ms() - T0_MS <= 5.0 * 2000.0, "{name}: {} ms", host.now_ms() - T0_MS);
        assert!(host.log.borrow().iter().all(|(.., t)| *t <= 2000), "{name}");
        assert!(out.text.contains("Not checked"), "{name}: {}", out.text);
    }
}

#[test]
fn only_retryable_failures_are_read_again() {
    let host = fake(|_, _| Exchange::Response { status: 502, body: vec![], truncated: false });
    let _ = block_on(check_live(&host, &config(), None));
    assert!(host.count("SmsPackagesStatistics") > 1, "a 5xx read is tried again");
    let host = fake(|_, _| Exchange::Response { status: 200, body: b"<html>".to_vec(), truncated: false });
    let _ = block_on(check_live(&host, &config(), None));
    assert_eq!(host.count("SmsPackagesStatistics"), 1, "a malformed answer is not");
    let host = fake(|_, _| Exchange::Redirected);
    let out = block_on(check_live(&host, &config(), None));
    assert_eq!(host.count("SmsPackagesStatistics"), 1, "nor a redirect");
    assert!(out.text.contains("a redirect, which is never followed; check `endpoint`"), "{}", out.text);
}

#[test]
fn an_unusable_config_reads_nothing() {
    let host = fake(sound);
    let mut raw = config();
    raw["accessKeySecret"] = json!("");
    let out = block_on(check_live(&host, &raw, None));
    assert_eq!(out.exit_code, 1);
    assert!(host.actions().is_empty());
}

fn receipts_after(polls: usize, status: &'static str) -> impl Fn(&str, &Value) -> Exchange {
    let seen = Cell::new(0);
    move |_, _| {
        seen.set(seen.get() + 1);
        let set = if seen.get() > polls {
            json!([{ "SerialNo": "2640:9", "ReportStatus": status, "Description": "DELIVRD", "UserReceiveTime": 1_700_000_004u64,
                "PhoneNumber": "+8613800138000", "CountryCode": "86", "SubscriberNumber": "13800138000", "SessionContext": "" }])
        } else {
            json!([])
        };
        ok(json!({ "PullSmsSendStatusSet": set }))
    }
}

fn cfg() -> Config {
    config::parse_stored(&config()).unwrap_or_else(|_| panic!("valid"))
}

#[test]
fn waits_for_this_sends_receipt() {
    let host = fake(receipts_after(2, "SUCCESS"));
    let got = block_on(wait_delivery(&host, &cfg(), None, "+8613800138000", "2640:9", T0_MS, 30));
    assert_eq!(got.exit_code(), 0, "{}", got.text());
    assert!(got.text().contains("4 s after sending"), "{}", got.text());
    assert_eq!(host.count("PullSmsSendStatusByPhoneNumber"), 3);
    let (_, body, _) = host.log.borrow()[0].clone();
    assert_eq!(body["PhoneNumber"], "+8613800138000");
    assert_eq!(body["BeginTime"], 1_700_000_000u64 - 60);
    // Each poll reads up to its own now: 1 s, then 2 s later.
    let ends: Vec<Value> = host.log.borrow().iter().map(|(_, b, _)| b["EndTime"].clone()).collect();
    assert_eq!(ends, [json!(1_700_000_000u64), json!(1_700_000_001u64), json!(1_700_000_003u64)]);
}

#[test]
fn a_failed_poll_that_may_pass_is_polled_again_and_one_that_cannot_ends_the_wait() {
    let calls = Cell::new(0);
    let flaky = |a: &str, b: &Value| {
        calls.set(calls.get() + 1);
        match calls.get() {
            1..=3 => Exchange::Response { status: 502, body: vec![], truncated: false },
            _ => receipts_after(0, "SUCCESS")(a, b),
        }
    };
    let host = fake(flaky);
    let got = block_on(wait_delivery(&host, &cfg(), None, "+8613800138000", "2640:9", T0_MS, 30));
    assert_eq!(got.exit_code(), 0, "{}", got.text());
    let html = fake(|_, _| Exchange::Response { status: 200, body: b"<html>".to_vec(), truncated: false });
    let got = block_on(wait_delivery(&html, &cfg(), None, "+8613800138000", "2640:9", T0_MS, 30));
    assert_eq!(got.exit_code(), 2);
    assert_eq!(html.actions().len(), 1, "a malformed answer would only repeat");
    assert!(got.text().contains("an unexpected answer (not JSON)"), "{}", got.text());
    assert!(
        !got.text().contains("sms:PullSmsSendStatusByPhoneNumber"),
        "only a refusal names the permission"
    );
}

#[test]
fn no_receipt_in_time_says_so_and_stops() {
    let host = fake(receipts_after(usize::MAX, "SUCCESS"));
    let got = block_on(wait_delivery(&host, &cfg(), None, "13800138000", "2640:9", T0_MS, 10));
    assert_eq!(got.exit_code(), 2);
    assert!(got.text().contains("not enabled for this SMS application"), "{}", got.text());
    // Polls at 0, 1, 3, 6 and 10 s; the next (5 s later) would end past the 10 s asked for.
    assert_eq!(got, Waited::NoReceipt { serial_no: "2640:9".into(), waited_s: 10 });
    assert_eq!(host.count("PullSmsSendStatusByPhoneNumber"), 5);
    assert_eq!(host.now_ms() - T0_MS, 10_000.0);
    let fail = block_on(wait_delivery(
        &fake(receipts_after(0, "FAIL")),
        &cfg(),
        None,
        "+8613800138000",
        "2640:9",
        T0_MS,
        10,
    ));
    assert_eq!(fail.exit_code(), 1);
}

#[test]
fn a_refused_receipt_read_names_the_permission() {
    let host =
        fake(|_, _| ok(json!({ "Error": { "Code": "AuthFailure.UnauthorizedOperation", "Message": "no" } })));
    let got = block_on(wait_delivery(&host, &cfg(), None, "+8613800138000", "2640:9", T0_MS, 10));
    assert_eq!(got.exit_code(), 2);
    assert!(got.text().contains("sms:PullSmsSendStatusByPhoneNumber"), "{}", got.text());
    assert_eq!(host.actions().len(), 1);
}
