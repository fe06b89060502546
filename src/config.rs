//! The connector config, read from an untrusted value in one of two ways:
//!
//! - `parse`, at save time (`configGuard`): every problem at once, with its path.
//! - `parse_stored`, at send time: Logto checks a config only when it is saved, so a stored
//!   config may be one the official connector accepted, which ignores every key it does not
//!   know. It is used as far as the message needs it: an unusable template entry is skipped
//!   (the type falls back to `Generic`), an invalid optional setting of ours is ignored as the
//!   official ignores it (its default applies), and only problems that every send would meet
//!   fail every send. The destination policy is the exception: it fails closed.
//!
//! Which keys there are, how each is read and what a bad value does at send time is the field
//! table's (`table.rs`). Messages never echo a value: a secret pasted into the wrong field must
//! not end up in an error.

use serde::Serialize;
use serde_json::Value;

use crate::country_policy::CountryPolicy;
use crate::destination::Routes;
use crate::endpoint::Endpoint;
use crate::error::{Issue, PathSeg};
use crate::fields::Fields;
use crate::retry;
use crate::secret::Secret;
use crate::template::{Templates, GENERIC_MISSING};

mod table;
use table::{field, Need, FIELDS};
pub(crate) use table::{keys, TEMPLATES};

pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
const MIN_TIMEOUT_MS: u32 = 100;
const MAX_TIMEOUT_MS: u32 = 60_000;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    pub access_key_id: String,
    pub access_key_secret: Secret<String>,
    pub sdk_app_id: String,
    pub templates: Templates,
    /// Sign name, region and endpoint, for mainland and international numbers.
    #[serde(flatten)]
    pub routes: Routes,
    pub timeout_ms: u32,
    /// Tries after a failure that proves Tencent did not process the request (see `retry`).
    #[serde(skip_serializing_if = "is_default_retries")]
    pub max_retries: u32,
    /// Digits always start with a country code: no bare mainland-mobile reading.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub strict_phone_numbers: bool,
    #[serde(flatten)]
    pub country_policy: CountryPolicy,
}

/// What `read` starts from: the defaults of the optional settings, blanks for the rest.
impl Default for Config {
    fn default() -> Self {
        Self {
            access_key_id: String::new(),
            access_key_secret: Secret::default(),
            sdk_app_id: String::new(),
            templates: Templates::default(),
            routes: Routes::default(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            max_retries: retry::DEFAULT_RETRIES,
            strict_phone_numbers: false,
            country_policy: CountryPolicy::default(),
        }
    }
}

fn is_default_retries(n: &u32) -> bool {
    *n == retry::DEFAULT_RETRIES
}

/// Printable ASCII without spaces, '/' or ',', as Tencent's SecretIds are.
fn access_key_id(f: &mut Fields<'_>, key: &str) -> String {
    let id = f.string(key, 128);
    if id.contains(|c: char| !c.is_ascii_graphic() || c == '/' || c == ',') {
        f.fail(key, "must be printable ASCII without spaces, '/' or ','");
    }
    id
}

fn sdk_app_id(f: &mut Fields<'_>, key: &str) -> String {
    let id = f.string(key, 20);
    if !id.bytes().all(|b| b.is_ascii_digit()) {
        f.fail(key, "must contain digits only (the SMS application's SdkAppId, e.g. 1400000000)");
    }
    id
}

fn is_region(s: &str) -> bool {
    let mut parts = s.split('-');
    let first_ok = parts.next().is_some_and(|p| p.len() >= 2 && p.bytes().all(|b| b.is_ascii_lowercase()));
    let rest: Vec<&str> = parts.collect();
    first_ok
        && !rest.is_empty()
        && rest
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn parse_region(f: &mut Fields<'_>, key: &str) -> String {
    let region = f.string(key, 64);
    if !region.is_empty() && !is_region(&region) {
        f.fail(key, "must be a Tencent Cloud region name such as ap-guangzhou");
    }
    region
}

fn parse_endpoint(f: &mut Fields<'_>, key: &str) -> Option<Endpoint> {
    match f.get(key)? {
        Value::String(s) => Endpoint::parse(s).map_err(|message| f.fail(key, message)).ok(),
        _ => {
            f.fail(key, "must be a URL string such as https://sms.tencentcloudapi.com");
            None
        }
    }
}

/// Reads every key of the table, collecting every problem; a bad optional setting reads as
/// absent. `check` uses this directly, to go on past problems that would fail every send.
pub fn read(raw: &Value) -> Result<(Config, Vec<Issue>), Vec<Issue>> {
    let Value::Object(obj) = raw else {
        return Err(vec![Issue::new(vec![], "config must be an object")]);
    };
    let mut issues = Vec::new();
    let mut f = Fields::new(obj, Vec::new(), &mut issues);
    let mut config = Config::default();
    for field in FIELDS {
        (field.read)(&mut f, field.key, &mut config);
    }
    Ok((config, issues))
}

/// Save time: the config, or every problem in it.
pub fn parse(raw: &Value) -> Result<Config, Vec<Issue>> {
    let (config, mut issues) = read(raw)?;
    let templates_path = [PathSeg::Key(TEMPLATES.into())];
    let list_unreadable = issues.iter().any(|i| i.path == templates_path);
    if config.templates.lacks_generic() && !list_unreadable {
        issues.push(Issue::new(templates_path.to_vec(), GENERIC_MISSING));
    }
    if issues.is_empty() {
        Ok(config)
    } else {
        Err(issues)
    }
}

/// What a save-time problem does at send time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Its template entry is skipped (`Templates::skipped` says why), or, in a field only this
    /// connector reads (`locale`, `params`, `verification`), that field is ignored.
    Entry,
    /// An optional setting of ours, ignored: its default applies.
    Ignored,
    /// Every send fails.
    Every,
}

pub fn reach(issue: &Issue) -> Reach {
    match issue.path.as_slice() {
        [PathSeg::Key(k), PathSeg::Index(_), ..] if k == TEMPLATES => Reach::Entry,
        [PathSeg::Key(k), ..] if field(k).is_some_and(|f| f.need == Need::Optional) => Reach::Ignored,
        _ => Reach::Every,
    }
}

/// Send time: the config as far as messages can use it, or the problems every send would meet.
pub fn parse_stored(raw: &Value) -> Result<Config, Vec<Issue>> {
    let (config, issues) = read(raw)?;
    let every: Vec<Issue> = issues.into_iter().filter(|i| reach(i) == Reach::Every).collect();
    if every.is_empty() {
        Ok(config)
    } else {
        Err(every)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod props;
