//! `check --live`: what the Tencent account behind a config says, read-only, about whether
//! every message the config can serve will go through. Pure: request bodies for the four read
//! actions, bounded readers of their answers, and the verdicts an operator can act on. The
//! flow that sends the requests (through the host) lives in `flow`; facts about the actions
//! are in the package's docs/live.md.
//!
//! Like `check`, nothing here repeats a value the operator typed (a secret pasted into the
//! wrong field must not be printed): findings name config fields by path. Text that comes from
//! the account (sign contents, template names, reviewers' replies) is the account's own and is
//! shown, clipped and with anything shaped like a signature removed.

use serde::Serialize;

pub mod actions;
pub mod answers;
pub mod assess;
pub mod coverage;
pub mod delivery;
pub(crate) mod flow;
pub mod packages;
pub mod report;
pub mod signs;
pub mod templates;
pub mod variables;

/// How bad a finding is. Ordered: a report is as bad as its worst finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    Ok,
    Warning,
    /// Could not be checked (the read failed or was refused): not known to fail.
    Unknown,
    /// A send will fail.
    Error,
}

/// One finding: how bad, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub level: Level,
    pub message: String,
}

impl Verdict {
    pub fn new(level: Level, message: impl Into<String>) -> Self {
        Self { level, message: message.into() }
    }

    /// The worst of several findings, their messages joined in order of appearance.
    pub fn combine(parts: Vec<Verdict>) -> Verdict {
        let level = parts.iter().map(|p| p.level).max().unwrap_or(Level::Ok);
        let problems = parts.iter().any(|p| p.level != Level::Ok);
        let shown: Vec<&str> =
            parts.iter().filter(|p| p.level != Level::Ok || !problems).map(|p| p.message.as_str()).collect();
        Verdict { level, message: shown.join("; ") }
    }
}

/// Tencent's review states, the same for signs and templates (`StatusCode`).
pub fn review_verdict(status: i64, review_reply: &str, what: &str) -> Verdict {
    match status {
        0 => Verdict::new(Level::Ok, "approved and in effect"),
        1 => Verdict::new(
            Level::Error,
            format!("the {what} is still in review at Tencent: sends fail until it is approved"),
        ),
        2 => Verdict::new(
            Level::Error,
            format!(
                "the {what} is approved but not yet in effect: sends fail until Tencent puts it into effect"
            ),
        ),
        -1 if review_reply.is_empty() => Verdict::new(
            Level::Error,
            format!("the {what} was rejected by Tencent's review (no reason given)"),
        ),
        -1 => {
            Verdict::new(Level::Error, format!("the {what} was rejected by Tencent's review: {review_reply}"))
        }
        other => Verdict::new(
            Level::Unknown,
            format!(
                "the {what} has StatusCode {other}, which Tencent does not document; check it in the console"
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_finding_wins_and_only_problems_are_shown() {
        let v = Verdict::combine(vec![
            Verdict::new(Level::Ok, "fine"),
            Verdict::new(Level::Warning, "odd"),
            Verdict::new(Level::Error, "broken"),
        ]);
        assert_eq!(v, Verdict::new(Level::Error, "odd; broken"));
        let fine = vec![Verdict::new(Level::Ok, "fine"), Verdict::new(Level::Ok, "good")];
        assert_eq!(Verdict::combine(fine), Verdict::new(Level::Ok, "fine; good"));
        assert_eq!(Verdict::combine(vec![]).level, Level::Ok);
        assert!(Level::Unknown > Level::Warning && Level::Error > Level::Unknown);
    }

    #[test]
    fn review_states_read_as_tencent_documents_them() {
        assert_eq!(review_verdict(0, "", "sign").level, Level::Ok);
        for s in [1, 2, -1] {
            assert_eq!(review_verdict(s, "", "sign").level, Level::Error, "{s}");
        }
        assert!(review_verdict(1, "", "template").message.contains("in review"));
        assert!(review_verdict(2, "", "template").message.contains("not yet in effect"));
        assert!(review_verdict(-1, "缺少证明材料", "sign")
            .message
            .ends_with("rejected by Tencent's review: 缺少证明材料"));
        assert_eq!(
            review_verdict(-1, "", "sign").message,
            "the sign was rejected by Tencent's review (no reason given)"
        );
        assert_eq!(review_verdict(7, "", "sign").level, Level::Unknown);
    }
}
