//! What Tencent answered to `SendSms`, read once: delivered, or one `ConnectorError` and
//! whether the request may be sent again (only when Tencent provably did not process it).
//!
//! Order matters: HTTP status first; then `Response.Error` (a request-level failure that
//! Tencent reports with HTTP 200); then every `SendStatusSet[i].Code`, where only the exact
//! `Ok` is success. Anything else is `invalid_response`: never claim a send we cannot prove.

use serde::Serialize;
use serde_json::Value;

use crate::error::{clip, redact_signatures, ConnectorError, ErrorCode, TencentDetail};
use crate::flow::Refused;
pub use crate::http::Exchange;
use crate::http::{HANDSHAKE_CLOSED, MAX_RESPONSE_BYTES, REDIRECT_REFUSED};
use crate::tencent_codes;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SendStatus {
    pub serial_no: String,
    pub fee: u64,
    pub iso_code: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivered {
    pub request_id: String,
    pub send_status_set: Vec<SendStatus>,
}

fn invalid(what: &str) -> ConnectorError {
    ConnectorError::new(
        ErrorCode::InvalidResponse,
        format!("Tencent Cloud SMS gave an unexpected answer ({what}); the SMS may not have been sent"),
    )
}

/// Text from the remote party, clipped, and with anything shaped like a TC3 signature removed:
/// a gateway that echoes request headers must not put one into an error.
fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(|s| clip(&redact_signatures(s), 300))
}

/// Tencent's `code` as an error with its mapped Logto code and hint, and whether its row says
/// the request was refused before Tencent processed it.
fn tencent_error(code: &str, message: Option<String>, request_id: Option<String>) -> Refused {
    let mapped = tencent_codes::lookup(code);
    let code = clip(&redact_signatures(code), 100);
    let message_text = message.clone().unwrap_or_default();
    let description = match mapped.hint {
        Some((en, zh)) => format!("{code}: {message_text} ({en} / {zh})"),
        None => format!("{code}: {message_text}"),
    };
    let error = ConnectorError {
        tencent: TencentDetail { code: Some(code), message, request_id },
        ..ConnectorError::new(mapped.code, description)
    };
    Refused { error, retry: mapped.unprocessed }
}

fn for_good(error: ConnectorError) -> Refused {
    Refused { error, retry: false }
}

/// `Response.Error` in any form is a failure: one without a readable `Code` is still no proof
/// of a send, whatever `SendStatusSet` says.
fn request_error(root: &Value) -> Option<Refused> {
    let response = root.get("Response")?;
    let error = response.get("Error")?;
    match error.get("Code").and_then(Value::as_str) {
        Some(code) => Some(tencent_error(code, text(error, "Message"), text(response, "RequestId"))),
        None => Some(for_good(invalid("a Response.Error without a Code"))),
    }
}

fn http_failure(status: u16, body: &[u8]) -> Refused {
    if let Some(refused) = serde_json::from_slice::<Value>(body).ok().as_ref().and_then(request_error) {
        return Refused { error: ConnectorError { http_status: Some(status), ..refused.error }, ..refused };
    }
    let snippet = std::str::from_utf8(body)
        .map(|s| clip(&redact_signatures(&s.split_whitespace().collect::<Vec<_>>().join(" ")), 200));
    let (code, what) = match status {
        300..=399 => (ErrorCode::General, REDIRECT_REFUSED.to_owned()),
        429 => (ErrorCode::RateLimitExceeded, "too many requests".to_owned()),
        _ => (
            ErrorCode::General,
            "an error page; the SMS was most likely not sent, and it was not retried".to_owned(),
        ),
    };
    let detail = match snippet {
        Ok(s) if !s.is_empty() => format!(": {s}"),
        _ => String::new(),
    };
    for_good(ConnectorError {
        http_status: Some(status),
        ..ConnectorError::new(code, format!("Tencent Cloud SMS answered HTTP {status}, {what}{detail}"))
    })
}

/// Per-number codes are never retried: the request as a whole was processed.
fn send_statuses(root: &Value) -> Result<Delivered, ConnectorError> {
    let response =
        root.get("Response").filter(|r| r.is_object()).ok_or_else(|| invalid("no Response object"))?;
    let request_id = text(response, "RequestId");
    let set = match response.get("SendStatusSet") {
        Some(Value::Array(set)) if !set.is_empty() => set,
        Some(Value::Array(_)) => return Err(invalid("an empty SendStatusSet")),
        _ => return Err(invalid("no SendStatusSet")),
    };
    let mut statuses = Vec::with_capacity(set.len());
    for item in set {
        let code =
            item.get("Code").and_then(Value::as_str).ok_or_else(|| invalid("a SendStatus without Code"))?;
        if code != "Ok" {
            return Err(tencent_error(code, text(item, "Message"), request_id).error);
        }
        statuses.push(SendStatus {
            serial_no: text(item, "SerialNo").unwrap_or_default(),
            fee: item.get("Fee").and_then(Value::as_u64).unwrap_or_default(),
            iso_code: text(item, "IsoCode").unwrap_or_default(),
        });
    }
    Ok(Delivered { request_id: request_id.unwrap_or_default(), send_status_set: statuses })
}

/// Failure codes (Node's and undici's) of a connection that was never made: refused, name
/// lookup, connect timeout. Nothing was written, and trying again may well work.
fn connect_failed(reason: &str) -> bool {
    const CODES: [&str; 10] = [
        "ECONNREFUSED",
        "ENOTFOUND",
        "EAI_AGAIN",
        "EAI_FAIL",
        "EAI_NONAME",
        "EHOSTUNREACH",
        "ENETUNREACH",
        "EHOSTDOWN",
        "EADDRNOTAVAIL",
        "UND_ERR_CONNECT_TIMEOUT",
    ];
    CODES.contains(&reason)
}

/// Failure codes (OpenSSL's and Node's) of a TLS handshake that failed: nothing was written
/// either, but a bad certificate stays bad, so it is never retried.
fn tls_failed(reason: &str) -> bool {
    const CODES: [&str; 5] = [
        "EPROTO",
        "DEPTH_ZERO_SELF_SIGNED_CERT",
        "SELF_SIGNED_CERT_IN_CHAIN",
        "ERR_TLS_CERT_ALTNAME_INVALID",
        HANDSHAKE_CLOSED,
    ];
    const PREFIXES: [&str; 4] = ["CERT_", "UNABLE_TO_", "ERR_SSL_", "ERR_TLS_"];
    CODES.contains(&reason) || PREFIXES.iter().any(|p| reason.starts_with(p))
}

/// The request's first byte was never written, so Tencent never saw it. A reset or a closed
/// socket may come after writing, so neither is among these.
fn before_writing(reason: &str) -> bool {
    connect_failed(reason) || tls_failed(reason)
}

fn network_failure(reason: &str) -> ConnectorError {
    let reason = clip(reason, 200);
    let description = if before_writing(&reason) {
        format!("Could not connect to Tencent Cloud SMS ({reason}); the SMS was not sent: the request never left this server")
    } else {
        format!("The request to Tencent Cloud SMS failed ({reason}); the SMS may or may not have been sent, and it was not retried so that no one gets it twice")
    };
    ConnectorError::new(ErrorCode::General, description)
}

/// Delivered, or why not and whether trying again is safe: after the API frequency limit
/// (`RequestLimitExceeded…`, answered before the request is looked at, as its row in
/// `tencent_codes` says) and a connection that was never made. Never after a timeout, a reset,
/// a TLS failure, a 5xx or any other answer: those may follow a processed request, or will not
/// change.
pub fn classify(outcome: &Exchange) -> Result<Delivered, Refused> {
    let (status, body, truncated) = match outcome {
        Exchange::Timeout { after_ms } => {
            return Err(for_good(ConnectorError::new(
                ErrorCode::General,
                format!("Tencent Cloud SMS did not answer within {after_ms} ms; the SMS may or may not have been sent, and it was not retried so that no one gets it twice"),
            )))
        }
        Exchange::Network { reason } => {
            return Err(Refused { error: network_failure(reason), retry: connect_failed(reason) })
        }
        Exchange::Redirected => {
            return Err(for_good(ConnectorError::new(
                ErrorCode::General,
                format!("Tencent Cloud SMS answered with {REDIRECT_REFUSED}"),
            )))
        }
        Exchange::Response { status, body, truncated } => (*status, body, *truncated),
    };
    if truncated {
        return Err(for_good(invalid(&format!("a body over {MAX_RESPONSE_BYTES} bytes"))));
    }
    if !(200..300).contains(&status) {
        return Err(http_failure(status, body));
    }
    let text = std::str::from_utf8(body).map_err(|_| for_good(invalid("a body that is not UTF-8")))?;
    if text.trim().is_empty() {
        return Err(for_good(invalid("an empty body")));
    }
    let root: Value = serde_json::from_str(text).map_err(|_| for_good(invalid("a body that is not JSON")))?;
    if let Some(refused) = request_error(&root) {
        return Err(refused);
    }
    send_statuses(&root).map_err(for_good)
}

#[cfg(test)]
mod tests;
