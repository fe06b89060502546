//! Secrets by type: the access key secret and the keys derived from it are wrapped, so that
//! `Debug` and `Display` of anything holding one (a config, a signer's input, a cache entry)
//! print a redaction. Reading the value takes an explicit `expose()`.

use std::fmt;

use serde::{Serialize, Serializer};

#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl Secret<String> {
    pub fn as_str(&self) -> Secret<&str> {
        Secret(self.0.as_str())
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl<T> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Only the normalised config that `validateConfig` hands back to its caller serialises a
/// secret: it is the caller's own config, and Logto stores what the guard returns.
impl Serialize for Secret<String> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_never_shows_the_value() {
        let s = Secret::new("hunter2-secret".to_owned());
        for shown in [
            format!("{s:?}"),
            format!("{s}"),
            format!("{:#?}", s.as_str()),
            format!("{:?}", Secret::new([7u8; 32])),
        ] {
            assert!(!shown.contains("hunter2") && !shown.contains('7'), "{shown}");
            assert!(shown.contains("redacted"));
        }
        assert_eq!(s.expose(), "hunter2-secret");
    }
}
