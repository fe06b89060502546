//! Templates: which Tencent template serves a Logto message, and the parameters it gets.
//!
//! An entry is `{ usageType, templateCode, locale?, params?, verification? }`, where
//! `templateCode` is one TemplateId for every number (the official form) or
//! `{ "mainland": "…", "international": "…" }`, since Tencent keeps those apart.

use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::destination::{Destination, TemplateCode};
use crate::error::{ConnectorError, ErrorCode, Issue, PathSeg};
use crate::fields::{text_or_digits, Fields};

pub const GENERIC: &str = "Generic";
pub const CODE_PLACEHOLDER: &str = "{{code}}";
const MAX_PARAMS: usize = 16;
pub const MAX_TEMPLATES: usize = 200;
/// One wording wherever a usable `Generic` template is missing.
pub const GENERIC_MISSING: &str = "must include a usable template with usageType \"Generic\": Logto's Test button sends it, and every message type without a usable template of its own falls back to it";

/// The keys of an entry that the official connector reads: a bad one makes the entry unusable.
pub const ENTRY_KEYS: [&str; 2] = ["usageType", "templateCode"];
/// The keys of an entry that only this connector reads: a bad one is reported, and read as
/// absent, so that an entry the official connector would use stays usable.
pub const OWN_ENTRY_KEYS: [&str; 3] = ["locale", "params", "verification"];

/// Every current connector-kit `TemplateType` value.
pub const TEMPLATE_TYPES: [&str; 9] = [
    "SignIn",
    "Register",
    "ForgotPassword",
    "OrganizationInvitation",
    "Generic",
    "UserPermissionValidation",
    "BindNewIdentifier",
    "MfaVerification",
    "BindMfa",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Param {
    Code,
    Literal(String),
}

impl Serialize for Param {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Code => s.serialize_str(CODE_PLACEHOLDER),
            Self::Literal(text) => s.serialize_str(text),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub usage_type: String,
    pub template_code: TemplateCode,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<Vec<Param>>,
    #[serde(skip_serializing_if = "is_true")]
    pub verification: bool,
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_digits(s: &str, max: usize) -> bool {
    !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
}

/// The console form's untouched `<template-code>`, or any `<…>` left in its place.
pub fn is_placeholder(code: &str) -> bool {
    code.starts_with('<') && code.ends_with('>')
}

fn template_id(f: &mut Fields<'_>, key: &str) -> String {
    let code = f.string(key, 64);
    if is_placeholder(&code) {
        f.fail(key, "is still the console's placeholder: put the ID of an approved Tencent template here");
    }
    code
}

fn parse_code(f: &mut Fields<'_>) -> TemplateCode {
    let Some(Value::Object(obj)) = f.get("templateCode") else {
        return TemplateCode::Any(template_id(f, "templateCode"));
    };
    let mut sub = Fields::new(obj, f.path("templateCode"), f.issues);
    let mainland = sub.get("mainland").is_some().then(|| template_id(&mut sub, "mainland"));
    let international = sub.get("international").is_some().then(|| template_id(&mut sub, "international"));
    if mainland.is_none() && international.is_none() {
        f.fail("templateCode", "must name a \"mainland\" or an \"international\" TemplateId, or both");
    }
    TemplateCode::Split { mainland, international }
}

fn parse_params(f: &mut Fields<'_>, verification: bool) -> Option<Vec<Param>> {
    let list = match f.get("params")? {
        Value::Array(list) if !list.is_empty() && list.len() <= MAX_PARAMS => list,
        _ => {
            f.fail(
                "params",
                format!("must be a list of 1 to {MAX_PARAMS} values, e.g. [\"{CODE_PLACEHOLDER}\", \"5\"]"),
            );
            return None;
        }
    };
    let mut params = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let text = text_or_digits(item).unwrap_or_default();
        let mut path = f.path("params");
        path.push(PathSeg::Index(i));
        let problem = if text == CODE_PLACEHOLDER {
            params.push(Param::Code);
            None
        } else if text.is_empty() {
            Some("must be a non-empty string or number".to_owned())
        } else if text.contains("{{") {
            Some(format!("the only placeholder is {CODE_PLACEHOLDER}"))
        } else if verification && !is_digits(&text, 6) {
            Some("verification templates take digits only, at most 6 (set \"verification\": false for other templates)".to_owned())
        } else if text.chars().count() > 64 {
            Some("must be at most 64 characters".to_owned())
        } else {
            params.push(Param::Literal(text));
            None
        };
        if let Some(message) = problem {
            f.issues.push(Issue::new(path, message));
        }
    }
    if !params.contains(&Param::Code) {
        f.fail("params", format!("must include {CODE_PLACEHOLDER}, or the code never reaches the user"));
    }
    Some(params)
}

/// An entry that send time skips, and why: its own issues, as save time reports them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub usage_type: Option<String>,
    pub why: Vec<Issue>,
}

fn read_locale(f: &mut Fields<'_>) -> Option<String> {
    f.if_valid(|f| {
        let locale = f.optional_string("locale", 35)?;
        if !locale.split(['-', '_']).all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric())) {
            f.fail("locale", "must be a language tag such as en, zh-CN or pt-BR");
        }
        Some(locale)
    })
}

fn usage_type(f: &mut Fields<'_>) -> String {
    // Matched by exact string, as the official matches it: a type Logto adds later needs no
    // release here, and a typo is for `check` to point out, never an error.
    match f.get("usageType") {
        Some(Value::String(s)) if s.chars().count() <= 64 => s.clone(),
        Some(Value::String(_)) => {
            f.fail("usageType", "must be at most 64 characters");
            String::new()
        }
        _ => {
            f.fail("usageType", "must be a non-empty string, e.g. \"SignIn\" or \"Generic\"");
            String::new()
        }
    }
}

impl Template {
    /// Reads one `templates[i]` entry; its problems go to `issues` under `path`. An entry whose
    /// `usageType` or `templateCode` cannot be used is skipped (the `Skipped` says why); a bad
    /// field only this connector reads (`locale`, `params`, `verification`) is reported but
    /// read as absent, so an entry the official connector would use stays usable.
    pub fn parse(item: &Value, path: Vec<PathSeg>, issues: &mut Vec<Issue>) -> Result<Self, Skipped> {
        let before = issues.len();
        let Value::Object(obj) = item else {
            issues.push(Issue::new(path, "must be an object { usageType, templateCode }"));
            return Err(Skipped { usage_type: None, why: issues[before..].to_vec() });
        };
        let mut f = Fields::new(obj, path, issues);
        let usage_type = usage_type(&mut f);
        let template_code = parse_code(&mut f);
        let core_issues = f.issues.len();
        let locale = read_locale(&mut f);
        let verification = f.if_valid(|f| Some(f.flag("verification", true))).unwrap_or(true);
        let params = f.if_valid(|f| parse_params(f, verification));
        if core_issues == before {
            return Ok(Self { usage_type, template_code, locale, params, verification });
        }
        let usage_type = obj.get("usageType").and_then(Value::as_str).map(str::to_owned);
        Err(Skipped { usage_type, why: issues[before..core_issues].to_vec() })
    }

    /// `TemplateParamSet`: by default the code alone; `locale`, `uiLocales`, `ip` and any other
    /// payload field never reach Tencent (the official leaks `uiLocales`).
    pub fn params_for(&self, code: &str) -> Result<Vec<String>, ConnectorError> {
        let Some(params) = &self.params else {
            return Ok(vec![code.to_owned()]);
        };
        if self.verification && !is_digits(code, 6) {
            return Err(ConnectorError::new(
                ErrorCode::InvalidRequestParameters,
                "the code must be 1 to 6 digits for a verification template",
            ));
        }
        Ok(params
            .iter()
            .map(|p| match p {
                Param::Code => code.to_owned(),
                Param::Literal(text) => text.clone(),
            })
            .collect())
    }
}

fn normalise_locale(l: &str) -> String {
    l.trim().replace('_', "-").to_ascii_lowercase()
}

fn language(l: &str) -> &str {
    l.split('-').next().unwrap_or(l)
}

/// A template and the TemplateId it has for the destination.
pub type Chosen<'a> = (&'a Template, &'a str);

/// The template for a message: of its own type, else `Generic` (connector-kit's documented
/// fallback), among those with a TemplateId for the destination; by locale: exact, then same
/// language, then no locale, then any. The first entry wins a tie, as in the official.
pub fn choose<'a>(
    templates: &'a [Template],
    message_type: &str,
    locale: Option<&str>,
    to: Destination,
) -> Result<Chosen<'a>, ConnectorError> {
    let wanted = locale.map(normalise_locale).filter(|l| !l.is_empty());
    let tier = |t: &Template| -> u8 {
        match (&wanted, t.locale.as_deref().map(normalise_locale)) {
            (Some(w), Some(l)) if *w == l => 0,
            (Some(w), Some(l)) if language(w) == language(&l) => 1,
            (_, None) => 2,
            _ => 3,
        }
    };
    let order = [message_type, GENERIC];
    let mut best: Option<(u8, Chosen<'a>)> = None;
    for usage in order {
        for t in templates.iter().filter(|t| t.usage_type == usage) {
            let Some(code) = t.template_code.for_destination(to) else {
                continue;
            };
            let rank = tier(t);
            // Strictly better only: the type's own entries, and earlier entries, win ties.
            if best.is_none_or(|(r, _)| rank < r) {
                best = Some((rank, (t, code)));
            }
        }
    }
    best.map(|(_, chosen)| chosen).ok_or_else(|| {
        let exists = order.iter().any(|u| templates.iter().any(|t| t.usage_type == *u));
        let description = if exists {
            format!(
                "Cannot find template for type: {message_type} for {} numbers: give the {message_type} or Generic template an \"{}\" templateCode",
                to.as_str(),
                to.as_str()
            )
        } else {
            format!("Cannot find template for type: {message_type} (and no usable \"Generic\" template to fall back to)")
        };
        ConnectorError::new(ErrorCode::TemplateNotFound, description)
    })
}

/// A config's `templates`: the entries send time can use, and the ones it skips (a blank or
/// placeholder code, a bad field), kept so an error can say which entry to fix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Templates {
    pub usable: Vec<Template>,
    pub skipped: Vec<(usize, Skipped)>,
}

impl Serialize for Templates {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.usable.serialize(s)
    }
}

impl Templates {
    /// Reads the list at `key`; every entry's problems go to the issues, as save time reports them.
    pub fn parse(f: &mut Fields<'_>, key: &str) -> Self {
        let list = match f.get(key) {
            Some(Value::Array(list)) if list.len() <= MAX_TEMPLATES => list,
            Some(Value::Array(_)) => {
                f.fail(key, format!("must hold at most {MAX_TEMPLATES} entries"));
                return Self::default();
            }
            _ => {
                f.fail(key, "must be a list of { usageType, templateCode } entries");
                return Self::default();
            }
        };
        let mut out = Self::default();
        for (i, item) in list.iter().enumerate() {
            let mut path = f.path(key);
            path.push(PathSeg::Index(i));
            match Template::parse(item, path, f.issues) {
                Ok(t) => out.usable.push(t),
                Err(skipped) => out.skipped.push((i, skipped)),
            }
        }
        out
    }

    /// Whether save time must report that no `Generic` template is usable. An entry of type
    /// `Generic` that is skipped already has its own issue, which says what to fix.
    pub fn lacks_generic(&self) -> bool {
        let generic = |t: Option<&str>| t == Some(GENERIC);
        !self.usable.iter().any(|t| generic(Some(&t.usage_type)))
            && !self.skipped.iter().any(|(_, s)| generic(s.usage_type.as_deref()))
    }

    /// `choose` among the usable entries; when nothing fits, the error also names the skipped
    /// entries that would have served the message, and why each was skipped.
    pub fn choose(
        &self,
        message_type: &str,
        locale: Option<&str>,
        to: Destination,
    ) -> Result<Chosen<'_>, ConnectorError> {
        choose(&self.usable, message_type, locale, to).map_err(|mut err| {
            let relevant: Vec<String> = self
                .skipped
                .iter()
                .filter(|(_, s)| s.usage_type.as_deref().is_some_and(|u| u == message_type || u == GENERIC))
                .flat_map(|(_, s)| s.why.iter().map(Issue::display))
                .collect();
            if !relevant.is_empty() {
                err.error_description =
                    format!("{}; skipped as unusable: {}", err.error_description, relevant.join("; "));
            }
            err
        })
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod props;
