//! The `SendSms` HTTP request: exact body bytes, headers, and their TC3 signature.

use serde::Serialize;

use crate::api_call;
use crate::config::Config;
use crate::endpoint::Endpoint;
use crate::error::ConnectorError;
use crate::http::HttpRequest;

pub const ACTION: &str = "SendSms";

/// What one message needs, decided before anything is signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan<'a> {
    pub template_id: &'a str,
    pub sign_name: Option<&'a str>,
    pub params: Vec<String>,
    pub phone_e164: &'a str,
    pub region: &'a str,
    pub endpoint: Option<&'a Endpoint>,
}

/// Field order follows the official connector, so the same message gives the same bytes.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Body<'a> {
    sms_sdk_app_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sign_name: Option<&'a str>,
    template_id: &'a str,
    template_param_set: &'a [String],
    phone_number_set: [&'a str; 1],
}

pub fn body(config: &Config, plan: &Plan<'_>) -> String {
    let body = Body {
        sms_sdk_app_id: &config.sdk_app_id,
        sign_name: plan.sign_name,
        template_id: plan.template_id,
        template_param_set: &plan.params,
        phone_number_set: [plan.phone_e164],
    };
    // Serialising plain strings into JSON cannot fail.
    serde_json::to_string(&body).unwrap_or_default()
}

/// Builds and signs the request; `timestamp` is whole seconds since the epoch.
pub fn build(config: &Config, plan: &Plan<'_>, timestamp: u64) -> Result<HttpRequest, ConnectorError> {
    let default_endpoint = Endpoint::default();
    api_call::signed(
        &config.access_key_id,
        config.access_key_secret.as_str(),
        plan.endpoint.unwrap_or(&default_endpoint),
        plan.region,
        ACTION,
        body(config, plan),
        timestamp,
        config.timeout_ms,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config;
    use serde_json::json;

    fn golden_config() -> Config {
        config::parse(&json!({
            "accessKeyId": "AKIDEXAMPLE",
            "accessKeySecret": "SECRETKEY",
            "signName": "Logto",
            "sdkAppId": "1400000000",
            "region": "ap-guangzhou",
            "templates": [{ "usageType": "Generic", "templateCode": "123456" }]
        }))
        .expect("valid")
    }

    fn plan(phone: &str) -> Plan<'_> {
        Plan {
            template_id: "123456",
            sign_name: Some("Logto"),
            params: vec!["123456".into()],
            phone_e164: phone,
            region: "ap-guangzhou",
            endpoint: None,
        }
    }

    #[test]
    fn reproduces_the_official_connectors_golden_request() {
        // The official connector 1.4.4's own request for these inputs, observed from the published
        // package (vector official-connector-golden in tests/vectors/tc3.json): same bytes, same
        // signature.
        let req = build(&golden_config(), &plan("8613012345678"), 1_700_000_000).expect("builds");
        assert_eq!(
            req.body,
            r#"{"SmsSdkAppId":"1400000000","SignName":"Logto","TemplateId":"123456","TemplateParamSet":["123456"],"PhoneNumberSet":["8613012345678"]}"#
        );
        assert_eq!(
            Some(req.authorization.expose().as_str()),
            Some("TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/sms/tc3_request, SignedHeaders=content-type;host, Signature=f3bf1e140693893096bb8e1dba02f3ba0b0724789a0e9c09baab0aca5caf860c")
        );
        assert_eq!(req.header("X-TC-Action"), Some("SendSms"));
        assert_eq!(req.header("X-TC-Version"), Some("2021-01-11"));
        assert_eq!(req.header("X-TC-Region"), Some("ap-guangzhou"));
        assert_eq!(req.header("X-TC-Timestamp"), Some("1700000000"));
        assert_eq!(req.header("Host"), Some("sms.tencentcloudapi.com"));
        assert_eq!(req.url, "https://sms.tencentcloudapi.com/");
    }

    #[test]
    fn signs_the_endpoint_host_with_its_port() {
        let endpoint = Endpoint::parse("http://127.0.0.1:8787").ok();
        let p = Plan { endpoint: endpoint.as_ref(), region: "ap-singapore", ..plan("+8613012345678") };
        let req = build(&golden_config(), &p, 1_700_000_000).expect("builds");
        assert_eq!(req.header("X-TC-Region"), Some("ap-singapore"));
        assert_eq!(req.url, "http://127.0.0.1:8787/");
        assert_eq!(req.header("Host"), Some("127.0.0.1:8787"));
    }

    #[test]
    fn omits_sign_name_when_none_and_keeps_unicode_raw() {
        let config = golden_config();
        let p = Plan { sign_name: None, params: vec!["验证".into()], ..plan("+85291234567") };
        assert_eq!(
            body(&config, &p),
            r#"{"SmsSdkAppId":"1400000000","TemplateId":"123456","TemplateParamSet":["验证"],"PhoneNumberSet":["+85291234567"]}"#
        );
    }
}
