//! `signTc3`'s options as the shim hands them over (each `None` where the caller's value was
//! not of the right type), checked and signed. The answer is one NUL-separated string, since
//! signing is the hot path: authorization, signature, date, canonical request, string to sign.

use serde_json::Value;

use super::{sign, SignInput, DEFAULT_CONTENT_TYPE, TIMESTAMP_RANGE};
use crate::json_text;
use crate::secret::Secret;
use crate::utc_date::MAX_TIMESTAMP;

/// What the caller passed; `content_type` is `None` when absent, `Some(None)` when not a string.
pub struct Options {
    pub secret_id: Option<String>,
    pub secret_key: Option<String>,
    pub service: Option<String>,
    pub host: Option<String>,
    pub content_type: Option<Option<String>>,
    pub timestamp: f64,
    pub payload_text: Option<String>,
    pub payload_bytes: Option<Vec<u8>>,
    pub signed_headers_json: Option<String>,
}

fn signed_headers(json: Option<&str>) -> Result<Vec<(String, String)>, &'static str> {
    match json.map(json_text::parse) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Object(map)) => map
            .into_iter()
            .map(|(k, v)| match v {
                Value::String(v) => Ok((k, v)),
                _ => Err("signedHeaders values must be strings"),
            })
            .collect(),
        Some(_) => Err("signedHeaders must be an object of header names to values"),
    }
}

fn need<'a>(v: &'a Option<String>, key: &str) -> Result<&'a str, String> {
    v.as_deref().ok_or_else(|| format!("{key} must be a string"))
}

/// The signature, or the reason the options cannot be signed (never holding the key).
pub fn sign_options(o: &Options) -> Result<String, String> {
    let content_type = match &o.content_type {
        None => DEFAULT_CONTENT_TYPE,
        Some(Some(text)) => text.as_str(),
        Some(None) => return Err("contentType must be a string".into()),
    };
    let payload: &[u8] = match (&o.payload_bytes, &o.payload_text) {
        (Some(bytes), _) => bytes,
        (None, Some(text)) => text.as_bytes(),
        _ => return Err("payload must be a string or a Uint8Array".into()),
    };
    if !(o.timestamp.fract() == 0.0 && (0.0..=MAX_TIMESTAMP as f64).contains(&o.timestamp)) {
        return Err(TIMESTAMP_RANGE.into());
    }
    let extra = signed_headers(o.signed_headers_json.as_deref())?;
    sign(&SignInput {
        secret_id: need(&o.secret_id, "secretId")?,
        secret_key: Secret::new(need(&o.secret_key, "secretKey")?),
        service: need(&o.service, "service")?,
        host: need(&o.host, "host")?,
        content_type,
        timestamp: o.timestamp as u64,
        payload,
        extra_headers: &extra,
    })
    .map(|s| [s.authorization, s.signature, s.date, s.canonical_request, s.string_to_sign].join("\0"))
    .map_err(|e| e.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            secret_id: Some("AKIDEXAMPLE".into()),
            secret_key: Some("SECRETKEY".into()),
            service: Some("sms".into()),
            host: Some("sms.tencentcloudapi.com".into()),
            content_type: None,
            timestamp: 1_700_000_000.0,
            payload_text: Some("{}".into()),
            payload_bytes: None,
            signed_headers_json: None,
        }
    }

    #[test]
    fn signs_text_or_bytes_alike_and_answers_five_nul_separated_fields() {
        let text = sign_options(&options()).expect("signs");
        let bytes =
            sign_options(&Options { payload_text: None, payload_bytes: Some(b"{}".to_vec()), ..options() });
        assert_eq!(Ok(text.clone()), bytes);
        let fields: Vec<&str> = text.split('\0').collect();
        assert_eq!(fields.len(), 5);
        assert!(fields[0].starts_with("TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/sms/tc3_request"));
        assert_eq!(fields[2], "2023-11-14");
        let typed = Options { content_type: Some(Some(DEFAULT_CONTENT_TYPE.into())), ..options() };
        assert_eq!(sign_options(&typed), Ok(text));
    }

    #[test]
    fn refuses_wrong_types_and_clocks_naming_the_option_never_the_key() {
        let cases = [
            (Options { secret_id: None, ..options() }, "secretId must be a string"),
            (Options { secret_key: None, ..options() }, "secretKey must be a string"),
            (Options { service: None, ..options() }, "service must be a string"),
            (Options { host: None, ..options() }, "host must be a string"),
            (Options { content_type: Some(None), ..options() }, "contentType must be a string"),
            (Options { payload_text: None, ..options() }, "payload must be a string or a Uint8Array"),
            (Options { timestamp: 1.5, ..options() }, TIMESTAMP_RANGE),
            (Options { timestamp: -1.0, ..options() }, TIMESTAMP_RANGE),
            (Options { timestamp: f64::NAN, ..options() }, TIMESTAMP_RANGE),
            (Options { timestamp: 253_402_300_800.0, ..options() }, TIMESTAMP_RANGE),
            (
                Options { signed_headers_json: Some("[]".into()), ..options() },
                "signedHeaders must be an object of header names to values",
            ),
            (
                Options { signed_headers_json: Some(r#"{"x-a":1}"#.into()), ..options() },
                "signedHeaders values must be strings",
            ),
        ];
        for (o, want) in cases {
            assert_eq!(sign_options(&o), Err(want.to_owned()));
        }
        assert!(sign_options(&Options { timestamp: 253_402_300_799.0, ..options() }).is_ok());
        assert!(sign_options(&Options { signed_headers_json: Some("null".into()), ..options() }).is_ok());
        let extra = Options { signed_headers_json: Some(r#"{"X-TC-Action":"SendSms"}"#.into()), ..options() };
        assert!(sign_options(&extra).is_ok_and(|s| s.contains("SignedHeaders=content-type;host;x-tc-action")));
    }
}
