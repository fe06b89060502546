//! The `check --live` report: what `check` found, then the account's verdicts, with a text
//! rendering for people and a JSON one (serde) for machines. Neither holds the secret or a
//! value the operator typed: config fields appear by path, templates by `templates[i]`.

use serde::Serialize;

use super::actions::PermissionHint;
use super::coverage::Cell;
use super::packages::PackageSummary;
use super::signs::SignFinding;
use super::templates::TemplateFinding;
use super::Level;
use crate::check;
use crate::destination::Destination;
use crate::template::GENERIC;

/// A read that failed, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadProblem {
    pub action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<Destination>,
    pub problem: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveReport {
    pub config: check::Report,
    pub signs: Vec<SignFinding>,
    pub templates: Vec<TemplateFinding>,
    pub coverage: Vec<Cell>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub packages: Option<PackageSummary>,
    /// Routes the country policy never sends to, and so not checked.
    pub skipped_routes: Vec<Destination>,
    pub reads: Vec<ReadProblem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission: Option<PermissionHint>,
}

/// As `check`: 0 every configured message type will send, 1 something will fail, 2 could not check.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILS: u8 = 1;
pub const EXIT_UNCHECKED: u8 = 2;

fn word(level: Level) -> &'static str {
    match level {
        Level::Ok => "ok",
        Level::Warning => "warning",
        Level::Unknown => "unknown",
        Level::Error => "error",
    }
}

fn count(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

impl LiveReport {
    fn levels(&self) -> Vec<Level> {
        let mut all: Vec<Level> = self.signs.iter().map(|s| s.verdict.level).collect();
        all.extend(self.templates.iter().map(|t| t.verdict.level));
        all.extend(self.coverage.iter().map(|c| c.level));
        all.extend(self.packages.iter().map(|p| p.verdict.level));
        all
    }

    /// Findings at `level`: signs, templates, packages, and the coverage cells no template serves
    /// (a cell with a template repeats its template's finding).
    fn tally(&self, level: Level) -> usize {
        self.signs.iter().filter(|s| s.verdict.level == level).count()
            + self.templates.iter().filter(|t| t.verdict.level == level).count()
            + self.packages.iter().filter(|p| p.verdict.level == level).count()
            + self.coverage.iter().filter(|c| c.entry.is_none() && c.level == level).count()
    }

    fn errors(&self) -> usize {
        self.config.errors.len() + self.tally(Level::Error)
    }

    fn warnings(&self) -> usize {
        self.config.warnings.len() + self.tally(Level::Warning)
    }

    pub fn exit_code(&self) -> u8 {
        let levels = self.levels();
        if !self.config.errors.is_empty() || levels.contains(&Level::Error) {
            EXIT_FAILS
        } else if !self.reads.is_empty() || levels.contains(&Level::Unknown) {
            EXIT_UNCHECKED
        } else {
            EXIT_OK
        }
    }

    pub fn text(&self) -> String {
        let mut out = Vec::new();
        out.push("Config".to_owned());
        for i in &self.config.errors {
            out.push(format!("  error    {}", i.display()));
        }
        for i in &self.config.warnings {
            out.push(format!("  warning  {}", i.display()));
        }
        if self.config.errors.is_empty() && self.config.warnings.is_empty() {
            out.push("  ok       nothing to report".to_owned());
        }
        // What could not be checked is listed once, under "Not checked", with its reason.
        let shown = |level: Level| level != Level::Unknown || self.reads.is_empty();
        if self.signs.iter().any(|s| shown(s.verdict.level)) {
            out.push("Signs".to_owned());
            for s in self.signs.iter().filter(|s| shown(s.verdict.level)) {
                let v = &s.verdict;
                out.push(format!("  {:<8} {} ({}): {}", word(v.level), s.field, s.route.as_str(), v.message));
            }
        }
        if self.templates.iter().any(|t| shown(t.verdict.level)) {
            out.push("Templates".to_owned());
            for t in self.templates.iter().filter(|t| shown(t.verdict.level)) {
                let name = t.name.as_ref().map(|n| format!(" \"{n}\"")).unwrap_or_default();
                let v = &t.verdict;
                out.push(format!(
                    "  {:<8} templates[{}]{name} ({}): {}",
                    word(v.level),
                    t.entry,
                    t.route.as_str(),
                    v.message
                ));
            }
        }
        if self.coverage.iter().any(|c| shown(c.level)) {
            out.push(self.coverage_text());
        }
        if let Some(p) = &self.packages {
            out.push("Package".to_owned());
            out.push(format!("  {:<8} {}", word(p.verdict.level), p.verdict.message));
        }
        if !self.reads.is_empty() {
            out.push("Not checked".to_owned());
            for r in &self.reads {
                let route = r.route.map(|d| format!(" ({})", d.as_str())).unwrap_or_default();
                out.push(format!("  unknown  {}{route}: {}", r.action, r.problem));
            }
        }
        if let Some(hint) = &self.permission {
            out.push("Permissions".to_owned());
            out.extend(hint.text().lines().map(|l| format!("  {l}")));
        }
        out.push(self.summary());
        out.join("\n")
    }

    fn coverage_text(&self) -> String {
        let cell_text = |c: &Cell| -> String {
            let Some(entry) = c.entry else { return format!("none ({})", word(c.level)) };
            let fallback = if c.fallback { format!(" via {GENERIC}") } else { String::new() };
            let variants: Vec<String> = c
                .variants
                .iter()
                .map(|v| format!("{}: [{}]", v.locale.as_deref().unwrap_or("a locale"), v.entry))
                .collect();
            let variants =
                if variants.is_empty() { String::new() } else { format!(" + {}", variants.join(", ")) };
            format!("[{entry}]{fallback}{variants} {}", word(c.level))
        };
        let mut lines = vec![format!(
            "Coverage (templates[i] serving each message type)\n  {:<26} {:<36} {}",
            "", "mainland", "international"
        )];
        for row in self.coverage.iter().filter(|c| c.route == Destination::Mainland) {
            let abroad = self
                .coverage
                .iter()
                .find(|c| c.route == Destination::International && c.message_type == row.message_type);
            let skipped = |d: Destination| self.skipped_routes.contains(&d);
            let mainland = if skipped(Destination::Mainland) {
                "not sent (country policy)".to_owned()
            } else {
                cell_text(row)
            };
            let international = match abroad {
                _ if skipped(Destination::International) => "not sent (country policy)".to_owned(),
                Some(c) => cell_text(c),
                None => String::new(),
            };
            lines.push(
                format!("  {:<26} {mainland:<36} {international}", row.message_type).trim_end().to_owned(),
            );
        }
        lines.join("\n")
    }

    fn summary(&self) -> String {
        let tally = format!("{}, {}", count(self.errors(), "error"), count(self.warnings(), "warning"));
        match self.exit_code() {
            EXIT_FAILS => format!("{tally}: some messages will fail; fix the errors first."),
            EXIT_UNCHECKED => format!("{tally}: the account could not be fully checked (see above)."),
            _ => format!("{tally}: every configured message type will send."),
        }
    }
}

#[cfg(test)]
mod tests;
