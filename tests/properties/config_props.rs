//! Properties of config::parse and prepare::parse_message.

use crate::generators::*;
use crate::*;

proptest! {
    #![proptest_config(cases(700))]

    #[test]
    fn config_parse_never_panics_on_any_json(raw in any_json()) {
        let _ = config::parse(&raw);
    }

    #[test]
    fn config_parse_of_a_mutated_config_is_a_config_or_located_issues(raw in mutated_config()) {
        match config::parse(&raw) {
            Ok(cfg) => {
                prop_assert!(!cfg.access_key_id.is_empty());
                prop_assert!(!cfg.access_key_secret.expose().is_empty());
                prop_assert!(cfg.sdk_app_id.bytes().all(|b| b.is_ascii_digit()));
                prop_assert!((100..=60_000).contains(&cfg.timeout_ms));
                prop_assert!(cfg.templates.usable.iter().any(|t| t.usage_type == template::GENERIC));
            }
            Err(issues) => {
                prop_assert!(!issues.is_empty());
                for issue in &issues {
                    // Messages never echo the secret the valid config carries.
                    prop_assert!(!issue.message.contains("SECRETKEY"), "{}", issue.display());
                    prop_assert!(!issue.display().is_empty());
                }
            }
        }
    }

    #[test]
    fn config_messages_never_echo_a_secret_pasted_into_any_field(
        field in proptest::sample::select(CONFIG_FIELDS),
    ) {
        let mut raw = valid_config();
        let secret = "pasted-SECRET-\u{1F511}-0123456789abcdef";
        raw[field] = json!(secret);
        raw["accessKeySecret"] = json!(secret);
        if let Err(issues) = config::parse(&raw) {
            for issue in &issues {
                prop_assert!(!issue.display().contains("pasted-SECRET"), "{}", issue.display());
            }
        }
    }

    #[test]
    fn parse_message_never_panics_on_any_json(raw in any_json()) {
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
