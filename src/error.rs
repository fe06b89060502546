//! Errors as values: each carries one Logto `ConnectorErrorCodes` value and a message an
//! operator can act on. Nothing here ever holds the access key secret or a signature.

use serde::Serialize;

/// The Logto `ConnectorErrorCodes` values this connector can produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    General,
    InvalidConfig,
    InvalidRequestParameters,
    InsufficientRequestParameters,
    InvalidResponse,
    TemplateNotFound,
    RateLimitExceeded,
    UsageLimitExceeded,
}

/// One step of a field path: an object key or an array index, as zod paths hold them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

/// One config problem: where it is and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub path: Vec<PathSeg>,
    pub message: String,
}

impl Issue {
    pub fn new(path: Vec<PathSeg>, message: impl Into<String>) -> Self {
        Self { path, message: message.into() }
    }

    /// `templates[2].templateCode: must be a non-empty string`.
    pub fn display(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                PathSeg::Key(k) if out.is_empty() => out.push_str(k),
                PathSeg::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                PathSeg::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        if out.is_empty() {
            self.message.clone()
        } else {
            format!("{out}: {}", self.message)
        }
    }
}

/// What Tencent said about a failed request, kept so an operator can quote it to support.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TencentDetail {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// A failure as the JS shim turns it into `new ConnectorError(code, data)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectorError {
    pub code: ErrorCode,
    pub error_description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    #[serde(flatten)]
    pub tencent: TencentDetail,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
}

impl ConnectorError {
    pub fn new(code: ErrorCode, description: impl Into<String>) -> Self {
        Self {
            code,
            error_description: description.into(),
            issues: Vec::new(),
            tencent: TencentDetail::default(),
            http_status: None,
        }
    }

    pub fn invalid_config(issues: Vec<Issue>) -> Self {
        let list = issues.iter().map(Issue::display).collect::<Vec<_>>().join("; ");
        Self { issues, ..Self::new(ErrorCode::InvalidConfig, format!("Invalid config: {list}")) }
    }
}

/// Cuts text from a remote party to a length that fits a log line, on a char boundary.
pub fn clip(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// Replaces every run of 64 or more hex digits (a TC3 signature or a derived key) with
/// `[redacted]`.
pub fn redact_signatures(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        out.push_str(if run.len() >= 64 { "[redacted]" } else { run.as_str() });
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_issue_paths_the_way_operators_read_them() {
        let issue = Issue::new(
            vec![PathSeg::Key("templates".into()), PathSeg::Index(2), PathSeg::Key("templateCode".into())],
            "must be a non-empty string",
        );
        assert_eq!(issue.display(), "templates[2].templateCode: must be a non-empty string");
        assert_eq!(Issue::new(vec![], "config must be an object").display(), "config must be an object");
    }

    #[test]
    fn invalid_config_lists_every_issue_in_its_description() {
        let err = ConnectorError::invalid_config(vec![
            Issue::new(vec![PathSeg::Key("region".into())], "must be a non-empty string"),
            Issue::new(vec![PathSeg::Key("sdkAppId".into())], "must contain digits only"),
        ]);
        assert_eq!(err.code, ErrorCode::InvalidConfig);
        assert_eq!(
            err.error_description,
            "Invalid config: region: must be a non-empty string; sdkAppId: must contain digits only"
        );
        // The issues travel too: the shim turns them into the ZodError Logto shows per field.
        assert_eq!(err.issues.len(), 2);
        assert_eq!(err.issues[1].path, [PathSeg::Key("sdkAppId".into())]);
    }

    #[test]
    fn redacts_signature_shaped_hex_runs_only() {
        let sig = "aac1fb8c4092ad0862b94c66e82e7479b6719a63330d00e4c771dd2e3bd8dc78";
        assert_eq!(redact_signatures(&format!("Signature={sig}, x")), "Signature=[redacted], x");
        let id = "a0aabda6-cf91-4f3e-a81f-9198114a2279";
        assert_eq!(redact_signatures(id), id);
        assert_eq!(redact_signatures("短信 beef"), "短信 beef");
    }

    #[test]
    fn clips_long_remote_text_on_a_char_boundary() {
        assert_eq!(clip("短信服务", 2), "短信…");
        assert_eq!(clip("ok", 5), "ok");
    }

    #[test]
    fn error_codes_are_logto_connector_error_codes() {
        let json = serde_json::to_string(&ErrorCode::RateLimitExceeded).unwrap_or_default();
        assert_eq!(json, "\"rate_limit_exceeded\"");
        let json = serde_json::to_string(&ErrorCode::UsageLimitExceeded).unwrap_or_default();
        assert_eq!(json, "\"usage_limit_exceeded\"");
    }
}
