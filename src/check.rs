//! `check`: what an operator should know about a stored config before swapping this connector
//! in. Errors are what would fail a send; warnings are what looks wrong but still sends. Like
//! every config message, none repeats a value the operator typed: findings name the field by
//! its path and our own option and type names only.

use serde::Serialize;
use serde_json::Value;

use crate::config::{self, Reach, TEMPLATES};
use crate::destination::{Destination, TemplateCode};
use crate::error::{Issue, PathSeg};
use crate::template::{Template, ENTRY_KEYS, GENERIC, OWN_ENTRY_KEYS, TEMPLATE_TYPES};

/// The regions Tencent documents for the SMS API: the mainland site's three and the
/// international site's Singapore. Others answer `UnsupportedRegion`.
pub const SMS_REGIONS: [&str; 4] = ["ap-guangzhou", "ap-beijing", "ap-nanjing", "ap-singapore"];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

fn key(k: &str) -> PathSeg {
    PathSeg::Key(k.to_owned())
}

/// Edit distance, ignoring ASCII case (`Signin` is one slip from `SignIn`, not two).
fn distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(&a.to_ascii_lowercase(), &b.to_ascii_lowercase())
}

/// The closest known name, if it is close enough to be the one meant (a typo or a case slip).
pub fn nearest<'a>(typed: &str, known: &[&'a str]) -> Option<&'a str> {
    let limit = (typed.chars().count() / 3).clamp(1, 3);
    known
        .iter()
        .map(|k| (distance(typed, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn unknown_keys(
    obj: &serde_json::Map<String, Value>,
    known: &[&str],
    base: &[PathSeg],
    out: &mut Vec<Issue>,
) {
    for typed in obj.keys().filter(|k| !known.contains(&k.as_str())) {
        let mut path = base.to_vec();
        path.push(key(typed));
        let message = match nearest(typed, known) {
            Some(k) => format!("is not an option of this connector and is ignored; did you mean \"{k}\"?"),
            None => "is not an option of this connector and is ignored".to_owned(),
        };
        out.push(Issue::new(path, message));
    }
}

fn entry_warnings(i: usize, entry: &Value, out: &mut Vec<Issue>) {
    let Value::Object(obj) = entry else { return };
    let base = [key(TEMPLATES), PathSeg::Index(i)];
    unknown_keys(obj, &[&ENTRY_KEYS[..], &OWN_ENTRY_KEYS].concat(), &base, out);
    let Some(Value::String(usage)) = obj.get("usageType") else { return };
    if usage.trim().is_empty() || TEMPLATE_TYPES.contains(&usage.as_str()) {
        return;
    }
    let message = if usage == "Test" {
        "the old \"Test\" type: Logto no longer sends it, so this entry is never used".to_owned()
    } else {
        match nearest(usage.trim(), &TEMPLATE_TYPES) {
            Some(k) => format!(
                "is not a message type Logto sends, so this entry is never used; did you mean \"{k}\"?"
            ),
            None => format!(
                "is not a message type Logto sends, so this entry is never used (Logto sends {})",
                TEMPLATE_TYPES.join(", ")
            ),
        }
    };
    let mut path = base.to_vec();
    path.push(key("usageType"));
    out.push(Issue::new(path, message));
}

fn code_warnings(i: usize, t: &Template, out: &mut Vec<Issue>) {
    for to in [Destination::Mainland, Destination::International] {
        let Some(code) = t.template_code.for_destination(to) else { continue };
        if !code.bytes().all(|b| b.is_ascii_digit()) {
            out.push(Issue::new(
                vec![key(TEMPLATES), PathSeg::Index(i), key("templateCode")],
                "is not all digits, and Tencent's TemplateIds are: check it is the template's ID",
            ));
            return;
        }
    }
}

/// Whether `earlier` is chosen wherever `later` could be: same type and locale, and a code for
/// every destination class `later` has one for (the first entry wins a tie).
fn shadows(earlier: &Template, later: &Template) -> bool {
    let covers = |to| {
        later.template_code.for_destination(to).is_none()
            || earlier.template_code.for_destination(to).is_some()
    };
    earlier.usage_type == later.usage_type
        && earlier.locale == later.locale
        && covers(Destination::Mainland)
        && covers(Destination::International)
}

/// The Logto types whose messages to `to` would fail for want of a usable template.
fn unsendable(cfg: &config::Config, to: Destination) -> Vec<&'static str> {
    TEMPLATE_TYPES.into_iter().filter(|ty| cfg.templates.choose(ty, None, to).is_err()).collect()
}

fn unsendable_issue(types: &[&str], whom: &str) -> Issue {
    Issue::new(
        vec![key(TEMPLATES)],
        format!(
            "{} messages{whom} would fail with template_not_found: no usable template of their own, and no usable \"Generic\" to fall back to",
            types.join(", ")
        ),
    )
}

/// A save-time issue as `check` reports it: `None` for an error, or the warning text.
fn send_time_note(issue: &Issue, failing: &[&str], cfg: &config::Config) -> Option<&'static str> {
    match (config::reach(issue), issue.path.get(1), issue.path.get(2)) {
        (Reach::Every, ..) => None,
        (Reach::Ignored, ..) => Some("ignored when sending: the default applies"),
        (Reach::Entry, _, Some(PathSeg::Key(k))) if OWN_ENTRY_KEYS.contains(&k.as_str()) => {
            Some("ignored when sending")
        }
        (Reach::Entry, Some(PathSeg::Index(i)), _) => {
            let usage = cfg
                .templates
                .skipped
                .iter()
                .find(|(at, _)| at == i)
                .and_then(|(_, s)| s.usage_type.as_deref());
            // An entry that leaves some type without a template is what to fix: an error.
            let needed = usage.is_some_and(|u| failing.contains(&u) || (u == GENERIC && !failing.is_empty()));
            (!needed).then_some("this entry is skipped when sending")
        }
        (Reach::Entry, ..) => Some("this entry is skipped when sending"),
    }
}

pub fn check(raw: &Value) -> Report {
    let mut report = Report::default();
    let (cfg, issues) = match config::read(raw) {
        Ok(read) => read,
        Err(issues) => {
            report.errors = issues;
            return report;
        }
    };
    let failing = unsendable(&cfg, Destination::Mainland);
    for issue in issues {
        match send_time_note(&issue, &failing, &cfg) {
            None => report.errors.push(issue),
            Some(what) => report.warnings.push(Issue::new(issue.path, format!("{} ({what})", issue.message))),
        }
    }
    if !failing.is_empty() {
        report.errors.push(unsendable_issue(&failing, ""));
    }
    // Split codes can leave a destination class without a template; plain codes serve both.
    let split = cfg.templates.usable.iter().any(|t| matches!(t.template_code, TemplateCode::Split { .. }));
    let abroad: Vec<&str> =
        unsendable(&cfg, Destination::International).into_iter().filter(|t| !failing.contains(t)).collect();
    if split && !abroad.is_empty() {
        report.warnings.push(unsendable_issue(&abroad, " to numbers outside mainland China"));
    }
    let Value::Object(obj) = raw else { return report };
    unknown_keys(obj, &config::keys(), &[], &mut report.warnings);
    if let Some(Value::Array(list)) = obj.get(TEMPLATES) {
        for (i, entry) in list.iter().enumerate() {
            entry_warnings(i, entry, &mut report.warnings);
        }
    }
    // Usable entries keep their order, so the list indices that are not skipped are theirs.
    let skipped: Vec<usize> = cfg.templates.skipped.iter().map(|(i, _)| *i).collect();
    let indices: Vec<usize> =
        (0..).filter(|i| !skipped.contains(i)).take(cfg.templates.usable.len()).collect();
    for (n, (&i, t)) in indices.iter().zip(&cfg.templates.usable).enumerate() {
        code_warnings(i, t, &mut report.warnings);
        let earlier = cfg.templates.usable.iter().take(n).position(|e| shadows(e, t));
        if let Some(first) = earlier.and_then(|e| indices.get(e)) {
            report.warnings.push(Issue::new(
                vec![key(TEMPLATES), PathSeg::Index(i)],
                format!("repeats the usageType and locale of templates[{first}], which is used instead"),
            ));
        }
    }
    if !cfg.access_key_id.is_empty() && !cfg.access_key_id.starts_with("AKID") {
        report.warnings.push(Issue::new(
            vec![key("accessKeyId")],
            "does not look like a Tencent Cloud SecretId, which starts with AKID",
        ));
    }
    for (k, region) in [
        ("region", Some(&cfg.routes.region)),
        ("internationalRegion", cfg.routes.international_region.as_ref()),
    ] {
        let refused = report.errors.iter().chain(&report.warnings).any(|e| e.path == [key(k)]);
        if !refused && region.is_some_and(|r| !SMS_REGIONS.contains(&r.as_str())) {
            report.warnings.push(Issue::new(
                vec![key(k)],
                format!(
                    "is not a region Tencent documents for SMS ({}); Tencent may answer UnsupportedRegion",
                    SMS_REGIONS.join(", ")
                ),
            ));
        }
    }
    report
}

#[cfg(test)]
mod tests;
