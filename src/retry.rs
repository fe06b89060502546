//! Retries that are safe. `SendSms` has no idempotency token, so a request Tencent may have
//! processed is never sent again: a second SMS with another code would reach the user. Two
//! failures prove the request was not processed, and only they are tried again, as Tencent's Go
//! SDK does (`RateLimitExceededMaxRetries`, exponential backoff): Tencent's API frequency limit
//! (`RequestLimitExceeded…`, answered before the request is looked at), and a connection that
//! failed before anything was written (refused, name lookup, connect timeout).
//!
//! Pure: the jitter is a parameter, drawn only once a retry is possible, so tests fix it and a
//! send that needs no retry costs no random draw.

pub const MAX_RETRIES: u32 = 3;
pub const DEFAULT_RETRIES: u32 = 1;
/// The first backoff's ceiling; each retry doubles it, up to `MAX_BACKOFF_MS`.
const BASE_BACKOFF_MS: f64 = 200.0;
const MAX_BACKOFF_MS: f64 = 2_000.0;
/// A retry needs time to answer: none is started with less than this left before the deadline.
pub const MIN_ATTEMPT_MS: f64 = 250.0;

/// Exponential backoff with full jitter: a delay drawn evenly from 0 up to the ceiling of this
/// retry (`retry` counts from 0), so many tenants limited at once do not retry in step.
pub fn backoff_ms(retry: u32, jitter: f64) -> f64 {
    let ceiling = (BASE_BACKOFF_MS * 2f64.powi(retry.min(16) as i32)).min(MAX_BACKOFF_MS);
    let jitter = if jitter.is_nan() { 0.5 } else { jitter.clamp(0.0, 1.0) };
    ceiling * jitter
}

/// How long to wait before retry number `retry` (from 0), or `None` when no retry is left or
/// it could not finish before the deadline (`remaining_ms` from now).
pub fn next_delay(
    retry: u32,
    max_retries: u32,
    remaining_ms: f64,
    jitter: impl FnOnce() -> f64,
) -> Option<f64> {
    if retry >= max_retries.min(MAX_RETRIES) {
        return None;
    }
    let delay = backoff_ms(retry, jitter());
    (delay + MIN_ATTEMPT_MS <= remaining_ms).then_some(delay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_full_jitter_under_a_doubling_ceiling() {
        assert_eq!(backoff_ms(0, 0.0), 0.0);
        assert_eq!(backoff_ms(0, 1.0), 200.0);
        assert_eq!(backoff_ms(1, 1.0), 400.0);
        assert_eq!(backoff_ms(2, 0.5), 400.0);
        assert_eq!(backoff_ms(9, 1.0), MAX_BACKOFF_MS);
        assert_eq!(backoff_ms(u32::MAX, 1.0), MAX_BACKOFF_MS);
        assert_eq!([backoff_ms(0, f64::NAN), backoff_ms(0, -1.0), backoff_ms(0, 7.0)], [100.0, 0.0, 200.0]);
    }

    #[test]
    fn retries_stop_at_the_limit_and_at_the_deadline() {
        let half = || 0.5;
        let none = || panic!("no draw once no retry is left");
        assert_eq!(next_delay(0, 1, 10_000.0, half), Some(100.0));
        assert_eq!(next_delay(1, 1, 10_000.0, none), None, "one retry only");
        assert_eq!(next_delay(0, 0, 10_000.0, none), None, "maxRetries 0 never retries");
        assert_eq!(next_delay(3, 9, 10_000.0, none), None, "never more than MAX_RETRIES");
        assert_eq!(next_delay(2, 3, 10_000.0, || 0.0), Some(0.0));
        assert_eq!(next_delay(0, 1, 349.0, half), None, "100 ms wait + 250 ms attempt do not fit");
        assert_eq!(next_delay(0, 1, 350.0, half), Some(100.0));
    }
}
