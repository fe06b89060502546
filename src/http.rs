//! One HTTP exchange with Tencent as the core sees it: the request it hands the host, and how
//! the exchange ended. The host (the shim's `fetch`, or a fake in tests) does the I/O.

use crate::secret::Secret;

/// Every Tencent API 3.0 call is a POST of JSON to `/`.
pub const METHOD: &str = "POST";
/// The reason given when the host's fetch resolves to something that is not a Response.
pub const NOT_A_RESPONSE: &str = "fetch resolved to something that is not a Response";

/// Tencent's answers are a few hundred bytes; anything past this is not Tencent.
pub const MAX_RESPONSE_BYTES: usize = 64 * 1024;

/// What every message about a redirect says: Tencent never redirects, and following one would
/// hand the signed request (replayable for five minutes) to whoever the `Location` names.
pub const REDIRECT_REFUSED: &str =
    "a redirect, which is never followed so the signed request stays with Tencent; check `endpoint`";

/// A signed `POST`. The `Authorization` value is kept apart from the other headers, as a
/// `Secret`: it can be replayed for five minutes, so `Debug` never shows it and only the
/// boundary's hand-over to `fetch` (and `prepareSend`, whose caller asked for it) reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub url: String,
    /// In the order they are sent, `Authorization` last; `Host` is what fetch derives from `url`.
    pub headers: Vec<(&'static str, String)>,
    pub authorization: Secret<String>,
    pub body: String,
    /// What is left of the whole call's deadline when this request starts.
    pub timeout_ms: u32,
}

#[cfg(test)]
impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

/// How one exchange ended: an answer, a redirect the host refused to follow, no answer in time,
/// or a failure of the network or of the host's fetch (`reason`: the system's error code where
/// there is one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exchange {
    Response {
        status: u16,
        body: Vec<u8>,
        truncated: bool,
    },
    /// The answer was a redirect, which the host's fetch refused to follow (`redirect:
    /// 'error'`): its status and body are not known.
    Redirected,
    Timeout {
        after_ms: u32,
    },
    Network {
        reason: String,
    },
}

/// The reason given for a connection closed during the TLS handshake: Node reports it as
/// ECONNRESET, which alone could also follow a written request.
pub const HANDSHAKE_CLOSED: &str = "ECONNRESET before the TLS handshake completed";

/// What a rejected fetch, or a failed body read, means, from the strings the host's error
/// carries. The shim's deadline aborts with a `DOMException` named `TimeoutError`; Node's
/// fetch (undici) with a `TypeError` whose `cause` has the system's code (`ECONNREFUSED`,
/// `ENOTFOUND`, a TLS code…) and message.
pub fn failure(
    error_name: Option<&str>,
    cause_code: Option<String>,
    cause_message: Option<String>,
    message: Option<String>,
    timeout_ms: u32,
) -> Exchange {
    if error_name == Some("TimeoutError") {
        return Exchange::Timeout { after_ms: timeout_ms };
    }
    // fetch rejects a redirect it was told not to follow: Node's names it in the cause
    // ("unexpected redirect"), Bun's in the message ("UnexpectedRedirect fetching …").
    let names_redirect =
        |s: &Option<String>| s.as_deref().is_some_and(|m| m.to_ascii_lowercase().contains("redirect"));
    if names_redirect(&cause_message) || names_redirect(&message) {
        return Exchange::Redirected;
    }
    // Node's TLS socket says when it closed before the handshake finished: nothing was written.
    if cause_message.as_deref().is_some_and(|m| m.contains("before secure TLS connection was established")) {
        return Exchange::Network { reason: HANDSHAKE_CLOSED.into() };
    }
    let reason = cause_code.or(cause_message).or(message).unwrap_or_else(|| "network error".into());
    Exchange::Network { reason }
}

/// Whether a body of `read` bytes so far may take a `chunk` more. Past the cap the stream is
/// cancelled and the rest never read.
pub fn body_fits(read: usize, chunk: usize) -> bool {
    read.saturating_add(chunk) <= MAX_RESPONSE_BYTES
}

/// Whether the body may be read in one piece (`arrayBuffer()`, cheaper than a stream reader):
/// only when the answer declares a length within the cap and no `Content-Encoding`, since a
/// compressed body decodes to more than its declared length. Everything else is streamed and
/// cut at the cap.
pub fn read_whole(content_length: Option<&str>, content_encoding: Option<&str>) -> bool {
    let declared = content_length.and_then(|n| n.trim().parse::<usize>().ok());
    content_encoding.is_none_or(|e| e.trim().is_empty() || e.trim().eq_ignore_ascii_case("identity"))
        && declared.is_some_and(|n| n <= MAX_RESPONSE_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_response_cap_is_the_documented_64_kib() {
        // The docs promise it to operators; the JS suites test it at the boundary byte.
        assert_eq!(MAX_RESPONSE_BYTES, 65_536);
        assert!(include_str!("../pkg-template/docs/security.md").contains("read up to 64 KiB"));
    }

    #[test]
    fn a_body_fits_up_to_the_cap_and_never_overflows() {
        assert!(body_fits(0, 65_536));
        assert!(body_fits(65_535, 1));
        assert!(!body_fits(65_536, 1));
        assert!(!body_fits(0, 65_537));
        assert!(!body_fits(usize::MAX, 1), "no overflow into a small number");
    }

    #[test]
    fn host_failures_read_as_timeouts_handshakes_or_their_most_specific_reason() {
        let some = |s: &str| Some(s.to_owned());
        let timeout = failure(Some("TimeoutError"), some("ECONNREFUSED"), None, None, 900);
        assert_eq!(timeout, Exchange::Timeout { after_ms: 900 });
        let tls = "Client network socket disconnected before secure TLS connection was established";
        let closed = failure(Some("TypeError"), some("ECONNRESET"), some(tls), some("fetch failed"), 9);
        assert_eq!(closed, Exchange::Network { reason: HANDSHAKE_CLOSED.into() });
        let network = |reason: &str| Exchange::Network { reason: reason.into() };
        assert_eq!(
            failure(None, some("ENOTFOUND"), some("getaddrinfo"), some("fetch failed"), 9),
            network("ENOTFOUND")
        );
        assert_eq!(
            failure(None, None, some("other side closed"), some("fetch failed"), 9),
            network("other side closed")
        );
        assert_eq!(failure(Some("AbortError"), None, None, some("aborted"), 9), network("aborted"));
        assert_eq!(failure(None, None, None, None, 9), network("network error"));
    }

    #[test]
    fn a_redirect_the_host_refused_to_follow_reads_as_one_in_node_and_bun() {
        let some = |s: &str| Some(s.to_owned());
        // Node 20 and 22 (undici), then Bun 1.4, for fetch(…, { redirect: 'error' }) and a 307.
        let node = failure(Some("TypeError"), None, some("unexpected redirect"), some("fetch failed"), 9);
        let bun = r#"UnexpectedRedirect fetching "http://127.0.0.1:9/". For more information, pass `verbose: true`"#;
        assert_eq!(node, Exchange::Redirected);
        assert_eq!(failure(Some("TypeError"), None, None, some(bun), 9), Exchange::Redirected);
        assert_eq!(
            failure(Some("TimeoutError"), None, some("unexpected redirect"), None, 9),
            Exchange::Timeout { after_ms: 9 }
        );
        let reset =
            failure(Some("TypeError"), some("ECONNRESET"), some("read ECONNRESET"), some("fetch failed"), 9);
        assert_eq!(reset, Exchange::Network { reason: "ECONNRESET".into() });
    }

    #[test]
    fn only_a_declared_plain_body_within_the_cap_is_read_whole() {
        assert!(read_whole(Some("312"), None));
        assert!(read_whole(Some("65536"), Some("identity")));
        assert!(read_whole(Some(" 0 "), Some("")));
        assert!(!read_whole(Some("65537"), None), "over the cap: streamed and cut");
        assert!(!read_whole(None, None), "no length (chunked): streamed");
        assert!(!read_whole(Some("312"), Some("gzip")), "decodes to more than it declares");
        assert!(!read_whole(Some("-1"), None));
        assert!(!read_whole(Some("12, 12"), None));
        assert!(!read_whole(Some("99999999999999999999999"), None));
    }
}
