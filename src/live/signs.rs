//! Is the sign name a route sends among the account's signs, by exact content, and usable?
//! A near miss (one character off, full-width for half-width, a stray space) gets a "did you
//! mean" naming the account's sign: it is the account's text, not the typed value.

use serde::Serialize;

use super::answers::Sign;
use super::{review_verdict, Level, Verdict};
use crate::destination::Destination;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignFinding {
    /// The config field the name comes from: `signName` or `internationalSignName`.
    pub field: &'static str,
    pub route: Destination,
    pub verdict: Verdict,
}

/// Full-width forms (U+FF01–U+FF5E) as their ASCII twins, the ideographic space as a space,
/// surrounding white space dropped: what an operator cannot see.
fn folded(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The account's sign that the typed name most likely meant: the same once widths and outer
/// spaces are folded, or one character off. Usable signs first, then the closest.
fn near_miss<'a>(typed: &str, signs: &'a [Sign]) -> Option<&'a Sign> {
    let typed_folded = folded(typed);
    signs
        .iter()
        .filter_map(|s| {
            let same_folded = folded(&s.name) == typed_folded;
            let distance = if same_folded { 0 } else { strsim::levenshtein(&s.name, typed) };
            (distance <= 1).then_some((s.status != 0, distance, s))
        })
        .min_by_key(|(unusable, distance, _)| (*unusable, *distance))
        .map(|(.., s)| s)
}

fn state(s: &Sign) -> &'static str {
    match s.status {
        0 => "approved",
        1 => "in review",
        2 => "approved, not yet in effect",
        -1 => "rejected",
        _ => "in an undocumented state",
    }
}

/// The verdict for `typed`, the sign name a route sends, among the account's signs on that route.
pub fn judge(field: &'static str, route: Destination, typed: &str, account: &[Sign]) -> SignFinding {
    let on_route: Vec<Sign> = account
        .iter()
        .filter(|s| s.international == i64::from(super::actions::international(route)))
        .cloned()
        .collect();
    let verdict = match on_route.iter().find(|s| s.name == typed) {
        Some(sign) => review_verdict(sign.status, &sign.review_reply, "sign"),
        None => {
            let whose = format!("the account's {} {} signs", on_route.len(), route.as_str());
            match near_miss(typed, &on_route) {
                Some(near) => Verdict::new(
                    Level::Error,
                    format!(
                        "not among {whose} by exact content; did you mean \"{}\" ({})? Tencent compares sign names exactly",
                        near.name,
                        state(near)
                    ),
                ),
                None => Verdict::new(
                    Level::Error,
                    format!("not among {whose}: create it in the SMS console, or put an approved sign's exact content here"),
                ),
            }
        }
    };
    SignFinding { field, route, verdict }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(name: &str, status: i64, international: i64) -> Sign {
        Sign { id: 1, international, status, review_reply: "资质不符".into(), name: name.into() }
    }

    fn account() -> Vec<Sign> {
        vec![
            sign("腾讯云", 0, 0),
            sign("Logto", 0, 0),
            sign("Acme（中国）", 0, 0),
            sign("审核中", 1, 0),
            sign("待生效", 2, 0),
            sign("被拒绝", -1, 0),
            sign("Logto", 0, 1),
        ]
    }

    fn verdict(typed: &str) -> Verdict {
        judge("signName", Destination::Mainland, typed, &account()).verdict
    }

    #[test]
    fn an_exact_approved_sign_is_usable() {
        assert_eq!(verdict("腾讯云").level, Level::Ok);
        assert_eq!(
            judge("internationalSignName", Destination::International, "Logto", &account()).verdict.level,
            Level::Ok
        );
    }

    #[test]
    fn review_states_are_errors_with_the_reviewers_reply() {
        assert!(verdict("审核中").message.contains("in review"));
        assert!(verdict("待生效").message.contains("not yet in effect"));
        let rejected = verdict("被拒绝");
        assert_eq!(rejected.level, Level::Error);
        assert!(rejected.message.ends_with("资质不符"), "{}", rejected.message);
    }

    #[test]
    fn near_misses_say_did_you_mean() {
        for (typed, meant) in [
            ("腾讯去", "腾讯云"),
            ("Logto ", "Logto"),
            ("logto", "Logto"),
            ("Ｌｏｇｔｏ", "Logto"),
            ("Acme(中国)", "Acme（中国）"),
            ("腾讯云云", "腾讯云"),
        ] {
            let v = verdict(typed);
            assert_eq!(v.level, Level::Error, "{typed}");
            assert!(
                v.message.contains(&format!("did you mean \"{meant}\" (approved)")),
                "{typed}: {}",
                v.message
            );
        }
    }

    #[test]
    fn a_near_miss_names_the_signs_state_and_prefers_a_usable_one() {
        let account =
            vec![sign("Acme1", 1, 0), sign("Acme2", 2, 0), sign("Acme3", -1, 0), sign("Acme4", 7, 0)];
        let mean = |typed: &str, list: &[Sign]| {
            judge("signName", Destination::Mainland, typed, list).verdict.message
        };
        assert!(mean("Acme1 ", &account).contains("did you mean \"Acme1\" (in review)"));
        assert!(mean("Acme2 ", &account).contains("did you mean \"Acme2\" (approved, not yet in effect)"));
        assert!(mean("Acme3 ", &account).contains("did you mean \"Acme3\" (rejected)"));
        assert!(mean("Acme4 ", &account).contains("did you mean \"Acme4\" (in an undocumented state)"));
        // One character from a sign in review and from an approved one: the approved one.
        let both = vec![sign("Acme1", 1, 0), sign("Acme5", 0, 0)];
        assert!(mean("Acme", &both).contains("did you mean \"Acme5\" (approved)"), "{}", mean("Acme", &both));
        let both = vec![sign("Acme5", 0, 0), sign("Acme1", 1, 0)];
        assert!(mean("Acme", &both).contains("did you mean \"Acme5\" (approved)"));
    }

    #[test]
    fn a_sign_far_from_any_is_simply_missing_and_the_route_counts() {
        let v = verdict("完全不同的名字");
        assert!(v.message.starts_with("not among the account's 6 mainland signs:"), "{}", v.message);
        assert!(!v.message.contains("did you mean"));
        // A mainland sign does not serve the international route.
        let v = judge("internationalSignName", Destination::International, "腾讯云", &account()).verdict;
        assert!(v.message.starts_with("not among the account's 1 international signs"), "{}", v.message);
    }

    #[test]
    fn never_repeats_the_typed_name() {
        let typed = "AKIDsecretpastedhere";
        let v = verdict(typed);
        assert!(!v.message.contains(typed));
    }
}
