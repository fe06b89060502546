//! The SMS packages (套餐包) that mainland messages are paid from, as `SmsPackagesStatistics`
//! lists them: which are in effect now, how many messages they have left, when they end.
//! The time is a parameter, so tests fix it.

use serde::Serialize;

use super::answers::Package;
use super::{Level, Verdict};
use crate::utc_date::utc_date;

/// Fewer messages left than this across every package in effect is worth a warning.
pub const FEW_LEFT: u64 = 100;
/// A last package ending within this many days is worth a warning.
pub const EXPIRY_WARNING_DAYS: u64 = 30;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageSummary {
    /// Packages in effect now (started, not expired).
    pub in_effect: usize,
    /// Their messages left: amount − usage, summed.
    pub remaining: u64,
    /// When the last package that still has messages ends (Unix seconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_expiry: Option<u64>,
    pub verdict: Verdict,
}

pub fn judge(packages: &[Package], now_s: u64) -> PackageSummary {
    let live: Vec<&Package> = packages.iter().filter(|p| p.effective <= now_s && now_s < p.expires).collect();
    let remaining: u64 = live.iter().map(|p| p.amount.saturating_sub(p.usage)).fold(0, u64::saturating_add);
    let last_expiry = live.iter().filter(|p| p.amount > p.usage).map(|p| p.expires).max();
    let verdict = match last_expiry {
        None if live.is_empty() => Verdict::new(
            Level::Error,
            format!(
                "no SMS package is in effect ({} listed, all expired or not yet started): mainland sends fail with FailedOperation.InsufficientBalanceInSmsPackage unless the account is billed after use",
                packages.len()
            ),
        ),
        None => Verdict::new(
            Level::Error,
            format!(
                "the {} package(s) in effect are used up: mainland sends fail with FailedOperation.InsufficientBalanceInSmsPackage unless the account is billed after use",
                live.len()
            ),
        ),
        Some(end) => {
            let days_left = end.saturating_sub(now_s) / 86_400;
            let summary = format!("{remaining} messages left in {} package(s), the last ending {}", live.len(), utc_date(end));
            if remaining < FEW_LEFT {
                Verdict::new(Level::Warning, format!("{summary}: few left, top up before they run out"))
            } else if days_left < EXPIRY_WARNING_DAYS {
                Verdict::new(Level::Warning, format!("{summary}, in {days_left} days: renew before then"))
            } else {
                Verdict::new(Level::Ok, summary)
            }
        }
    };
    PackageSummary { in_effect: live.len(), remaining, last_expiry, verdict }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000;
    const DAY: u64 = 86_400;

    fn package(amount: u64, usage: u64, expires: u64) -> Package {
        Package { id: 1, amount, usage, effective: NOW - 100 * DAY, expires }
    }

    #[test]
    fn sums_what_is_left_in_packages_in_effect() {
        let s = judge(
            &[
                package(1000, 100, NOW + 200 * DAY),
                package(500, 500, NOW + 300 * DAY),
                package(9000, 0, NOW - 1),
            ],
            NOW,
        );
        assert_eq!((s.in_effect, s.remaining, s.last_expiry), (2, 900, Some(NOW + 200 * DAY)));
        assert_eq!(s.verdict.level, Level::Ok);
        assert!(
            s.verdict.message.starts_with("900 messages left in 2 package(s), the last ending 2024-06-01"),
            "{}",
            s.verdict.message
        );
    }

    #[test]
    fn none_left_is_an_error() {
        let used_up = judge(&[package(100, 100, NOW + DAY * 90)], NOW);
        assert_eq!(used_up.verdict.level, Level::Error);
        assert!(used_up.verdict.message.contains("used up"));
        let expired = judge(&[package(100, 0, NOW)], NOW);
        assert_eq!((expired.in_effect, expired.verdict.level), (0, Level::Error));
        assert!(
            expired.verdict.message.starts_with("no SMS package is in effect (1 listed"),
            "{}",
            expired.verdict.message
        );
        assert!(
            used_up.verdict.message.starts_with("the 1 package(s) in effect are used up"),
            "{}",
            used_up.verdict.message
        );
        assert_eq!(judge(&[], NOW).verdict.level, Level::Error);
        let mut future = package(100, 0, NOW + 90 * DAY);
        future.effective = NOW + 1;
        assert_eq!(judge(&[future], NOW).verdict.level, Level::Error, "not started yet");
    }

    #[test]
    fn few_left_or_ending_soon_is_a_warning() {
        let few = judge(&[package(1000, 901, NOW + 200 * DAY)], NOW);
        assert_eq!(few.verdict.level, Level::Warning);
        assert!(few.verdict.message.contains("few left"));
        assert_eq!(
            judge(&[package(1000, 900, NOW + 200 * DAY)], NOW).verdict.level,
            Level::Ok,
            "exactly 100 left"
        );
        let soon = judge(&[package(1000, 0, NOW + 29 * DAY + 5)], NOW);
        assert_eq!(soon.verdict.level, Level::Warning);
        assert!(soon.verdict.message.ends_with("in 29 days: renew before then"), "{}", soon.verdict.message);
        assert_eq!(judge(&[package(1000, 0, NOW + 30 * DAY)], NOW).verdict.level, Level::Ok);
        // An empty package ending later does not hide that the packages with messages end soon.
        let s = judge(&[package(1000, 0, NOW + 10 * DAY), package(10, 10, NOW + 300 * DAY)], NOW);
        assert_eq!(s.verdict.level, Level::Warning);
    }

    #[test]
    fn usage_over_amount_never_underflows() {
        assert_eq!(
            judge(&[package(10, 20, NOW + 99 * DAY), package(u64::MAX, 0, NOW + 99 * DAY)], NOW).remaining,
            u64::MAX
        );
    }
}
