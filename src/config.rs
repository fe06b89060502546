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
//! Messages never echo a value: a secret pasted into the wrong field must not end up in an error.

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

pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
const MIN_TIMEOUT_MS: u32 = 100;
const MAX_TIMEOUT_MS: u32 = 60_000;

/// Every key the parser reads; the console form (`metadata.json` `formItems`) shows exactly these.
pub const KEYS: [&str; 16] = [
    "accessKeyId",
    "accessKeySecret",
    "signName",
    "sdkAppId",
    "region",
    "templates",
    "endpoint",
    "timeoutMs",
    "maxRetries",
    "internationalSignName",
    "omitInternationalSignName",
    "internationalRegion",
    "internationalEndpoint",
    "strictPhoneNumbers",
    "allowedCountryCodes",
    "deniedCountryCodes",
];

/// Our optional settings that send time ignores when invalid, as the official ignores them:
/// `endpoint` to `strictPhoneNumbers`, kept together in `KEYS` for this.
pub const IGNORABLE_KEYS: &[&str] = KEYS.split_at(6).1.split_at(8).0;

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
    #[serde(skip_serializing_if = "is_false")]
    pub strict_phone_numbers: bool,
    #[serde(flatten)]
    pub country_policy: CountryPolicy,
}

fn is_default_retries(n: &u32) -> bool {
    *n == retry::DEFAULT_RETRIES
}

fn is_false(b: &bool) -> bool {
    !*b
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

/// Reads every field, collecting every problem; a bad optional setting reads as absent. `check`
/// uses this directly, to go on past problems that would fail every send.
pub fn read(raw: &Value) -> Result<(Config, Vec<Issue>), Vec<Issue>> {
    let Value::Object(obj) = raw else {
        return Err(vec![Issue::new(vec![], "config must be an object")]);
    };
    let mut issues = Vec::new();
    let mut f = Fields::new(obj, Vec::new(), &mut issues);
    let access_key_id = f.string("accessKeyId", 128);
    if access_key_id.contains(|c: char| !c.is_ascii_graphic() || c == '/' || c == ',') {
        f.fail("accessKeyId", "must be printable ASCII without spaces, '/' or ','");
    }
    let access_key_secret = Secret::new(f.string("accessKeySecret", 256));
    let sign_name = f.string("signName", 64);
    let sdk_app_id = f.string("sdkAppId", 20);
    if !sdk_app_id.bytes().all(|b| b.is_ascii_digit()) {
        f.fail("sdkAppId", "must contain digits only (the SMS application's SdkAppId, e.g. 1400000000)");
    }
    let region = parse_region(&mut f, "region");
    let templates = Templates::parse(&mut f);
    let endpoint = parse_endpoint(&mut f, "endpoint");
    let timeout_ms =
        f.whole_number("timeoutMs", MIN_TIMEOUT_MS..=MAX_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, "milliseconds");
    let max_retries = f.whole_number("maxRetries", 0..=retry::MAX_RETRIES, retry::DEFAULT_RETRIES, "retries");
    let international_sign_name = f.if_valid(|f| f.optional_string("internationalSignName", 64));
    let omit_international_sign_name = f.flag("omitInternationalSignName", false);
    let international_region = f
        .if_valid(|f| f.get("internationalRegion").is_some().then(|| parse_region(f, "internationalRegion")));
    let international_endpoint = parse_endpoint(&mut f, "internationalEndpoint");
    let strict_phone_numbers = f.flag("strictPhoneNumbers", false);
    let country_policy = CountryPolicy::parse(&mut f);
    let config = Config {
        access_key_id,
        access_key_secret,
        sdk_app_id,
        templates,
        routes: Routes {
            sign_name,
            region,
            endpoint,
            international_sign_name,
            omit_international_sign_name,
            international_region,
            international_endpoint,
        },
        timeout_ms,
        max_retries,
        strict_phone_numbers,
        country_policy,
    };
    Ok((config, issues))
}

/// Save time: the config, or every problem in it.
pub fn parse(raw: &Value) -> Result<Config, Vec<Issue>> {
    let (config, mut issues) = read(raw)?;
    let templates_path = [PathSeg::Key("templates".into())];
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
        [PathSeg::Key(k), PathSeg::Index(_), ..] if k == "templates" => Reach::Entry,
        [PathSeg::Key(k), ..] if IGNORABLE_KEYS.contains(&k.as_str()) => Reach::Ignored,
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
