//! Templates: which Tencent template serves a Logto message type, and its parameters.

use serde::Serialize;
use serde_json::Value;

use crate::config::Fields;
use crate::error::{ConnectorError, ErrorCode, Issue, PathSeg};

pub const GENERIC: &str = "Generic";

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

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub usage_type: String,
    pub template_code: String,
}

impl Template {
    /// Reads one `templates[i]` entry; problems go to `issues` under `path`.
    pub fn parse(item: &Value, path: Vec<PathSeg>, issues: &mut Vec<Issue>) -> Option<Self> {
        let Value::Object(obj) = item else {
            issues.push(Issue::new(
                path,
                "must be an object { usageType, templateCode }",
            ));
            return None;
        };
        let before = issues.len();
        let mut f = Fields::new(obj, path, issues);
        let usage_type = f.string("usageType", 64);
        let template_code = f.string("templateCode", 64);
        (f.issues.len() == before).then_some(Self {
            usage_type,
            template_code,
        })
    }
}

/// The template for `message_type`: its own, else `Generic` (connector-kit's documented
/// fallback), else `template_not_found`. The first matching entry wins, as in the official.
pub fn choose<'a>(
    templates: &'a [Template],
    message_type: &str,
) -> Result<&'a Template, ConnectorError> {
    templates
        .iter()
        .find(|t| t.usage_type == message_type)
        .or_else(|| templates.iter().find(|t| t.usage_type == GENERIC))
        .ok_or_else(|| {
            ConnectorError::new(
                ErrorCode::TemplateNotFound,
                format!("Cannot find template for type: {message_type} (and no \"Generic\" template to fall back to)"),
            )
        })
}

/// `TemplateParamSet`: the verification code and nothing else. `locale`, `uiLocales`, `ip`
/// and any other payload field never reach Tencent (the official leaks `uiLocales`).
pub fn params(code: &str) -> Vec<String> {
    vec![code.to_owned()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(usage: &str, code: &str) -> Template {
        Template {
            usage_type: usage.into(),
            template_code: code.into(),
        }
    }

    #[test]
    fn picks_the_exact_usage_type_first() {
        let list = [t("Generic", "1"), t("SignIn", "2")];
        assert_eq!(
            choose(&list, "SignIn").map(|t| t.template_code.as_str()),
            Ok("2")
        );
    }

    #[test]
    fn falls_back_to_generic_for_every_template_type() {
        let list = [t("Generic", "9")];
        for ty in TEMPLATE_TYPES {
            assert_eq!(
                choose(&list, ty).map(|t| t.template_code.as_str()),
                Ok("9"),
                "{ty}"
            );
        }
    }

    #[test]
    fn names_the_type_when_nothing_fits() {
        let list = [t("SignIn", "2")];
        let err = choose(&list, "BindMfa").expect_err("no template");
        assert_eq!(err.code, ErrorCode::TemplateNotFound);
        assert!(err.error_description.contains("BindMfa"));
    }

    #[test]
    fn first_duplicate_wins_like_the_official() {
        let list = [t("SignIn", "1"), t("SignIn", "2")];
        assert_eq!(
            choose(&list, "SignIn").map(|t| t.template_code.as_str()),
            Ok("1")
        );
    }

    #[test]
    fn sends_only_the_code_as_parameter() {
        assert_eq!(params("123456"), vec!["123456".to_owned()]);
    }

    #[test]
    fn reports_entry_problems_under_the_entry_path() {
        let mut issues = Vec::new();
        let path = vec![PathSeg::Key("templates".into()), PathSeg::Index(1)];
        let got = Template::parse(
            &serde_json::json!({"usageType": 3}),
            path.clone(),
            &mut issues,
        );
        assert_eq!(got, None);
        let shown: Vec<String> = issues.iter().map(Issue::display).collect();
        assert_eq!(
            shown,
            [
                "templates[1].usageType: must be a non-empty string",
                "templates[1].templateCode: must be a non-empty string"
            ]
        );
        assert_eq!(
            Template::parse(&serde_json::json!([]), path, &mut issues),
            None
        );
        assert_eq!(issues.len(), 3);
    }
}
