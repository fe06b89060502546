//! The console form, as the table describes it, and `metadata.json`'s `formItems` written from
//! it. The rest of the file is Logto's card for the official connector, copied as it is.

use serde::{Serialize, Serializer};
use serde_json::json;

use super::{Need, FIELDS};
use crate::config;
use crate::template::TEMPLATE_TYPES;

/// The console form's item for a key (`key` and `required` come from the row).
pub(crate) struct Form {
    pub label: &'static str,
    pub kind: FormKind,
    pub placeholder: Option<&'static str>,
    /// Masked in the console.
    pub confidential: bool,
    /// What the console fills a new config's field with.
    pub preset: Option<Preset>,
    pub description: Option<&'static str>,
}

/// Logto's `ConnectorConfigFormItemType`s that this form uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) enum FormKind {
    Text,
    Json,
    Number,
    Switch,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Preset {
    /// A switch that starts off.
    Off,
    /// One entry per Logto message type, each with the `<template-code>` placeholder.
    EntryPerType,
}

pub(crate) const TEXT: Form = Form {
    label: "",
    kind: FormKind::Text,
    placeholder: None,
    confidential: false,
    preset: None,
    description: None,
};

pub(crate) const SWITCH: Form = Form { kind: FormKind::Switch, preset: Some(Preset::Off), ..TEXT };

/// What a new config's template entries hold until the operator puts a TemplateId in.
const TEMPLATE_CODE_PRESET: &str = "<template-code>";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    usage_type: &'static str,
    template_code: &'static str,
}

impl Serialize for Preset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Off => s.serialize_bool(false),
            Self::EntryPerType => s.collect_seq(
                TEMPLATE_TYPES.iter().map(|t| Entry { usage_type: t, template_code: TEMPLATE_CODE_PRESET }),
            ),
        }
    }
}

/// One item of Logto's `formItems`, its members in the order the official connector has them.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    key: &'static str,
    label: &'static str,
    #[serde(rename = "type")]
    kind: FormKind,
    required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    placeholder: Option<&'static str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    is_confidential: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_value: Option<Preset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'static str>,
}

fn items() -> Vec<Item> {
    FIELDS
        .iter()
        .map(|f| Item {
            key: f.key,
            label: f.form.label,
            kind: f.form.kind,
            required: f.need == Need::Required,
            placeholder: f.form.placeholder,
            is_confidential: f.form.confidential,
            default_value: f.form.preset,
            description: f.form.description,
        })
        .collect()
}

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/metadata.json");

/// `metadata.json` with its `formItems`, the file's last member, written from the table.
fn written(file: &str) -> String {
    let head = file.split_once("\n  \"formItems\": ").map_or(file, |(head, _)| head);
    let items = serde_json::to_string_pretty(&items()).unwrap_or_default().replace('\n', "\n  ");
    format!("{head}\n  \"formItems\": {items}\n}}\n")
}

#[test]
fn metadata_json_holds_the_form_the_table_describes() {
    let file = std::fs::read_to_string(FILE).unwrap_or_default();
    // After a change to the table, `UPDATE_METADATA=1 cargo test --lib metadata` writes the
    // file; review its diff like any other.
    if std::env::var_os("UPDATE_METADATA").is_some() {
        std::fs::write(FILE, written(&file)).expect("write src/metadata.json");
    }
    assert!(
        std::fs::read_to_string(FILE).is_ok_and(|now| now == written(&file)),
        "src/metadata.json's formItems are not the field table's: run UPDATE_METADATA=1 cargo test --lib metadata"
    );
}

#[test]
fn a_new_configs_template_entries_are_placeholders_that_send_time_skips() {
    let (cfg, _) = config::read(&json!({ "templates": Preset::EntryPerType })).expect("an object");
    assert_eq!(cfg.templates.usable, []);
    let skipped: Vec<Option<&str>> =
        cfg.templates.skipped.iter().map(|(_, s)| s.usage_type.as_deref()).collect();
    assert_eq!(skipped, TEMPLATE_TYPES.map(Some));
    let placeholder = "is still the console's placeholder";
    assert!(cfg.templates.skipped.iter().all(|(_, s)| s.why[0].message.starts_with(placeholder)));
}
