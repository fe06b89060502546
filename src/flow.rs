//! One request with the retries that are safe for it, inside one deadline. The caller's
//! `classify` reads each answer once and says whether trying again is safe: for `SendSms`, only
//! when Tencent provably did not process the request (a second SMS would reach the user); for
//! the read-only actions, also after timeouts and 5xx, since reading twice changes nothing.

use crate::error::ConnectorError;
use crate::host::Host;
use crate::http::{Exchange, HttpRequest};
use crate::retry;

/// An answer that is not the outcome wanted, and whether the same request may be sent again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub error: ConnectorError,
    pub retry: bool,
}

/// Sends `request` until `classify` accepts an answer, refuses it for good, or no retry fits
/// before `deadline_ms` (epoch ms). Each retry gets what is left of the deadline as its own
/// timeout, never a fresh one. Returns the outcome and how many attempts were made.
pub async fn attempt<H: Host, T>(
    host: &H,
    mut request: HttpRequest,
    max_retries: u32,
    deadline_ms: f64,
    classify: impl Fn(&Exchange) -> Result<T, Refused>,
) -> (Result<T, ConnectorError>, u32) {
    let mut retries = 0;
    loop {
        let refused = match classify(&host.exchange(&request).await) {
            Ok(value) => return (Ok(value), retries + 1),
            Err(refused) => refused,
        };
        let remaining = deadline_ms - host.now_ms();
        let delay = match refused.retry {
            true => retry::next_delay(retries, max_retries, remaining, || host.random()),
            false => None,
        };
        let Some(delay) = delay else { return (Err(refused.error), retries + 1) };
        host.sleep(delay).await;
        retries += 1;
        request.timeout_ms = (deadline_ms - host.now_ms()).max(1.0) as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::host::testing::{block_on, FakeHost};
    use crate::secret::Secret;

    fn request(timeout_ms: u32) -> HttpRequest {
        HttpRequest {
            url: "https://sms.tencentcloudapi.com/".into(),
            headers: Vec::new(),
            authorization: Secret::new("TC3-HMAC-SHA256 …".into()),
            body: "{}".into(),
            timeout_ms,
        }
    }

    /// 200 is the outcome; 429 may be retried; anything else is refused for good.
    fn classify(exchange: &Exchange) -> Result<u16, Refused> {
        let refuse = |retry| Err(Refused { error: ConnectorError::new(ErrorCode::General, "no"), retry });
        match exchange {
            Exchange::Response { status: 200, .. } => Ok(200),
            Exchange::Response { status: 429, .. } => refuse(true),
            _ => refuse(false),
        }
    }

    fn run(host: &FakeHost, max_retries: u32, timeout_ms: u32) -> (Result<u16, ConnectorError>, u32) {
        let deadline = host.now_ms() + f64::from(timeout_ms);
        block_on(attempt(host, request(timeout_ms), max_retries, deadline, classify))
    }

    #[test]
    fn an_accepted_answer_ends_at_once_without_a_random_draw() {
        let host = FakeHost::new(0.0, vec![(30.0, FakeHost::answer(200, "{}"))]);
        assert_eq!(run(&host, 3, 10_000), (Ok(200), 1));
        assert_eq!(host.draws.get(), 0, "jitter is drawn only when a retry is scheduled");
        assert!(host.sleeps.borrow().is_empty());
    }

    #[test]
    fn a_refusal_for_good_is_never_retried() {
        let host =
            FakeHost::new(0.0, vec![(30.0, FakeHost::answer(500, "")), (0.0, FakeHost::answer(200, ""))]);
        let (outcome, attempts) = run(&host, 3, 10_000);
        assert!(outcome.is_err());
        assert_eq!((attempts, host.requests.borrow().len(), host.draws.get()), (1, 1, 0));
    }

    #[test]
    fn a_retryable_refusal_waits_with_jitter_then_tries_again() {
        let host =
            FakeHost::new(0.0, vec![(10.0, FakeHost::answer(429, "")), (10.0, FakeHost::answer(200, ""))])
                .with_random(0.25);
        assert_eq!(run(&host, 1, 10_000), (Ok(200), 2));
        assert_eq!(*host.sleeps.borrow(), vec![50.0], "a quarter of the first 200 ms ceiling");
        assert_eq!(host.draws.get(), 1);
    }

    #[test]
    fn retries_stop_at_max_retries() {
        let limited = || (1.0, FakeHost::answer(429, ""));
        let host = FakeHost::new(0.0, vec![limited(), limited(), limited(), limited(), limited()]);
        let (outcome, attempts) = run(&host, 2, 10_000);
        assert!(outcome.is_err());
        assert_eq!((attempts, host.requests.borrow().len()), (3, 3));
    }

    #[test]
    fn a_retry_gets_what_is_left_of_the_deadline_so_a_slow_answer_then_a_hang_ends_on_time() {
        // The first answer uses most of the 10 s budget; the retry hangs. It must be cut at the
        // deadline, not given a fresh 10 s.
        let host = FakeHost::new(
            1_000.0,
            vec![(8_000.0, FakeHost::answer(429, "")), (f64::INFINITY, FakeHost::answer(200, ""))],
        )
        .with_random(0.5);
        let (outcome, attempts) = run(&host, 1, 10_000);
        assert!(outcome.is_err());
        assert_eq!(attempts, 2);
        let timeouts: Vec<u32> = host.requests.borrow().iter().map(|r| r.timeout_ms).collect();
        assert_eq!(timeouts, vec![10_000, 1_900], "10 000 − 8 000 − the 100 ms wait");
        assert_eq!(host.now_ms(), 11_000.0, "ends exactly at the deadline");
    }

    #[test]
    fn no_retry_starts_when_it_could_not_finish_before_the_deadline() {
        let host =
            FakeHost::new(0.0, vec![(9_800.0, FakeHost::answer(429, "")), (1.0, FakeHost::answer(200, ""))]);
        let (outcome, attempts) = run(&host, 3, 10_000);
        assert!(outcome.is_err());
        assert_eq!((attempts, host.requests.borrow().len()), (1, 1));
    }
}
