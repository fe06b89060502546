//! The last few validated configs, by their exact JSON text: Logto sends every message of a
//! tenant with the same config, so parsing and validating it once per text is enough. Bounded;
//! only valid configs are kept, and a changed config is a different text. The text holds the
//! access key secret, so it is kept as a `Secret` (never printed), like the one inside `Config`.
//! (Keyed by the text's SHA-256 instead, `prepareSend` ran 7% slower in an A/B of two builds.)

use std::cell::RefCell;
use std::rc::Rc;

use crate::config::{self, Config};
use crate::error::Issue;
use crate::secret::Secret;

const CAPACITY: usize = 8;

type Key = Secret<Box<str>>;

thread_local! {
    // wasm runs one thread; the cache changes speed only, never a result.
    static CACHE: RefCell<Vec<(Key, Rc<Config>)>> = const { RefCell::new(Vec::new()) };
}

/// `config::parse_stored` (send time) of the JSON `text`, remembered for usable configs (most
/// recent first).
pub fn parse_text(text: &str) -> Result<Rc<Config>, Vec<Issue>> {
    let cached = CACHE.with(|cell| {
        let mut cache = cell.try_borrow_mut().ok()?;
        let i = cache.iter().position(|(k, _)| &**k.expose() == text)?;
        let entry = cache.remove(i);
        let config = Rc::clone(&entry.1);
        cache.insert(0, entry);
        Some(config)
    });
    if let Some(config) = cached {
        return Ok(config);
    }
    let config = Rc::new(config::parse_stored(&crate::json_text::parse(text))?);
    CACHE.with(|cell| {
        if let Ok(mut cache) = cell.try_borrow_mut() {
            cache.insert(0, (Secret::new(text.into()), Rc::clone(&config)));
            cache.truncate(CAPACITY);
        }
    });
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"{"accessKeyId":"AKID","accessKeySecret":"k","signName":"Logto","sdkAppId":"1400000000",
        "region":"ap-guangzhou","templates":[{"usageType":"Generic","templateCode":"1"}]}"#;

    #[test]
    fn cached_results_equal_fresh_ones_and_invalid_configs_stay_invalid() {
        let fresh = config::parse_stored(&serde_json::from_str(VALID).unwrap_or_default());
        for _ in 0..3 {
            assert_eq!(parse_text(VALID).ok().as_deref(), fresh.as_ref().ok());
        }
        for i in 0..20 {
            let other = VALID.replace("\"AKID\"", &format!("\"AKID{i}\""));
            assert_eq!(parse_text(&other).map(|c| c.access_key_id.clone()).ok(), Some(format!("AKID{i}")));
        }
        assert!(parse_text("{}").is_err());
        assert!(parse_text("{}").is_err());
        assert!(parse_text("not json").is_err());
        assert!(CACHE.with(|c| c.borrow().len()) <= CAPACITY);
    }
}
