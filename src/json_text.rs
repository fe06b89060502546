//! JSON text from JS into a value, with strings encoded as the host would send them.
//!
//! A JS string need not be well-formed UTF-16: `'a\ud83d'` has a lone surrogate.
//! `JSON.stringify` writes one as the escape `\ud83d`, which serde_json (rightly, for JSON)
//! refuses, so the whole value would read as unparsable. The host's `fetch`, `TextEncoder` and
//! `Buffer.from(s, 'utf8')` encode a lone surrogate as U+FFFD, so the same is done here before
//! parsing: what we validate and sign is then exactly what would go on the wire.

use std::borrow::Cow;

use serde_json::Value;

fn hex4(bytes: &[u8]) -> Option<u16> {
    let text = std::str::from_utf8(bytes.get(..4)?).ok()?;
    u16::from_str_radix(text, 16).ok()
}

/// `text` with each `\uXXXX` escape of a lone surrogate replaced by `\ufffd`; borrowed when
/// there is none. Outside strings a backslash is invalid JSON anyway, so every backslash starts
/// an escape and the scan needs no string tracking.
pub fn well_formed(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = bytes.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'\\')) {
        let at = i + offset;
        let unit = match bytes.get(at + 1) {
            Some(b'u') => bytes.get(at + 2..).and_then(hex4),
            _ => None,
        };
        let Some(unit) = unit else {
            i = at + 2; // `\\`, `\"`, `\n` …: skip the escaped character whole
            continue;
        };
        let low_follows = || {
            bytes.get(at + 6..at + 8) == Some(b"\\u")
                && bytes.get(at + 8..).and_then(hex4).is_some_and(|u| (0xDC00..0xE000).contains(&u))
        };
        let lone = match unit {
            0xD800..=0xDBFF if low_follows() => {
                i = at + 12; // a valid pair: keep both escapes
                continue;
            }
            0xD800..=0xDFFF => true,
            _ => false,
        };
        if lone {
            let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
            buf.push_str(text.get(copied..at).unwrap_or_default());
            buf.push_str("\\ufffd");
            copied = at + 6;
        }
        i = at + 6;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut buf) => {
            buf.push_str(text.get(copied..).unwrap_or_default());
            Cow::Owned(buf)
        }
    }
}

/// The value of JSON text from JS; `Null` when it does not parse (every reader reports that as
/// the wrong type).
pub fn parse(text: &str) -> Value {
    serde_json::from_str(&well_formed(text)).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Value {
        parse(text)
    }

    #[test]
    fn lone_surrogates_read_as_the_replacement_character() {
        assert_eq!(read(r#"{"a":"x\ud83d"}"#)["a"], "x\u{fffd}");
        assert_eq!(read(r#"["\udc00y"]"#)[0], "\u{fffd}y");
        assert_eq!(read(r#"{"k\ud800":1}"#)["k\u{fffd}"], 1);
        // A high surrogate followed by another high one: both are lone.
        assert_eq!(read(r#""\ud83d\ud83d""#), "\u{fffd}\u{fffd}");
    }

    #[test]
    fn valid_pairs_and_other_escapes_are_untouched() {
        let text = r#"{"e":"\ud83d\ude00","s":"\\ud83d","q":"\"\n\u00e9"}"#;
        assert!(matches!(well_formed(text), Cow::Borrowed(_)));
        let v = read(text);
        assert_eq!(v["e"], "😀");
        assert_eq!(v["s"], "\\ud83d"); // an escaped backslash, then plain text
        assert_eq!(v["q"], "\"\n\u{e9}");
    }

    /// What a JSON string of these pieces decodes to, escapes written as `JSON.stringify` writes
    /// them (a lone surrogate as `\udXXX`), and what `TextEncoder` makes of the same string.
    #[cfg(not(target_arch = "wasm32"))]
    const PIECES: [(&str, &str); 8] = [
        ("a", "a"),
        ("\\n", "\n"),
        ("\\\\", "\\"),
        ("\\\"", "\""),
        ("\\ud83d\\ude00", "😀"),
        ("\\ud83d", "\u{fffd}"),
        // Not right after a lone high surrogate: that pair would be a valid one, in JS too.
        ("x\\udc00", "x\u{fffd}"),
        ("\\u00e9", "é"),
    ];

    // proptest is a host-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_mix_of_escapes_decodes_as_the_host_encodes_it(picks in proptest::collection::vec(0..PIECES.len(), 0..24)) {
            let text: String = picks.iter().map(|&i| PIECES[i].0).collect();
            let expected: String = picks.iter().map(|&i| PIECES[i].1).collect();
            proptest::prop_assert_eq!(read(&format!("\"{text}\"")), Value::String(expected), "{}", text);
        }
    }

    #[test]
    fn text_that_is_not_json_reads_as_null_without_panicking() {
        for bad in ["", "\\", "\"\\u", "\"\\ud8", "\"\\ud83d\\u", "{\"a\":\"\\ud83d\\udc", "\\u12"] {
            assert_eq!(read(bad), Value::Null, "{bad:?}");
        }
    }
}
