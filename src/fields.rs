//! The one reader of untrusted JSON objects: fields read by name, problems collected with their
//! path (as zod reports them), and "a trimmed string, or a whole number as its digits" written
//! once. Config, templates, the destination policy and the message data all read through here.

use serde_json::{Map, Value};

use crate::error::{Issue, PathSeg};

/// A trimmed string as given, or a whole non-negative JSON number as the digits a person would
/// type (no float formatting: `8613012345678` stays `8613012345678`). Anything else is `None`.
pub fn text_or_digits(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => n.as_u64().map(|n| n.to_string()),
        _ => None,
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
            Some(Value::String(s)) => self.bounded(key, s.trim(), max_chars),
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

    pub fn flag(&mut self, key: &str, default: bool) -> bool {
        match self.get(key) {
            None => default,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.fail(key, "must be true or false");
                default
            }
        }
    }

    /// An optional whole number within `range`; `default` when absent or invalid (then reported
    /// with `what`, e.g. "milliseconds").
    pub fn whole_number(
        &mut self,
        key: &str,
        range: std::ops::RangeInclusive<u32>,
        default: u32,
        what: &str,
    ) -> u32 {
        let Some(v) = self.get(key) else { return default };
        match v.as_f64() {
            Some(n)
                if n.fract() == 0.0 && (f64::from(*range.start())..=f64::from(*range.end())).contains(&n) =>
            {
                n as u32
            }
            _ => {
                self.fail(
                    key,
                    format!("must be a whole number of {what} from {} to {}", range.start(), range.end()),
                );
                default
            }
        }
    }

    /// What `read` gives, or `None` when reading it found a problem (reported all the same):
    /// how an optional setting that is invalid comes to read as absent.
    pub fn if_valid<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let before = self.issues.len();
        let value = read(self);
        value.filter(|_| self.issues.len() == before)
    }

    fn bounded(&mut self, key: &str, text: &str, max_chars: usize) -> String {
        if text.chars().count() > max_chars {
            self.fail(key, format!("must be at most {max_chars} characters"));
        }
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(v: Value, f: impl FnOnce(&mut Fields<'_>) -> String) -> (String, Vec<String>) {
        let obj = v.as_object().cloned().unwrap_or_default();
        let mut issues = Vec::new();
        let out = f(&mut Fields::new(&obj, vec![PathSeg::Key("root".into())], &mut issues));
        (out, issues.iter().map(Issue::display).collect())
    }

    #[test]
    fn whole_numbers_read_as_the_digits_typed() {
        assert_eq!(text_or_digits(&json!(8613012345678u64)).as_deref(), Some("8613012345678"));
        assert_eq!(text_or_digits(&json!(" 42 ")).as_deref(), Some("42"));
        for not_text in [json!(1.5), json!(-1), json!(true), json!(null), json!([1])] {
            assert_eq!(text_or_digits(&not_text), None, "{not_text}");
        }
    }

    #[test]
    fn blank_and_null_fields_are_absent_and_issues_carry_the_path() {
        let (out, issues) = read(json!({"a": "  ", "b": null}), |f| {
            assert!(f.get("a").is_none() && f.get("b").is_none());
            f.string("a", 4)
        });
        assert_eq!((out.as_str(), issues), ("", vec!["root.a: must be a non-empty string".to_owned()]));
    }

    #[test]
    fn a_string_may_be_exactly_as_long_as_its_bound() {
        assert!(read(json!({"s": "abcd"}), |f| f.string("s", 4)).1.is_empty());
        assert_eq!(
            read(json!({"s": "abcde"}), |f| f.string("s", 4)).1,
            ["root.s: must be at most 4 characters"]
        );
        assert!(read(json!({"s": "验证码四"}), |f| f.string("s", 4)).1.is_empty(), "characters, not bytes");
    }

    #[test]
    fn flags_are_booleans_only() {
        let (_, issues) = read(json!({"on": "yes"}), |f| f.flag("on", false).to_string());
        assert_eq!(issues, ["root.on: must be true or false"]);
        assert_eq!(read(json!({}), |f| f.flag("on", true).to_string()).0, "true");
    }
}
