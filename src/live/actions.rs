//! The four read actions: their names, request bodies, and the CAM permission they need.
//! Bodies follow Tencent's SDK models (`tencentcloud-sdk-nodejs-sms`, v20210111); every read is
//! signed and sent exactly as `SendSms` is (same host, version, region and TC3 signature).
//!
//! Reads change nothing at Tencent, so repeating one is safe: the flow may retry a read after a
//! timeout, a 5xx or `RequestLimitExceeded`, which `SendSms` never may.

use serde::Serialize;
use serde_json::json;

use crate::destination::Destination;
use crate::utc_date::utc_date;

pub const SIGN_LIST: &str = "DescribeSmsSignList";
pub const TEMPLATE_LIST: &str = "DescribeSmsTemplateList";
pub const PACKAGES: &str = "SmsPackagesStatistics";
/// Receipts for one number, without consuming them: `PullSmsSendStatus` would take receipts
/// that other systems of the account may be waiting for.
pub const RECEIPTS: &str = "PullSmsSendStatusByPhoneNumber";

/// What `check --live` reads, in the order it reads them.
pub const CHECK_ACTIONS: [&str; 3] = [SIGN_LIST, TEMPLATE_LIST, PACKAGES];

/// Tencent's maximum page for signs, and for template IDs in one query.
pub const PAGE: usize = 100;
/// Tencent's maximum for packages in one answer.
pub const PACKAGE_LIMIT: u32 = 500;
/// Packages are listed by creation time: look back far enough for any package still valid.
pub const PACKAGE_LOOKBACK_S: u64 = 4 * 366 * 86_400;
/// Receipts are kept for 7 days; a receipt for a send just made is among the last 100.
pub const RECEIPT_LIMIT: u32 = 100;

/// `International`: 0 for mainland China, 1 for everywhere else (incl. HK, MO, TW).
pub fn international(route: Destination) -> u8 {
    match route {
        Destination::Mainland => 0,
        Destination::International => 1,
    }
}

/// One page of the account's signs on a route (`Limit` 100 from `offset`).
pub fn sign_page(route: Destination, offset: usize) -> String {
    json!({ "International": international(route), "Limit": PAGE, "Offset": offset }).to_string()
}

/// Up to 100 templates of a route, by ID (`TemplateIdSet` holds numbers).
pub fn template_query(route: Destination, ids: &[u64]) -> String {
    json!({ "International": international(route), "TemplateIdSet": ids }).to_string()
}

/// `yyyymmddhh` in China Standard Time (UTC+8), the clock of Tencent's console and of these fields.
pub fn china_hour(timestamp: u64) -> String {
    let t = timestamp.saturating_add(8 * 3600);
    format!("{}{:02}", utc_date(t).replace('-', ""), (t % 86_400) / 3600)
}

/// The packages created in the last four years up to this hour (`EndTime` must not be in the future).
pub fn packages_query(sdk_app_id: &str, now_s: u64) -> String {
    json!({
        "SmsSdkAppId": sdk_app_id,
        "Limit": PACKAGE_LIMIT,
        "Offset": 0,
        "BeginTime": china_hour(now_s.saturating_sub(PACKAGE_LOOKBACK_S)),
        "EndTime": china_hour(now_s),
    })
    .to_string()
}

/// Receipts for one number from `begin_s` to `end_s` (Unix seconds). `Offset` is fixed at 0.
pub fn receipts_query(sdk_app_id: &str, phone_e164: &str, begin_s: u64, end_s: u64) -> String {
    json!({
        "BeginTime": begin_s,
        "EndTime": end_s,
        "Offset": 0,
        "Limit": RECEIPT_LIMIT,
        "PhoneNumber": phone_e164,
        "SmsSdkAppId": sdk_app_id,
    })
    .to_string()
}

/// The environment variables a separate read-only key is handed over in: never arguments,
/// which `ps` and shell history keep.
pub const READ_KEY_ENV: [&str; 2] = ["TENCENTCLOUD_READ_SECRET_ID", "TENCENTCLOUD_READ_SECRET_KEY"];

/// What to do when CAM refuses a read (`AuthFailure.UnauthorizedOperation`): the connector's
/// key rightly holds `sms:SendSms` only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PermissionHint {
    pub refused: Vec<&'static str>,
    pub actions: Vec<String>,
    pub policy: serde_json::Value,
    pub env: [&'static str; 2],
}

pub fn permission_hint(refused: Vec<&'static str>, needed: &[&'static str]) -> PermissionHint {
    let actions: Vec<String> = needed.iter().map(|a| format!("sms:{a}")).collect();
    let policy = json!({
        "version": "2.0",
        "statement": [{ "effect": "allow", "action": actions, "resource": ["*"] }]
    });
    PermissionHint { refused, actions, policy, env: READ_KEY_ENV }
}

impl PermissionHint {
    /// The policy as the CAM console shows one: `version` first, one action a line.
    pub fn policy_text(&self) -> String {
        let actions: Vec<String> = self.actions.iter().map(|a| format!("        \"{a}\"")).collect();
        format!(
            "{{\n  \"version\": \"2.0\",\n  \"statement\": [\n    {{\n      \"effect\": \"allow\",\n      \"action\": [\n{}\n      ],\n      \"resource\": [\"*\"]\n    }}\n  ]\n}}",
            actions.join(",\n")
        )
    }

    pub fn text(&self) -> String {
        let policy = self.policy_text();
        format!(
            "The key was refused {} (AuthFailure.UnauthorizedOperation). That is right for the connector's own key, which needs sms:SendSms only; this is not a config error.\n\
             To check the account, create a read-only key whose CAM policy allows exactly:\n{policy}\n\
             and hand it to this command in the environment, never as an argument (arguments show in ps and shell history):\n  {}=… {}=… connector-tencent-sms-wasm check --live --config <file>",
            self.refused.join(", "),
            self.env[0],
            self.env[1],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn parsed(body: &str) -> Value {
        serde_json::from_str(body).unwrap_or_default()
    }

    #[test]
    fn bodies_have_the_sdk_models_fields_and_types() {
        assert_eq!(sign_page(Destination::Mainland, 200), r#"{"International":0,"Limit":100,"Offset":200}"#);
        assert_eq!(parsed(&sign_page(Destination::International, 0))["International"], 1);
        assert_eq!(
            template_query(Destination::International, &[1001, 2002]),
            r#"{"International":1,"TemplateIdSet":[1001,2002]}"#
        );
        let p = parsed(&receipts_query("1400000000", "+8613800138000", 10, 20));
        assert_eq!(p["BeginTime"], 10);
        assert_eq!(p["EndTime"], 20);
        assert_eq!((p["Offset"].as_u64(), p["Limit"].as_u64()), (Some(0), Some(100)));
        assert_eq!(p["PhoneNumber"], "+8613800138000");
        assert_eq!(p["SmsSdkAppId"], "1400000000");
    }

    #[test]
    fn package_window_is_in_china_time_hours_and_ends_now() {
        // 1700000000 is 2023-11-14T22:13:20Z, already 2023-11-15 06:13 in China.
        assert_eq!(china_hour(1_700_000_000), "2023111506");
        assert_eq!(china_hour(0), "1970010108");
        let p = parsed(&packages_query("1400000000", 1_700_000_000));
        assert_eq!(p["EndTime"], "2023111506");
        assert_eq!(p["BeginTime"], "2019111206");
        assert_eq!((p["Limit"].as_u64(), p["Offset"].as_u64()), (Some(500), Some(0)));
        assert_eq!(p["SmsSdkAppId"], "1400000000");
    }

    #[test]
    fn the_policy_allows_exactly_the_actions_needed() {
        let hint = permission_hint(vec![SIGN_LIST], &CHECK_ACTIONS);
        assert_eq!(
            hint.policy["statement"][0]["action"],
            serde_json::json!([
                "sms:DescribeSmsSignList",
                "sms:DescribeSmsTemplateList",
                "sms:SmsPackagesStatistics"
            ])
        );
        assert_eq!(hint.policy["statement"][0]["effect"], "allow");
        let parsed: serde_json::Value = serde_json::from_str(&hint.policy_text()).unwrap_or_default();
        assert_eq!(parsed, hint.policy, "the printed policy is the policy");
        assert!(hint.policy_text().starts_with("{\n  \"version\": \"2.0\""));
        let text = hint.text();
        assert!(
            text.contains("TENCENTCLOUD_READ_SECRET_ID=…") && text.contains("never as an argument"),
            "{text}"
        );
        assert!(text.contains("sms:SendSms only"));
    }
}
