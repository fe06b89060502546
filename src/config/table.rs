//! The config's keys, one row each: how the key is read, what a bad value does at send time,
//! and the console form's item for it. `read`, `reach`, `check`'s known keys and did-you-mean
//! come from this table, and `metadata.json`'s form is written from it. Rows are in the form's
//! order, which is also the order `read` reports problems in.
//!
//! A new optional setting is a row here and the `Config` field it fills, then its docs: the two
//! config types in `index.d.ts`, a row of `docs/reference.md`'s config table and the optional
//! keys of both guides. `UPDATE_METADATA=1 cargo test --lib metadata` writes `metadata.json`;
//! the tests beside this file hold the rest to the table, and ask for a value of the new key
//! to check its name in the normalised config.

use super::{access_key_id, parse_endpoint, parse_region, sdk_app_id, Config};
use super::{DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS};
use crate::fields::Fields;
use crate::retry;
use crate::secret::Secret;
use crate::template::Templates;

#[cfg(test)]
use form::{Form, FormKind, Preset, SWITCH, TEXT};

/// The key of the template list, which some checks single out.
pub(crate) const TEMPLATES: &str = "templates";

pub(crate) struct Field {
    pub key: &'static str,
    pub need: Need,
    /// Reads the value at `key` into the config, reporting its problems under `key`.
    pub read: fn(&mut Fields<'_>, &'static str, &mut Config),
    /// The console form's item. Only tests read it: they write `metadata.json` from it, and the
    /// module hands Logto that file as it is, so the form is in the module once.
    #[cfg(test)]
    pub form: Form,
}

/// Whether a key must be there, and what a bad value does at send time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    /// The official connector's keys: required, and a bad value fails every send (a bad entry of
    /// the template list only skips that entry).
    Required,
    /// Ours, optional: send time ignores a bad value and the default applies, as the official
    /// connector ignores every key it does not know.
    Optional,
    /// Ours, optional, but a bad value fails every send: the destination policy fails closed.
    OptionalFailsClosed,
}

pub(crate) const FIELDS: &[Field] = &[
    Field {
        key: "accessKeyId",
        need: Need::Required,
        read: |f, k, c| c.access_key_id = access_key_id(f, k),
        #[cfg(test)]
        form: Form { label: "Access Key ID", placeholder: Some("<access-key-id>"), ..TEXT },
    },
    Field {
        key: "accessKeySecret",
        need: Need::Required,
        read: |f, k, c| c.access_key_secret = Secret::new(f.string(k, 256)),
        #[cfg(test)]
        form: Form {
            label: "Access Key Secret",
            placeholder: Some("<access-key-secret>"),
            confidential: true,
            ..TEXT
        },
    },
    Field {
        key: "signName",
        need: Need::Required,
        read: |f, k, c| c.routes.sign_name = f.string(k, 64),
        #[cfg(test)]
        form: Form { label: "Sign Name", placeholder: Some("<sign-name>"), ..TEXT },
    },
    Field {
        key: "sdkAppId",
        need: Need::Required,
        read: |f, k, c| c.sdk_app_id = sdk_app_id(f, k),
        #[cfg(test)]
        form: Form { label: "SDK App ID", placeholder: Some("<sdk-app-id>"), ..TEXT },
    },
    Field {
        key: "region",
        need: Need::Required,
        read: |f, k, c| c.routes.region = parse_region(f, k),
        #[cfg(test)]
        form: Form { label: "Region", placeholder: Some("<region>"), ..TEXT },
    },
    Field {
        key: TEMPLATES,
        need: Need::Required,
        read: |f, k, c| c.templates = Templates::parse(f, k),
        #[cfg(test)]
        form: Form {
            label: "Templates",
            kind: FormKind::Json,
            preset: Some(Preset::EntryPerType),
            description: Some("One entry per Logto message type; types without an entry use the Generic template. templateCode is a TemplateId, or {\"mainland\": \"…\", \"international\": \"…\"} to keep Tencent's mainland and international templates apart. Optional per entry: \"locale\" (e.g. \"en\", \"zh-CN\"), \"params\" (e.g. [\"{{code}}\", \"5\"] for a template with {1} and {2}), \"verification\": false for non-verification templates."),
            ..TEXT
        },
    },
    Field {
        key: "endpoint",
        need: Need::Optional,
        read: |f, k, c| c.routes.endpoint = parse_endpoint(f, k),
        #[cfg(test)]
        form: Form {
            label: "Endpoint",
            placeholder: Some("https://sms.tencentcloudapi.com"),
            description: Some("Optional API host, e.g. https://sms.intl.tencentcloudapi.com or a regional host. Only https:// (http:// for loopback test servers)."),
            ..TEXT
        },
    },
    Field {
        key: "timeoutMs",
        need: Need::Optional,
        read: |f, k, c| {
            c.timeout_ms =
                f.whole_number(k, MIN_TIMEOUT_MS..=MAX_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, "milliseconds")
        },
        #[cfg(test)]
        form: Form {
            label: "Request timeout (ms)",
            kind: FormKind::Number,
            placeholder: Some("10000"),
            description: Some("How long a send may take in all, retries included (100-60000 ms)."),
            ..TEXT
        },
    },
    Field {
        key: "maxRetries",
        need: Need::Optional,
        read: |f, k, c| {
            c.max_retries = f.whole_number(k, 0..=retry::MAX_RETRIES, retry::DEFAULT_RETRIES, "retries")
        },
        #[cfg(test)]
        form: Form {
            label: "Retries",
            kind: FormKind::Number,
            placeholder: Some("1"),
            description: Some("How many times (0-3) to try again, only after a failure that proves Tencent did not process the request: its API rate limit (RequestLimitExceeded) or a connection that was never made. Never after a timeout or any other error, so nobody gets a code twice."),
            ..TEXT
        },
    },
    Field {
        key: "internationalSignName",
        need: Need::Optional,
        read: |f, k, c| c.routes.international_sign_name = f.if_valid(|f| f.optional_string(k, 64)),
        #[cfg(test)]
        form: Form {
            label: "International Sign Name",
            placeholder: Some("<international-sign-name>"),
            description: Some("Sign name for numbers outside mainland China. Empty: Sign Name is used."),
            ..TEXT
        },
    },
    Field {
        key: "omitInternationalSignName",
        need: Need::Optional,
        read: |f, k, c| c.routes.omit_international_sign_name = f.flag(k, false),
        #[cfg(test)]
        form: Form {
            label: "No sign name abroad",
            description: Some("Send no SignName to numbers outside mainland China (Tencent does not require one there)."),
            ..SWITCH
        },
    },
    Field {
        key: "internationalRegion",
        need: Need::Optional,
        read: |f, k, c| {
            c.routes.international_region = f.if_valid(|f| f.get(k).is_some().then(|| parse_region(f, k)))
        },
        #[cfg(test)]
        form: Form {
            label: "International Region",
            placeholder: Some("ap-singapore"),
            description: Some("Region for numbers outside mainland China, if it differs from Region."),
            ..TEXT
        },
    },
    Field {
        key: "internationalEndpoint",
        need: Need::Optional,
        read: |f, k, c| c.routes.international_endpoint = parse_endpoint(f, k),
        #[cfg(test)]
        form: Form {
            label: "International Endpoint",
            placeholder: Some("https://sms.intl.tencentcloudapi.com"),
            description: Some("API host for numbers outside mainland China, if it differs from Endpoint."),
            ..TEXT
        },
    },
    Field {
        key: "strictPhoneNumbers",
        need: Need::Optional,
        read: |f, k, c| c.strict_phone_numbers = f.flag(k, false),
        #[cfg(test)]
        form: Form {
            label: "Strict phone numbers",
            description: Some("On: digits always start with a country code (Logto's format), so 18625550123 is +1 862…. Off (default): an 11-digit number shaped like a mainland mobile is read as +86, as Tencent itself does."),
            ..SWITCH
        },
    },
    Field {
        key: "allowedCountryCodes",
        need: Need::OptionalFailsClosed,
        read: |f, k, c| c.country_policy.read_allowed(f, k),
        #[cfg(test)]
        form: Form {
            label: "Allowed country codes",
            placeholder: Some("86, 852"),
            description: Some("Only text these country calling codes (comma-separated). Empty: all. Protects against SMS pumping."),
            ..TEXT
        },
    },
    Field {
        // After the allow-list, which it is checked against.
        key: "deniedCountryCodes",
        need: Need::OptionalFailsClosed,
        read: |f, k, c| c.country_policy.read_denied(f, k),
        #[cfg(test)]
        form: Form {
            label: "Denied country codes",
            placeholder: Some("234, 7"),
            description: Some("Never text these country calling codes (comma-separated)."),
            ..TEXT
        },
    },
];

/// Every key, in the table's order.
pub(crate) fn keys() -> Vec<&'static str> {
    FIELDS.iter().map(|f| f.key).collect()
}

/// The row of `key`, if it is one of the config's keys.
pub(crate) fn field(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

#[cfg(test)]
mod form;

#[cfg(test)]
mod tests;
