//! The wasm boundary: the only file that knows about JS. Everything crossing it is read with
//! bounds (depth, length, throwing getters and proxies caught) into plain Rust values first, so
//! no input can trap the module; results go back as plain objects.

// No input may trap the module: production code has no unwrap, expect or panic.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
// A failed send is rare and ends the call; boxing every error would buy nothing measurable.
#![allow(clippy::result_large_err)]

pub mod calling_codes;
pub mod config;
pub mod destination;
pub mod endpoint;
pub mod error;
pub mod phone;
pub mod request;
pub mod response;
pub mod send_sms;
pub mod tc3;
pub mod template;
pub mod tencent_codes;
pub mod utc_date;

use js_sys::{Promise, Reflect, Uint8Array};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::error::{ConnectorError, ErrorCode};
use crate::response::Transport;
use crate::send_sms::{parse_message, prepare, timestamp_from_ms, validate};

const MAX_DEPTH: usize = 8;
const MAX_ITEMS: usize = 1024;
const MAX_KEYS: usize = 256;

#[wasm_bindgen]
extern "C" {
    // js-sys's `Array.isArray` does not catch, and a revoked Proxy makes it throw.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(v: &JsValue) -> Result<bool, JsValue>;
}

fn get(target: &JsValue, key: &str) -> JsValue {
    if !target.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A bounded copy of a JS value: deeper, longer or stranger parts become `null` or are cut,
/// which the validators then report as wrong types rather than trapping.
fn to_json(v: &JsValue, depth: usize) -> Value {
    if let Some(s) = v.as_string() {
        return Value::String(s);
    }
    if let Some(n) = v.as_f64() {
        return number(n);
    }
    if let Some(b) = v.as_bool() {
        return Value::Bool(b);
    }
    if depth >= MAX_DEPTH || !v.is_object() {
        return Value::Null;
    }
    match is_array(v) {
        Ok(true) => {
            let len = get(v, "length").as_f64().unwrap_or(0.0).clamp(0.0, (MAX_ITEMS + 1) as f64) as usize;
            let items = (0..len).map(|i| {
                let item = Reflect::get_u32(v, i as u32).unwrap_or(JsValue::UNDEFINED);
                to_json(&item, depth + 1)
            });
            Value::Array(items.collect())
        }
        Ok(false) => {
            let mut map = Map::new();
            let keys = Reflect::own_keys(v).map(|k| k.to_vec()).unwrap_or_default();
            for key in keys.iter().filter_map(JsValue::as_string).take(MAX_KEYS) {
                map.insert(key.clone(), to_json(&get(v, &key), depth + 1));
            }
            Value::Object(map)
        }
        Err(_) => Value::Null,
    }
}

/// JS has one number type: whole numbers become JSON integers, so `8613012345678` reads back as
/// `"8613012345678"`, never `"8613012345678.0"`.
fn number(n: f64) -> Value {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if n.fract() == 0.0 && n.abs() <= SAFE {
        return Value::Number(Number::from(n as i64));
    }
    Number::from_f64(n).map_or(Value::Null, Value::Number)
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}

#[derive(Serialize)]
#[serde(tag = "ok")]
enum Outcome<T: Serialize> {
    #[serde(rename = "true")]
    Done { value: T },
    #[serde(rename = "false")]
    Failed { error: ConnectorError },
}

fn outcome<T: Serialize>(result: Result<T, ConnectorError>) -> JsValue {
    let out = match result {
        Ok(value) => Outcome::Done { value },
        Err(error) => Outcome::Failed { error },
    };
    let js = to_js(&out);
    // serde's internal tag is a string; the shim and users want a real boolean.
    let ok = matches!(out, Outcome::Done { .. });
    let _ = Reflect::set(&js, &JsValue::from_str("ok"), &JsValue::from_bool(ok));
    js
}

/// `{ ok: true, value: normalisedConfig }` or `{ ok: false, error: { code, errorDescription, issues } }`.
#[wasm_bindgen(js_name = validateConfig)]
pub fn validate_config(raw: JsValue) -> JsValue {
    outcome(validate(&to_json(&raw, 0)))
}

/// The connector's metadata as JSON text (`formItems` mirror `config.rs`).
#[wasm_bindgen]
pub fn metadata() -> String {
    include_str!("metadata.json").to_owned()
}

fn prepare_js(config: &JsValue, data: &JsValue, now_ms: f64) -> Result<send_sms::Prepared, ConnectorError> {
    let config = validate(&to_json(config, 0))?;
    let message = parse_message(&to_json(data, 0))?;
    prepare(&config, &message, timestamp_from_ms(now_ms)?)
}

/// Everything before the network: the signed request that `sendSms` would send.
#[wasm_bindgen(js_name = prepareSend)]
pub fn prepare_send(config: JsValue, data: JsValue, now_ms: f64) -> JsValue {
    outcome(prepare_js(&config, &data, now_ms))
}

fn read_transport(v: &JsValue, timeout_ms: u32) -> Transport {
    match get(v, "kind").as_string().as_deref() {
        Some("response") => {
            let status =
                get(v, "status").as_f64().filter(|s| (100.0..=599.0).contains(s)).unwrap_or(0.0) as u16;
            let body = get(v, "body");
            let bytes = match body.dyn_ref::<Uint8Array>() {
                Some(a) => a.to_vec(),
                None => body.as_string().unwrap_or_default().into_bytes(),
            };
            let truncated = get(v, "truncated").as_bool().unwrap_or(false);
            if status == 0 {
                return Transport::Network { reason: "the transport returned no HTTP status".into() };
            }
            Transport::Response { status, body: bytes, truncated }
        }
        Some("timeout") => Transport::Timeout { after_ms: timeout_ms },
        _ => Transport::Network {
            reason: get(v, "reason").as_string().unwrap_or_else(|| "network error".into()),
        },
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Sent {
    #[serde(flatten)]
    delivered: response::Delivered,
    template_id: String,
    usage_type: String,
    to: String,
}

/// Validate → plan → sign → `await transport(request)` → classify. `transport` is the only I/O:
/// it must resolve to `{ kind: 'response', status, body: Uint8Array, truncated }`,
/// `{ kind: 'timeout' }` or `{ kind: 'network', reason }`.
#[wasm_bindgen(js_name = sendSms)]
pub async fn send_sms(config: JsValue, data: JsValue, now_ms: f64, transport: js_sys::Function) -> JsValue {
    let prepared = match prepare_js(&config, &data, now_ms) {
        Ok(p) => p,
        Err(e) => return outcome::<Sent>(Err(e)),
    };
    let timeout_ms = prepared.request.timeout_ms;
    let answer = match transport.call1(&JsValue::NULL, &to_js(&prepared.request)) {
        Ok(ret) => JsFuture::from(Promise::resolve(&ret)).await,
        Err(e) => Err(e),
    };
    let outcome_value = match answer {
        Ok(v) => read_transport(&v, timeout_ms),
        Err(_) => Transport::Network { reason: "the transport failed".into() },
    };
    let result = response::classify(&outcome_value).map(|delivered| Sent {
        delivered,
        template_id: prepared.template_id,
        usage_type: prepared.usage_type,
        to: prepared.to_masked,
    });
    outcome(result)
}

fn sign_js(options: &JsValue) -> Result<tc3::Signed, ConnectorError> {
    let bad = |m: &str| ConnectorError::new(ErrorCode::InvalidRequestParameters, m);
    let o = to_json(options, 0);
    let text = |key: &str| o.get(key).and_then(Value::as_str).map(str::to_owned);
    let payload_js = get(options, "payload");
    let payload = match (payload_js.dyn_ref::<Uint8Array>(), payload_js.as_string()) {
        (Some(bytes), _) => bytes.to_vec(),
        (None, Some(s)) => s.into_bytes(),
        _ => return Err(bad("payload must be a string or a Uint8Array")),
    };
    let timestamp =
        o.get("timestamp")
            .and_then(Value::as_f64)
            .filter(|t| t.fract() == 0.0 && *t >= 0.0 && *t <= utc_date::MAX_TIMESTAMP as f64)
            .ok_or_else(|| bad("timestamp must be whole seconds between 0 and 253402300799"))? as u64;
    let extra: Vec<(String, String)> = match o.get("signedHeaders") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
            .collect::<Option<_>>()
            .ok_or_else(|| bad("signedHeaders values must be strings"))?,
        Some(_) => return Err(bad("signedHeaders must be an object of header names to values")),
    };
    let need = |key: &str| text(key).ok_or_else(|| bad(&format!("{key} must be a string")));
    let (secret_id, secret_key, service, host) =
        (need("secretId")?, need("secretKey")?, need("service")?, need("host")?);
    let content_type = match o.get("contentType") {
        None | Some(Value::Null) => tc3::DEFAULT_CONTENT_TYPE.to_owned(),
        Some(_) => need("contentType")?,
    };
    tc3::sign(&tc3::SignInput {
        secret_id: &secret_id,
        secret_key: &secret_key,
        service: &service,
        host: &host,
        content_type: &content_type,
        timestamp,
        payload: &payload,
        extra_headers: &extra,
    })
    .map_err(|e| bad(&e.0))
}

/// TC3-HMAC-SHA256 for any Tencent Cloud API 3.0 POST request.
#[wasm_bindgen(js_name = signTc3)]
pub fn sign_tc3(options: JsValue) -> JsValue {
    outcome(sign_js(&options))
}
