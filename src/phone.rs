//! Phone numbers: from what Logto passes to the E.164 form Tencent documents.
//!
//! Rules, in order (documented in the README):
//! 1. Spaces, tabs, `-`, `.`, `(` and `)` are dropped.
//! 2. A leading `+` or `00` means the digits that follow start with the country calling code.
//! 3. Otherwise Logto's form applies: digits that start with the country calling code, except an
//!    11-digit mainland-China mobile number (`1[3-9]` + 9 digits), which Tencent itself reads as
//!    `+86` and so do we, unless strict mode says digits always carry a country code.
//! 4. The result must be `+` followed by 7 to 15 digits, the first not `0`.

use std::fmt;

use crate::calling_codes::country_code_of;
use crate::destination::Destination;

pub const MAINLAND_CODE: &str = "86";

/// A destination in E.164 form, `+` and 7 to 15 digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone {
    e164: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneError {
    Empty,
    NotDigits,
    TooShort,
    TooLong,
    LeadingZero,
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "the phone number is empty",
            Self::NotDigits => {
                "the phone number may hold only digits, an optional leading '+', spaces and dashes"
            }
            Self::TooShort => {
                "the phone number is too short: E.164 needs at least 7 digits with the country code"
            }
            Self::TooLong => {
                "the phone number is too long: E.164 allows at most 15 digits with the country code"
            }
            Self::LeadingZero => "the country calling code cannot start with 0",
        })
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\t' | '-' | '.' | '(' | ')')
}

/// `1[3-9]` followed by 9 digits: the shape of every mainland-China mobile number.
pub fn looks_like_bare_mainland_mobile(digits: &str) -> bool {
    let b = digits.as_bytes();
    b.len() == 11 && b.first() == Some(&b'1') && matches!(b.get(1), Some(b'3'..=b'9'))
}

impl Phone {
    /// Normalises `raw`; `strict` turns off the bare mainland-mobile rule.
    pub fn parse(raw: &str, strict: bool) -> Result<Self, PhoneError> {
        let compact: String = raw.chars().filter(|c| !is_separator(*c)).collect();
        if compact.is_empty() {
            return Err(PhoneError::Empty);
        }
        let (explicit, digits) = if let Some(rest) = compact.strip_prefix('+') {
            (true, rest)
        } else if let Some(rest) = compact.strip_prefix("00") {
            (true, rest)
        } else {
            (false, compact.as_str())
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PhoneError::NotDigits);
        }
        let full = if !explicit && !strict && looks_like_bare_mainland_mobile(digits) {
            format!("{MAINLAND_CODE}{digits}")
        } else {
            digits.to_owned()
        };
        if full.starts_with('0') {
            return Err(PhoneError::LeadingZero);
        }
        match full.len() {
            0..=6 => Err(PhoneError::TooShort),
            7..=15 => Ok(Self { e164: format!("+{full}") }),
            _ => Err(PhoneError::TooLong),
        }
    }

    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The digits after `+`, starting with the country calling code.
    pub fn digits(&self) -> &str {
        self.e164.get(1..).unwrap_or_default()
    }

    /// The ITU country calling code, if the digits start with an assigned one.
    pub fn country_code(&self) -> Option<&'static str> {
        country_code_of(self.digits())
    }

    /// Mainland China is `+86` alone: Hong Kong (`+852`), Macau (`+853`) and Taiwan (`+886`)
    /// are international for Tencent.
    pub fn destination(&self) -> Destination {
        if self.country_code() == Some(MAINLAND_CODE) {
            Destination::Mainland
        } else {
            Destination::International
        }
    }

    /// `+86*******5678`: enough to tell numbers apart in a log, not enough to text one.
    pub fn masked(&self) -> String {
        let digits = self.digits();
        let keep = digits.len().saturating_sub(4);
        let tail = digits.get(keep..).unwrap_or_default();
        let head_len = keep.min(2);
        let head = digits.get(..head_len).unwrap_or_default();
        format!("+{head}{}{tail}", "*".repeat(keep - head_len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(raw: &str) -> Result<String, PhoneError> {
        Phone::parse(raw, false).map(|p| p.e164().to_owned())
    }

    #[test]
    fn each_problem_reads_as_what_to_fix() {
        let shown = |raw: &str| Phone::parse(raw, false).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(shown(""), "the phone number is empty");
        assert!(shown("86 130 abc").contains("only digits"));
        assert!(shown("12345").contains("short"));
    }

    #[test]
    fn adds_plus_to_logto_digits_with_country_code() {
        assert_eq!(e164("8613012345678"), Ok("+8613012345678".into()));
        assert_eq!(e164("12125550123"), Ok("+12125550123".into()));
        assert_eq!(e164("85291234567"), Ok("+85291234567".into()));
    }

    #[test]
    fn a_north_american_number_shaped_like_a_mainland_mobile_is_read_as_mainland_unless_strict() {
        // Tencent reads the official connector's verbatim `14155550123` as +86; so do we.
        assert_eq!(e164("14155550123"), Ok("+8614155550123".into()));
        assert_eq!(Phone::parse("14155550123", true).map(|p| p.e164().to_owned()), Ok("+14155550123".into()));
    }

    #[test]
    fn reads_a_bare_mainland_mobile_as_plus_86_like_tencent_does() {
        assert_eq!(e164("13012345678"), Ok("+8613012345678".into()));
        assert_eq!(e164("19912345678"), Ok("+8619912345678".into()));
    }

    #[test]
    fn strict_mode_reads_every_digit_string_as_starting_with_a_country_code() {
        let p = Phone::parse("18625550123", true).map(|p| p.e164().to_owned());
        assert_eq!(p, Ok("+18625550123".into()));
    }

    #[test]
    fn keeps_explicit_plus_and_double_zero_prefixes() {
        assert_eq!(e164("+8613012345678"), Ok("+8613012345678".into()));
        assert_eq!(e164("008613012345678"), Ok("+8613012345678".into()));
        assert_eq!(e164("+18625550123"), Ok("+18625550123".into()));
        assert_eq!(e164("0018625550123"), Ok("+18625550123".into()));
    }

    #[test]
    fn drops_spaces_dashes_dots_and_parentheses() {
        assert_eq!(e164("+86 130-1234-5678"), Ok("+8613012345678".into()));
        assert_eq!(e164("+1 (415) 555.0123"), Ok("+14155550123".into()));
        assert_eq!(e164(" 130 1234 5678\t"), Ok("+8613012345678".into()));
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(e164(""), Err(PhoneError::Empty));
        assert_eq!(e164(" - "), Err(PhoneError::Empty));
        assert_eq!(e164("+"), Err(PhoneError::NotDigits));
        assert_eq!(e164("abc"), Err(PhoneError::NotDigits));
        assert_eq!(e164("86130x2345678"), Err(PhoneError::NotDigits));
        assert_eq!(e164("++8613012345678"), Err(PhoneError::NotDigits));
        assert_eq!(e164("+86130１2345678"), Err(PhoneError::NotDigits));
        assert_eq!(e164("1234567890123456"), Err(PhoneError::TooLong));
        assert_eq!(e164("123456"), Err(PhoneError::TooShort));
        assert_eq!(e164("0861301234567"), Err(PhoneError::LeadingZero));
        assert_eq!(e164("+0861301234567"), Err(PhoneError::LeadingZero));
    }

    fn destination(raw: &str, strict: bool) -> Option<Destination> {
        Phone::parse(raw, strict).ok().map(|p| p.destination())
    }

    #[test]
    fn tells_mainland_from_international() {
        assert_eq!(destination("8613012345678", false), Some(Destination::Mainland));
        assert_eq!(destination("13012345678", false), Some(Destination::Mainland));
        assert_eq!(destination("85291234567", false), Some(Destination::International));
        assert_eq!(destination("85361234567", false), Some(Destination::International));
        assert_eq!(destination("886912345678", false), Some(Destination::International));
        assert_eq!(destination("12125550123", false), Some(Destination::International));
        // The ambiguous +1 number: mainland by Tencent's reading, international when strict.
        assert_eq!(destination("18625550123", false), Some(Destination::Mainland));
        assert_eq!(destination("18625550123", true), Some(Destination::International));
    }

    #[test]
    fn masks_all_but_the_country_prefix_and_last_four_digits() {
        let p = Phone::parse("8613012345678", false).map(|p| p.masked());
        assert_eq!(p, Ok("+86*******5678".into()));
    }
}

#[cfg(test)]
mod props;
