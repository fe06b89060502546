//! `send --wait-delivery`: Tencent accepting a message is not the handset receiving it. After
//! a send, `PullSmsSendStatusByPhoneNumber` is polled (it reads receipts without consuming
//! them) until this send's `SerialNo` has a receipt or the wait is over. Pure: the receipts
//! read so far and the times are parameters.

use serde::Serialize;

use super::answers::Receipt;

/// Polls back off from 1 s to 5 s: a receipt usually comes within seconds, and the action
/// allows 20 requests per second per account, which other systems share.
pub fn poll_delay_ms(poll: u32) -> f64 {
    f64::from(poll.saturating_add(1).min(5)) * 1000.0
}

/// How long a wait may last, whatever is asked: receipts older than 7 days are gone.
pub const MAX_WAIT_S: u64 = 600;

/// At most this many reads in one wait, whatever the clocks say: the longest wait takes about
/// 125 polls at 1-5 s apart, so this bound only ever stops a clock that does not move.
pub const MAX_POLLS: u32 = 200;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "outcome")]
pub enum Waited {
    /// The carrier reported: `SUCCESS` (delivered) or `FAIL`.
    Receipt {
        serial_no: String,
        report_status: String,
        description: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        seconds_to_handset: Option<u64>,
    },
    /// No receipt for this send within the wait.
    NoReceipt { serial_no: String, waited_s: u64 },
    /// Receipts could not be read.
    Unread { serial_no: String, problem: String },
}

/// This send's receipt among those read, if it has come. `sent_s` is when the send was made.
pub fn find(receipts: &[Receipt], serial_no: &str, sent_s: u64) -> Option<Waited> {
    let r = receipts.iter().find(|r| !serial_no.is_empty() && r.serial_no == serial_no)?;
    Some(Waited::Receipt {
        serial_no: r.serial_no.clone(),
        report_status: r.report_status.clone(),
        description: r.description.clone(),
        seconds_to_handset: (r.user_receive_time >= sent_s && r.user_receive_time > 0)
            .then(|| r.user_receive_time - sent_s),
    })
}

impl Waited {
    /// 0 delivered, 1 the carrier reported a failure, 2 not known.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Receipt { report_status, .. } if report_status == "SUCCESS" => 0,
            Self::Receipt { .. } => 1,
            Self::NoReceipt { .. } | Self::Unread { .. } => 2,
        }
    }

    pub fn text(&self) -> String {
        match self {
            Self::Receipt { serial_no, report_status, description, seconds_to_handset } => {
                let when = seconds_to_handset.map(|s| format!(" {s} s after sending")).unwrap_or_default();
                let what = if report_status == "SUCCESS" { "Delivered to the handset" } else { "Not delivered" };
                format!("{what}{when}: ReportStatus {report_status}, {description} (SerialNo {serial_no})")
            }
            Self::NoReceipt { serial_no, waited_s } => format!(
                "No delivery receipt within {waited_s} s (SerialNo {serial_no}). Tencent accepted the message; the receipt comes when the carrier reports, which can take minutes for a handset that is off or out of coverage. If receipts never arrive for any message, delivery receipts (状态回执) are not enabled for this SMS application: turn them on in the SMS console's application settings, or ask Tencent's SMS support."
            ),
            Self::Unread { serial_no, problem } => {
                format!("Could not read delivery receipts (SerialNo {serial_no}): {problem}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt(serial_no: &str, status: &str, at: u64) -> Receipt {
        Receipt {
            serial_no: serial_no.into(),
            report_status: status.into(),
            description: "DELIVRD".into(),
            user_receive_time: at,
        }
    }

    #[test]
    fn finds_this_sends_receipt_by_serial_number() {
        let got = find(&[receipt("a:1", "SUCCESS", 100), receipt("a:2", "SUCCESS", 107)], "a:2", 100);
        assert_eq!(
            got,
            Some(Waited::Receipt {
                serial_no: "a:2".into(),
                report_status: "SUCCESS".into(),
                description: "DELIVRD".into(),
                seconds_to_handset: Some(7)
            })
        );
        assert_eq!(find(&[receipt("a:1", "SUCCESS", 100)], "a:3", 100), None);
        assert_eq!(find(&[receipt("", "SUCCESS", 100)], "", 100), None, "a failed send has no SerialNo");
    }

    #[test]
    fn a_receipt_before_the_send_or_without_a_time_has_no_duration() {
        let Some(Waited::Receipt { seconds_to_handset, .. }) = find(&[receipt("s", "SUCCESS", 90)], "s", 100)
        else {
            panic!("found")
        };
        assert_eq!(seconds_to_handset, None);
        let Some(Waited::Receipt { seconds_to_handset, .. }) = find(&[receipt("s", "SUCCESS", 0)], "s", 0)
        else {
            panic!("found")
        };
        assert_eq!(seconds_to_handset, None);
    }

    #[test]
    fn exit_codes_and_texts() {
        let ok = find(&[receipt("s", "SUCCESS", 103)], "s", 100)
            .unwrap_or(Waited::NoReceipt { serial_no: String::new(), waited_s: 0 });
        assert_eq!(
            (ok.exit_code(), ok.text().as_str()),
            (0, "Delivered to the handset 3 s after sending: ReportStatus SUCCESS, DELIVRD (SerialNo s)")
        );
        let fail = find(&[receipt("s", "FAIL", 103)], "s", 100)
            .unwrap_or(Waited::NoReceipt { serial_no: String::new(), waited_s: 0 });
        assert_eq!(fail.exit_code(), 1);
        assert!(fail.text().starts_with("Not delivered"));
        let none = Waited::NoReceipt { serial_no: "s".into(), waited_s: 30 };
        assert_eq!(none.exit_code(), 2);
        assert!(none.text().contains("not enabled for this SMS application"));
        assert_eq!(Waited::Unread { serial_no: "s".into(), problem: "x".into() }.exit_code(), 2);
    }

    #[test]
    fn polls_back_off_to_five_seconds() {
        assert_eq!([0, 1, 4, 5, u32::MAX].map(poll_delay_ms), [1000.0, 2000.0, 5000.0, 5000.0, 5000.0]);
    }
}
