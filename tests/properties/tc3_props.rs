//! Properties of tc3::sign.

use crate::generators::*;
use crate::*;

const SECRET_MARK: &str = "\u{1F511}SK-mark";

fn header_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    vec(
        (
            prop_oneof![
                3 => "[A-Za-z0-9-]{1,12}",
                1 => Just("Content-Type".to_owned()),
                1 => Just("host".to_owned()),
                1 => any_text(),
            ],
            prop_oneof![3 => "[ -~]{0,16}", 1 => any_text()],
        ),
        0..4,
    )
}

proptest! {
    #![proptest_config(cases(1200))]

    #[test]
    fn sign_never_panics_and_never_leaks_the_secret_key(
        secret_id in prop_oneof![3 => "AKID[A-Za-z0-9]{0,30}", 1 => any_text()],
        key_body in prop_oneof![any_text(), "[ -~]{1,40}"],
        empty_key in prop_oneof![19 => Just(false), 1 => Just(true)],
        service in prop_oneof![3 => Just("sms".to_owned()), 1 => "[a-z0-9-]{0,8}", 1 => any_text()],
        host in prop_oneof![3 => Just("sms.tencentcloudapi.com".to_owned()), 1 => "[a-z0-9.:-]{0,24}", 1 => any_text()],
        content_type in prop_oneof![
            2 => Just("application/json; charset=utf-8".to_owned()),
            1 => Just("application/json".to_owned()),
            1 => any_text(),
        ],
        timestamp in prop_oneof![3 => 0u64..4_102_444_800, 1 => any::<u64>()],
        payload in vec(any::<u8>(), 0..256),
        extra in header_pairs(),
    ) {
        let secret_key = if empty_key { String::new() } else { format!("{key_body}{SECRET_MARK}") };
        let input = SignInput {
            secret_id: &secret_id,
            secret_key: Secret::new(&secret_key),
            service: &service,
            host: &host,
            content_type: &content_type,
            timestamp,
            payload: &payload,
            extra_headers: &extra,
        };
        match tc3::sign(&input) {
            Ok(s) => {
                prop_assert!(!empty_key);
                prop_assert_eq!(s.signature.len(), 64);
                prop_assert!(s.signature.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
                let tail = format!("Signature={}", s.signature);
                let head = format!("TC3-HMAC-SHA256 Credential={}/{}/{}/tc3_request, SignedHeaders=", secret_id, s.date, service);
                prop_assert!(s.authorization.ends_with(&tail), "{}", s.authorization);
                prop_assert!(s.authorization.starts_with(&head), "{}", s.authorization);
                for text in [&s.authorization, &s.canonical_request, &s.string_to_sign] {
                    prop_assert!(!text.contains(SECRET_MARK));
                }
                let signing_key = hex::encode(tc3::derive_signing_key(Secret::new(&secret_key), &s.date, &service).expose());
                prop_assert!(!s.authorization.contains(&signing_key));
                prop_assert!(!s.string_to_sign.contains(&signing_key));
                // Pure: the same inputs sign the same way.
                prop_assert_eq!(tc3::sign(&input).ok(), Some(s));
            }
            Err(e) => {
                prop_assert!(!e.0.is_empty());
                prop_assert!(!e.0.contains(SECRET_MARK), "{}", e.0);
                if !secret_key.is_empty() && secret_key.chars().count() > 2 {
                    prop_assert!(!e.0.contains(&secret_key), "{}", e.0);
                }
            }
        }
    }
}
