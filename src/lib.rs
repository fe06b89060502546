//! The wasm boundary: the only file that knows about JS.
//!
//! Config and message data cross as JSON text: the shim hands over `JSON.stringify(value)` (or
//! nothing, when the value cannot be serialised: a cycle, a BigInt, a throwing getter) and
//! parses what comes back. One string each way is several times cheaper than walking JS objects
//! field by field from wasm, and serde_json's bounded parser turns any text into a value or an
//! error, never a trap (the README's design notes have the figures against serde-wasm-bindgen).
//! Results are `{"ok":true,"value":…}` or `{"ok":false,"error":{code,errorDescription,…}}`.
//! Two exceptions: `signTc3`, the hot path, takes plain arguments and answers one string; and
//! `sendSms` is lent the host's `fetch`, whose `Response` it reads here with web-sys.

// No input may trap the module: production code has no unwrap, expect or panic.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
// A failed send is rare and ends the call; boxing every error would buy nothing measurable.
#![allow(clippy::result_large_err)]

pub(crate) mod calling_codes;
pub(crate) mod check;
pub mod config;
pub(crate) mod config_cache;
pub(crate) mod country_policy;
pub mod destination;
pub mod endpoint;
pub mod error;
pub(crate) mod fields;
pub(crate) mod json_text;
pub mod live;
pub mod phone;
pub mod prepare;
pub(crate) mod request;
pub mod response;
pub(crate) mod retry;
pub mod secret;
pub mod tc3;
pub mod template;
pub mod tencent_codes;
pub(crate) mod utc_date;

use js_sys::{Promise, Reflect, Uint8Array};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::error::ConnectorError;
use crate::prepare::{parse_message, prepare, timestamp_from_ms, validate};
use crate::response::Exchange;
use crate::secret::Secret;

/// The value behind the shim's JSON text; `Null` when there is none or it does not parse, which
/// every reader reports as the wrong type.
fn value(json: Option<String>) -> Value {
    json.map_or(Value::Null, |text| json_text::parse(&text))
}

#[derive(Serialize)]
#[serde(untagged)]
enum Outcome<T: Serialize> {
    Done { ok: bool, value: T },
    Failed { ok: bool, error: ConnectorError },
}

fn outcome<T: Serialize>(result: Result<T, ConnectorError>) -> String {
    let out = match result {
        Ok(value) => Outcome::Done { ok: true, value },
        Err(error) => Outcome::Failed { ok: false, error },
    };
    serde_json::to_string(&out).unwrap_or_else(|_| {
        r#"{"ok":false,"error":{"code":"general","errorDescription":"internal serialisation failure"}}"#
            .into()
    })
}

/// Validates a config: the normalised config, or every issue with its path.
#[wasm_bindgen(js_name = validateConfig)]
pub fn validate_config(config_json: Option<String>) -> String {
    outcome(validate(&value(config_json)))
}

/// What `check` finds in a stored config: `{ errors, warnings }`, each a list of issues.
#[wasm_bindgen(js_name = checkConfig)]
pub fn check_config(config_json: Option<String>) -> String {
    outcome(Ok::<_, ConnectorError>(check::check(&value(config_json))))
}

/// The connector's metadata as JSON text (`formItems` mirror `config.rs`).
#[wasm_bindgen]
pub fn metadata() -> String {
    include_str!("metadata.json").to_owned()
}

/// The signed request, and how many retries the config allows.
fn prepare_from(
    config_json: Option<String>,
    data_json: Option<String>,
    now_ms: f64,
) -> Result<(prepare::Prepared, u32), ConnectorError> {
    let config = match config_json {
        Some(text) => config_cache::parse_text(&text).map_err(ConnectorError::invalid_config)?,
        None => validate(&Value::Null)?.into(),
    };
    let message = parse_message(&value(data_json))?;
    Ok((prepare(&config, &message, timestamp_from_ms(now_ms)?)?, config.max_retries))
}

/// Everything before the network: the signed request that `sendSms` would send.
#[wasm_bindgen(js_name = prepareSend)]
pub fn prepare_send(config_json: Option<String>, data_json: Option<String>, now_ms: f64) -> String {
    outcome(prepare_from(config_json, data_json, now_ms).map(|(prepared, _)| prepared))
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// What a rejected fetch, or a failed body read, means. `AbortSignal.timeout` rejects with a
/// `DOMException` named `TimeoutError`; Node's fetch (undici) with a `TypeError` whose `cause`
/// carries the system's code (`ECONNREFUSED`, `ENOTFOUND`, a TLS code…).
fn failure(error: &JsValue, timeout_ms: u32) -> Exchange {
    if let Some(dom) = error.dyn_ref::<web_sys::DomException>() {
        if dom.name() == "TimeoutError" {
            return Exchange::Timeout { after_ms: timeout_ms };
        }
    }
    let cause = get(error, "cause");
    // Node's TLS socket says when it closed before the handshake finished: nothing was written.
    let message = get(&cause, "message").as_string().unwrap_or_default();
    if message.contains("before secure TLS connection was established") {
        return Exchange::Network { reason: response::HANDSHAKE_CLOSED.into() };
    }
    let reason = [get(&cause, "code"), get(&cause, "message"), get(error, "message")]
        .iter()
        .find_map(JsValue::as_string)
        .unwrap_or_else(|| "network error".into());
    Exchange::Network { reason }
}

/// The body, read chunk by chunk while it fits (`response::body_fits`); past the cap the stream
/// is cancelled so the rest is never read. A read fails when the signal aborts (the deadline) or the socket breaks.
async fn read_capped(response: &web_sys::Response) -> Result<(Vec<u8>, bool), JsValue> {
    let Some(stream) = response.body() else { return Ok((Vec::new(), false)) };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if get(&chunk, "done").as_bool().unwrap_or(true) {
            return Ok((body, false));
        }
        let bytes = get(&chunk, "value").dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
        if !response::body_fits(body.len(), bytes.len()) {
            let _ = reader.cancel();
            return Ok((Vec::new(), true));
        }
        body.extend_from_slice(&bytes);
    }
}

/// One exchange through the host's fetch, as the shim lends it:
/// `(url, method, headers, body, timeoutMs) => Promise<Response>`.
async fn exchange(fetch: &js_sys::Function, request: &request::HttpRequest) -> Exchange {
    // A plain object, as a fetch call in JS would write it (and any code wrapping fetch reads it).
    let headers = js_sys::Object::new();
    for (name, value) in &request.headers {
        let _ = Reflect::set(&headers, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    let args = js_sys::Array::of5(
        &JsValue::from_str(&request.url),
        &JsValue::from_str(request.method),
        &headers,
        &JsValue::from_str(&request.body),
        &JsValue::from_f64(f64::from(request.timeout_ms)),
    );
    let answer = match fetch.apply(&JsValue::NULL, &args) {
        Ok(promise) => JsFuture::from(Promise::resolve(&promise)).await,
        Err(error) => Err(error),
    };
    let response = match answer.map(|r| r.dyn_into::<web_sys::Response>()) {
        Ok(Ok(response)) => response,
        Ok(Err(_)) => {
            return Exchange::Network { reason: "fetch resolved to something that is not a Response".into() }
        }
        Err(error) => return failure(&error, request.timeout_ms),
    };
    match read_capped(&response).await {
        Ok((body, truncated)) => Exchange::Response { status: response.status(), body, truncated },
        Err(error) => failure(&error, request.timeout_ms),
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
    destination: destination::Destination,
    attempts: u32,
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
}

async fn sleep(ms: f64) {
    let wake = Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms);
    });
    let _ = JsFuture::from(wake).await;
}

/// A uniform draw from [0, 1) for retry jitter; the middle if the host has no randomness.
fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    match getrandom::getrandom(&mut bytes) {
        Ok(()) => f64::from(u32::from_le_bytes(bytes)) / 4_294_967_296.0,
        Err(_) => 0.5,
    }
}

/// Validate → plan → sign → `await fetch(…)` → read → classify, trying again only after a
/// failure that proves Tencent did not process the request (`retry`), within one deadline for
/// the whole send. `transport` is the host's fetch, the only I/O.
#[wasm_bindgen(js_name = sendSms)]
pub async fn send_sms(
    config_json: Option<String>,
    data_json: Option<String>,
    now_ms: f64,
    transport: js_sys::Function,
) -> String {
    let (prepared, max_retries) = match prepare_from(config_json, data_json, now_ms) {
        Ok(p) => p,
        Err(e) => return outcome::<Sent>(Err(e)),
    };
    let mut request = prepared.request;
    let deadline = now_ms + f64::from(request.timeout_ms);
    let mut retries = 0;
    let finished = loop {
        let done = exchange(&transport, &request).await;
        let remaining = deadline - js_sys::Date::now();
        match retry::next_delay(retries, max_retries, remaining, jitter()) {
            Some(delay) if response::unprocessed(&done) => {
                sleep(delay).await;
                retries += 1;
                // The next try gets what is left of the send's deadline, not a fresh one.
                request.timeout_ms = (deadline - js_sys::Date::now()).max(1.0) as u32;
            }
            _ => break done,
        }
    };
    let attempts = retries + 1;
    let result = response::classify(&finished).map_err(|mut e| {
        if attempts > 1 {
            e.error_description
                .push_str(&format!(" (after {attempts} attempts, each refused before Tencent processed it)"));
        }
        e
    });
    outcome(result.map(|delivered| Sent {
        delivered,
        template_id: prepared.template_id,
        usage_type: prepared.usage_type,
        to: prepared.to_masked,
        destination: prepared.destination,
        attempts,
    }))
}

fn signed_headers(json: Option<String>) -> Result<Vec<(String, String)>, &'static str> {
    match json.map(|text| json_text::parse(&text)) {
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

/// TC3-HMAC-SHA256 for any Tencent Cloud API 3.0 POST request. Plain arguments, each `None`
/// where the caller's value was not of the right type; the payload is text or bytes. Strings
/// arrive as UTF-8 the way `fetch` would send them (a lone surrogate as U+FFFD). Signing is the
/// hot path, so the answer is one string, NUL-separated (no field can hold a NUL):
/// authorization, signature, date, canonical request, string to sign. Throws the reason, never
/// holding the key, when the inputs cannot be signed.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = signTc3)]
pub fn sign_tc3(
    secret_id: Option<String>,
    secret_key: Option<String>,
    service: Option<String>,
    host: Option<String>,
    content_type: JsValue,
    timestamp: f64,
    payload_text: Option<String>,
    payload_bytes: Option<Vec<u8>>,
    signed_headers_json: Option<String>,
) -> Result<String, String> {
    fn need<'a>(v: &'a Option<String>, key: &str) -> Result<&'a str, String> {
        v.as_deref().ok_or_else(|| format!("{key} must be a string"))
    }
    let content_type = match content_type.is_undefined() || content_type.is_null() {
        true => tc3::DEFAULT_CONTENT_TYPE.to_owned(),
        false => content_type.as_string().ok_or("contentType must be a string")?,
    };
    let payload: &[u8] = match (&payload_bytes, &payload_text) {
        (Some(bytes), _) => bytes,
        (None, Some(text)) => text.as_bytes(),
        _ => return Err("payload must be a string or a Uint8Array".into()),
    };
    if !(timestamp.fract() == 0.0 && (0.0..=utc_date::MAX_TIMESTAMP as f64).contains(&timestamp)) {
        return Err("timestamp must be whole seconds between 0 and 253402300799".into());
    }
    let extra = signed_headers(signed_headers_json)?;
    tc3::sign(&tc3::SignInput {
        secret_id: need(&secret_id, "secretId")?,
        secret_key: Secret::new(need(&secret_key, "secretKey")?),
        service: need(&service, "service")?,
        host: need(&host, "host")?,
        content_type: &content_type,
        timestamp: timestamp as u64,
        payload,
        extra_headers: &extra,
    })
    .map(|s| [s.authorization, s.signature, s.date, s.canonical_request, s.string_to_sign].join("\0"))
    .map_err(|e| e.0)
}
