//! The connector config: parsed from an untrusted value, validated all at once.
//!
//! Every config the official connector accepts is accepted here too, except where the official
//! one would fail for sure at send time (empty keys, a non-numeric `sdkAppId`, a malformed
//! region, no template usable for `Generic`). Messages never echo a value: a secret pasted
//! into the wrong field must not end up in an error.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::destination::DestinationPolicy;
use crate::endpoint::Endpoint;
use crate::error::{Issue, PathSeg};
use crate::template::{Template, GENERIC};

pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
const MIN_TIMEOUT_MS: u32 = 100;
const MAX_TIMEOUT_MS: u32 = 60_000;
pub const MAX_TEMPLATES: usize = 200;

/// Every key the parser reads; the console form (`metadata.json` `formItems`) shows exactly these.
pub const KEYS: [&str; 15] = [
    "accessKeyId",
    "accessKeySecret",
    "signName",
    "sdkAppId",
    "region",
    "templates",
    "endpoint",
    "timeoutMs",
    "internationalSignName",
    "omitInternationalSignName",
    "internationalRegion",
    "internationalEndpoint",
    "strictPhoneNumbers",
    "allowedCountryCodes",
    "deniedCountryCodes",
];

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub sign_name: String,
    pub sdk_app_id: String,
    pub region: String,
    pub templates: Vec<Template>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<Endpoint>,
    pub timeout_ms: u32,
    /// Absent: international numbers get `signName` too (the official behaviour).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub international_sign_name: Option<String>,
    /// No SignName abroad, where Tencent does not require one.
    #[serde(skip_serializing_if = "is_false")]
    pub omit_international_sign_name: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub international_region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub international_endpoint: Option<Endpoint>,
    /// Digits always start with a country code: no bare mainland-mobile reading.
    #[serde(skip_serializing_if = "is_false")]
    pub strict_phone_numbers: bool,
    #[serde(flatten)]
    pub destinations: DestinationPolicy,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where and as whom one destination class sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route<'a> {
    pub sign_name: Option<&'a str>,
    pub region: &'a str,
    pub endpoint: Option<&'a Endpoint>,
}

impl Config {
    pub fn route(&self, international: bool) -> Route<'_> {
        if !international {
            return Route {
                sign_name: Some(&self.sign_name),
                region: &self.region,
                endpoint: self.endpoint.as_ref(),
            };
        }
        let sign_name = match (self.omit_international_sign_name, &self.international_sign_name) {
            (true, _) => None,
            (false, Some(name)) => Some(name.as_str()),
            (false, None) => Some(self.sign_name.as_str()),
        };
        Route {
            sign_name,
            region: self.international_region.as_deref().unwrap_or(&self.region),
            endpoint: self.international_endpoint.as_ref().or(self.endpoint.as_ref()),
        }
    }
}

/// Collects the issues of one object while its fields are read.
pub struct Fields<'a> {
    obj: &'a Map<String, Value>,
    base: Vec<PathSeg>,
    pub issues: &'a mut Vec<Issue>,
}

impl<'a> Fields<'a> {
    pub fn new(obj: &'a Map<String, Value>, base: Vec<PathSeg>, issues: &'a mut Vec<Issue>) -> Self {
        Self { obj, base, issues }
    }

    pub fn path(&self, key: &str) -> Vec<PathSeg> {
        let mut p = self.base.clone();
        p.push(PathSeg::Key(key.to_owned()));
        p
    }

    pub fn fail(&mut self, key: &str, message: impl Into<String>) {
        let path = self.path(key);
        self.issues.push(Issue::new(path, message));
    }

    /// `null` and blank strings count as absent: Logto's console stores untouched optional
    /// text fields as `""`.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.obj.get(key).filter(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()))
    }

    /// A required string, trimmed: pasted keys often carry a stray space or newline.
    pub fn string(&mut self, key: &str, max_chars: usize) -> String {
        match self.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => {
                let s = s.trim();
                if s.chars().count() > max_chars {
                    self.fail(key, format!("must be at most {max_chars} characters"));
                }
                s.to_owned()
            }
            _ => {
                self.fail(key, "must be a non-empty string");
                String::new()
            }
        }
    }

    pub fn optional_string(&mut self, key: &str, max_chars: usize) -> Option<String> {
        self.get(key)?;
        Some(self.string(key, max_chars))
    }
}

/// A JSON number as the digits a person would type, for whole non-negative numbers only (no
/// float formatting: `8613012345678` stays `8613012345678`).
pub fn whole_number(v: &Value) -> Option<String> {
    v.as_u64().map(|n| n.to_string())
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

fn parse_flag(f: &mut Fields<'_>, key: &str) -> bool {
    match f.get(key) {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            f.fail(key, "must be true or false");
            false
        }
    }
}

fn parse_timeout(f: &mut Fields<'_>) -> u32 {
    match f.get("timeoutMs") {
        None => DEFAULT_TIMEOUT_MS,
        Some(v) => {
            match v.as_f64() {
                Some(n)
                    if n.fract() == 0.0
                        && (f64::from(MIN_TIMEOUT_MS)..=f64::from(MAX_TIMEOUT_MS)).contains(&n) =>
                {
                    n as u32
                }
                _ => {
                    f.fail(
                    "timeoutMs",
                    format!("must be a whole number of milliseconds from {MIN_TIMEOUT_MS} to {MAX_TIMEOUT_MS}"),
                );
                    DEFAULT_TIMEOUT_MS
                }
            }
        }
    }
}

fn parse_templates(f: &mut Fields<'_>) -> Vec<Template> {
    let list = match f.get("templates") {
        Some(Value::Array(list)) => list,
        _ => {
            f.fail("templates", "must be a list of { usageType, templateCode } entries");
            return Vec::new();
        }
    };
    if list.len() > MAX_TEMPLATES {
        f.fail("templates", format!("must hold at most {MAX_TEMPLATES} entries"));
        return Vec::new();
    }
    let base = f.path("templates");
    let templates: Vec<Template> = list
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let mut path = base.clone();
            path.push(PathSeg::Index(i));
            Template::parse(item, path, f.issues)
        })
        .collect();
    if !list.is_empty() && templates.len() == list.len() && !templates.iter().any(|t| t.usage_type == GENERIC)
    {
        f.fail(
            "templates",
            "must include a template with usageType \"Generic\": it is what Logto's test button sends, and what every message type without its own template falls back to",
        );
    } else if list.is_empty() {
        f.fail("templates", "must hold at least the \"Generic\" template");
    }
    templates
}

/// Parses and validates `raw`, reporting every problem at once.
pub fn parse(raw: &Value) -> Result<Config, Vec<Issue>> {
    let Value::Object(obj) = raw else {
        return Err(vec![Issue::new(vec![], "config must be an object")]);
    };
    let mut issues = Vec::new();
    let mut f = Fields::new(obj, Vec::new(), &mut issues);
    let access_key_id = f.string("accessKeyId", 128);
    if access_key_id.contains(|c: char| !c.is_ascii_graphic() || c == '/' || c == ',') {
        f.fail("accessKeyId", "must be printable ASCII without spaces, '/' or ','");
    }
    let access_key_secret = f.string("accessKeySecret", 256);
    let sign_name = f.string("signName", 64);
    let sdk_app_id = f.string("sdkAppId", 20);
    if !sdk_app_id.bytes().all(|b| b.is_ascii_digit()) {
        f.fail("sdkAppId", "must contain digits only (the SMS application's SdkAppId, e.g. 1400000000)");
    }
    let region = parse_region(&mut f, "region");
    let templates = parse_templates(&mut f);
    let endpoint = parse_endpoint(&mut f, "endpoint");
    let timeout_ms = parse_timeout(&mut f);
    let international_sign_name = f.optional_string("internationalSignName", 64);
    let omit_international_sign_name = parse_flag(&mut f, "omitInternationalSignName");
    let international_region =
        f.get("internationalRegion").is_some().then(|| parse_region(&mut f, "internationalRegion"));
    let international_endpoint = parse_endpoint(&mut f, "internationalEndpoint");
    let strict_phone_numbers = parse_flag(&mut f, "strictPhoneNumbers");
    let destinations = DestinationPolicy::parse(&mut f);
    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(Config {
        access_key_id,
        access_key_secret,
        sign_name,
        sdk_app_id,
        region,
        templates,
        endpoint,
        timeout_ms,
        international_sign_name,
        omit_international_sign_name,
        international_region,
        international_endpoint,
        strict_phone_numbers,
        destinations,
    })
}

#[cfg(test)]
mod tests;
