//! Tencent `SendSms` error codes → Logto `ConnectorErrorCodes`, what the operator should do,
//! and whether the code proves Tencent refused the request before processing it (the only
//! answer after which a send may be tried again: `SendSms` has no idempotency token).
//! The package's error table (pkg-template/docs/errors.md) is this table;
//! `every_row_maps_as_documented` pins it.

use crate::error::ErrorCode::{self, *};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub code: &'static str,
    pub maps_to: ErrorCode,
    /// Answered before the request was looked at, so sending it again cannot send twice.
    pub unprocessed: bool,
    /// What the operator should do, in English and Chinese.
    pub en: &'static str,
    pub zh: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mapped {
    pub code: ErrorCode,
    pub hint: Option<(&'static str, &'static str)>,
    pub unprocessed: bool,
}

/// Every code Tencent documents for `SendSms`, checked before the prefix rules below.
pub const EXACT: &[Row] = &[
    Row { code: "AuthFailure.SignatureExpire", maps_to: General, unprocessed: false, en: "the server clock is more than 5 minutes off; fix the clock (NTP)", zh: "服务器时间偏差超过 5 分钟，请校准时钟（NTP）" },
    Row { code: "InternalError.RequestTimeException", maps_to: General, unprocessed: false, en: "the server clock is more than 10 minutes off; fix the clock (NTP)", zh: "服务器时间偏差超过 10 分钟，请校准时钟（NTP）" },
    Row { code: "AuthFailure.SecretIdNotFound", maps_to: InvalidConfig, unprocessed: false, en: "check accessKeyId: Tencent does not know this SecretId", zh: "请检查 accessKeyId：该 SecretId 不存在" },
    Row { code: "AuthFailure.InvalidSecretId", maps_to: InvalidConfig, unprocessed: false, en: "check accessKeyId: it is not a valid SecretId", zh: "请检查 accessKeyId：SecretId 无效" },
    Row { code: "AuthFailure.SignatureFailure", maps_to: InvalidConfig, unprocessed: false, en: "check accessKeySecret: the signature did not verify", zh: "请检查 accessKeySecret：签名校验失败" },
    Row { code: "AuthFailure.InvalidAuthorization", maps_to: InvalidConfig, unprocessed: false, en: "check accessKeyId and accessKeySecret", zh: "请检查 accessKeyId 与 accessKeySecret" },
    Row { code: "AuthFailure.TokenFailure", maps_to: InvalidConfig, unprocessed: false, en: "temporary credentials are not supported; use a permanent SecretId/SecretKey", zh: "不支持临时凭证，请使用永久 SecretId/SecretKey" },
    Row { code: "AuthFailure.UnauthorizedOperation", maps_to: InvalidConfig, unprocessed: false, en: "grant the key's CAM user permission for sms:SendSms", zh: "请为该密钥的 CAM 用户授予 sms:SendSms 权限" },
    Row { code: "UnauthorizedOperation.SmsSdkAppIdVerifyFail", maps_to: InvalidConfig, unprocessed: false, en: "check sdkAppId: it does not belong to the account of these keys", zh: "请检查 sdkAppId：该应用不属于此密钥所在账号" },
    Row { code: "UnauthorizedOperation.RequestPermissionDeny", maps_to: InvalidConfig, unprocessed: false, en: "grant the key's CAM user permission for sms:SendSms", zh: "请为该密钥的 CAM 用户授予 sms:SendSms 权限" },
    Row { code: "UnauthorizedOperation.RequestIpNotInWhitelist", maps_to: InvalidConfig, unprocessed: false, en: "add this server's IP to the SMS application's allow-list", zh: "请将本服务器 IP 加入短信应用的白名单" },
    Row { code: "UnauthorizedOperation.SdkAppIdIsDisabled", maps_to: InvalidConfig, unprocessed: false, en: "the SMS application is disabled in the Tencent Cloud console", zh: "该短信应用已在腾讯云控制台被停用" },
    Row { code: "UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny", maps_to: InvalidConfig, unprocessed: false, en: "individual accounts may not send marketing SMS; use a verification-code template", zh: "个人认证用户不能发送营销短信，请使用验证码模板" },
    Row { code: "InvalidParameterValue.SdkAppIdNotExist", maps_to: InvalidConfig, unprocessed: false, en: "check sdkAppId: no such SMS application", zh: "请检查 sdkAppId：短信应用不存在" },
    Row { code: "FailedOperation.SignatureIncorrectOrUnapproved", maps_to: InvalidConfig, unprocessed: false, en: "check signName: it must be an approved signature's content", zh: "请检查 signName：须为已审核通过的签名内容" },
    Row { code: "FailedOperation.TemplateParamSetNotMatchApprovedTemplate", maps_to: InvalidConfig, unprocessed: false, en: "the template's {n} placeholders do not match the parameters sent; use a template with one {1}, or declare its params", zh: "模板变量个数与参数不一致：请使用仅含 {1} 的模板，或配置 params" },
    Row { code: "UnsupportedOperation.UnsupportedRegion", maps_to: InvalidConfig, unprocessed: false, en: "check region", zh: "请检查 region" },
    Row { code: "UnsupportedOperation.UnsuportedRegion", maps_to: InvalidConfig, unprocessed: false, en: "check region", zh: "请检查 region" },
    Row { code: "UnsupportedRegion", maps_to: InvalidConfig, unprocessed: false, en: "check region: Tencent Cloud SMS does not serve this region (ap-guangzhou, ap-beijing, ap-nanjing; ap-singapore on the international site)", zh: "请检查 region：短信服务不支持该地域（ap-guangzhou、ap-beijing、ap-nanjing；国际站为 ap-singapore）" },
    Row { code: "FailedOperation.TemplateIncorrectOrUnapproved", maps_to: TemplateNotFound, unprocessed: false, en: "check templateCode: the template is not approved or does not match", zh: "请检查 templateCode：模板未审核通过或内容不匹配" },
    Row { code: "FailedOperation.TemplateUnapprovedOrNotExist", maps_to: TemplateNotFound, unprocessed: false, en: "check templateCode: no approved template with this ID", zh: "请检查 templateCode：模板不存在或未审核通过" },
    Row { code: "UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone", maps_to: TemplateNotFound, unprocessed: false, en: "a mainland-China template cannot go to a number outside mainland China; add an \"international\" templateCode", zh: "国内短信模板不能发往境外号码，请配置 international 模板" },
    Row { code: "UnsupportedOperation.GlobalTemplateToChineseMainlandPhone", maps_to: TemplateNotFound, unprocessed: false, en: "an international template cannot go to a mainland-China number; add a \"mainland\" templateCode", zh: "国际/港澳台模板不能发往中国大陆号码，请配置 mainland 模板" },
    Row { code: "FailedOperation.InsufficientBalanceInSmsPackage", maps_to: UsageLimitExceeded, unprocessed: false, en: "the SMS package is used up; buy more in the Tencent Cloud console", zh: "短信套餐包余量不足，请在腾讯云控制台购买" },
    Row { code: "UnauthorizedOperation.ServiceSuspendDueToArrears", maps_to: UsageLimitExceeded, unprocessed: false, en: "the account is in arrears; top it up", zh: "账号欠费，请充值" },
    Row { code: "InvalidParameterValue.IncorrectPhoneNumber", maps_to: InvalidRequestParameters, unprocessed: false, en: "the phone number is not valid for Tencent", zh: "手机号码格式错误" },
    Row { code: "MissingParameter.EmptyPhoneNumberSet", maps_to: InvalidRequestParameters, unprocessed: false, en: "no phone number was sent", zh: "未提供手机号码" },
    Row { code: "FailedOperation.PhoneNumberInBlacklist", maps_to: InvalidRequestParameters, unprocessed: false, en: "the recipient has opted out or is blocked by the carrier", zh: "该号码已退订或被运营商拉黑" },
    Row { code: "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber", maps_to: InvalidRequestParameters, unprocessed: false, en: "mainland and international numbers cannot share a request", zh: "国内与国际号码不能在同一请求中发送" },
    Row { code: "InvalidParameterValue.TemplateParameterFormatError", maps_to: InvalidRequestParameters, unprocessed: false, en: "verification-code templates take digits only, at most 6", zh: "验证码模板参数只能是不超过 6 位的数字" },
    Row { code: "InvalidParameterValue.TemplateParameterLengthLimit", maps_to: InvalidRequestParameters, unprocessed: false, en: "a template parameter is longer than Tencent allows", zh: "模板参数超出长度限制" },
    Row { code: "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter", maps_to: InvalidRequestParameters, unprocessed: false, en: "template parameters may not contain URLs", zh: "模板参数中不能包含链接" },
    Row { code: "InvalidParameterValue.ContentLengthLimit", maps_to: InvalidRequestParameters, unprocessed: false, en: "the message is too long", zh: "短信内容过长" },
    Row { code: "FailedOperation.ContainSensitiveWord", maps_to: InvalidRequestParameters, unprocessed: false, en: "the message contains a word Tencent blocks", zh: "短信内容包含敏感词" },
    Row { code: "InvalidParameter", maps_to: InvalidRequestParameters, unprocessed: false, en: "Tencent rejected a request field; report this as a connector bug", zh: "请求参数错误，请向连接器作者报告" },
    Row { code: "InvalidParameterValue", maps_to: InvalidRequestParameters, unprocessed: false, en: "Tencent rejected a request value; report this as a connector bug", zh: "请求参数取值错误，请向连接器作者报告" },
    Row { code: "MissingParameter", maps_to: InvalidRequestParameters, unprocessed: false, en: "Tencent misses a request field; report this as a connector bug", zh: "缺少请求参数，请向连接器作者报告" },
    Row { code: "UnknownParameter", maps_to: InvalidRequestParameters, unprocessed: false, en: "Tencent does not know a request field; report this as a connector bug", zh: "未知请求参数，请向连接器作者报告" },
    Row { code: "FailedOperation.FailResolvePacket", maps_to: General, unprocessed: false, en: "Tencent could not read the request; report this as a connector bug", zh: "腾讯云无法解析请求，请向连接器作者报告" },
    Row { code: "FailedOperation.JsonParseFail", maps_to: General, unprocessed: false, en: "Tencent could not parse the request JSON; report this as a connector bug", zh: "腾讯云无法解析请求 JSON，请向连接器作者报告" },
    Row { code: "UnsupportedOperation", maps_to: General, unprocessed: false, en: "Tencent does not support this operation for the account", zh: "腾讯云不支持该操作" },
    Row { code: "LimitExceeded.PhoneNumberCountLimit", maps_to: RateLimitExceeded, unprocessed: false, en: "more than 200 numbers in one request", zh: "单次请求号码超过 200 个" },
    Row { code: "LimitExceeded.PhoneNumberThirtySecondLimit", maps_to: RateLimitExceeded, unprocessed: false, en: "this number got an SMS less than 30 s ago (console frequency limit)", zh: "该号码 30 秒内已发送过短信（控制台频率限制）" },
    Row { code: "LimitExceeded.PhoneNumberOneHourLimit", maps_to: RateLimitExceeded, unprocessed: false, en: "this number reached its hourly limit (console frequency limit)", zh: "该号码已达每小时发送上限（控制台频率限制）" },
    Row { code: "LimitExceeded.PhoneNumberDailyLimit", maps_to: RateLimitExceeded, unprocessed: false, en: "this number reached its daily limit (console frequency limit)", zh: "该号码已达当日发送上限（控制台频率限制）" },
    Row { code: "LimitExceeded.PhoneNumberSameContentDailyLimit", maps_to: RateLimitExceeded, unprocessed: false, en: "this number got the same content too often today", zh: "该号码当日相同内容发送次数超限" },
    Row { code: "LimitExceeded.DeliveryFrequencyLimit", maps_to: RateLimitExceeded, unprocessed: false, en: "sending too often to this number", zh: "发送频率过高" },
    Row { code: "LimitExceeded.AppDailyLimit", maps_to: RateLimitExceeded, unprocessed: false, en: "the SMS application reached its daily limit", zh: "短信应用已达当日发送上限" },
    Row { code: "LimitExceeded.AppMainlandChinaDailyLimit", maps_to: RateLimitExceeded, unprocessed: false, en: "the application reached its daily mainland-China limit", zh: "应用已达当日国内短信发送上限" },
    Row { code: "LimitExceeded.AppGlobalDailyLimit", maps_to: RateLimitExceeded, unprocessed: false, en: "the application reached its daily international limit", zh: "应用已达当日国际短信发送上限" },
    Row { code: "LimitExceeded.AppCountryOrRegionDailyLimit", maps_to: RateLimitExceeded, unprocessed: false, en: "the application reached its daily limit for this country or region", zh: "应用已达该国家或地区的当日发送上限" },
    Row { code: "LimitExceeded.AppCountryOrRegionInBlacklist", maps_to: RateLimitExceeded, unprocessed: false, en: "this country or region is blocked in the console's sending settings", zh: "该国家或地区已在控制台发送设置中被限制" },
    Row { code: "LimitExceeded.DailyLimit", maps_to: RateLimitExceeded, unprocessed: false, en: "the daily sending limit was reached", zh: "已达当日发送上限" },
    Row { code: "FailedOperation.MarketingSendTimeConstraint", maps_to: RateLimitExceeded, unprocessed: false, en: "marketing SMS may be sent only 08:00-22:00", zh: "营销短信仅可在 08:00-22:00 发送" },
    Row { code: "RequestLimitExceeded", maps_to: RateLimitExceeded, unprocessed: true, en: "Tencent's API rate limit; try again shortly", zh: "接口调用频率超限，请稍后重试" },
    Row { code: "InternalError", maps_to: General, unprocessed: false, en: "a fault at Tencent; the SMS may not have been sent", zh: "腾讯云内部错误，短信可能未发送" },
    Row { code: "InternalError.Timeout", maps_to: General, unprocessed: false, en: "Tencent timed out; the SMS may not have been sent", zh: "腾讯云处理超时，短信可能未发送" },
    Row { code: "InternalError.SendAndRecvFail", maps_to: General, unprocessed: false, en: "a fault inside Tencent; the SMS may not have been sent", zh: "腾讯云内部通信失败，短信可能未发送" },
    Row { code: "InternalError.OtherError", maps_to: General, unprocessed: false, en: "a fault at Tencent; the SMS may not have been sent", zh: "腾讯云内部错误，短信可能未发送" },
    Row { code: "InternalError.UnknownError", maps_to: General, unprocessed: false, en: "a fault at Tencent; the SMS may not have been sent", zh: "腾讯云未知错误，短信可能未发送" },
    Row { code: "InternalError.SigFieldMissing", maps_to: General, unprocessed: false, en: "a fault inside Tencent; the SMS may not have been sent", zh: "腾讯云内部错误，短信可能未发送" },
    Row { code: "InternalError.SigVerificationFail", maps_to: General, unprocessed: false, en: "a fault inside Tencent; the SMS may not have been sent", zh: "腾讯云内部错误，短信可能未发送" },
    Row { code: "InternalError.RestApiInterfaceNotExist", maps_to: General, unprocessed: false, en: "a fault inside Tencent; the SMS may not have been sent", zh: "腾讯云内部错误，短信可能未发送" },
    Row { code: "ServiceUnavailable", maps_to: General, unprocessed: false, en: "Tencent Cloud SMS is unavailable; the SMS was not sent", zh: "腾讯云短信服务暂不可用，短信未发送" },
    Row { code: "ResourceUnavailable", maps_to: General, unprocessed: false, en: "the SMS resource is unavailable; check the account in the console", zh: "短信资源不可用，请在控制台检查账号状态" },
];

/// Families of codes, for codes Tencent adds later.
pub const PREFIXES: &[Row] = &[
    Row {
        code: "RequestLimitExceeded.",
        maps_to: RateLimitExceeded,
        unprocessed: true,
        en: "Tencent's API rate limit; try again shortly",
        zh: "接口调用频率超限，请稍后重试",
    },
    Row {
        code: "LimitExceeded.",
        maps_to: RateLimitExceeded,
        unprocessed: false,
        en: "a sending frequency or daily limit set in the Tencent Cloud console was reached",
        zh: "已达腾讯云控制台设置的发送频率或每日上限",
    },
    Row {
        code: "AuthFailure.",
        maps_to: InvalidConfig,
        unprocessed: false,
        en: "check accessKeyId and accessKeySecret",
        zh: "请检查 accessKeyId 与 accessKeySecret",
    },
    Row {
        code: "UnauthorizedOperation.",
        maps_to: InvalidConfig,
        unprocessed: false,
        en: "the keys' account may not send with this SMS application",
        zh: "该密钥所在账号无权使用此短信应用",
    },
    Row {
        code: "InternalError",
        maps_to: General,
        unprocessed: false,
        en: "a fault at Tencent; the SMS may not have been sent",
        zh: "腾讯云内部错误，短信可能未发送",
    },
];

pub fn lookup(code: &str) -> Mapped {
    let row =
        EXACT.iter().find(|r| r.code == code).or_else(|| PREFIXES.iter().find(|r| code.starts_with(r.code)));
    match row {
        Some(r) => Mapped { code: r.maps_to, hint: Some((r.en, r.zh)), unprocessed: r.unprocessed },
        None => Mapped { code: General, hint: None, unprocessed: false },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_name(code: ErrorCode) -> String {
        serde_json::to_value(code).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }

    #[test]
    fn rate_and_frequency_limits_are_rate_limit_exceeded() {
        let documented = EXACT.iter().map(|r| r.code).filter(|c| c.starts_with("LimitExceeded."));
        let later = [
            "LimitExceeded.SomethingNew",
            "RequestLimitExceeded.IPLimitExceeded",
            "RequestLimitExceeded.UinLimitExceeded",
        ];
        for code in documented.chain(later).chain(["RequestLimitExceeded.GlobalRegionUinLimitExceeded"]) {
            assert_eq!(lookup(code).code, RateLimitExceeded, "{code}");
        }
    }

    #[test]
    fn every_row_has_a_hint_in_english_and_chinese_and_families_map_new_codes() {
        // Which Logto code each documented code gets is checked against Tencent's own list in
        // tests/error_codes.rs; here, that every row tells the operator what to do in both.
        for r in EXACT.iter().chain(PREFIXES) {
            assert!(!r.en.is_empty() && r.zh.chars().any(|c| c > '\u{2e80}'), "{}", r.code);
        }
        assert_eq!(lookup("AuthFailure.SomethingNew").code, InvalidConfig);
        assert_eq!(lookup("UnauthorizedOperation.SomethingNew").code, InvalidConfig);
        assert_eq!(lookup("InternalError.SomethingNew").code, General);
    }

    #[test]
    fn unknown_codes_are_general_without_a_hint() {
        let unknown = Mapped { code: General, hint: None, unprocessed: false };
        assert_eq!(lookup("FailedOperation.SomethingNew"), unknown);
        assert_eq!(lookup(""), unknown);
    }

    #[test]
    fn the_docs_error_table_matches_this_table() {
        let table = include_str!("../pkg-template/docs/errors.md");
        let row_of = |needle: String| table.lines().find(|l| l.starts_with("| ") && l.contains(&needle));
        for r in EXACT {
            let row = row_of(format!("`{}`", r.code))
                .unwrap_or_else(|| panic!("docs/errors.md has no row for {}", r.code));
            assert!(row.contains(&format!("| `{}`", code_name(r.maps_to))), "{}: {row}", r.code);
        }
        for r in PREFIXES {
            let row = row_of(format!("`{}*`", r.code))
                .unwrap_or_else(|| panic!("docs/errors.md has no row for {}*", r.code));
            assert!(row.contains(&format!("| `{}`", code_name(r.maps_to))), "{}: {row}", r.code);
        }
    }

    #[test]
    fn only_the_api_frequency_limit_proves_a_request_unprocessed() {
        // Tencent's Go SDK retries exactly this family (RateLimitExceededMaxRetries): it is
        // answered before the request is looked at. Every other code may follow a processed one.
        for code in [
            "RequestLimitExceeded",
            "RequestLimitExceeded.IPLimitExceeded",
            "RequestLimitExceeded.UinLimitExceeded",
        ] {
            assert!(lookup(code).unprocessed, "{code}");
        }
        for r in EXACT.iter().chain(PREFIXES).filter(|r| !r.code.starts_with("RequestLimitExceeded")) {
            assert!(!r.unprocessed, "{}", r.code);
        }
        for code in
            ["RequestLimitExceede", "LimitExceeded.DailyLimit", "InternalError", "XRequestLimitExceeded"]
        {
            assert!(!lookup(code).unprocessed, "{code}");
        }
    }

    #[test]
    fn exact_rows_are_unique() {
        for (i, a) in EXACT.iter().enumerate() {
            assert!(EXACT.iter().skip(i + 1).all(|b| a.code != b.code), "{}", a.code);
        }
    }
}
