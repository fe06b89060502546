//! Any Tencent Cloud API 3.0 action of the SMS service (`SendSms` and the read-only actions a
//! preflight uses), as one signed `POST` of JSON: the common parameters travel as `X-TC-*`
//! headers, and the body and `content-type;host` are signed with TC3-HMAC-SHA256.

use crate::endpoint::Endpoint;
use crate::error::{ConnectorError, ErrorCode};
use crate::http::HttpRequest;
use crate::secret::Secret;
use crate::tc3::{self, SignInput, DEFAULT_CONTENT_TYPE};

pub const VERSION: &str = "2021-01-11";
pub const SERVICE: &str = "sms";

/// Signs `body` for `action` at `endpoint`; `timestamp` is whole seconds since the epoch.
#[allow(clippy::too_many_arguments)]
pub fn signed(
    secret_id: &str,
    secret_key: Secret<&str>,
    endpoint: &Endpoint,
    region: &str,
    action: &'static str,
    body: String,
    timestamp: u64,
    timeout_ms: u32,
) -> Result<HttpRequest, ConnectorError> {
    let signed = tc3::sign(&SignInput {
        secret_id,
        secret_key,
        service: SERVICE,
        host: &endpoint.host,
        content_type: DEFAULT_CONTENT_TYPE,
        timestamp,
        payload: body.as_bytes(),
        extra_headers: &[],
    })
    .map_err(|e| {
        ConnectorError::new(ErrorCode::InvalidConfig, format!("Cannot sign the request: {}", e.0))
    })?;
    let headers = vec![
        ("Content-Type", DEFAULT_CONTENT_TYPE.to_owned()),
        ("Host", endpoint.host.clone()),
        ("X-TC-Action", action.to_owned()),
        ("X-TC-Timestamp", timestamp.to_string()),
        ("X-TC-Version", VERSION.to_owned()),
        ("X-TC-Region", region.to_owned()),
    ];
    Ok(HttpRequest {
        url: endpoint.url.clone(),
        headers,
        authorization: Secret::new(signed.authorization),
        body,
        timeout_ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproduces_tencents_signatures_for_the_read_actions() {
        // Tencent's SDK signer (tencentcloud-sdk-nodejs-common 4.1.220, Sign.sign3) for these
        // inputs, recorded in tests/vectors/read-actions.json.
        let vectors: serde_json::Value =
            serde_json::from_str(include_str!("../tests/vectors/read-actions.json")).unwrap_or_default();
        let vectors = vectors["vectors"].as_array().cloned().unwrap_or_default();
        assert_eq!(vectors.len(), 4);
        for (v, action) in vectors.iter().zip([
            "DescribeSmsSignList",
            "DescribeSmsTemplateList",
            "SmsPackagesStatistics",
            "PullSmsSendStatusByPhoneNumber",
        ]) {
            let input = &v["input"];
            assert_eq!(input["action"], action);
            let body = input["payload"].as_str().unwrap_or_default().to_owned();
            let request = signed(
                input["secretId"].as_str().unwrap_or_default(),
                Secret::new(input["secretKey"].as_str().unwrap_or_default()),
                &Endpoint::default(),
                "ap-guangzhou",
                action,
                body.clone(),
                input["timestamp"].as_u64().unwrap_or_default(),
                5_000,
            )
            .expect("signs");
            assert_eq!(
                request.authorization.expose(),
                v["expected"]["authorization"].as_str().unwrap_or("?"),
                "{action}"
            );
            assert_eq!((request.body.as_str(), request.timeout_ms), (body.as_str(), 5_000));
            assert_eq!(request.header("X-TC-Action"), Some(action));
            assert_eq!(request.header("X-TC-Version"), Some("2021-01-11"));
            assert_eq!(
                request.header("X-TC-Timestamp"),
                input["timestamp"].as_u64().map(|t| t.to_string()).as_deref()
            );
            assert!(!format!("{request:?}").contains("Signature="), "Debug hides the replayable value");
        }
    }
}
