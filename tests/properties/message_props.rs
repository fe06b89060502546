//! Properties of prepare::parse_message.

use crate::generators::*;
use crate::*;

fn message_like() -> impl Strategy<Value = Value> {
    (
        proptest::option::of(prop_oneof!["[+0-9 ()-]{0,20}".prop_map(Value::String), any_json(&[])]),
        proptest::option::of(prop_oneof![
            // Any non-empty string is a type to the parser: Logto's own names, or one it adds later.
            prop_oneof![Just("SignIn"), Just("Generic"), Just("MfaVerification")]
                .prop_map(|t| Value::String(t.to_owned())),
            any_json(&[])
        ]),
        proptest::option::of(prop_oneof![
            "[0-9]{0,8}".prop_map(|c| json!({ "code": c })),
            any_json(&[]).prop_map(|c| json!({ "code": c })),
            any_json(&[])
        ]),
    )
        .prop_map(|(to, ty, payload)| {
            let mut m = Map::new();
            if let Some(v) = to {
                m.insert("to".into(), v);
            }
            if let Some(v) = ty {
                m.insert("type".into(), v);
            }
            if let Some(v) = payload {
                m.insert("payload".into(), v);
            }
            Value::Object(m)
        })
}

proptest! {
    #![proptest_config(cases(700))]

    #[test]
    fn parse_message_never_panics_on_any_json(raw in any_json(&["to", "type", "payload"])) {
        let _ = prepare::parse_message(&raw);
    }

    #[test]
    fn parse_message_accepts_only_a_to_a_type_and_a_bounded_code(raw in message_like()) {
        if let Ok(m) = prepare::parse_message(&raw) {
            prop_assert!(!m.message_type.is_empty());
            prop_assert!(!m.code.trim().is_empty());
            prop_assert!(m.code.chars().count() <= 64);
            prop_assert!(raw.get("to").is_some_and(|t| t.is_string() || t.is_number()));
        }
    }
}
