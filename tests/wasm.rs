//! The wasm surface as JS sees it, run in Node by `wasm-pack test --node`.
#![cfg(target_arch = "wasm32")]

use connector_tencent_sms_wasm::{prepare_send, send_sms, sign_tc3, validate_config};
use js_sys::{Function, Reflect, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or(JsValue::UNDEFINED)
}

fn at(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter()
        .fold(v.clone(), |cur, key| Reflect::get(&cur, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED))
}

const CONFIG: &str = r#"{"accessKeyId":"AKIDEXAMPLE","accessKeySecret":"SECRETKEY","signName":"Logto",
  "sdkAppId":"1400000000","region":"ap-guangzhou","templates":[{"usageType":"Generic","templateCode":"123456"}]}"#;
const DATA: &str = r#"{"to":"8613012345678","type":"SignIn","payload":{"code":"123456","locale":"zh-CN"}}"#;

#[wasm_bindgen_test]
fn validate_config_returns_a_boolean_ok_and_normalised_config() {
    let r = validate_config(js(CONFIG));
    assert_eq!(at(&r, &["ok"]).as_bool(), Some(true));
    assert_eq!(at(&r, &["value", "timeoutMs"]).as_f64(), Some(10_000.0));
}

#[wasm_bindgen_test]
fn hostile_values_get_issues_not_traps() {
    let deep = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
    let hostile = [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from_f64(f64::NAN),
        js(&deep),
        js(r#"{"__proto__":{"accessKeyId":"x"},"constructor":{"prototype":1}}"#),
        Function::new_no_args("return 1").into(),
        js_sys::eval("(() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()")
            .unwrap_or(JsValue::NULL),
        js_sys::eval("({ get accessKeyId() { throw new Error('boom'); } })").unwrap_or(JsValue::NULL),
    ];
    for value in hostile {
        let r = validate_config(value);
        assert_eq!(at(&r, &["ok"]).as_bool(), Some(false));
        assert_eq!(at(&r, &["error", "code"]).as_string().as_deref(), Some("invalid_config"));
    }
    // Still usable afterwards.
    assert_eq!(at(&validate_config(js(CONFIG)), &["ok"]).as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn sign_tc3_reproduces_the_documentation_example() {
    let options = js(
        r#"{"secretId":"AKID********************************","secretKey":"********************************",
      "service":"cvm","host":"cvm.tencentcloudapi.com","timestamp":1551113065,
      "payload":"{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}",
      "signedHeaders":{"X-TC-Action":"DescribeInstances"}}"#,
    );
    let r = sign_tc3(options);
    assert_eq!(
        at(&r, &["value", "signature"]).as_string().as_deref(),
        Some("10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f")
    );
}

#[wasm_bindgen_test]
fn prepare_send_signs_with_the_clock_it_is_given() {
    let r = prepare_send(js(CONFIG), js(DATA), 1_700_000_000_000.0);
    assert_eq!(
        at(&r, &["value", "request", "headers", "X-TC-Timestamp"]).as_string().as_deref(),
        Some("1700000000")
    );
    let body = at(&r, &["value", "request", "body"]).as_string().unwrap_or_default();
    assert!(body.contains(r#""TemplateParamSet":["123456"]"#) && body.contains("+8613012345678"));
}

#[wasm_bindgen_test]
fn whole_js_numbers_read_as_integers_not_floats() {
    let data = js(r#"{"to":8613012345678,"type":"SignIn","payload":{"code":123456}}"#);
    let body = at(&prepare_send(js(CONFIG), data, 1_700_000_000_000.0), &["value", "request", "body"]);
    let body = body.as_string().unwrap_or_default();
    assert!(body.contains(r#""TemplateParamSet":["123456"]"#), "{body}");
    assert!(body.contains(r#""PhoneNumberSet":["+8613012345678"]"#), "{body}");
}

#[wasm_bindgen_test]
async fn send_sms_classifies_what_the_transport_returns() {
    let ok = Function::new_with_args(
        "req",
        r#"return Promise.resolve({ kind: 'response', status: 200, truncated: false,
             body: new TextEncoder().encode('{"Response":{"SendStatusSet":[{"Code":"Ok","Fee":1}],"RequestId":"r1"}}') });"#,
    );
    let r = send_sms(js(CONFIG), js(DATA), 1_700_000_000_000.0, ok).await;
    assert_eq!(at(&r, &["ok"]).as_bool(), Some(true));
    assert_eq!(at(&r, &["value", "requestId"]).as_string().as_deref(), Some("r1"));

    let limited = Function::new_with_args(
        "req",
        r#"return { kind: 'response', status: 200, truncated: false,
             body: '{"Response":{"Error":{"Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"x"},"RequestId":"r2"}}' };"#,
    );
    let r = send_sms(js(CONFIG), js(DATA), 1_700_000_000_000.0, limited).await;
    assert_eq!(at(&r, &["error", "code"]).as_string().as_deref(), Some("rate_limit_exceeded"));
    assert_eq!(at(&r, &["error", "RequestId"]).as_string().as_deref(), Some("r2"));

    let throws = Function::new_with_args("req", "throw new Error('transport bug')");
    let r = send_sms(js(CONFIG), js(DATA), 1_700_000_000_000.0, throws).await;
    assert_eq!(at(&r, &["error", "code"]).as_string().as_deref(), Some("general"));

    let rejects = Function::new_with_args("req", "return Promise.reject(new Error('x'))");
    let r = send_sms(js(CONFIG), js(DATA), 1_700_000_000_000.0, rejects).await;
    assert_eq!(at(&r, &["ok"]).as_bool(), Some(false));
}
