//! A small cache of TC3 signing keys per (secret key, UTC date, service), kept as ready-keyed
//! HMAC states: deriving a key costs three HMACs and keying one two more hashes, and a busy
//! tenant signs with the same key all day. Bounded, so many tenants or dates cannot grow it;
//! the key material never leaves wasm memory.

use std::cell::RefCell;

use super::{derive_signing_key, keyed, HmacSha256};
use crate::secret::Secret;

const CAPACITY: usize = 16;

struct Entry {
    secret_key: Secret<String>,
    date: String,
    service: String,
    mac: HmacSha256,
}

thread_local! {
    // wasm runs one thread; the cache changes speed only, never a result.
    static CACHE: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// HMAC keyed with the signing key, from the cache or freshly derived (most recent first).
pub(super) fn signing_mac(secret_key: Secret<&str>, date: &str, service: &str) -> HmacSha256 {
    CACHE.with(|cell| {
        let Ok(mut cache) = cell.try_borrow_mut() else {
            return keyed(derive_signing_key(secret_key, date, service).expose());
        };
        let hit = cache.iter().position(|e| {
            e.date == date && e.service == service && e.secret_key.expose() == secret_key.expose()
        });
        if let Some(i) = hit {
            let entry = cache.remove(i);
            let mac = entry.mac.clone();
            cache.insert(0, entry);
            return mac;
        }
        let mac = keyed(derive_signing_key(secret_key, date, service).expose());
        let entry = Entry {
            secret_key: Secret::new((*secret_key.expose()).to_owned()),
            date: date.to_owned(),
            service: service.to_owned(),
            mac,
        };
        cache.insert(0, entry);
        cache.truncate(CAPACITY);
        cache
            .first()
            .map_or_else(|| keyed(derive_signing_key(secret_key, date, service).expose()), |e| e.mac.clone())
    })
}

#[cfg(test)]
pub fn len() -> usize {
    CACHE.with(|c| c.borrow().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    use hmac::Mac;

    fn tag(mac: HmacSha256) -> Vec<u8> {
        let mut mac = mac;
        mac.update(b"string to sign");
        mac.finalize().into_bytes().to_vec()
    }

    #[test]
    fn cached_states_sign_like_freshly_derived_keys_and_the_cache_stays_bounded() {
        for i in 0..40 {
            let secret = format!("secret-{}", i % 20);
            let date = if i % 3 == 0 { "2023-11-14" } else { "2023-11-15" };
            let fresh = tag(keyed(derive_signing_key(Secret::new(&secret), date, "sms").expose()));
            assert_eq!(tag(signing_mac(Secret::new(&secret), date, "sms")), fresh);
            assert_eq!(tag(signing_mac(Secret::new(&secret), date, "sms")), fresh);
            assert!(len() <= CAPACITY);
        }
        assert_ne!(
            tag(signing_mac(Secret::new("a"), "2023-11-14", "sms")),
            tag(signing_mac(Secret::new("b"), "2023-11-14", "sms"))
        );
        assert_ne!(
            tag(signing_mac(Secret::new("a"), "2023-11-14", "sms")),
            tag(signing_mac(Secret::new("a"), "2023-11-14", "cvm"))
        );
    }
}
