#![cfg(not(target_arch = "wasm32"))] // proptest is a host-only dev-dependency (generators.rs)
//! Properties of `Phone::parse`.

use proptest::prelude::*;

use super::Phone;
use crate::generators::{any_text, cases};

fn is_e164(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 8
        && b.len() <= 16
        && b[0] == b'+'
        && (b'1'..=b'9').contains(&b[1])
        && b[2..].iter().all(u8::is_ascii_digit)
}

fn phone_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[+0-9 ()\\-.\t]{0,24}",
        "(\\+|00)?[0-9]{0,18}",
        "1[3-9][0-9]{9}",
        "[0-9０-９+＋ ]{0,16}",
        any_text(),
    ]
}

proptest! {
    #![proptest_config(cases(2000))]

    #[test]
    fn phone_parse_never_panics_and_ok_is_always_e164(raw in phone_like(), strict in any::<bool>()) {
        if let Ok(p) = Phone::parse(&raw, strict) {
            prop_assert!(is_e164(p.e164()), "{raw:?} -> {:?}", p.e164());
            prop_assert_eq!(p.digits(), &p.e164()[1..]);
            let masked = p.masked();
            prop_assert!(masked.starts_with('+'));
            prop_assert_eq!(masked.chars().count(), p.e164().chars().count());
        }
    }

    #[test]
    fn phone_parse_keeps_every_digit_it_was_given(raw in "(\\+|00)?[1-9][0-9]{6,13}") {
        // A number with an explicit prefix or the full country code is sent with the same digits.
        if let Ok(p) = Phone::parse(&raw, true) {
            let digits: String = raw.trim_start_matches('+').chars().collect();
            let digits = digits.strip_prefix("00").unwrap_or(&digits);
            prop_assert_eq!(p.digits(), digits);
        }
    }
}
