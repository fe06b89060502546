//! Mainland China or not. Tencent keeps templates, sign names, pricing and often the API site
//! apart for the two classes; here live the class, the TemplateId a template entry has for each,
//! and the route (sign name, region, endpoint) each sends by.

use serde::{Serialize, Serializer};

use crate::endpoint::Endpoint;

/// The two classes a number falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Destination {
    Mainland,
    International,
}

impl Destination {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mainland => "mainland",
            Self::International => "international",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateCode {
    /// One TemplateId for every destination, as the official connector has it.
    Any(String),
    Split {
        mainland: Option<String>,
        international: Option<String>,
    },
}

impl TemplateCode {
    pub fn for_destination(&self, to: Destination) -> Option<&str> {
        match (self, to) {
            (Self::Any(code), _) => Some(code),
            (Self::Split { mainland, .. }, Destination::Mainland) => mainland.as_deref(),
            (Self::Split { international, .. }, Destination::International) => international.as_deref(),
        }
    }
}

impl Serialize for TemplateCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Any(code) => s.serialize_str(code),
            Self::Split { mainland, international } => {
                let pairs = [("mainland", mainland), ("international", international)];
                s.collect_map(pairs.into_iter().filter_map(|(k, v)| v.as_ref().map(|v| (k, v))))
            }
        }
    }
}

/// Where and as whom the connector sends, per class: the config's routing options.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Routes {
    pub sign_name: String,
    pub region: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<Endpoint>,
    /// Absent: international numbers get `signName` too (the official behaviour).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub international_sign_name: Option<String>,
    /// No SignName abroad, where Tencent does not require one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub omit_international_sign_name: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub international_region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub international_endpoint: Option<Endpoint>,
}

/// Where and as whom one message is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route<'a> {
    pub sign_name: Option<&'a str>,
    pub region: &'a str,
    pub endpoint: Option<&'a Endpoint>,
}

impl Routes {
    pub fn route(&self, to: Destination) -> Route<'_> {
        if to == Destination::Mainland {
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
