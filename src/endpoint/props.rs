#![cfg(not(target_arch = "wasm32"))] // proptest is a host-only dev-dependency (generators.rs)
//! Properties of `Endpoint::parse`.

use proptest::prelude::*;

use super::Endpoint;
use crate::generators::{any_text, cases};

fn url_like() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![Just("https://"), Just("http://"), Just("HTTPS://"), Just("ftp://"), Just(""),];
    let host = prop_oneof![
        Just("sms.tencentcloudapi.com".to_owned()),
        Just("127.0.0.1".to_owned()),
        Just("localhost".to_owned()),
        Just("[::1]".to_owned()),
        "[a-z0-9.\\-_]{0,20}",
        "\\PC{0,10}",
    ];
    let port =
        prop_oneof![Just(String::new()), (0u32..70_000).prop_map(|p| format!(":{p}")), "[:0-9a-z]{0,8}",];
    let tail = prop_oneof![Just(""), Just("/"), Just("/v1"), Just("?x=1"), Just("#f")];
    let userinfo = prop_oneof![4 => Just(""), 1 => Just("user:pass@")];
    prop_oneof![
        3 => (scheme, userinfo, host, port, tail)
            .prop_map(|(s, u, h, p, t)| format!("{s}{u}{h}{p}{t}")),
        1 => any_text(),
    ]
}

proptest! {
    #![proptest_config(cases(2000))]

    #[test]
    fn endpoint_parse_never_panics_and_ok_is_a_bare_origin(raw in url_like()) {
        if let Ok(e) = Endpoint::parse(&raw) {
            let (scheme, rest) = e.url.split_once("://").expect("scheme");
            prop_assert!(scheme == "https" || scheme == "http", "{}", e.url);
            prop_assert_eq!(rest, format!("{}/", e.host));
            prop_assert!(!e.host.is_empty());
            prop_assert!(!e.host.contains(['@', '/', '?', '#', ' ']), "{}", e.host);
            prop_assert_eq!(e.host.to_ascii_lowercase(), e.host.clone());
            if scheme == "http" {
                let bare = e.host.rsplit_once(':').map_or(e.host.as_str(), |(h, p)| {
                    if p.bytes().all(|b| b.is_ascii_digit()) && !h.is_empty() { h } else { e.host.as_str() }
                });
                prop_assert!(
                    bare == "localhost" || bare == "[::1]" || bare.starts_with("127."),
                    "plain http to a non-loopback host: {}", e.url
                );
            }
        }
    }
}
