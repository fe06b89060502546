//! The UTC calendar date of a Unix timestamp, as TC3's credential scope needs it.
//! Tencent rejects scopes computed in local time (UTC+8), the classic signing bug.

/// 9999-12-31T23:59:59Z: the last second whose date still has four year digits.
pub const MAX_TIMESTAMP: u64 = 253_402_300_799;

/// `YYYY-MM-DD` for `timestamp` seconds since 1970-01-01T00:00:00Z (clamped to `MAX_TIMESTAMP`).
pub fn utc_date(timestamp: u64) -> String {
    let days = timestamp.min(MAX_TIMESTAMP) / 86_400;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Howard Hinnant's days-to-civil algorithm, restricted to days on or after 1970-01-01.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uses_the_utc_date_not_china_time() {
        // Dates from the shared API note: both instants are already "tomorrow" in UTC+8.
        assert_eq!(utc_date(1_551_113_065), "2019-02-25");
        assert_eq!(utc_date(1_700_000_000), "2023-11-14");
    }

    #[test]
    fn turns_over_exactly_at_midnight_utc() {
        assert_eq!(utc_date(1_700_006_399), "2023-11-14");
        assert_eq!(utc_date(1_700_006_400), "2023-11-15");
    }

    #[test]
    fn handles_epoch_leap_days_and_the_upper_bound() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(4_107_456_000), "2100-02-28");
        assert_eq!(utc_date(4_107_542_400), "2100-03-01");
        assert_eq!(utc_date(MAX_TIMESTAMP), "9999-12-31");
        assert_eq!(utc_date(u64::MAX), "9999-12-31");
    }
}
