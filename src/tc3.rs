//! TC3-HMAC-SHA256, Tencent Cloud API 3.0 request signing, for any service.
//!
//! Pure: the caller supplies the timestamp and the exact body bytes, so the same inputs always
//! give the same signature and every step can be pinned by known-answer vectors.

use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::secret::Secret;
use crate::utc_date::{utc_date, MAX_TIMESTAMP};

mod key_cache;
pub mod options;

const ALGORITHM: &str = "TC3-HMAC-SHA256";
pub const DEFAULT_CONTENT_TYPE: &str = "application/json; charset=utf-8";
const TIMESTAMP_RANGE: &str = "timestamp must be whole seconds between 0 and 253402300799";

/// What a request needs to be signed. Extra headers are `(name, value)` as sent; they are
/// lower-cased (ASCII letters: header values are ASCII), trimmed and sorted for signing, as
/// Tencent's documentation example does.
#[derive(Clone, Debug)]
pub struct SignInput<'a> {
    pub secret_id: &'a str,
    pub secret_key: Secret<&'a str>,
    pub service: &'a str,
    pub host: &'a str,
    pub content_type: &'a str,
    pub timestamp: u64,
    pub payload: &'a [u8],
    pub extra_headers: &'a [(String, String)],
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Signed {
    pub authorization: String,
    pub signature: String,
    pub date: String,
    pub canonical_request: String,
    pub string_to_sign: String,
}

/// Why inputs cannot be signed. Never carries the secret key or anything derived from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignError(pub String);

pub type HmacSha256 = Hmac<Sha256>;

/// An HMAC-SHA256 instance keyed with `key`; cloning it skips re-hashing the key pads. The key
/// is brought to the 64-byte block as RFC 2104 does (hashed when longer, zero-padded when
/// shorter), so keying takes a block of the right size and cannot fail.
pub fn keyed(key: &[u8]) -> HmacSha256 {
    let mut block = [0u8; 64];
    let digest;
    let key = if key.len() > block.len() {
        digest = Sha256::digest(key);
        digest.as_slice()
    } else {
        key
    };
    if let Some(start) = block.get_mut(..key.len()) {
        start.copy_from_slice(key);
    }
    <HmacSha256 as KeyInit>::new(&block.into())
}

fn hmac(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut mac = keyed(key);
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

/// Lower-case hex of a SHA-256 output, appended in place, through a stack buffer.
fn push_hex(out: &mut String, digest: &[u8; 32]) {
    let mut buf = [0u8; 64];
    // 32 bytes always fit 64 digits, and hex digits are always UTF-8: neither branch can fail.
    if hex::encode_to_slice(digest, &mut buf).is_ok() {
        out.push_str(std::str::from_utf8(&buf).unwrap_or_default());
    }
}

/// SecretSigning = HMAC(HMAC(HMAC("TC3" + key, date), service), "tc3_request").
pub fn derive_signing_key(secret_key: Secret<&str>, date: &str, service: &str) -> Secret<[u8; 32]> {
    let secret_key = secret_key.expose();
    let mut seed = Vec::with_capacity(3 + secret_key.len());
    seed.extend_from_slice(b"TC3");
    seed.extend_from_slice(secret_key.as_bytes());
    let k_date = hmac(&seed, date.as_bytes());
    let k_service = hmac(&k_date, service.as_bytes());
    Secret::new(hmac(&k_service, b"tc3_request"))
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// CR and LF would split a header; NUL is not allowed in one either, and it separates the
/// fields `signTc3` hands back to JS.
fn has_line_break(s: &str) -> bool {
    s.contains(['\r', '\n', '\0'])
}

fn check(input: &SignInput<'_>) -> Result<(), SignError> {
    let fail = |m: &str| Err(SignError(m.to_owned()));
    if input.secret_id.is_empty()
        || !input.secret_id.bytes().all(|b| b.is_ascii_graphic() && b != b'/' && b != b',')
    {
        return fail("secretId must be non-empty printable ASCII without '/', ',' or spaces");
    }
    if input.secret_key.expose().is_empty() {
        return fail("secretKey must be a non-empty string");
    }
    if input.service.is_empty() || !input.service.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return fail("service must be a non-empty name of letters, digits or '-' (e.g. \"sms\")");
    }
    if input.host.trim().is_empty() || input.host.contains(char::is_whitespace) || has_line_break(input.host)
    {
        return fail("host must be a non-empty host name without spaces");
    }
    if input.content_type.trim().is_empty() || has_line_break(input.content_type) {
        return fail("contentType must be a non-empty single-line string");
    }
    if input.timestamp > MAX_TIMESTAMP {
        return fail(TIMESTAMP_RANGE);
    }
    for (name, value) in input.extra_headers {
        let lower = name.trim().to_ascii_lowercase();
        if !is_token(&lower) || has_line_break(value) {
            return fail("signedHeaders must map header names to single-line string values");
        }
        if lower == "content-type" || lower == "host" {
            return fail("signedHeaders must not repeat content-type or host: they are always signed");
        }
    }
    Ok(())
}

/// Signs one POST request to `/` with an empty query string.
pub fn sign(input: &SignInput<'_>) -> Result<Signed, SignError> {
    check(input)?;
    let mut headers: Vec<(String, String)> = Vec::with_capacity(2 + input.extra_headers.len());
    headers.push(("content-type".into(), input.content_type.trim().to_owned()));
    headers.push(("host".into(), input.host.trim().to_ascii_lowercase()));
    for (name, value) in input.extra_headers {
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_ascii_lowercase()));
    }
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    if headers.windows(2).any(|w| matches!(w, [a, b] if a.0 == b.0)) {
        return Err(SignError("signedHeaders names a header twice".into()));
    }

    let signed_headers = headers.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(";");
    let mut canonical_request = String::with_capacity(256);
    canonical_request.push_str("POST\n/\n\n");
    for (name, value) in &headers {
        canonical_request.push_str(name);
        canonical_request.push(':');
        canonical_request.push_str(value);
        canonical_request.push('\n');
    }
    canonical_request.push('\n');
    canonical_request.push_str(&signed_headers);
    canonical_request.push('\n');
    push_hex(&mut canonical_request, &Sha256::digest(input.payload).into());

    let date = utc_date(input.timestamp);
    let mut scope = String::with_capacity(date.len() + input.service.len() + 13);
    for part in [date.as_str(), "/", input.service, "/tc3_request"] {
        scope.push_str(part);
    }
    let timestamp = input.timestamp.to_string();
    let mut string_to_sign = String::with_capacity(128);
    for part in [ALGORITHM, "\n", &timestamp, "\n", &scope, "\n"] {
        string_to_sign.push_str(part);
    }
    push_hex(&mut string_to_sign, &Sha256::digest(canonical_request.as_bytes()).into());
    let mut mac = key_cache::signing_mac(input.secret_key, &date, input.service);
    mac.update(string_to_sign.as_bytes());
    let mut signature = String::with_capacity(64);
    push_hex(&mut signature, &mac.finalize().into_bytes().into());
    let mut authorization = String::with_capacity(160);
    for part in [ALGORITHM, " Credential=", input.secret_id, "/", &scope, ", SignedHeaders=", &signed_headers]
    {
        authorization.push_str(part);
    }
    authorization.push_str(", Signature=");
    authorization.push_str(&signature);
    Ok(Signed { authorization, signature, date, canonical_request, string_to_sign })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn vectors() -> Vec<Value> {
        let text = include_str!("../tests/vectors/tc3.json");
        let all: Value = serde_json::from_str(text).expect("vectors parse");
        all["vectors"].as_array().expect("vector list").clone()
    }

    fn sign_vector(v: &Value) -> Signed {
        let i = &v["input"];
        let extra: Vec<(String, String)> = i["signedHeaders"]
            .as_object()
            .expect("signedHeaders object")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().expect("header value").to_owned()))
            .collect();
        sign(&SignInput {
            secret_id: i["secretId"].as_str().expect("secretId"),
            secret_key: Secret::new(i["secretKey"].as_str().expect("secretKey")),
            service: i["service"].as_str().expect("service"),
            host: i["host"].as_str().expect("host"),
            content_type: i["contentType"].as_str().expect("contentType"),
            timestamp: i["timestamp"].as_u64().expect("timestamp"),
            payload: i["payload"].as_str().expect("payload").as_bytes(),
            extra_headers: &extra,
        })
        .expect("vector signs")
    }

    #[test]
    fn reproduces_every_shared_known_answer_vector() {
        let all = vectors();
        assert_eq!(all.len(), 10, "every shared vector is present");
        for v in &all {
            let name = v["name"].as_str().unwrap_or("?");
            let got = sign_vector(v);
            let e = &v["expect"];
            assert_eq!(got.date, e["date"].as_str().unwrap_or_default(), "{name} date");
            assert_eq!(got.canonical_request, e["canonicalRequest"].as_str().unwrap_or_default(), "{name}");
            assert_eq!(got.string_to_sign, e["stringToSign"].as_str().unwrap_or_default(), "{name}");
            assert_eq!(got.signature, e["signature"].as_str().unwrap_or_default(), "{name}");
            assert_eq!(got.authorization, e["authorization"].as_str().unwrap_or_default(), "{name}");
        }
    }

    #[test]
    fn derives_the_keys_published_in_the_api_note() {
        // SecretSigning of Tencent's signature-v3 documentation example (cvm, 2019-02-25, published
        // there with its intermediate keys) and of vector V1's key on two dates, as Tencent's Node
        // SDK derives them (tests/vectors/tc3.json holds the full vectors).
        let doc = derive_signing_key(Secret::new(&"*".repeat(32)), "2019-02-25", "cvm");
        assert_eq!(
            hex::encode(doc.expose()),
            "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af"
        );
        let d14 = derive_signing_key(Secret::new("secretEXAMPLE"), "2023-11-14", "sms");
        assert_eq!(
            hex::encode(d14.expose()),
            "8308545dc73b0a2fe37686504a7eb5da31db5a38c321cba782657687afeae82e"
        );
        let d15 = derive_signing_key(Secret::new("secretEXAMPLE"), "2023-11-15", "sms");
        assert_eq!(
            hex::encode(d15.expose()),
            "b66706201fb365f23ba16c3db3c5f599d814603df2243555cd75a052f2722f1f"
        );
    }

    fn base<'a>(extra: &'a [(String, String)]) -> SignInput<'a> {
        SignInput {
            secret_id: "AKIDEXAMPLE",
            secret_key: Secret::new("secretEXAMPLE"),
            service: "sms",
            host: "sms.tencentcloudapi.com",
            content_type: DEFAULT_CONTENT_TYPE,
            timestamp: 1_700_000_000,
            payload: b"{}",
            extra_headers: extra,
        }
    }

    #[test]
    fn keying_matches_the_hmac_crate_for_keys_of_every_length_around_the_block() {
        for len in [0, 1, 31, 32, 63, 64, 65, 128, 200] {
            let key: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            let mut ours = keyed(&key);
            let mut oracle = <HmacSha256 as Mac>::new_from_slice(&key).expect("any length");
            ours.update(b"message");
            oracle.update(b"message");
            assert_eq!(ours.finalize().into_bytes(), oracle.finalize().into_bytes(), "key of {len} bytes");
        }
    }

    #[test]
    fn names_what_is_wrong_with_each_input() {
        let refused = |input: SignInput<'_>| sign(&input).err().map(|e| e.0).unwrap_or_default();
        let header = |name: &str| [(name.to_owned(), "v".to_owned())];
        assert!(sign(&SignInput { service: "cvm-intl", ..base(&[]) }).is_ok());
        for service in ["s m", "s/m", "sms\u{e9}"] {
            assert!(refused(SignInput { service, ..base(&[]) }).starts_with("service must be"), "{service}");
        }
        assert!(sign(&SignInput { timestamp: MAX_TIMESTAMP, ..base(&[]) }).is_ok());
        for name in ["X Evil", "X:A", "", "X(A)"] {
            assert!(
                refused(base(&header(name))).starts_with("signedHeaders must map header names"),
                "{name:?}"
            );
        }
        for name in ["Host", "content-type"] {
            assert!(
                refused(base(&header(name)))
                    .starts_with("signedHeaders must not repeat content-type or host"),
                "{name}"
            );
        }
    }

    #[test]
    fn debug_output_of_a_signer_input_never_shows_the_key() {
        let shown = format!("{:?}", base(&[]));
        assert!(!shown.contains("secretEXAMPLE") && shown.contains("AKIDEXAMPLE"), "{shown}");
    }

    #[test]
    fn rejects_inputs_that_would_corrupt_the_canonical_request_without_echoing_the_key() {
        let bad_header = [("X-Evil".to_owned(), "a\nhost:x".to_owned())];
        let dup = [("Host".to_owned(), "x".to_owned())];
        let cases: Vec<SignInput<'_>> = vec![
            SignInput { secret_id: "", ..base(&[]) },
            SignInput { secret_id: "AK ID", ..base(&[]) },
            SignInput { secret_key: Secret::new(""), ..base(&[]) },
            SignInput { service: "", ..base(&[]) },
            SignInput { host: "a b", ..base(&[]) },
            SignInput { content_type: "a\r\nb", ..base(&[]) },
            SignInput { timestamp: MAX_TIMESTAMP + 1, ..base(&[]) },
            base(&bad_header),
            base(&dup),
        ];
        for c in cases {
            let err = sign(&c).expect_err("must be rejected");
            assert!(!err.0.contains("secretEXAMPLE"));
        }
    }

    #[test]
    fn signature_changes_with_content_type_date_and_body_bytes() {
        let a = sign(&base(&[])).expect("signs");
        let b = sign(&SignInput { content_type: "application/json", ..base(&[]) }).expect("signs");
        let c = sign(&SignInput { timestamp: 1_700_006_400, ..base(&[]) }).expect("signs");
        let d = sign(&SignInput { payload: b"{ }", ..base(&[]) }).expect("signs");
        assert_ne!(a.signature, b.signature);
        assert_ne!(a.signature, c.signature);
        assert_ne!(a.signature, d.signature);
    }
}
