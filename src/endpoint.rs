//! Where requests go: Tencent's host by default, or an operator-set `endpoint` (a regional
//! host, the international site, or a local stand-in for tests). Only `https:` leaves the
//! machine; plain `http:` is allowed for loopback hosts alone, and a URL carrying credentials,
//! a path, a query or a fragment is refused, since the signature covers only `POST /`.

use serde::{Serialize, Serializer};

pub const DEFAULT_HOST: &str = "sms.tencentcloudapi.com";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// `https://host[:port]/`, the URL fetched.
    pub url: String,
    /// `host[:port]` exactly as fetch sends it in `Host` (default ports dropped), and as signed.
    pub host: String,
}

impl Serialize for Endpoint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.url)
    }
}

impl Default for Endpoint {
    fn default() -> Self {
        Self { url: format!("https://{DEFAULT_HOST}/"), host: DEFAULT_HOST.to_owned() }
    }
}

fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host == "[::1]" {
        return true;
    }
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.first() == Some(&"127")
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.parse::<u8>().is_ok())
}

fn valid_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

impl Endpoint {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        let lower = raw.to_ascii_lowercase();
        let (https, rest) = if lower.starts_with("https://") {
            (true, raw.get(8..).unwrap_or_default())
        } else if lower.starts_with("http://") {
            (false, raw.get(7..).unwrap_or_default())
        } else {
            return Err("must be an https:// URL such as https://sms.tencentcloudapi.com".into());
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        if authority.contains('@') {
            return Err("must not contain credentials: keys belong in accessKeyId and accessKeySecret".into());
        }
        if !(tail.is_empty() || tail == "/") {
            return Err("must not have a path, query or fragment: Tencent's API lives at /".into());
        }
        let (host, port) = match authority.rfind(':') {
            Some(i) if !authority.get(i..).unwrap_or_default().contains(']') => {
                let port = authority.get(i + 1..).unwrap_or_default();
                match port.parse::<u16>() {
                    Ok(p) if p > 0 && port.bytes().all(|b| b.is_ascii_digit()) => {
                        (authority.get(..i).unwrap_or_default(), Some(p))
                    }
                    _ => return Err("has an invalid port".into()),
                }
            }
            _ => (authority, None),
        };
        let host = host.to_ascii_lowercase();
        if !valid_host(&host) {
            return Err("has an invalid host name".into());
        }
        if !https && !is_loopback(&host) {
            return Err("must use https:// (plain http:// is allowed only for loopback hosts)".into());
        }
        let default_port = if https { 443 } else { 80 };
        let host = match port {
            Some(p) if p != default_port => format!("{host}:{p}"),
            _ => host,
        };
        let scheme = if https { "https" } else { "http" };
        Ok(Self { url: format!("{scheme}://{host}/"), host })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> (String, String) {
        let e = Endpoint::parse(raw).expect("valid endpoint");
        (e.url, e.host)
    }

    #[test]
    fn defaults_to_tencents_host() {
        let e = Endpoint::default();
        assert_eq!((e.url.as_str(), e.host.as_str()), ("https://sms.tencentcloudapi.com/", DEFAULT_HOST));
    }

    #[test]
    fn accepts_https_hosts_and_loopback_http() {
        assert_eq!(
            ok("https://sms.ap-guangzhou.tencentcloudapi.com"),
            (
                "https://sms.ap-guangzhou.tencentcloudapi.com/".into(),
                "sms.ap-guangzhou.tencentcloudapi.com".into()
            )
        );
        assert_eq!(
            ok("HTTPS://SMS.intl.tencentcloudapi.com:443/"),
            ("https://sms.intl.tencentcloudapi.com/".into(), "sms.intl.tencentcloudapi.com".into())
        );
        assert_eq!(ok("http://127.0.0.1:8080"), ("http://127.0.0.1:8080/".into(), "127.0.0.1:8080".into()));
        assert_eq!(ok("http://localhost:9"), ("http://localhost:9/".into(), "localhost:9".into()));
        assert_eq!(ok("http://[::1]:9/"), ("http://[::1]:9/".into(), "[::1]:9".into()));
        // A colon inside brackets is the address's, not a port separator.
        assert_eq!(ok("http://[::1]"), ("http://[::1]/".into(), "[::1]".into()));
        assert_eq!(ok("https://[fe80::1]"), ("https://[fe80::1]/".into(), "[fe80::1]".into()));
    }

    #[test]
    fn loopback_means_127_0_0_0_slash_8_localhost_or_the_ipv6_one() {
        for loopback in ["http://127.0.0.1", "http://127.255.255.254:1", "http://localhost", "http://[::1]"] {
            assert!(Endpoint::parse(loopback).is_ok(), "{loopback}");
        }
        for not in [
            "http://127.0.0",
            "http://127.0.0.1.1",
            "http://127.0.0.256",
            "http://128.0.0.1",
            "http://1.127.0.0",
            "http://[::2]",
        ] {
            assert!(Endpoint::parse(not).is_err(), "{not}");
        }
    }

    #[test]
    fn bracketed_hosts_hold_an_ip_v6_address_only() {
        for bad in ["https://[]", "https://[zz::1]", "https://[::1", "https://[a b]"] {
            assert!(Endpoint::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_what_could_leak_or_misroute_a_signed_request() {
        for bad in [
            "",
            "sms.tencentcloudapi.com",
            "ftp://x",
            "http://sms.tencentcloudapi.com",
            "http://10.0.0.1",
            "http://127.0.0.1.evil.com",
            "https://user:pass@sms.tencentcloudapi.com",
            "https://sms.tencentcloudapi.com/v1",
            "https://sms.tencentcloudapi.com?x=1",
            "https://sms.tencentcloudapi.com#f",
            "https://sms.tencentcloudapi.com:0",
            "https://sms.tencentcloudapi.com:99999",
            "https://sms.tencentcloudapi.com:",
            "https://bad_host",
            "https://a b",
        ] {
            assert!(Endpoint::parse(bad).is_err(), "{bad}");
        }
    }
}

#[cfg(test)]
mod props;
