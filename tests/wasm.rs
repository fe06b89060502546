//! The wasm surface as the shim sees it, run in Node by `wasm-pack test --node`: JSON text in,
//! JSON text out, and `sendSms` awaiting a JS transport.
#![cfg(target_arch = "wasm32")]

use connector_tencent_sms_wasm::{check_config, prepare_send, send_sms, sign_tc3, validate_config};
use js_sys::{Function, Uint8Array};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn parsed(text: String) -> Value {
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

const CONFIG: &str = r#"{"accessKeyId":"AKIDEXAMPLE","accessKeySecret":"SECRETKEY","signName":"Logto",
  "sdkAppId":"1400000000","region":"ap-guangzhou","templates":[{"usageType":"Generic","templateCode":"123456"}]}"#;
const DATA: &str = r#"{"to":"8613012345678","type":"SignIn","payload":{"code":"123456","locale":"zh-CN"}}"#;

fn text(s: &str) -> Option<String> {
    Some(s.to_owned())
}

#[wasm_bindgen_test]
fn validate_config_returns_a_boolean_ok_and_normalised_config() {
    let r = parsed(validate_config(text(CONFIG)));
    assert_eq!(r["ok"], Value::Bool(true));
    assert_eq!(r["value"]["timeoutMs"], 10_000);
}

#[wasm_bindgen_test]
fn unreadable_or_hostile_text_gets_issues_not_traps() {
    let deep = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
    let long = format!("{{\"signName\":\"{}\"}}", "x".repeat(1 << 20));
    for input in [None, text(""), text("null"), text("{"), text(&deep), text(&long), text("\"\\ud800\"")] {
        let r = parsed(validate_config(input));
        assert_eq!(r["ok"], Value::Bool(false));
        assert_eq!(r["error"]["code"], "invalid_config");
    }
    assert_eq!(parsed(validate_config(text(CONFIG)))["ok"], Value::Bool(true), "still usable afterwards");
}

#[wasm_bindgen_test]
fn sign_tc3_reproduces_the_documentation_example_from_text_and_from_bytes() {
    let payload = r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
    let sign = |text: Option<String>, bytes: Option<Vec<u8>>| {
        sign_tc3(
            self::text("AKID********************************"),
            self::text("********************************"),
            self::text("cvm"),
            self::text("cvm.tencentcloudapi.com"),
            JsValue::UNDEFINED,
            1551113065.0,
            text,
            bytes,
            self::text(r#"{"X-TC-Action":"DescribeInstances"}"#),
        )
    };
    let expected = "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f";
    let signature =
        |signed: Result<String, String>| signed.ok().and_then(|s| s.split('\0').nth(1).map(str::to_owned));
    assert_eq!(signature(sign(text(payload), None)).as_deref(), Some(expected));
    let bytes = Uint8Array::from(payload.as_bytes()).to_vec();
    assert_eq!(signature(sign(None, Some(bytes))).as_deref(), Some(expected));
    let refused = sign(None, None).err().unwrap_or_default();
    assert_eq!(refused, "payload must be a string or a Uint8Array");
}

#[wasm_bindgen_test]
fn lone_surrogates_in_json_text_read_as_the_replacement_character() {
    let config = CONFIG.replace(r#""signName":"Logto""#, r#""signName":"Logto\ud83d""#);
    let r = parsed(validate_config(text(&config)));
    assert_eq!(r["ok"], Value::Bool(true), "{r}");
    assert_eq!(r["value"]["signName"], "Logto\u{fffd}");
}

#[wasm_bindgen_test]
fn check_config_reports_errors_and_warnings() {
    let r = parsed(check_config(text(&CONFIG.replace("AKIDEXAMPLE", "EXAMPLE"))));
    assert_eq!(r["value"]["errors"], serde_json::json!([]));
    assert_eq!(r["value"]["warnings"][0]["path"], serde_json::json!(["accessKeyId"]));
    let r = parsed(check_config(None));
    assert_eq!(r["value"]["errors"][0]["message"], "config must be an object");
}

#[wasm_bindgen_test]
fn prepare_send_signs_with_the_clock_it_is_given() {
    let r = parsed(prepare_send(text(CONFIG), text(DATA), 1_700_000_000_000.0));
    assert_eq!(r["value"]["request"]["headers"]["X-TC-Timestamp"], "1700000000");
    let body = r["value"]["request"]["body"].as_str().unwrap_or_default().to_owned();
    assert!(body.contains(r#""TemplateParamSet":["123456"]"#) && body.contains("+8613012345678"));
}

#[wasm_bindgen_test]
fn whole_json_numbers_read_as_integers() {
    let data = text(r#"{"to":8613012345678,"type":"SignIn","payload":{"code":123456}}"#);
    let r = parsed(prepare_send(text(CONFIG), data, 1_700_000_000_000.0));
    let body = r["value"]["request"]["body"].as_str().unwrap_or_default().to_owned();
    assert!(body.contains(r#""TemplateParamSet":["123456"]"#), "{body}");
    assert!(body.contains(r#""PhoneNumberSet":["+8613012345678"]"#), "{body}");
}

#[wasm_bindgen_test]
async fn send_sms_reads_the_response_the_host_fetch_resolves_to() {
    // The shim's shape: the fetch promise, and `done`, which counts here how often it is called.
    let fetch = |body: &str| {
        Function::new_with_args(
            "url, method, headers, body, timeoutMs",
            &format!("globalThis.lent = (globalThis.lent ?? 0) + 1; const f = async () => {{ {body} }}; return [f(), () => {{ globalThis.done = (globalThis.done ?? 0) + 1; }}];"),
        )
    };
    let ok = fetch(
        r#"if (url !== 'https://sms.tencentcloudapi.com/' || method !== 'POST') throw new Error('url');
           if (new Headers(JSON.parse(headers)).get('x-tc-action') !== 'SendSms' || !(timeoutMs > 0)) throw new Error('headers');
           return Promise.resolve(new Response('{"Response":{"SendStatusSet":[{"Code":"Ok","Fee":1}],"RequestId":"r1"}}'));"#,
    );
    let r = parsed(send_sms(text(CONFIG), text(DATA), ok).await);
    assert_eq!(r["ok"], Value::Bool(true), "{r}");
    assert_eq!(r["value"]["requestId"], "r1");

    let limited = fetch(
        r#"return new Response('{"Response":{"Error":{"Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"x"},"RequestId":"r2"}}');"#,
    );
    let r = parsed(send_sms(text(CONFIG), text(DATA), limited).await);
    assert_eq!(r["error"]["code"], "rate_limit_exceeded");
    assert_eq!(r["error"]["RequestId"], "r2");

    let capped = fetch(r#"return new Response(new Uint8Array(65537));"#);
    let r = parsed(send_sms(text(CONFIG), text(DATA), capped).await);
    assert_eq!(r["error"]["code"], "invalid_response");

    let timeout = fetch(r#"return Promise.reject(new DOMException('late', 'TimeoutError'));"#);
    let r = parsed(send_sms(text(CONFIG), text(DATA), timeout).await);
    assert!(r["error"]["errorDescription"]
        .as_str()
        .unwrap_or_default()
        .contains("did not answer within 10000 ms"));

    let refused = fetch(
        r#"return Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'EHOSTDOWN' }) }));"#,
    );
    let r = parsed(send_sms(text(CONFIG), text(DATA), refused).await);
    assert!(
        r["error"]["errorDescription"]
            .as_str()
            .unwrap_or_default()
            .contains("(EHOSTDOWN); the SMS was not sent"),
        "{r}"
    );

    for broken in ["throw new Error('transport bug')", "return Promise.reject(new Error('x'))", "return 42"] {
        let r = parsed(send_sms(text(CONFIG), text(DATA), fetch(broken)).await);
        assert_eq!(r["error"]["code"], "general", "{broken}");
    }
    let global = js_sys::global();
    let count =
        |key: &str| js_sys::Reflect::get(&global, &JsValue::from_str(key)).ok().and_then(|v| v.as_f64());
    assert!(
        count("lent").is_some_and(|n| n >= 8.0),
        "the transport was lent for each of the eight sends above"
    );
    assert_eq!(count("done"), count("lent"), "every exchange's deadline is released, whatever its end");

    // A transport that throws, or answers something else than [promise, done], is a failure too.
    for shape in [
        "throw new Error('sync')",
        "return 42",
        "return [42]",
        "return [Promise.resolve(new Response('{}')), 1]",
    ] {
        let odd = Function::new_with_args("url, method, headers, body, timeoutMs", shape);
        let r = parsed(send_sms(text(CONFIG), text(DATA), odd).await);
        assert_eq!(r["ok"], Value::Bool(false), "{shape}");
    }
}
