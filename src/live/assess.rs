//! From a config to the reads it needs (`plan`), and from the answers to the report (`assess`).
//! Which routes are checked follows what the config can send: mainland unless the country
//! policy rules it out, international unless the policy allows mainland numbers only. Findings
//! on the international route are errors when the config is set up to send abroad (an
//! international TemplateId or any international setting), warnings otherwise: many
//! deployments text mainland numbers only.

use serde_json::Value;

use super::actions::{self, permission_hint, CHECK_ACTIONS};
use super::answers::{is_permission_denied, Package, ReadError, Sign, TemplateStatus};
use super::coverage;
use super::packages;
use super::report::{LiveReport, ReadProblem};
use super::signs::{self, SignFinding};
use super::templates::{self, numeric_id, TemplateFinding};
use super::{Level, Verdict};
use crate::check;
use crate::config::{self, Config};
use crate::destination::{Destination, TemplateCode};

/// What one route needs read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoutePlan {
    pub route: Destination,
    /// The sign name the route sends (`None`: no SignName is sent, nothing to look up).
    pub sign: Option<(&'static str, String)>,
    /// The numeric TemplateIds the route's entries use, in queries of at most 100.
    pub template_queries: Vec<Vec<u64>>,
    /// Whether a failure on this route fails a send the config is set up for.
    pub intended: bool,
}

fn sends_abroad(cfg: &Config) -> bool {
    let r = &cfg.routes;
    r.international_sign_name.is_some()
        || r.omit_international_sign_name
        || r.international_region.is_some()
        || r.international_endpoint.is_some()
        || cfg
            .templates
            .usable
            .iter()
            .any(|t| matches!(&t.template_code, TemplateCode::Split { international: Some(_), .. }))
}

fn route_allowed(cfg: &Config, route: Destination) -> bool {
    let p = &cfg.country_policy;
    let mainland = |c: &String| c == crate::phone::MAINLAND_CODE;
    match route {
        Destination::Mainland => {
            !p.denied_country_codes.iter().any(mainland)
                && (p.allowed_country_codes.is_empty() || p.allowed_country_codes.iter().any(mainland))
        }
        Destination::International => {
            p.allowed_country_codes.is_empty() || !p.allowed_country_codes.iter().all(mainland)
        }
    }
}

pub fn plan(cfg: &Config) -> Vec<RoutePlan> {
    let abroad = sends_abroad(cfg);
    [Destination::Mainland, Destination::International]
        .into_iter()
        .filter(|route| route_allowed(cfg, *route))
        .map(|route| {
            let sign = cfg.routes.route(route).sign_name.map(|name| {
                let field = match (route, &cfg.routes.international_sign_name) {
                    (Destination::International, Some(_)) => "internationalSignName",
                    _ => "signName",
                };
                (field, name.to_owned())
            });
            let mut ids: Vec<u64> = Vec::new();
            for id in cfg
                .templates
                .usable
                .iter()
                .filter_map(|t| t.template_code.for_destination(route))
                .filter_map(numeric_id)
            {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            let template_queries = ids.chunks(actions::PAGE).map(<[u64]>::to_vec).collect();
            RoutePlan { route, sign, template_queries, intended: route == Destination::Mainland || abroad }
        })
        .collect()
}

/// What the reads of one route gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteReads {
    pub route: Destination,
    /// Every page of signs, or the first failure.
    pub signs: Option<Result<Vec<Sign>, ReadError>>,
    /// Every template query's items, or the first failure.
    pub templates: Result<Vec<TemplateStatus>, ReadError>,
}

/// Everything the account answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reads {
    pub routes: Vec<RouteReads>,
    pub packages: Result<Vec<Package>, ReadError>,
}

fn unknown(e: &ReadError) -> Verdict {
    Verdict::new(Level::Unknown, format!("could not be checked: {}", e.text()))
}

/// International findings on a config not set up to send abroad are warnings.
fn soften(mut v: Verdict, intended: bool) -> Verdict {
    if !intended && v.level == Level::Error {
        v.level = Level::Warning;
        v.message.push_str(
            " (only numbers outside mainland China are affected, which this config is not set up for)",
        );
    }
    v
}

/// `check` as it is, then the findings from what the account answered; `now_s` dates packages.
pub fn assess(raw: &Value, plans: &[RoutePlan], reads: &Reads, now_s: u64) -> LiveReport {
    let mut report = LiveReport { config: check::check(raw), ..LiveReport::default() };
    let Ok((cfg, _)) = config::read(raw) else { return report };
    let stored = coverage::stored_indices(&cfg);
    let mut refused: Vec<&'static str> = Vec::new();
    let mut problem =
        |report: &mut LiveReport, action: &'static str, route: Option<Destination>, e: &ReadError| {
            if is_permission_denied(e) && !refused.contains(&action) {
                refused.push(action);
            }
            report.reads.push(ReadProblem { action, route, problem: e.text() });
        };
    // Per usable position and route: the worst of its template's and its route's sign's verdicts.
    let mut levels: Vec<(usize, Destination, Level)> = Vec::new();
    for plan in plans {
        let Some(got) = reads.routes.iter().find(|r| r.route == plan.route) else { continue };
        let mut sign_level = Level::Ok;
        if let (Some((field, name)), Some(signs)) = (&plan.sign, &got.signs) {
            let verdict = match signs {
                Ok(list) => signs::judge(field, plan.route, name, list).verdict,
                Err(e) => {
                    problem(&mut report, actions::SIGN_LIST, Some(plan.route), e);
                    unknown(e)
                }
            };
            let verdict = soften(verdict, plan.intended);
            sign_level = verdict.level;
            report.signs.push(SignFinding { field, route: plan.route, verdict });
        }
        if let Err(e) = &got.templates {
            problem(&mut report, actions::TEMPLATE_LIST, Some(plan.route), e);
        }
        for (position, t) in cfg.templates.usable.iter().enumerate() {
            if t.template_code.for_destination(plan.route).is_none() {
                continue;
            }
            let entry = stored.get(position).copied().unwrap_or(position);
            let mut finding = match &got.templates {
                Ok(found) => templates::judge(entry, t, plan.route, found),
                Err(e) => TemplateFinding { entry, route: plan.route, name: None, verdict: unknown(e) },
            };
            finding.verdict = soften(finding.verdict, plan.intended);
            levels.push((position, plan.route, finding.verdict.level.max(sign_level)));
            report.templates.push(finding);
        }
    }
    let abroad = sends_abroad(&cfg);
    let checked: Vec<(Destination, bool)> = [Destination::Mainland, Destination::International]
        .into_iter()
        .filter(|r| route_allowed(&cfg, *r))
        .map(|r| (r, r == Destination::Mainland || abroad))
        .collect();
    report.coverage = coverage::table(&cfg, |position, route| {
        levels.iter().find(|(p, r, _)| *p == position && *r == route).map_or(Level::Ok, |(.., l)| *l)
    });
    for cell in &mut report.coverage {
        match checked.iter().find(|(r, _)| *r == cell.route) {
            // A route the country policy never sends to is not judged.
            None => cell.level = Level::Ok,
            Some((_, intended)) if !intended && cell.level == Level::Error => cell.level = Level::Warning,
            Some(_) => {}
        }
    }
    report.skipped_routes = [Destination::Mainland, Destination::International]
        .into_iter()
        .filter(|r| !checked.iter().any(|(c, _)| c == r))
        .collect();
    match &reads.packages {
        Ok(list) => report.packages = Some(packages::judge(list, now_s)),
        Err(e) => problem(&mut report, actions::PACKAGES, None, e),
    }
    if !refused.is_empty() {
        report.permission = Some(permission_hint(refused, &CHECK_ACTIONS));
    }
    report
}

#[cfg(test)]
mod tests;
