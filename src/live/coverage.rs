//! The coverage table: for each message type Logto sends × mainland / international, the
//! template entry that serves it under the send-time rules (`Templates::choose`, the same call
//! a send makes), the locale variants that serve messages with a locale, and the verdict.

use serde::Serialize;

use super::Level;
use crate::config::Config;
use crate::destination::Destination;
use crate::template::{Template, GENERIC, TEMPLATE_TYPES};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Variant {
    /// The entry's locale, when it is shaped like a language tag (anything else is not shown).
    pub locale: Option<String>,
    pub entry: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cell {
    pub message_type: &'static str,
    pub route: Destination,
    /// `templates[entry]` for a message without a locale; `None`: the message type fails.
    pub entry: Option<usize>,
    /// The entry is a `Generic` one standing in for the type's own.
    pub fallback: bool,
    /// Other entries chosen for messages in some locale.
    pub variants: Vec<Variant>,
    pub level: Level,
}

/// Where each usable entry sits in the stored list (skipped entries keep their index).
pub fn stored_indices(cfg: &Config) -> Vec<usize> {
    let skipped: Vec<usize> = cfg.templates.skipped.iter().map(|(i, _)| *i).collect();
    // The stored list holds exactly the usable and the skipped entries.
    let stored = cfg.templates.usable.len() + skipped.len();
    (0..stored).filter(|i| !skipped.contains(i)).collect()
}

/// A language tag such as `en`, `zh-CN` or `pt_BR`: short alphanumeric parts, so that no pasted
/// secret can pass for one.
fn tag_like(locale: &str) -> bool {
    let mut parts = locale.split(['-', '_']);
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (2..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
        && locale.len() <= 12
}

/// The table. `level(position, route)` is the verdict for `cfg.templates.usable[position]` on
/// that route (its template and sign findings); a type no entry serves is an error.
pub fn table(cfg: &Config, level: impl Fn(usize, Destination) -> Level) -> Vec<Cell> {
    let usable = &cfg.templates.usable;
    let stored = stored_indices(cfg);
    let position = |t: &Template| usable.iter().position(|u| std::ptr::eq(u, t));
    let at = |p: usize| stored.get(p).copied().unwrap_or(p);
    let mut locales: Vec<&str> = Vec::new();
    for locale in usable.iter().filter_map(|t| t.locale.as_deref()) {
        if !locales.contains(&locale) {
            locales.push(locale);
        }
    }
    let mut cells = Vec::new();
    for route in [Destination::Mainland, Destination::International] {
        for message_type in TEMPLATE_TYPES {
            let Ok((chosen, _)) = cfg.templates.choose(message_type, None, route) else {
                cells.push(Cell {
                    message_type,
                    route,
                    entry: None,
                    fallback: false,
                    variants: vec![],
                    level: Level::Error,
                });
                continue;
            };
            let default = position(chosen).unwrap_or_default();
            let mut positions = vec![default];
            let mut variants = Vec::new();
            for locale in &locales {
                let Ok((t, _)) = cfg.templates.choose(message_type, Some(locale), route) else { continue };
                let p = position(t).unwrap_or_default();
                if !positions.contains(&p) {
                    positions.push(p);
                    variants.push(Variant {
                        locale: tag_like(locale).then(|| (*locale).to_owned()),
                        entry: at(p),
                    });
                }
            }
            let level = positions.iter().map(|p| level(*p, route)).max().unwrap_or(Level::Ok);
            cells.push(Cell {
                message_type,
                route,
                entry: Some(at(default)),
                fallback: message_type != GENERIC && chosen.usage_type == GENERIC,
                variants,
                level,
            });
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config;
    use serde_json::{json, Value};

    fn cfg(templates: Value) -> Config {
        let raw = json!({
            "accessKeyId": "AKIDEXAMPLE", "accessKeySecret": "SECRETKEY", "signName": "Logto",
            "sdkAppId": "1400000000", "region": "ap-guangzhou", "templates": templates
        });
        config::read(&raw).map(|(c, _)| c).expect("readable config")
    }

    fn cell<'a>(cells: &'a [Cell], ty: &str, route: Destination) -> &'a Cell {
        cells.iter().find(|c| c.message_type == ty && c.route == route).expect("a cell")
    }

    #[test]
    fn nine_types_by_two_routes_with_generic_fallback() {
        let c = cfg(json!([
            { "usageType": "SignIn", "templateCode": "1" },
            { "usageType": "Generic", "templateCode": { "mainland": "2" } },
        ]));
        let cells = table(&c, |_, _| Level::Ok);
        assert_eq!(cells.len(), 18);
        let forgot = cell(&cells, "ForgotPassword", Destination::Mainland);
        assert_eq!((forgot.entry, forgot.fallback, forgot.level), (Some(1), true, Level::Ok));
        let sign_in = cell(&cells, "SignIn", Destination::International);
        assert_eq!((sign_in.entry, sign_in.fallback), (Some(0), false));
        let register = cell(&cells, "Register", Destination::International);
        assert_eq!((register.entry, register.level), (None, Level::Error));
        assert!(!cell(&cells, "Generic", Destination::Mainland).fallback);
    }

    #[test]
    fn locale_variants_and_their_verdicts_count() {
        let c = cfg(json!([
            { "usageType": "Generic", "templateCode": "<template-code>" },
            { "usageType": "SignIn", "templateCode": "1", "locale": "en" },
            { "usageType": "SignIn", "templateCode": "2" },
            { "usageType": "Generic", "templateCode": "3" },
            { "usageType": "SignIn", "templateCode": "4", "locale": "AKIDabcdefghijklmnop" },
        ]));
        // Stored index 2 (usable position 1) is the broken one.
        let cells = table(&c, |p, _| if p == 1 { Level::Error } else { Level::Ok });
        let sign_in = cell(&cells, "SignIn", Destination::Mainland);
        assert_eq!(sign_in.entry, Some(2));
        assert_eq!(
            sign_in.variants,
            [Variant { locale: Some("en".into()), entry: 1 }, Variant { locale: None, entry: 4 }]
        );
        assert_eq!(sign_in.level, Level::Error);
        assert_eq!(cell(&cells, "Register", Destination::Mainland).entry, Some(3));
        assert_eq!(cell(&cells, "Register", Destination::Mainland).level, Level::Ok);
    }

    #[test]
    fn tags_are_shown_and_anything_else_is_not() {
        for tag in ["en", "zh-CN", "pt_BR", "zh-Hant-TW"] {
            assert!(tag_like(tag), "{tag}");
        }
        for not in ["english", "AKIDsecret", "e", "en-", "zh-CN-abcdefghij"] {
            assert!(!tag_like(not), "{not}");
        }
    }
}
