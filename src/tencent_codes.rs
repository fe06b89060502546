//! Tencent `SendSms` error codes → Logto `ConnectorErrorCodes`, with what the operator should do.
//! The README's error table is this table; `every_row_maps_as_documented` pins it.

use crate::error::ErrorCode::{self, *};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mapped {
    pub code: ErrorCode,
    pub hint: Option<&'static str>,
}

/// Exact codes, checked before the prefix rules below.
pub const EXACT: &[(&str, ErrorCode, &str)] = &[
    ("AuthFailure.SignatureExpire", General, "the server clock is more than 5 minutes off; fix the clock (NTP)"),
    ("InternalError.RequestTimeException", General, "the server clock is more than 10 minutes off; fix the clock (NTP)"),
    ("AuthFailure.SecretIdNotFound", InvalidConfig, "check accessKeyId: Tencent does not know this SecretId"),
    ("AuthFailure.InvalidSecretId", InvalidConfig, "check accessKeyId: it is not a valid SecretId"),
    ("AuthFailure.SignatureFailure", InvalidConfig, "check accessKeySecret: the signature did not verify"),
    ("AuthFailure.UnauthorizedOperation", InvalidConfig, "grant the key's CAM user permission for sms:SendSms"),
    ("UnauthorizedOperation.SmsSdkAppIdVerifyFail", InvalidConfig, "check sdkAppId: it does not belong to the account of these keys"),
    ("InvalidParameterValue.SdkAppIdNotExist", InvalidConfig, "check sdkAppId: no such SMS application"),
    ("UnauthorizedOperation.SdkAppIdIsDisabled", InvalidConfig, "the SMS application is disabled in the Tencent Cloud console"),
    ("UnauthorizedOperation.RequestIpNotInWhitelist", InvalidConfig, "add this server's IP to the SMS application's allow-list"),
    ("FailedOperation.SignatureIncorrectOrUnapproved", InvalidConfig, "check signName: it must be an approved signature's content"),
    ("FailedOperation.TemplateParamSetNotMatchApprovedTemplate", InvalidConfig, "the template's placeholders do not match the parameters sent; use a template with one {1} placeholder, or declare its params"),
    ("UnsupportedOperation.UnsupportedRegion", InvalidConfig, "check region"),
    ("UnsupportedOperation.UnsuportedRegion", InvalidConfig, "check region"),
    ("FailedOperation.TemplateIncorrectOrUnapproved", TemplateNotFound, "check templateCode: the template is not approved or does not match"),
    ("FailedOperation.TemplateUnapprovedOrNotExist", TemplateNotFound, "check templateCode: no approved template with this ID"),
    ("UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone", TemplateNotFound, "a mainland-China template cannot be sent to a number outside mainland China; configure an international template"),
    ("UnsupportedOperation.GlobalTemplateToChineseMainlandPhone", TemplateNotFound, "an international template cannot be sent to a mainland-China number; configure a mainland template"),
    ("FailedOperation.InsufficientBalanceInSmsPackage", UsageLimitExceeded, "the SMS package is used up; buy more in the Tencent Cloud console"),
    ("UnauthorizedOperation.ServiceSuspendDueToArrears", UsageLimitExceeded, "the account is in arrears; top it up"),
    ("InvalidParameterValue.IncorrectPhoneNumber", InvalidRequestParameters, "the phone number is not valid for Tencent"),
    ("MissingParameter.EmptyPhoneNumberSet", InvalidRequestParameters, "no phone number was sent"),
    ("FailedOperation.PhoneNumberInBlacklist", InvalidRequestParameters, "the recipient has opted out or is blocked by the carrier"),
    ("UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber", InvalidRequestParameters, "mainland and international numbers cannot share a request"),
    ("InvalidParameterValue.TemplateParameterFormatError", InvalidRequestParameters, "verification-code templates take digits only, at most 6"),
    ("InvalidParameterValue.TemplateParameterLengthLimit", InvalidRequestParameters, "a template parameter is longer than Tencent allows"),
    ("InvalidParameterValue.ProhibitedUseUrlInTemplateParameter", InvalidRequestParameters, "template parameters may not contain URLs"),
    ("InvalidParameterValue.ContentLengthLimit", InvalidRequestParameters, "the message is too long"),
    ("FailedOperation.ContainSensitiveWord", InvalidRequestParameters, "the message contains a word Tencent blocks"),
    ("FailedOperation.MarketingSendTimeConstraint", RateLimitExceeded, "marketing SMS may be sent only 08:00-22:00"),
];

/// Prefix rules: whole families of codes.
pub const PREFIXES: &[(&str, ErrorCode, &str)] = &[
    (
        "RequestLimitExceeded",
        RateLimitExceeded,
        "Tencent's API rate limit; try again shortly",
    ),
    (
        "LimitExceeded.",
        RateLimitExceeded,
        "a sending frequency or daily limit set in the Tencent Cloud console was reached",
    ),
    (
        "AuthFailure.",
        InvalidConfig,
        "check accessKeyId and accessKeySecret",
    ),
    (
        "UnauthorizedOperation.",
        InvalidConfig,
        "the keys' account may not send with this SMS application",
    ),
    (
        "InternalError",
        General,
        "a fault at Tencent; the SMS may not have been sent",
    ),
];

pub fn lookup(code: &str) -> Mapped {
    if let Some((_, c, hint)) = EXACT.iter().find(|(name, _, _)| *name == code) {
        return Mapped {
            code: *c,
            hint: Some(hint),
        };
    }
    if let Some((_, c, hint)) = PREFIXES
        .iter()
        .find(|(prefix, _, _)| code.starts_with(prefix))
    {
        return Mapped {
            code: *c,
            hint: Some(hint),
        };
    }
    Mapped {
        code: General,
        hint: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_and_frequency_limits_are_rate_limit_exceeded() {
        for code in [
            "LimitExceeded.PhoneNumberThirtySecondLimit",
            "LimitExceeded.PhoneNumberOneHourLimit",
            "LimitExceeded.PhoneNumberDailyLimit",
            "LimitExceeded.PhoneNumberSameContentDailyLimit",
            "LimitExceeded.DeliveryFrequencyLimit",
            "LimitExceeded.AppDailyLimit",
            "LimitExceeded.AppMainlandChinaDailyLimit",
            "LimitExceeded.AppGlobalDailyLimit",
            "LimitExceeded.AppCountryOrRegionDailyLimit",
            "LimitExceeded.DailyLimit",
            "RequestLimitExceeded",
            "RequestLimitExceeded.IPLimitExceeded",
            "RequestLimitExceeded.UinLimitExceeded",
            "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
        ] {
            assert_eq!(lookup(code).code, RateLimitExceeded, "{code}");
        }
    }

    #[test]
    fn every_row_maps_as_documented() {
        for (name, code, hint) in EXACT {
            assert_eq!(
                lookup(name),
                Mapped {
                    code: *code,
                    hint: Some(hint)
                },
                "{name}"
            );
        }
        assert_eq!(lookup("AuthFailure.TokenFailure").code, InvalidConfig);
        assert_eq!(
            lookup("UnauthorizedOperation.RequestPermissionDeny").code,
            InvalidConfig
        );
        assert_eq!(lookup("InternalError.Timeout").code, General);
    }

    #[test]
    fn unknown_codes_are_general_without_a_hint() {
        assert_eq!(
            lookup("FailedOperation.JsonParseFail"),
            Mapped {
                code: General,
                hint: None
            }
        );
        assert_eq!(
            lookup(""),
            Mapped {
                code: General,
                hint: None
            }
        );
    }

    #[test]
    fn the_readme_error_table_matches_this_table() {
        let readme = include_str!("../pkg-template/README.md");
        let row_of = |code: &str| {
            let needle = format!("`{code}`");
            readme
                .lines()
                .find(|l| l.starts_with("| ") && l.contains(&needle))
        };
        for (name, code, _) in EXACT {
            let row = row_of(name).unwrap_or_else(|| panic!("README has no row for {name}"));
            assert!(
                row.contains(&format!("| `{}`", code.as_str())),
                "{name}: {row}"
            );
        }
        for (prefix, code, _) in PREFIXES {
            let shown = format!("{prefix}*");
            let row = readme
                .lines()
                .find(|l| l.starts_with("| ") && l.contains(&shown))
                .unwrap_or_else(|| panic!("README has no row for {shown}"));
            assert!(
                row.contains(&format!("| `{}`", code.as_str())),
                "{prefix}: {row}"
            );
        }
    }

    #[test]
    fn exact_rows_are_unique() {
        for (i, (a, _, _)) in EXACT.iter().enumerate() {
            assert!(EXACT.iter().skip(i + 1).all(|(b, _, _)| a != b), "{a}");
        }
    }
}
