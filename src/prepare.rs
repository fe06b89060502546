//! One send, start to finish, without I/O: config + Logto's message data + the clock → a
//! signed request; the transport's outcome → delivered or an error.

use serde::Serialize;
use serde_json::Value;

use crate::config::{self, Config};
use crate::destination::Destination;
use crate::error::{ConnectorError, ErrorCode};
use crate::fields::text_or_digits;
use crate::http::HttpRequest;
use crate::phone::Phone;
use crate::request::{self, Plan};
use crate::{config_cache, json_text};

/// The part of Logto's `SendMessageData` that decides anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub to: String,
    pub message_type: String,
    pub code: String,
    pub locale: Option<String>,
}

/// Reads `{ to, type, payload: { code } }`; every other field is ignored on purpose.
pub fn parse_message(data: &Value) -> Result<Message, ConnectorError> {
    use ErrorCode::{InsufficientRequestParameters, InvalidRequestParameters};
    let Value::Object(data) = data else {
        return Err(ConnectorError::new(
            InvalidRequestParameters,
            "sendMessage data must be an object { to, type, payload }",
        ));
    };
    let to = data.get("to").and_then(text_or_digits).ok_or_else(|| {
        ConnectorError::new(InvalidRequestParameters, "data.to must be a phone number string")
    })?;
    let message_type = match data.get("type") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => {
            return Err(ConnectorError::new(
                InvalidRequestParameters,
                "data.type must be a Logto TemplateType such as \"SignIn\"",
            ))
        }
    };
    let payload = data.get("payload");
    let code =
        payload.and_then(|p| p.get("code")).and_then(text_or_digits).filter(|c| !c.is_empty()).ok_or_else(
            || {
                ConnectorError::new(
                    InsufficientRequestParameters,
                    "data.payload.code is required: the verification code to send",
                )
            },
        )?;
    if code.chars().count() > 64 {
        return Err(ConnectorError::new(
            InvalidRequestParameters,
            "data.payload.code is longer than 64 characters",
        ));
    }
    let locale = payload.and_then(|p| p.get("locale")).and_then(Value::as_str).map(str::to_owned);
    Ok(Message { to, message_type, code, locale })
}

/// A signed request ready for the transport, and what it was made from (for logs and demos).
/// The request is not serialised with the rest: its `Authorization` is a secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Prepared {
    #[serde(skip)]
    pub request: HttpRequest,
    pub template_id: String,
    pub usage_type: String,
    pub to_masked: String,
    pub destination: Destination,
}

pub fn validate(raw_config: &Value) -> Result<Config, ConnectorError> {
    config::parse(raw_config).map_err(ConnectorError::invalid_config)
}

/// Phone normalisation, destination policy, template choice, body, signature.
pub fn prepare(config: &Config, message: &Message, timestamp: u64) -> Result<Prepared, ConnectorError> {
    let phone = Phone::parse(&message.to, config.strict_phone_numbers).map_err(|e| {
        ConnectorError::new(ErrorCode::InvalidRequestParameters, format!("Invalid data.to: {e}"))
    })?;
    config.country_policy.check(&phone)?;
    let destination = phone.destination();
    let (chosen, template_id) =
        config.templates.choose(&message.message_type, message.locale.as_deref(), destination)?;
    let route = config.routes.route(destination);
    let plan = Plan {
        template_id,
        sign_name: route.sign_name,
        params: chosen.params_for(&message.code)?,
        phone_e164: phone.e164(),
        region: route.region,
        endpoint: route.endpoint,
    };
    let request = request::build(config, &plan, timestamp)?;
    Ok(Prepared {
        request,
        template_id: template_id.to_owned(),
        usage_type: chosen.usage_type.clone(),
        to_masked: phone.masked(),
        destination,
    })
}

/// A send from the shim's JSON texts (`None`: the value could not be serialised): the config as
/// send time reads it (cached by text), the message, the clock → the signed request, and how
/// many retries the config allows.
pub fn prepare_json(
    config_json: Option<&str>,
    data_json: Option<&str>,
    now_ms: f64,
) -> Result<(Prepared, u32), ConnectorError> {
    let config =
        config_cache::parse_text(config_json.unwrap_or("null")).map_err(ConnectorError::invalid_config)?;
    let message = parse_message(&data_json.map_or(Value::Null, json_text::parse))?;
    Ok((prepare(&config, &message, timestamp_from_ms(now_ms)?)?, config.max_retries))
}

/// Whole seconds from a JS millisecond clock; refuses clocks no signature could use.
pub fn timestamp_from_ms(now_ms: f64) -> Result<u64, ConnectorError> {
    if (0.0..253_402_300_800_000.0).contains(&now_ms) {
        Ok((now_ms / 1000.0).floor() as u64)
    } else {
        Err(ConnectorError::new(ErrorCode::General, "the clock passed to the connector is not a valid time"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config() -> Config {
        validate(&json!({
            "accessKeyId": "AKIDEXAMPLE", "accessKeySecret": "SECRETKEY", "signName": "Logto",
            "sdkAppId": "1400000000", "region": "ap-guangzhou",
            "templates": [{ "usageType": "SignIn", "templateCode": "1001" }, { "usageType": "Generic", "templateCode": "1004" }]
        }))
        .expect("valid")
    }

    fn message(data: Value) -> Message {
        parse_message(&data).expect("valid message")
    }

    #[test]
    fn extra_payload_fields_never_reach_template_param_set() {
        let m = message(json!({
            "to": "8613012345678", "type": "SignIn", "ip": "1.2.3.4",
            "payload": { "code": "123456", "locale": "zh-CN", "uiLocales": "en fr", "n": 5 }
        }));
        let p = prepare(&config(), &m, 1_700_000_000).expect("prepared");
        assert_eq!(
            p.request.body,
            r#"{"SmsSdkAppId":"1400000000","SignName":"Logto","TemplateId":"1001","TemplateParamSet":["123456"],"PhoneNumberSet":["+8613012345678"]}"#
        );
        assert_eq!(p.to_masked, "+86*******5678");
    }

    #[test]
    fn unknown_types_use_the_generic_template() {
        let m = message(json!({ "to": "8613012345678", "type": "BindMfa", "payload": { "code": "1" } }));
        assert_eq!(prepare(&config(), &m, 0).map(|p| p.template_id).ok().as_deref(), Some("1004"));
    }

    fn stored(templates: Value) -> Config {
        let mut raw = serde_json::to_value(config()).expect("serialisable");
        raw["templates"] = templates;
        config::parse_stored(&raw).expect("usable at send time")
    }

    #[test]
    fn a_message_whose_own_entry_is_unusable_falls_back_to_generic() {
        let c = stored(json!([
            { "usageType": "SignIn", "templateCode": "<template-code>" },
            { "usageType": "MfaVerification", "templateCode": "" },
            { "usageType": "Generic", "templateCode": "1004" }
        ]));
        for ty in ["SignIn", "MfaVerification", "Generic"] {
            let m = message(json!({ "to": "8613012345678", "type": ty, "payload": { "code": "1" } }));
            assert_eq!(prepare(&c, &m, 0).map(|p| p.template_id).ok().as_deref(), Some("1004"), "{ty}");
        }
    }

    #[test]
    fn no_usable_template_fails_naming_the_skipped_entries_and_why() {
        let c = stored(json!([
            { "usageType": "SignIn", "templateCode": "1001" },
            { "usageType": "BindMfa", "templateCode": "" },
            { "usageType": "Generic", "templateCode": "<template-code>" }
        ]));
        let m = message(json!({ "to": "8613012345678", "type": "SignIn", "payload": { "code": "1" } }));
        assert_eq!(prepare(&c, &m, 0).map(|p| p.template_id).ok().as_deref(), Some("1001"));
        let m = message(json!({ "to": "8613012345678", "type": "BindMfa", "payload": { "code": "1" } }));
        let err = prepare(&c, &m, 0).expect_err("nothing usable for BindMfa");
        assert_eq!(err.code, ErrorCode::TemplateNotFound);
        let text = err.error_description;
        assert!(text.starts_with("Cannot find template for type: BindMfa"), "{text}");
        assert!(text.contains("templates[1].templateCode: must be a non-empty string"), "{text}");
        assert!(text.contains("templates[2].templateCode: is still the console's placeholder"), "{text}");
    }

    #[test]
    fn bad_phone_numbers_fail_before_any_request() {
        let m = message(json!({ "to": "call me", "type": "SignIn", "payload": { "code": "1" } }));
        let err = prepare(&config(), &m, 0).expect_err("invalid");
        assert_eq!(err.code, ErrorCode::InvalidRequestParameters);
        assert!(!err.error_description.contains("call me"));
    }

    #[test]
    fn the_type_must_be_named_and_the_code_at_most_64_characters() {
        let data =
            |ty: &str, code: &str| json!({ "to": "8613012345678", "type": ty, "payload": { "code": code } });
        assert_eq!(
            parse_message(&data("", "1")).map_err(|e| e.code).err(),
            Some(ErrorCode::InvalidRequestParameters)
        );
        assert!(parse_message(&data("SignIn", &"7".repeat(64))).is_ok());
        let long = parse_message(&data("SignIn", &"7".repeat(65))).expect_err("too long");
        assert_eq!(long.error_description, "data.payload.code is longer than 64 characters");
    }

    #[test]
    fn message_data_is_checked() {
        let cases = [
            (json!(null), ErrorCode::InvalidRequestParameters),
            (json!({ "type": "SignIn", "payload": { "code": "1" } }), ErrorCode::InvalidRequestParameters),
            (
                json!({ "to": "8613012345678", "payload": { "code": "1" } }),
                ErrorCode::InvalidRequestParameters,
            ),
            (
                json!({ "to": "8613012345678", "type": "SignIn", "payload": {} }),
                ErrorCode::InsufficientRequestParameters,
            ),
            (json!({ "to": "8613012345678", "type": "SignIn" }), ErrorCode::InsufficientRequestParameters),
            (
                json!({ "to": "8613012345678", "type": "SignIn", "payload": { "code": " " } }),
                ErrorCode::InsufficientRequestParameters,
            ),
        ];
        for (data, code) in cases {
            assert_eq!(parse_message(&data).map_err(|e| e.code).err(), Some(code), "{data}");
        }
        assert_eq!(
            message(json!({ "to": 8613012345678u64, "type": "SignIn", "payload": { "code": 42 } })).code,
            "42"
        );
    }

    #[test]
    fn converts_the_js_clock_to_whole_seconds() {
        assert_eq!(timestamp_from_ms(1_700_000_000_999.0).ok(), Some(1_700_000_000));
        for bad in [f64::NAN, -1.0, f64::INFINITY, 1e300] {
            assert!(timestamp_from_ms(bad).is_err());
        }
    }
}
