//! The wasm boundary: the only file that knows about JS.
//!
//! Config and message data cross as JSON text: the shim hands over `JSON.stringify(value)` (or
//! nothing, when the value cannot be serialised: a cycle, a BigInt, a throwing getter) and
//! parses what comes back. One string each way is several times cheaper than walking JS objects
//! field by field from wasm, and serde_json's bounded parser turns any text into a value or an
//! error, never a trap (the README's design notes have the figures against serde-wasm-bindgen).
//! Results are `{"ok":true,"value":…}` or `{"ok":false,"error":{code,errorDescription,…}}`.
//! Two exceptions: `signTc3`, the hot path, takes plain arguments and answers one string; and
//! `sendSms` is lent the host's `fetch`: `JsHost` is the core's `Host` over JS (fetch, timers,
//! clock, randomness), and reads each `Response` with web-sys. Every decision (what to send,
//! when to retry, how long to wait, what an answer or a failure means) is made in the core.

// No input may trap the module: production code has no unwrap, expect or panic.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
// A failed send is rare and ends the call; boxing every error would buy nothing measurable.
#![allow(clippy::result_large_err)]

pub(crate) mod api_call;
pub(crate) mod calling_codes;
pub(crate) mod check;
pub(crate) mod config;
pub(crate) mod config_cache;
pub(crate) mod country_policy;
pub(crate) mod destination;
pub(crate) mod endpoint;
pub mod error;
pub(crate) mod fields;
pub(crate) mod flow;
#[cfg(test)]
mod generators;
pub(crate) mod host;
pub(crate) mod http;
pub(crate) mod json_text;
pub(crate) mod live;
pub(crate) mod phone;
pub mod prepare;
pub(crate) mod request;
pub mod response;
pub(crate) mod retry;
pub mod secret;
pub(crate) mod send;
pub mod tc3;
pub(crate) mod template;
pub mod tencent_codes;
pub(crate) mod utc_date;

use js_sys::{Promise, Reflect, Uint8Array};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::error::ConnectorError;
use crate::http::{Exchange, HttpRequest};

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
    outcome(prepare::validate(&value(config_json)))
}

/// What `check` finds in a stored config: `{ errors, warnings }`, each a list of issues.
#[wasm_bindgen(js_name = checkConfig)]
pub fn check_config(config_json: Option<String>) -> String {
    outcome(Ok::<_, ConnectorError>(check::check(&value(config_json))))
}

/// The connector's metadata as JSON text: Logto's card for the official connector, whose place
/// this one takes, and the config form, which a test writes from the config's field table.
#[wasm_bindgen]
pub fn metadata() -> String {
    include_str!("metadata.json").to_owned()
}

/// The headers as fetch takes them, `Authorization` included: the one place the secret value
/// leaves its type, to go to the host's fetch (or to `prepareSend`'s caller, who asked for it).
struct Headers<'a>(&'a HttpRequest);

impl Serialize for Headers<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.headers.len() + 1))?;
        for (name, value) in &self.0.headers {
            map.serialize_entry(name, value)?;
        }
        map.serialize_entry("Authorization", self.0.authorization.expose())?;
        map.end()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RequestOut<'a> {
    url: &'a str,
    method: &'static str,
    headers: Headers<'a>,
    body: &'a str,
    timeout_ms: u32,
}

#[derive(Serialize)]
struct PreparedOut<'a> {
    request: RequestOut<'a>,
    #[serde(flatten)]
    prepared: &'a prepare::Prepared,
}

/// Everything before the network: the signed request that `sendSms` would send.
#[wasm_bindgen(js_name = prepareSend)]
pub fn prepare_send(config_json: Option<String>, data_json: Option<String>, now_ms: f64) -> String {
    let prepared = match prepare::prepare_json(config_json.as_deref(), data_json.as_deref(), now_ms) {
        Ok((prepared, _)) => prepared,
        Err(error) => return outcome::<()>(Err(error)),
    };
    let request = &prepared.request;
    outcome::<PreparedOut<'_>>(Ok(PreparedOut {
        request: RequestOut {
            url: &request.url,
            method: http::METHOD,
            headers: Headers(request),
            body: &request.body,
            timeout_ms: request.timeout_ms,
        },
        prepared: &prepared,
    }))
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A rejected fetch or body read, as the strings `http::failure` reads.
fn failure(error: &JsValue, timeout_ms: u32) -> Exchange {
    let name = error.dyn_ref::<web_sys::DomException>().map(web_sys::DomException::name);
    let cause = get(error, "cause");
    http::failure(
        name.as_deref(),
        get(&cause, "code").as_string(),
        get(&cause, "message").as_string(),
        get(error, "message").as_string(),
        timeout_ms,
    )
}

/// The body in one piece where `http::read_whole` allows, else chunk by chunk while it fits
/// (`http::body_fits`): past the cap the stream is cancelled so the rest is never read. A read
/// fails when the signal aborts (the deadline) or the socket breaks.
async fn read_body(response: &web_sys::Response) -> Result<(Vec<u8>, bool), JsValue> {
    let headers = response.headers();
    let length = headers.get("content-length").ok().flatten();
    let encoding = headers.get("content-encoding").ok().flatten();
    if http::read_whole(length.as_deref(), encoding.as_deref()) {
        let buffer = JsFuture::from(response.array_buffer()?).await?;
        return Ok((Uint8Array::new(&buffer).to_vec(), false));
    }
    let Some(stream) = response.body() else { return Ok((Vec::new(), false)) };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::new();
    while let Some(bytes) = next_chunk(&reader).await? {
        if !http::body_fits(body.len(), bytes.len()) {
            let _ = reader.cancel();
            return Ok((Vec::new(), true));
        }
        body.extend_from_slice(&bytes);
    }
    Ok((body, false))
}

async fn next_chunk(reader: &web_sys::ReadableStreamDefaultReader) -> Result<Option<Vec<u8>>, JsValue> {
    let chunk = JsFuture::from(reader.read()).await?;
    if get(&chunk, "done").as_bool().unwrap_or(true) {
        return Ok(None);
    }
    Ok(Some(get(&chunk, "value").dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default()))
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;

    /// The shim's transport as a function of five plain arguments: the strings cross as
    /// arguments, without a JS array of them or a `JsValue` each.
    #[wasm_bindgen(extends = js_sys::Function)]
    type Transport;
    #[wasm_bindgen(method, catch, js_name = call)]
    fn lend(
        this: &Transport,
        context: &JsValue,
        url: &str,
        method: &str,
        headers: &str,
        body: &str,
        timeout_ms: u32,
    ) -> Result<JsValue, JsValue>;
}

/// The core's host over JS. `fetch` is lent by the shim:
/// `(url, method, headersJson, body, timeoutMs) => [Promise<Response>, done]`, where `done`
/// clears the exchange's deadline once the body has been read.
struct JsHost {
    fetch: js_sys::Function,
}

impl JsHost {
    async fn fetched(&self, request: &HttpRequest, answer: Result<JsValue, JsValue>) -> Exchange {
        let response = match answer.map(|r| r.dyn_into::<web_sys::Response>()) {
            Ok(Ok(response)) => response,
            Ok(Err(_)) => return Exchange::Network { reason: http::NOT_A_RESPONSE.into() },
            Err(error) => return failure(&error, request.timeout_ms),
        };
        match read_body(&response).await {
            Ok((body, truncated)) => Exchange::Response { status: response.status(), body, truncated },
            Err(error) => failure(&error, request.timeout_ms),
        }
    }
}

impl host::Host for JsHost {
    async fn exchange(&self, request: &HttpRequest) -> Exchange {
        let headers = serde_json::to_string(&Headers(request)).unwrap_or_default();
        let transport: &Transport = self.fetch.unchecked_ref();
        let lent = match transport.lend(
            &JsValue::NULL,
            &request.url,
            http::METHOD,
            &headers,
            &request.body,
            request.timeout_ms,
        ) {
            Ok(lent) => lent.dyn_into::<js_sys::Array>().unwrap_or_default(),
            Err(error) => return failure(&error, request.timeout_ms),
        };
        let answer = JsFuture::from(Promise::resolve(&lent.get(0))).await;
        let exchange = self.fetched(request, answer).await;
        if let Some(done) = lent.get(1).dyn_ref::<js_sys::Function>() {
            let _ = done.call0(&JsValue::NULL);
        }
        exchange
    }

    async fn sleep(&self, ms: f64) {
        let wake = Promise::new(&mut |resolve, _| {
            set_timeout(&resolve, ms);
        });
        let _ = JsFuture::from(wake).await;
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    /// The host's crypto.getRandomValues, through getrandom; the middle if it has none.
    fn random(&self) -> f64 {
        let mut bytes = [0u8; 4];
        match getrandom::getrandom(&mut bytes) {
            Ok(()) => f64::from(u32::from_le_bytes(bytes)) / 4_294_967_296.0,
            Err(_) => 0.5,
        }
    }
}

/// One `sendMessage` (`send::send`), with the host's `fetch` as the only I/O.
#[wasm_bindgen(js_name = sendSms)]
pub async fn send_sms(
    config_json: Option<String>,
    data_json: Option<String>,
    fetch: js_sys::Function,
) -> String {
    outcome(send::send(&JsHost { fetch }, config_json.as_deref(), data_json.as_deref()).await)
}

/// TC3-HMAC-SHA256 for any Tencent Cloud API 3.0 POST request (`tc3::options`). Plain
/// arguments, each `None` where the caller's value was not of the right type. Strings arrive as
/// UTF-8 the way `fetch` would send them (a lone surrogate as U+FFFD). Throws the reason, never
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
    let content_type = match content_type.is_undefined() || content_type.is_null() {
        true => None,
        false => Some(content_type.as_string()),
    };
    tc3::options::sign_options(&tc3::options::Options {
        secret_id,
        secret_key,
        service,
        host,
        content_type,
        timestamp,
        payload_text,
        payload_bytes,
        signed_headers_json,
    })
}

/// `check --live` (`live::flow::check_live`): `check`, then what the Tencent account answers
/// to the reads the config needs: `{ report, text, exitCode }`. `read_key_json` is a separate
/// read-only key (`{ secretId, secretKey }`), or nothing for the config's own.
#[wasm_bindgen(js_name = checkLive)]
pub async fn check_live(
    config_json: Option<String>,
    read_key_json: Option<String>,
    fetch: js_sys::Function,
) -> String {
    let key = live::flow::ReadKey::from_value(&value(read_key_json));
    outcome(Ok::<_, ConnectorError>(
        live::flow::check_live(&JsHost { fetch }, &value(config_json), key).await,
    ))
}

/// `send --wait-delivery` (`live::flow::wait_for_receipt`): this send's delivery receipt,
/// polled for up to `wait_s` seconds: `{ outcome, …, text, exitCode }`.
#[wasm_bindgen(js_name = waitDelivery)]
pub async fn wait_delivery(
    config_json: Option<String>,
    read_key_json: Option<String>,
    to: Option<String>,
    serial_no: Option<String>,
    sent_ms: f64,
    wait_s: f64,
    fetch: js_sys::Function,
) -> String {
    let key = live::flow::ReadKey::from_value(&value(read_key_json));
    let (to, serial_no) = (to.unwrap_or_default(), serial_no.unwrap_or_default());
    let host = JsHost { fetch };
    outcome(
        live::flow::wait_for_receipt(&host, &value(config_json), key, &to, &serial_no, sent_ms, wait_s).await,
    )
}
