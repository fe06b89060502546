//! Does each configured template exist at Tencent, approved, for the route it serves, with as
//! many variables as the connector sends for its entry (the code alone: one; `params`: that many)?

use serde::Serialize;

use super::answers::TemplateStatus;
use super::variables::Variables;
use super::{review_verdict, Level, Verdict};
use crate::destination::Destination;
use crate::template::Template;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateFinding {
    /// `templates[entry]` in the config as stored.
    pub entry: usize,
    pub route: Destination,
    /// Tencent's name for the template, when it was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub verdict: Verdict,
}

/// The TemplateId as Tencent's queries take it (a number), if the entry's code is one.
pub fn numeric_id(code: &str) -> Option<u64> {
    // Digits only (`parse` alone would take "+1"); empty and too large fail to parse.
    code.bytes().all(|b| b.is_ascii_digit()).then(|| code.parse().ok()).flatten()
}

/// `International`: 0 mainland, 1 international, 3 both.
fn serves(international: i64, route: Destination) -> bool {
    matches!((international, route), (0 | 3, Destination::Mainland) | (1 | 3, Destination::International))
}

/// How many values the connector sends for this entry.
pub fn values_sent(t: &Template) -> usize {
    t.params.as_ref().map_or(1, Vec::len)
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

fn variables_verdict(t: &Template, content: &str) -> Verdict {
    let vars = Variables::read(content);
    let sent = values_sent(t);
    let what_sent = match &t.params {
        None => "1 value (the code)".to_owned(),
        Some(_) => format!("{} (its params)", plural(sent, "value")),
    };
    let mut parts = Vec::new();
    if vars.count() == 0 {
        parts.push(Verdict::new(
            Level::Error,
            format!("its text has no variable, so the code never reaches the user; the connector sends {what_sent}"),
        ));
    } else if vars.count() != sent {
        parts.push(Verdict::new(
            Level::Error,
            format!(
                "its text has {} but the connector sends {what_sent}: Tencent answers FailedOperation.TemplateParamSetNotMatchApprovedTemplate",
                plural(vars.count(), "variable")
            ),
        ));
    } else if !vars.contiguous() {
        let missing: Vec<String> = vars.missing().iter().map(|n| format!("{{{n}}}")).collect();
        parts.push(Verdict::new(
            Level::Error,
            format!(
                "its variables skip {}: values fill {{1}}, {{2}}, … in order, so they would not line up",
                missing.join(", ")
            ),
        ));
    } else {
        parts.push(Verdict::new(Level::Ok, format!("{} as sent", plural(sent, "variable"))));
    }
    if !vars.odd.is_empty() {
        parts.push(Verdict::new(
            Level::Warning,
            format!(
                "its text has {}, which Tencent does not number as a variable: check it in the console",
                vars.odd.join(", ")
            ),
        ));
    }
    Verdict::combine(parts)
}

/// The verdict for entry `t` (at `templates[entry]`) on `route`, among the templates the
/// account answered with for that route's query.
pub fn judge(entry: usize, t: &Template, route: Destination, found: &[TemplateStatus]) -> TemplateFinding {
    let finding = |name: Option<String>, verdict| TemplateFinding { entry, route, name, verdict };
    let Some(code) = t.template_code.for_destination(route) else {
        return finding(
            None,
            Verdict::new(Level::Ok, format!("no TemplateId for {} numbers", route.as_str())),
        );
    };
    let Some(id) = numeric_id(code) else {
        return finding(
            None,
            Verdict::new(Level::Error, "the TemplateId is not a number, and Tencent's TemplateIds are"),
        );
    };
    let Some(status) = found.iter().find(|s| s.id == id) else {
        return finding(
            None,
            Verdict::new(
                Level::Error,
                match route {
                    Destination::Mainland => "no template with this TemplateId among the account's mainland templates: it does not exist, or it is an international one (FailedOperation.TemplateUnapprovedOrNotExist)",
                    Destination::International => "no template with this TemplateId among the account's international templates: it does not exist, or it is a mainland China one (FailedOperation.TemplateUnapprovedOrNotExist)",
                },
            ),
        );
    };
    let name = Some(status.name.clone()).filter(|n| !n.is_empty());
    if !serves(status.international, route) {
        let (is, refusal) = match route {
            Destination::International => {
                ("a mainland China template", "UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone")
            }
            Destination::Mainland => {
                ("an international template", "UnsupportedOperation.GlobalTemplateToChineseMainlandPhone")
            }
        };
        return finding(
            name,
            Verdict::new(
                Level::Error,
                format!("it is {is}, which Tencent refuses for {} numbers ({refusal})", route.as_str()),
            ),
        );
    }
    let review = review_verdict(status.status, &status.review_reply, "template");
    finding(name, Verdict::combine(vec![review, variables_verdict(t, &status.content)]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::destination::TemplateCode;
    use crate::template::Param;

    fn entry(code: &str, params: Option<Vec<Param>>) -> Template {
        Template {
            usage_type: "SignIn".into(),
            template_code: TemplateCode::Any(code.into()),
            locale: None,
            params,
            verification: true,
        }
    }

    fn status(id: u64, international: i64, status: i64, content: &str) -> TemplateStatus {
        TemplateStatus {
            id,
            international,
            status,
            review_reply: "含营销内容".into(),
            name: "登录".into(),
            content: content.into(),
        }
    }

    fn verdict(t: &Template, route: Destination, found: &[TemplateStatus]) -> Verdict {
        judge(0, t, route, found).verdict
    }

    #[test]
    fn an_approved_template_with_one_variable_serves_the_code() {
        let v = verdict(&entry("1001", None), Destination::Mainland, &[status(1001, 0, 0, "验证码{1}")]);
        assert_eq!(v, Verdict::new(Level::Ok, "approved and in effect; 1 variable as sent"));
    }

    #[test]
    fn variable_counts_must_match_what_is_sent() {
        let one = entry("1", None);
        let v = verdict(&one, Destination::Mainland, &[status(1, 0, 0, "验证码{1}，{2}分钟内有效")]);
        assert!(
            v.message.contains("has 2 variables but the connector sends 1 value (the code)"),
            "{}",
            v.message
        );
        let v = verdict(&one, Destination::Mainland, &[status(1, 0, 0, "欢迎")]);
        assert!(v.message.contains("no variable, so the code never reaches the user"), "{}", v.message);
        let two = entry("1", Some(vec![Param::Code, Param::Literal("5".into())]));
        assert_eq!(verdict(&two, Destination::Mainland, &[status(1, 0, 0, "{1}，{2}分钟")]).level, Level::Ok);
        let v = verdict(&two, Destination::Mainland, &[status(1, 0, 0, "{1}，{3}分钟")]);
        assert!(v.message.contains("skip {2}"), "{}", v.message);
        let three =
            entry("1", Some(vec![Param::Code, Param::Literal("5".into()), Param::Literal("x".into())]));
        let v = verdict(&three, Destination::Mainland, &[status(1, 0, 0, "{1}{2}")]);
        assert!(
            v.message.contains("2 variables but the connector sends 3 values (its params)"),
            "{}",
            v.message
        );
        let v = verdict(&one, Destination::Mainland, &[status(1, 0, 0, "码{1}，{01}")]);
        assert_eq!(v.level, Level::Warning, "{}", v.message);
    }

    #[test]
    fn routes_follow_international_0_1_and_3() {
        let t = entry("7", None);
        for (intl, mainland_ok, abroad_ok) in [(0, true, false), (1, false, true), (3, true, true)] {
            let found = [status(7, intl, 0, "{1}")];
            assert_eq!(verdict(&t, Destination::Mainland, &found).level == Level::Ok, mainland_ok, "{intl}");
            assert_eq!(
                verdict(&t, Destination::International, &found).level == Level::Ok,
                abroad_ok,
                "{intl}"
            );
        }
        let v = verdict(&t, Destination::International, &[status(7, 0, 0, "{1}")]);
        assert!(v.message.contains("ChineseMainlandTemplateToGlobalPhone"), "{}", v.message);
    }

    #[test]
    fn missing_unapproved_and_non_numeric_templates_are_errors() {
        let t = entry("1001", None);
        assert!(verdict(&t, Destination::Mainland, &[]).message.contains("TemplateUnapprovedOrNotExist"));
        let v = verdict(&t, Destination::Mainland, &[status(1001, 0, -1, "{1}")]);
        assert_eq!(v.level, Level::Error);
        assert!(v.message.contains("rejected by Tencent's review: 含营销内容"), "{}", v.message);
        assert!(verdict(&t, Destination::Mainland, &[status(1001, 0, 1, "{1}")])
            .message
            .contains("in review"));
        assert_eq!(verdict(&entry("SMS_1", None), Destination::Mainland, &[]).level, Level::Error);
        assert_eq!(numeric_id("99999999999999999999"), None);
        assert_eq!(numeric_id("0012"), Some(12));
        assert_eq!([numeric_id(""), numeric_id("+1"), numeric_id("1 ")], [None, None, None]);
        assert_eq!(numeric_id("18446744073709551615"), Some(u64::MAX));
    }

    #[test]
    fn a_split_code_without_this_route_is_not_judged() {
        let mut t = entry("1", None);
        t.template_code = TemplateCode::Split { mainland: Some("1".into()), international: None };
        assert_eq!(verdict(&t, Destination::International, &[]).level, Level::Ok);
    }
}
