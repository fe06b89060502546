#![cfg(not(target_arch = "wasm32"))] // proptest is a host-only dev-dependency (generators.rs)
//! Properties of `choose`.

use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

use super::{choose, Template, GENERIC, TEMPLATE_TYPES};
use crate::destination::Destination;
use crate::generators::{any_text, cases};

fn usage_type() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(TEMPLATE_TYPES.as_slice()).prop_map(str::to_owned),
        1 => any_text(),
    ]
}

const LOCALES: &[&str] = &["en", "en-US", "en_us", "EN-gb", "zh", "zh-CN", "zh_TW", "pt-BR", "fr"];

/// A templateCode as the config has it: one TemplateId, or split by destination.
#[derive(Clone, Debug)]
enum CodeSpec {
    Any(String),
    Split(Option<String>, Option<String>),
}

impl CodeSpec {
    fn json(&self) -> Value {
        match self {
            Self::Any(c) => json!(c),
            Self::Split(m, i) => {
                let mut o = Map::new();
                if let Some(m) = m {
                    o.insert("mainland".into(), json!(m));
                }
                if let Some(i) = i {
                    o.insert("international".into(), json!(i));
                }
                Value::Object(o)
            }
        }
    }

    fn for_destination(&self, mainland: bool) -> Option<&str> {
        match self {
            Self::Any(c) => Some(c),
            Self::Split(m, _) if mainland => m.as_deref(),
            Self::Split(_, i) => i.as_deref(),
        }
    }
}

fn code_spec() -> impl Strategy<Value = CodeSpec> {
    prop_oneof![
        2 => "[0-9]{1,4}".prop_map(CodeSpec::Any),
        1 => (proptest::option::of("[0-9]{1,4}"), proptest::option::of("[0-9]{1,4}"))
            .prop_map(|(m, i)| CodeSpec::Split(m, i)),
    ]
}

fn norm_locale(l: &str) -> String {
    l.trim().to_lowercase().replace('_', "-")
}

/// The documented rule, written out: among the message type's own entries, then the Generic
/// ones, that have a TemplateId for the destination, the best locale match wins (exact, same
/// language, no locale, any other); on a tie the type's own entries, then earlier entries, win.
fn expected_choice(
    entries: &[(String, CodeSpec, Option<String>)],
    wanted: &str,
    locale: Option<&str>,
    mainland: bool,
) -> Option<usize> {
    let wanted_locale = locale.map(norm_locale).filter(|l| !l.is_empty());
    let rank = |l: &Option<String>| -> u8 {
        match (&wanted_locale, l.as_deref().map(norm_locale)) {
            (Some(w), Some(l)) if *w == l => 0,
            (Some(w), Some(l)) if w.split('-').next() == l.split('-').next() => 1,
            (_, None) => 2,
            _ => 3,
        }
    };
    let mut candidates = Vec::new();
    for usage in [wanted, GENERIC] {
        for (i, (u, code, l)) in entries.iter().enumerate() {
            if u == usage && code.for_destination(mainland).is_some() {
                candidates.push((rank(l), i));
            }
        }
    }
    // min_by_key keeps the first of equal keys: iteration order breaks ties.
    candidates.into_iter().min_by_key(|(r, _)| *r).map(|(_, i)| i)
}

proptest! {
    #![proptest_config(cases(1200))]

    #[test]
    fn choose_follows_the_documented_template_rule(
        list in vec((usage_type(), code_spec(), proptest::option::of(proptest::sample::select(LOCALES))), 0..12),
        wanted in usage_type(),
        locale in proptest::option::of(prop_oneof![
            3 => proptest::sample::select(LOCALES).prop_map(str::to_owned),
            1 => any_text(),
        ]),
        mainland in any::<bool>(),
    ) {
        // Built through the config reader, as a stored config would be; entries it refuses
        // (blank or over-long usage types, a split code with neither side) are not in the list.
        let mut issues = Vec::new();
        let mut entries = Vec::new();
        let mut templates: Vec<Template> = Vec::new();
        for (usage, code, l) in list {
            let mut raw = json!({ "usageType": usage, "templateCode": code.json() });
            if let Some(l) = l {
                raw["locale"] = json!(l);
            }
            let before = issues.len();
            // Save time's view: an entry with any issue is not in the list.
            if let Ok(t) = Template::parse(&raw, vec![], &mut issues).map_err(drop).and_then(|t| if issues.len() == before { Ok(t) } else { Err(()) }) {
                entries.push((t.usage_type.clone(), code, l.map(str::to_owned)));
                templates.push(t);
            }
        }
        let to = if mainland { Destination::Mainland } else { Destination::International };
        let want = expected_choice(&entries, &wanted, locale.as_deref(), mainland);
        match (choose(&templates, &wanted, locale.as_deref(), to), want) {
            (Ok((t, code)), Some(i)) => {
                prop_assert!(std::ptr::eq(t, &templates[i]), "chose {:?}, expected entry {} of {:?}", t, i, entries);
                prop_assert_eq!(Some(code), entries[i].1.for_destination(mainland));
            }
            (Err(e), None) => prop_assert_eq!(e.code, crate::error::ErrorCode::TemplateNotFound),
            (got, want) => prop_assert!(false, "choose gave {:?}, expected entry {:?} of {:?}", got.map(|(t, c)| (t.clone(), c.to_owned())), want, entries),
        }
    }
}
