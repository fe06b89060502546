use super::*;
use serde_json::json;

fn ok(body: Value) -> Result<Map<String, Value>, ReadError> {
    response(200, body.to_string().as_bytes(), false)
}

fn what(r: Result<impl std::fmt::Debug, ReadError>) -> String {
    match r {
        Err(ReadError::Unreadable { what }) => what,
        other => format!("{other:?}"),
    }
}

#[test]
fn reads_the_sdk_models_answers() {
    let r = ok(json!({"Response": {"DescribeSignListStatusSet": [
        {"SignId": 1, "International": 0, "StatusCode": -1, "ReviewReply": "材料不全", "SignName": "腾讯云", "CreateTime": 1,
         "QualificationId": 0, "QualificationName": "", "QualificationStatusCode": 1}
    ], "RequestId": "r"}}))
    .and_then(|r| signs(&r));
    assert_eq!(
        r,
        Ok(vec![Sign {
            id: 1,
            international: 0,
            status: -1,
            review_reply: "材料不全".into(),
            name: "腾讯云".into()
        }])
    );
    let t = ok(json!({"Response": {"DescribeTemplateStatusSet": [
        {"TemplateId": 1001, "International": 3, "StatusCode": 0, "ReviewReply": "", "TemplateName": "登录", "CreateTime": 1, "TemplateContent": "码{1}"}
    ]}}))
    .and_then(|r| templates(&r))
    .unwrap_or_default();
    assert_eq!((t[0].id, t[0].international, t[0].content.as_str()), (1001, 3, "码{1}"));
    let p = ok(json!({"Response": {"SmsPackagesStatisticsSet": [
        {"PackageCreateTime": 1, "PackageEffectiveTime": 2, "PackageExpiredTime": 3, "PackageAmount": 1000, "PackageType": 1, "PackageId": 9, "CurrentUsage": 10}
    ]}}))
    .and_then(|r| packages(&r));
    assert_eq!(p, Ok(vec![Package { id: 9, amount: 1000, usage: 10, effective: 2, expires: 3 }]));
    let rc = ok(json!({"Response": {"PullSmsSendStatusSet": [
        {"UserReceiveTime": 5, "CountryCode": "86", "SubscriberNumber": "13800138000", "PhoneNumber": "+8613800138000",
         "SerialNo": "2640:1", "ReportStatus": "SUCCESS", "Description": "用户短信送达成功", "SessionContext": ""}
    ]}}))
    .and_then(|r| receipts(&r))
    .unwrap_or_default();
    assert_eq!(
        (rc[0].serial_no.as_str(), rc[0].report_status.as_str(), rc[0].user_receive_time),
        ("2640:1", "SUCCESS", 5)
    );
}

#[test]
fn a_missing_set_is_empty_and_an_error_is_tencents() {
    assert_eq!(ok(json!({"Response": {"RequestId": "r"}})).and_then(|r| signs(&r)), Ok(vec![]));
    let e = ok(
        json!({"Response": {"Error": {"Code": "AuthFailure.UnauthorizedOperation", "Message": "no"}, "RequestId": "r1"}}),
    );
    assert_eq!(
        e,
        Err(ReadError::Tencent {
            code: "AuthFailure.UnauthorizedOperation".into(),
            message: "no".into(),
            request_id: "r1".into()
        })
    );
    assert!(is_permission_denied(&e.unwrap_err()));
    assert_eq!(what(ok(json!({"Response": {"Error": {"Message": "x"}}}))), "an Error without a Code");
}

#[test]
fn hostile_answers_are_clear_errors() {
    assert_eq!(response(200, b"<html>502 Bad Gateway</html>", false), Err(unreadable("not JSON")));
    assert_eq!(response(502, b"<html>", false), Err(ReadError::Http { status: 502 }));
    assert_eq!(response(307, b"", false), Err(ReadError::Http { status: 307 }));
    assert_eq!(response(200, b"{\"Response\":{", true), Err(ReadError::TooLarge));
    assert_eq!(response(200, b"  ", false), Err(unreadable("an empty body")));
    assert_eq!(response(200, &[0xff, 0xfe], false), Err(unreadable("not UTF-8")));
    assert_eq!(response(200, b"{\"Response\":{\"Des", false), Err(unreadable("not JSON")));
    assert_eq!(response(200, b"[1]", false), Err(unreadable("no Response object")));
    assert_eq!(response(200, b"{\"Response\":\"x\"}", false), Err(unreadable("no Response object")));
    let wrong = [
        (json!({"DescribeSignListStatusSet": {"a": 1}}), "DescribeSignListStatusSet is not a list"),
        (json!({"DescribeSignListStatusSet": [1]}), "a DescribeSignListStatusSet item that is not an object"),
        (
            json!({"DescribeSignListStatusSet": [{"SignId": 1, "International": 0, "StatusCode": "0", "SignName": "x"}]}),
            "a DescribeSignListStatusSet item whose StatusCode is not a whole number",
        ),
        (
            json!({"DescribeSignListStatusSet": [{"SignId": -1, "International": 0, "StatusCode": 0, "SignName": "x"}]}),
            "a DescribeSignListStatusSet item whose SignId is not a count",
        ),
        (
            json!({"DescribeSignListStatusSet": [{"SignId": 1, "International": 0, "StatusCode": 0, "SignName": 7}]}),
            "a DescribeSignListStatusSet item whose SignName is not short text",
        ),
        (
            json!({"DescribeSignListStatusSet": [{"SignId": 1, "International": 0, "StatusCode": 0, "SignName": "x", "ReviewReply": []}]}),
            "a DescribeSignListStatusSet item whose ReviewReply is not text",
        ),
    ];
    let long = json!({"DescribeSignListStatusSet": [{"SignId": 1, "International": 0, "StatusCode": 0, "SignName": "签".repeat(201)}]});
    assert_eq!(
        what(ok(json!({ "Response": long })).and_then(|r| signs(&r))),
        "a DescribeSignListStatusSet item whose SignName is not short text"
    );
    let fits = json!({"DescribeSignListStatusSet": [{"SignId": 1, "International": 0, "StatusCode": 0, "SignName": "签".repeat(200)}]});
    assert!(ok(json!({ "Response": fits })).and_then(|r| signs(&r)).is_ok());
    for (inner, expected) in wrong {
        assert_eq!(what(ok(json!({ "Response": inner })).and_then(|r| signs(&r))), expected);
    }
    assert!(what(
        ok(json!({"Response": {"SmsPackagesStatisticsSet": [{"PackageId": 1, "PackageAmount": 1.5}]}}))
            .and_then(|r| packages(&r))
    )
    .contains("PackageAmount"));
}

#[test]
fn remote_text_is_clipped_and_never_carries_a_signature() {
    let sig = "a".repeat(64);
    let r = ok(
        json!({"Response": {"Error": {"Code": "InternalError", "Message": format!("Signature={sig} {}", "x".repeat(1000))}, "RequestId": "r"}}),
    );
    let Err(ReadError::Tencent { message, .. }) = r else { panic!("{r:?}") };
    assert!(!message.contains(&sig) && message.contains("[redacted]") && message.chars().count() <= 301);
    let long = "名".repeat(500);
    let t = ok(json!({"Response": {"DescribeTemplateStatusSet": [{"TemplateId": 1, "International": 0, "StatusCode": -1, "ReviewReply": long}]}}))
        .and_then(|r| templates(&r))
        .unwrap_or_default();
    assert_eq!(t[0].review_reply.chars().count(), 301);
}

#[test]
fn which_failures_a_read_retries() {
    let tencent = |code: &str| ReadError::Tencent {
        code: code.into(),
        message: String::new(),
        request_id: String::new(),
    };
    for yes in [
        ReadError::Timeout { after_ms: 1 },
        ReadError::Network { reason: "ECONNRESET".into() },
        ReadError::Http { status: 503 },
        ReadError::Http { status: 429 },
        tencent("RequestLimitExceeded.UinLimitExceeded"),
        tencent("InternalError.Timeout"),
        tencent("ServiceUnavailable"),
        tencent("ResourceUnavailable"),
    ] {
        assert!(yes.retryable(), "{yes:?}");
    }
    for no in [
        ReadError::Redirected,
        ReadError::Http { status: 302 },
        ReadError::Http { status: 404 },
        ReadError::TooLarge,
        unreadable("not JSON"),
        tencent("AuthFailure.UnauthorizedOperation"),
        tencent("AuthFailure.SignatureFailure"),
        tencent("ResourceNotFound"),
    ] {
        assert!(!no.retryable(), "{no:?}");
    }
}

#[test]
fn texts_say_what_happened() {
    assert_eq!(ReadError::Timeout { after_ms: 500 }.text(), "no answer within 500 ms");
    assert!(ReadError::Http { status: 301 }.text().contains("never followed"));
    assert_eq!(ReadError::Redirected.text(), "a redirect, which is never followed; check `endpoint`");
    assert_eq!(ReadError::Http { status: 500 }.text(), "HTTP 500 instead of an answer");
}
