//! Templates: which Tencent template serves a Logto message, and the parameters it gets.
//!
//! An entry is `{ usageType, templateCode, locale?, params?, verification? }`, where
//! `templateCode` is one TemplateId for every number (the official form) or
//! `{ "mainland": "…", "international": "…" }`, since Tencent keeps those apart.

use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::config::Fields;
use crate::error::{ConnectorError, ErrorCode, Issue, PathSeg};
use crate::phone::Destination;

pub const GENERIC: &str = "Generic";
pub const CODE_PLACEHOLDER: &str = "{{code}}";
const MAX_PARAMS: usize = 16;

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
pub enum TemplateCode {
    /// One TemplateId for every destination, as the official connector has it.
    Any(String),
    Split {
        mainland: Option<String>,
        international: Option<String>,
    },
}

impl TemplateCode {
    pub fn for_destination(&self, to: Destination) -> Option<&str> {
        match (self, to) {
            (Self::Any(code), _) => Some(code),
            (Self::Split { mainland, .. }, Destination::Mainland) => mainland.as_deref(),
            (Self::Split { international, .. }, Destination::International) => international.as_deref(),
        }
    }
}

impl Serialize for TemplateCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Any(code) => s.serialize_str(code),
            Self::Split { mainland, international } => {
                let pairs = [("mainland", mainland), ("international", international)];
                s.collect_map(pairs.into_iter().filter_map(|(k, v)| v.as_ref().map(|v| (k, v))))
            }
        }
    }
}

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

fn parse_code(f: &mut Fields<'_>) -> TemplateCode {
    let Some(Value::Object(obj)) = f.get("templateCode") else {
        return TemplateCode::Any(f.string("templateCode", 64));
    };
    let mut sub = Fields::new(obj, f.path("templateCode"), f.issues);
    let mainland = sub.optional_string("mainland", 64);
    let international = sub.optional_string("international", 64);
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
        let text = match item {
            Value::String(s) => s.trim().to_owned(),
            Value::Number(_) => crate::config::whole_number(item).unwrap_or_default(),
            _ => String::new(),
        };
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

impl Template {
    /// Reads one `templates[i]` entry; problems go to `issues` under `path`.
    pub fn parse(item: &Value, path: Vec<PathSeg>, issues: &mut Vec<Issue>) -> Option<Self> {
        let Value::Object(obj) = item else {
            issues.push(Issue::new(path, "must be an object { usageType, templateCode }"));
            return None;
        };
        let before = issues.len();
        let mut f = Fields::new(obj, path, issues);
        let usage_type = f.string("usageType", 64);
        let template_code = parse_code(&mut f);
        let locale = f.optional_string("locale", 35);
        if locale.as_deref().is_some_and(|l| {
            !l.split(['-', '_']).all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
        }) {
            f.fail("locale", "must be a language tag such as en, zh-CN or pt-BR");
        }
        let verification = match f.get("verification") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                f.fail("verification", "must be true or false");
                true
            }
        };
        let params = parse_params(&mut f, verification);
        (f.issues.len() == before).then_some(Self { usage_type, template_code, locale, params, verification })
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
            format!("Cannot find template for type: {message_type} (and no \"Generic\" template to fall back to)")
        };
        ConnectorError::new(ErrorCode::TemplateNotFound, description)
    })
}

#[cfg(test)]
mod tests;
