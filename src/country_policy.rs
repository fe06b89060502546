//! The country policy: which countries this connector may text. An allow-list and/or a
//! deny-list of country calling codes guards against SMS pumping (toll fraud) before any
//! request is made. It uses the same classifier as the mainland/international decision.

use serde::Serialize;
use serde_json::Value;

use crate::calling_codes::is_assigned;
use crate::error::{ConnectorError, ErrorCode};
use crate::fields::{text_or_digits, Fields};
use crate::phone::Phone;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CountryPolicy {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_country_codes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub denied_country_codes: Vec<String>,
}

/// Reads `["86", "+852", 1]` or the console-friendly `"86, +852, 1"`.
fn codes(f: &mut Fields<'_>, key: &str) -> Vec<String> {
    let items: Vec<String> = match f.get(key) {
        None => return Vec::new(),
        Some(Value::String(s)) => {
            s.split([',', ' ', ';']).filter(|p| !p.is_empty()).map(str::to_owned).collect()
        }
        Some(Value::Array(list)) => list.iter().map(|v| text_or_digits(v).unwrap_or_default()).collect(),
        Some(_) => {
            f.fail(key, "must be a list of country calling codes, e.g. [\"86\", \"852\"]");
            return Vec::new();
        }
    };
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let code = item.trim_start_matches('+').to_owned();
        if !is_assigned(&code) {
            f.fail(key, "must hold assigned country calling codes only, e.g. 86, 852, 1, 44");
            return Vec::new();
        }
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

impl CountryPolicy {
    /// Reads the allow-list at `key`.
    pub fn read_allowed(&mut self, f: &mut Fields<'_>, key: &str) {
        self.allowed_country_codes = codes(f, key);
    }

    /// Reads the deny-list at `key`, once the allow-list is read: no code may be in both.
    pub fn read_denied(&mut self, f: &mut Fields<'_>, key: &str) {
        self.denied_country_codes = codes(f, key);
        if self.allowed_country_codes.iter().any(|c| self.denied_country_codes.contains(c)) {
            f.fail(key, "must not repeat a code that allowedCountryCodes allows");
        }
    }

    /// Refuses a destination before any request; the message names the country code only.
    pub fn check(&self, phone: &Phone) -> Result<(), ConnectorError> {
        let code = phone.country_code();
        let refused = match code {
            Some(c) => {
                self.denied_country_codes.iter().any(|d| d == c)
                    || (!self.allowed_country_codes.is_empty()
                        && !self.allowed_country_codes.iter().any(|a| a == c))
            }
            None => !self.allowed_country_codes.is_empty(),
        };
        if !refused {
            return Ok(());
        }
        let shown =
            code.map_or_else(|| "an unknown country code".to_owned(), |c| format!("country code +{c}"));
        Err(ConnectorError::new(
            ErrorCode::InvalidRequestParameters,
            format!("SMS to {shown} is not allowed by this connector's destination policy (allowedCountryCodes / deniedCountryCodes)"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Issue;
    use serde_json::json;

    fn policy(v: Value) -> Result<CountryPolicy, Vec<String>> {
        let Value::Object(obj) = v else {
            return Err(vec![]);
        };
        let mut issues: Vec<Issue> = Vec::new();
        let mut p = CountryPolicy::default();
        let mut f = Fields::new(&obj, vec![], &mut issues);
        p.read_allowed(&mut f, "allowedCountryCodes");
        p.read_denied(&mut f, "deniedCountryCodes");
        if issues.is_empty() {
            Ok(p)
        } else {
            Err(issues.iter().map(Issue::display).collect())
        }
    }

    fn allowed(p: &CountryPolicy, number: &str) -> bool {
        Phone::parse(number, false).is_ok_and(|phone| p.check(&phone).is_ok())
    }

    #[test]
    fn no_policy_allows_everything() {
        let p = policy(json!({})).unwrap_or_default();
        assert!(allowed(&p, "8613012345678") && allowed(&p, "2341234567890"));
    }

    #[test]
    fn allow_list_admits_only_its_countries() {
        let p = policy(json!({"allowedCountryCodes": "86, +852"})).unwrap_or_default();
        assert_eq!(p.allowed_country_codes, ["86", "852"]);
        assert!(allowed(&p, "8613012345678") && allowed(&p, "85291234567"));
        assert!(!allowed(&p, "12125550123") && !allowed(&p, "85361234567"));
    }

    #[test]
    fn deny_list_refuses_its_countries_naming_only_the_code() {
        let p = policy(json!({"deniedCountryCodes": ["234", 7]})).unwrap_or_default();
        assert!(!allowed(&p, "2348012345678") && !allowed(&p, "79123456789"));
        assert!(allowed(&p, "8613012345678"));
        let phone = Phone::parse("2348012345678", false).ok();
        let err = phone.map(|ph| p.check(&ph)).and_then(Result::err).map(|e| (e.code, e.error_description));
        let (code, text) = err.unwrap_or((ErrorCode::General, String::new()));
        assert_eq!(code, ErrorCode::InvalidRequestParameters);
        assert!(text.contains("+234") && !text.contains("8012345678"), "{text}");
    }

    #[test]
    fn a_number_of_no_assigned_country_passes_only_without_an_allow_list() {
        let phone = Phone::parse("+2801234567", true).expect("well-formed, country code unassigned");
        assert_eq!(phone.country_code(), None);
        assert!(policy(json!({})).unwrap_or_default().check(&phone).is_ok());
        assert!(policy(json!({"deniedCountryCodes": ["7"]})).unwrap_or_default().check(&phone).is_ok());
        let refused = policy(json!({"allowedCountryCodes": ["86"]})).unwrap_or_default().check(&phone);
        assert!(refused.is_err_and(|e| e.error_description.contains("an unknown country code")));
    }

    #[test]
    fn rejects_unknown_codes_and_contradictions() {
        assert_eq!(
            policy(json!({"allowedCountryCodes": ["8"]})).err().unwrap_or_default(),
            ["allowedCountryCodes: must hold assigned country calling codes only, e.g. 86, 852, 1, 44"]
        );
        assert_eq!(
            policy(json!({"allowedCountryCodes": ["86"], "deniedCountryCodes": ["86"]}))
                .err()
                .unwrap_or_default(),
            ["deniedCountryCodes: must not repeat a code that allowedCountryCodes allows"]
        );
        assert!(policy(json!({"deniedCountryCodes": {"a": 1}})).is_err());
    }
}
