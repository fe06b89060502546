//! Readers for the four read actions' answers: bytes in, typed values or a clear `ReadError`
//! out, never a panic. Everything from the account is clipped and has signature-shaped text
//! removed; a field of the wrong type makes the whole answer unreadable rather than guessed at.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{clip, redact_signatures};

/// Why an answer could not be used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ReadError {
    /// No answer within the deadline.
    Timeout { after_ms: u32 },
    /// The network or the host's fetch failed.
    Network { reason: String },
    /// A non-2xx status (a redirect is never followed).
    Http { status: u16 },
    /// A redirect that the host's fetch refused to follow (its status is not known).
    Redirected,
    /// Longer than the cap: not an answer of Tencent's.
    TooLarge,
    /// Not a JSON object with a `Response` object (an HTML page, an empty body, bad UTF-8…).
    Unreadable { what: String },
    /// `Response.Error`: Tencent refused the read.
    Tencent { code: String, message: String, request_id: String },
}

/// The codes with which CAM refuses an action the key's policy does not allow.
pub fn is_permission_denied(e: &ReadError) -> bool {
    matches!(e, ReadError::Tencent { code, .. } if code == "AuthFailure.UnauthorizedOperation")
}

impl ReadError {
    pub fn text(&self) -> String {
        match self {
            Self::Timeout { after_ms } => format!("no answer within {after_ms} ms"),
            Self::Network { reason } => format!("the request failed ({reason})"),
            Self::Http { status: s @ 300..=399 } => {
                format!("HTTP {s}, a redirect, which is never followed; check `endpoint`")
            }
            Self::Http { status } => format!("HTTP {status} instead of an answer"),
            Self::Redirected => "a redirect, which is never followed; check `endpoint`".to_owned(),
            Self::TooLarge => "an answer too large to be Tencent's".to_owned(),
            Self::Unreadable { what } => format!("an unexpected answer ({what})"),
            Self::Tencent { code, message, request_id } => {
                format!("{code}: {message} (RequestId {request_id})")
            }
        }
    }

    /// Whether the same read may succeed if sent again: reads are idempotent, so timeouts,
    /// network failures, 5xx, bodies cut short and Tencent's rate limit and internal errors
    /// are retried; a refusal or a malformed answer would only repeat.
    pub fn retryable(&self) -> bool {
        match self {
            Self::Timeout { .. } | Self::Network { .. } => true,
            Self::Http { status } => *status >= 500 || *status == 429,
            Self::Redirected | Self::TooLarge | Self::Unreadable { .. } => false,
            Self::Tencent { code, .. } => {
                code.starts_with("RequestLimitExceeded")
                    || code.starts_with("InternalError")
                    || code == "ServiceUnavailable"
                    || code == "ResourceUnavailable"
            }
        }
    }
}

fn unreadable(what: impl Into<String>) -> ReadError {
    ReadError::Unreadable { what: what.into() }
}

fn remote_text(v: &Value, max: usize) -> String {
    v.as_str().map(|s| clip(&redact_signatures(s), max)).unwrap_or_default()
}

/// `Response`, from an answer whose status and size the transport has already given.
pub fn response(status: u16, body: &[u8], truncated: bool) -> Result<Map<String, Value>, ReadError> {
    if truncated {
        return Err(ReadError::TooLarge);
    }
    if !(200..300).contains(&status) {
        return Err(ReadError::Http { status });
    }
    let text = std::str::from_utf8(body).map_err(|_| unreadable("not UTF-8"))?;
    if text.trim().is_empty() {
        return Err(unreadable("an empty body"));
    }
    let root: Value = serde_json::from_str(text).map_err(|_| unreadable("not JSON"))?;
    let Some(Value::Object(response)) = root.get("Response") else {
        return Err(unreadable("no Response object"));
    };
    if let Some(error) = response.get("Error") {
        let code =
            error.get("Code").and_then(Value::as_str).ok_or_else(|| unreadable("an Error without a Code"))?;
        return Err(ReadError::Tencent {
            code: clip(&redact_signatures(code), 100),
            message: remote_text(error.get("Message").unwrap_or(&Value::Null), 300),
            request_id: remote_text(response.get("RequestId").unwrap_or(&Value::Null), 64),
        });
    }
    Ok(response.clone())
}

/// The items of `Response.<set>`: a missing set is an empty one (the SDK marks every answer
/// field optional), anything but a list of objects is unreadable.
fn items<'a>(response: &'a Map<String, Value>, set: &str) -> Result<Vec<&'a Map<String, Value>>, ReadError> {
    match response.get(set) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(list)) => list
            .iter()
            .map(|item| {
                item.as_object().ok_or_else(|| unreadable(format!("a {set} item that is not an object")))
            })
            .collect(),
        Some(_) => Err(unreadable(format!("{set} is not a list"))),
    }
}

/// One item's fields, each required to have its documented type.
struct Item<'a> {
    set: &'a str,
    obj: &'a Map<String, Value>,
}

impl Item<'_> {
    fn int(&self, key: &str) -> Result<i64, ReadError> {
        self.obj
            .get(key)
            .and_then(Value::as_i64)
            .ok_or_else(|| unreadable(format!("a {} item whose {key} is not a whole number", self.set)))
    }

    fn count(&self, key: &str) -> Result<u64, ReadError> {
        self.obj
            .get(key)
            .and_then(Value::as_u64)
            .ok_or_else(|| unreadable(format!("a {} item whose {key} is not a count", self.set)))
    }

    /// Text the account's people wrote; optional in the SDK models, so absent reads as empty.
    fn text(&self, key: &str, max: usize) -> Result<String, ReadError> {
        match self.obj.get(key) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(v @ Value::String(_)) => Ok(remote_text(v, max)),
            Some(_) => Err(unreadable(format!("a {} item whose {key} is not text", self.set))),
        }
    }

    /// Text compared exactly (a sign's content): never clipped, only bounded.
    fn exact(&self, key: &str) -> Result<String, ReadError> {
        match self.obj.get(key) {
            Some(Value::String(s)) if s.chars().count() <= 200 => Ok(s.clone()),
            _ => Err(unreadable(format!("a {} item whose {key} is not short text", self.set))),
        }
    }
}

fn each<T>(
    response: &Map<String, Value>,
    set: &'static str,
    read: impl Fn(&Item<'_>) -> Result<T, ReadError>,
) -> Result<Vec<T>, ReadError> {
    items(response, set)?.into_iter().map(|obj| read(&Item { set, obj })).collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sign {
    pub id: u64,
    pub international: i64,
    pub status: i64,
    pub review_reply: String,
    pub name: String,
}

pub fn signs(response: &Map<String, Value>) -> Result<Vec<Sign>, ReadError> {
    each(response, "DescribeSignListStatusSet", |i| {
        Ok(Sign {
            id: i.count("SignId")?,
            international: i.int("International")?,
            status: i.int("StatusCode")?,
            review_reply: i.text("ReviewReply", 300)?,
            name: i.exact("SignName")?,
        })
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateStatus {
    pub id: u64,
    pub international: i64,
    pub status: i64,
    pub review_reply: String,
    pub name: String,
    /// Read whole for its variables; never printed.
    #[serde(skip)]
    pub content: String,
}

pub fn templates(response: &Map<String, Value>) -> Result<Vec<TemplateStatus>, ReadError> {
    each(response, "DescribeTemplateStatusSet", |i| {
        Ok(TemplateStatus {
            id: i.count("TemplateId")?,
            international: i.int("International")?,
            status: i.int("StatusCode")?,
            review_reply: i.text("ReviewReply", 300)?,
            name: i.text("TemplateName", 60)?,
            content: i.text("TemplateContent", 2_000)?,
        })
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Package {
    pub id: u64,
    pub amount: u64,
    pub usage: u64,
    pub effective: u64,
    pub expires: u64,
}

pub fn packages(response: &Map<String, Value>) -> Result<Vec<Package>, ReadError> {
    each(response, "SmsPackagesStatisticsSet", |i| {
        Ok(Package {
            id: i.count("PackageId")?,
            amount: i.count("PackageAmount")?,
            usage: i.count("CurrentUsage")?,
            effective: i.count("PackageEffectiveTime")?,
            expires: i.count("PackageExpiredTime")?,
        })
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    pub serial_no: String,
    pub report_status: String,
    pub description: String,
    pub user_receive_time: u64,
}

pub fn receipts(response: &Map<String, Value>) -> Result<Vec<Receipt>, ReadError> {
    each(response, "PullSmsSendStatusSet", |i| {
        Ok(Receipt {
            serial_no: i.text("SerialNo", 100)?,
            report_status: i.text("ReportStatus", 20)?,
            description: i.text("Description", 200)?,
            user_receive_time: i.obj.get("UserReceiveTime").and_then(Value::as_u64).unwrap_or_default(),
        })
    })
}

#[cfg(test)]
mod tests;
