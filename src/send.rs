//! One `sendMessage`, start to finish: prepare and sign, then exchange with Tencent through
//! the host, trying again only after an answer that proves the request was not processed, all
//! within the config's `timeoutMs` for the whole send.

use serde::Serialize;

use crate::destination::Destination;
use crate::error::ConnectorError;
use crate::flow;
use crate::host::Host;
use crate::prepare::prepare_json;
use crate::response::{self, Delivered};

/// What a delivered send reports to Logto (and the CLI): Tencent's receipt and what was chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sent {
    #[serde(flatten)]
    pub delivered: Delivered,
    pub template_id: String,
    pub usage_type: String,
    pub to: String,
    pub destination: Destination,
    pub attempts: u32,
}

pub async fn send<H: Host>(
    host: &H,
    config_json: Option<&str>,
    data_json: Option<&str>,
) -> Result<Sent, ConnectorError> {
    let started = host.now_ms();
    let (prepared, max_retries) = prepare_json(config_json, data_json, started)?;
    let deadline = started + f64::from(prepared.request.timeout_ms);
    let (outcome, attempts) =
        flow::attempt(host, prepared.request, max_retries, deadline, response::classify).await;
    let delivered = outcome.map_err(|mut e| {
        if attempts > 1 {
            e.error_description
                .push_str(&format!(" (after {attempts} attempts, each refused before Tencent processed it)"));
        }
        e
    })?;
    Ok(Sent {
        delivered,
        template_id: prepared.template_id,
        usage_type: prepared.usage_type,
        to: prepared.to_masked,
        destination: prepared.destination,
        attempts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::host::testing::{block_on, FakeHost};

    const NOW: f64 = 1_700_000_000_000.0;
    const CONFIG: &str = r#"{"accessKeyId":"AKIDEXAMPLE","accessKeySecret":"SECRETKEY","signName":"Logto",
      "sdkAppId":"1400000000","region":"ap-guangzhou","maxRetries":2,
      "templates":[{"usageType":"Generic","templateCode":"123456"}]}"#;
    const DATA: &str = r#"{"to":"8613012345678","type":"SignIn","payload":{"code":"654321"}}"#;
    const OK: &str = r#"{"Response":{"RequestId":"r-1","SendStatusSet":[{"SerialNo":"s-1","PhoneNumber":"+8613012345678","Fee":1,"Code":"Ok","Message":"send success","IsoCode":"CN"}]}}"#;
    const LIMITED: &str =
        r#"{"Response":{"RequestId":"r-0","Error":{"Code":"RequestLimitExceeded","Message":"slow down"}}}"#;

    fn send_with(host: &FakeHost) -> Result<Sent, ConnectorError> {
        block_on(send(host, Some(CONFIG), Some(DATA)))
    }

    #[test]
    fn a_delivered_send_reports_the_receipt_and_the_choice() {
        let host = FakeHost::new(NOW, vec![(40.0, FakeHost::answer(200, OK))]);
        let sent = send_with(&host).expect("sent");
        assert_eq!((sent.delivered.request_id.as_str(), sent.template_id.as_str()), ("r-1", "123456"));
        assert_eq!((sent.to.as_str(), sent.attempts), ("+86*******5678", 1));
        let requests = host.requests.borrow();
        assert_eq!(requests[0].timeout_ms, 10_000, "the config's default timeoutMs");
        assert!(requests[0].body.contains(r#""TemplateParamSet":["654321"]"#));
        assert_eq!(host.draws.get(), 0, "no random draw without a retry");
    }

    #[test]
    fn the_api_rate_limit_is_retried_and_says_how_many_attempts() {
        let limited = || (5.0, FakeHost::answer(200, LIMITED));
        let host = FakeHost::new(NOW, vec![limited(), limited(), limited()]);
        let err = send_with(&host).expect_err("limited three times");
        assert_eq!(err.code, ErrorCode::RateLimitExceeded);
        assert!(err
            .error_description
            .ends_with("(after 3 attempts, each refused before Tencent processed it)"));
        assert_eq!(host.requests.borrow().len(), 3, "maxRetries 2");
        let host = FakeHost::new(NOW, vec![limited(), (5.0, FakeHost::answer(200, OK))]);
        assert_eq!(send_with(&host).map(|s| s.attempts), Ok(2));
    }

    #[test]
    fn a_single_failure_does_not_mention_attempts() {
        let host = FakeHost::new(NOW, vec![(5.0, FakeHost::network("ECONNRESET"))]);
        let err = send_with(&host).expect_err("reset");
        assert!(!err.error_description.contains("attempts"), "{}", err.error_description);
        assert_eq!(host.requests.borrow().len(), 1, "a reset may follow a written request: never retried");
    }

    #[test]
    fn a_slow_rate_limited_answer_then_a_hang_ends_within_timeout_ms() {
        let host = FakeHost::new(
            NOW,
            vec![(9_000.0, FakeHost::answer(200, LIMITED)), (f64::INFINITY, FakeHost::answer(200, OK))],
        )
        .with_random(0.0);
        let err = send_with(&host).expect_err("the retry hangs");
        assert!(err.error_description.contains("did not answer within 1000 ms"), "{}", err.error_description);
        assert_eq!(host.now_ms() - NOW, 10_000.0, "the send as a whole keeps to timeoutMs");
    }

    #[test]
    fn nothing_is_sent_for_an_invalid_config_or_message() {
        for (config, data) in
            [(None, Some(DATA)), (Some("{}"), Some(DATA)), (Some(CONFIG), None), (Some(CONFIG), Some("[]"))]
        {
            let host = FakeHost::new(NOW, Vec::new());
            assert!(block_on(send(&host, config, data)).is_err());
            assert!(host.requests.borrow().is_empty());
        }
    }
}
