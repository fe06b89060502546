use super::*;

fn answer(status: u16, body: &str) -> Result<Delivered, ConnectorError> {
    read(&Exchange::Response { status, body: body.as_bytes().to_vec(), truncated: false })
}

/// The outcome alone, for the tests of what an answer means.
fn read(exchange: &Exchange) -> Result<Delivered, ConnectorError> {
    classify(exchange).map_err(|refused| refused.error)
}

/// Whether the answer proves Tencent did not process the request (the only retry of a send).
fn unprocessed(exchange: &Exchange) -> bool {
    classify(exchange).is_err_and(|refused| refused.retry)
}

fn code_of(r: Result<Delivered, ConnectorError>) -> ErrorCode {
    r.map(|_| ErrorCode::General).map_or_else(|e| e.code, |_| panic!("expected an error"))
}

const OK: &str = r#"{"Response":{"SendStatusSet":[{"SerialNo":"5000:1","PhoneNumber":"+8613012345678","Fee":1,"SessionContext":"","Code":"Ok","Message":"send success","IsoCode":"CN"}],"RequestId":"req-1"}}"#;

#[test]
fn all_ok_statuses_are_delivered() {
    let d = answer(200, OK).expect("delivered");
    assert_eq!(d.request_id, "req-1");
    assert_eq!(
        d.send_status_set,
        vec![SendStatus { serial_no: "5000:1".into(), fee: 1, iso_code: "CN".into() }]
    );
}

#[test]
fn request_level_error_with_http_200_is_a_failure_keeping_code_and_request_id() {
    let body = r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad sig"},"RequestId":"r-9"}}"#;
    let err = answer(200, body).expect_err("failure");
    assert_eq!(err.code, ErrorCode::InvalidConfig);
    assert!(err.error_description.starts_with("AuthFailure.SignatureFailure: bad sig"));
    assert_eq!(err.tencent.code.as_deref(), Some("AuthFailure.SignatureFailure"));
    assert_eq!(err.tencent.request_id.as_deref(), Some("r-9"));
}

#[test]
fn request_error_wins_over_a_send_status_set() {
    let body =
        r#"{"Response":{"Error":{"Code":"InternalError","Message":"x"},"SendStatusSet":[{"Code":"Ok"}]}}"#;
    assert_eq!(code_of(answer(200, body)), ErrorCode::General);
}

#[test]
fn any_non_ok_status_fails_even_after_an_ok_one() {
    let body = r#"{"Response":{"SendStatusSet":[{"Code":"Ok"},{"Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"daily"}],"RequestId":"r"}}"#;
    let err = answer(200, body).expect_err("failure");
    assert_eq!(err.code, ErrorCode::RateLimitExceeded);
    assert_eq!(err.tencent.request_id.as_deref(), Some("r"));
}

#[test]
fn ok_must_be_spelled_exactly() {
    for code in ["OK", "ok", "Ok ", ""] {
        let body = format!(r#"{{"Response":{{"SendStatusSet":[{{"Code":"{code}"}}]}}}}"#);
        assert!(answer(200, &body).is_err(), "{code:?}");
    }
}

#[test]
fn unknown_codes_are_general_with_code_and_message() {
    let body =
        r#"{"Response":{"SendStatusSet":[{"Code":"FailedOperation.Something","Message":"went wrong"}]}}"#;
    let err = answer(200, body).expect_err("failure");
    assert_eq!(err.code, ErrorCode::General);
    assert_eq!(err.error_description, "FailedOperation.Something: went wrong");
}

#[test]
fn odd_shapes_are_invalid_response() {
    for body in [
        "",
        "   ",
        "not json",
        "{\"Response\":",
        "[]",
        "{}",
        r#"{"Response":null}"#,
        r#"{"Response":{}}"#,
        r#"{"Response":{"SendStatusSet":[]}}"#,
        r#"{"Response":{"SendStatusSet":{}}}"#,
        r#"{"Response":{"SendStatusSet":[1]}}"#,
        r#"{"Response":{"SendStatusSet":[{"Code":1}]}}"#,
        r#"{"Response":{"Error":{"Message":"no code"}}}"#,
        r#"{"Response":{"Error":{"Message":"x"},"SendStatusSet":[{"Code":"Ok"}]}}"#,
        r#"{"Response":{"Error":{"Code":5},"SendStatusSet":[{"Code":"Ok"}]}}"#,
        r#"{"Response":{"Error":"text","SendStatusSet":[{"Code":"Ok"}]}}"#,
        r#"{"Response":{"Error":null,"SendStatusSet":[{"Code":"Ok"}]}}"#,
        r#"{"Response":{"Error":[],"SendStatusSet":[{"Code":"Ok"}]}}"#,
    ] {
        assert_eq!(code_of(answer(200, body)), ErrorCode::InvalidResponse, "{body:?}");
    }
}

#[test]
fn invalid_utf8_and_oversized_bodies_are_invalid_response() {
    let bad = Exchange::Response { status: 200, body: vec![0xff, 0xfe, b'{'], truncated: false };
    assert_eq!(code_of(read(&bad)), ErrorCode::InvalidResponse);
    let big = Exchange::Response { status: 200, body: OK.as_bytes().to_vec(), truncated: true };
    assert_eq!(code_of(read(&big)), ErrorCode::InvalidResponse);
}

#[test]
fn http_errors_come_first() {
    let err = answer(502, "<html><body>Bad   Gateway</body></html>").expect_err("failure");
    assert_eq!(err.code, ErrorCode::General);
    assert_eq!(err.http_status, Some(502));
    assert!(err.error_description.contains("HTTP 502"));
    assert!(err.error_description.contains("<html><body>Bad Gateway</body></html>"));
    assert_eq!(code_of(answer(500, OK)), ErrorCode::General);
    assert_eq!(code_of(answer(429, "")), ErrorCode::RateLimitExceeded);
    assert_eq!(code_of(answer(302, "")), ErrorCode::General);
}

#[test]
fn an_echoed_signature_never_reaches_the_error() {
    let sig = "f3bf1e140693893096bb8e1dba02f3ba0b0724789a0e9c09baab0aca5caf860c";
    let page = format!("<pre>Authorization: TC3-HMAC-SHA256 Credential=AKID/2023-11-14/sms/tc3_request, SignedHeaders=content-type;host, Signature={sig}</pre>");
    let err = answer(502, &page).expect_err("failure");
    assert!(!err.error_description.contains(sig), "{}", err.error_description);
    let body = format!(
        r#"{{"Response":{{"Error":{{"Code":"InvalidParameter","Message":"bad header Signature={sig}"}},"RequestId":"r"}}}}"#
    );
    let err = answer(200, &body).expect_err("failure");
    assert!(!format!("{err:?}").contains(sig));
}

#[test]
fn tencent_error_bodies_under_http_errors_keep_their_mapping() {
    let body =
        r#"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"RequestId":"r"}}"#;
    let err = answer(503, body).expect_err("failure");
    assert_eq!(err.code, ErrorCode::RateLimitExceeded);
    assert_eq!(err.http_status, Some(503));
}

#[test]
fn timeouts_and_network_errors_say_the_sms_was_not_retried() {
    let t = read(&Exchange::Timeout { after_ms: 10_000 }).expect_err("failure");
    assert_eq!(t.code, ErrorCode::General);
    assert!(t.error_description.contains("10000 ms") && t.error_description.contains("not retried"));
}

#[test]
fn failures_before_the_request_was_written_say_it_was_not_sent() {
    let unsent = [
        "ECONNREFUSED",
        "ENOTFOUND",
        "EAI_AGAIN",
        "UND_ERR_CONNECT_TIMEOUT",
        "CERT_HAS_EXPIRED",
        "DEPTH_ZERO_SELF_SIGNED_CERT",
        "ERR_TLS_CERT_ALTNAME_INVALID",
        "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
        HANDSHAKE_CLOSED,
    ];
    for reason in unsent {
        let n = read(&Exchange::Network { reason: reason.into() }).expect_err("failure");
        assert!(n.error_description.contains(reason), "{reason}");
        assert!(n.error_description.contains("the SMS was not sent"), "{reason}: {}", n.error_description);
    }
}

#[test]
fn failures_that_may_follow_the_write_say_the_sms_may_have_been_sent() {
    for reason in ["ECONNRESET", "UND_ERR_SOCKET", "other side closed", "EPIPE", ""] {
        let n = read(&Exchange::Network { reason: reason.into() }).expect_err("failure");
        assert_eq!(n.code, ErrorCode::General);
        assert!(n.error_description.contains("may or may not have been sent"), "{reason}");
        assert!(!n.error_description.contains("was not sent"), "{reason}");
    }
}

#[test]
fn only_the_api_rate_limit_and_a_connection_never_made_count_as_unprocessed() {
    let limited = |code: &str, status: u16| Exchange::Response {
        status,
        body: format!(r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"m"}},"RequestId":"r"}}}}"#)
            .into_bytes(),
        truncated: false,
    };
    for yes in [
        limited("RequestLimitExceeded", 200),
        limited("RequestLimitExceeded.UinLimitExceeded", 200),
        limited("RequestLimitExceeded", 503),
    ] {
        assert!(unprocessed(&yes), "{yes:?}");
    }
    for reason in ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"] {
        assert!(unprocessed(&Exchange::Network { reason: reason.into() }), "{reason}");
    }
    let no = [
        limited("RequestLimitExceededX", 200),
        limited("LimitExceeded.PhoneNumberDailyLimit", 200),
        limited("InternalError", 200),
        Exchange::Response { status: 503, body: b"<html>busy</html>".to_vec(), truncated: false },
        Exchange::Response {
            status: 200,
            body: br#"{"Response":{"SendStatusSet":[{"Code":"RequestLimitExceeded"}]}}"#.to_vec(),
            truncated: false,
        },
        Exchange::Response { status: 200, body: Vec::new(), truncated: true },
        Exchange::Timeout { after_ms: 10 },
        Exchange::Redirected,
        Exchange::Network { reason: "ECONNRESET".into() },
        Exchange::Network { reason: "CERT_HAS_EXPIRED".into() },
        Exchange::Network { reason: "DEPTH_ZERO_SELF_SIGNED_CERT".into() },
        Exchange::Network { reason: HANDSHAKE_CLOSED.into() },
        Exchange::Network { reason: "the transport failed".into() },
    ];
    for exchange in no {
        assert!(!unprocessed(&exchange), "{exchange:?}");
    }
}

#[test]
fn a_redirect_says_it_was_not_followed_and_an_empty_error_body_adds_nothing() {
    let refused = read(&Exchange::Redirected).expect_err("a redirect is no delivery");
    assert_eq!(
        (refused.code, refused.http_status, refused.error_description.as_str()),
        (
            ErrorCode::General,
            None,
            "Tencent Cloud SMS answered with a redirect, which is never followed so the signed request stays with Tencent; check `endpoint`"
        )
    );
    for status in [301, 302, 307, 308] {
        let err = answer(status, "").expect_err("a redirect is no delivery");
        assert!(
            err.error_description.contains("a redirect, which is never followed"),
            "{}",
            err.error_description
        );
        assert!(err.error_description.ends_with("check `endpoint`"), "{}", err.error_description);
    }
    let err = answer(502, "  ").expect_err("an error page");
    assert!(err.error_description.ends_with("it was not retried"), "{}", err.error_description);
    let err = answer(502, "<h1>Bad\n  Gateway</h1>").expect_err("an error page");
    assert!(
        err.error_description.ends_with("it was not retried: <h1>Bad Gateway</h1>"),
        "{}",
        err.error_description
    );
}
