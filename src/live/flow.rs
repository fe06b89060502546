//! The reads, driven through the host: the only part of `check --live` and
//! `send --wait-delivery` that waits. Independent reads run concurrently (signs per route, one
//! template query per route, one package query); sign pages follow one another, since each
//! says whether there is a next. Every read is idempotent, so `attempt` may send it again after
//! a timeout, a network failure, a 5xx or Tencent's rate limit (`answers::ReadError::retryable`),
//! within the read's deadline: the config's `timeoutMs` from when it starts.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::Serialize;
use serde_json::{Map, Value};

use super::actions;
use super::answers::{self, ReadError, Sign, TemplateStatus};
use super::assess::{self, Reads, RouteReads};
use super::delivery::{self, Waited};
use super::report::LiveReport;
use crate::api_call;
use crate::config::{self, Config};
use crate::destination::Destination;
use crate::error::{ConnectorError, ErrorCode};
use crate::flow::{attempt, Refused};
use crate::host::Host;
use crate::http::Exchange;
use crate::phone::Phone;
use crate::secret::Secret;

/// Tries after a failed read, on top of the first.
pub const READ_RETRIES: u32 = 2;

/// The key reads are signed with: a separate read-only one, or the config's own.
#[derive(Clone, Debug)]
pub struct ReadKey {
    pub secret_id: String,
    pub secret_key: Secret<String>,
}

impl ReadKey {
    pub fn of(cfg: &Config) -> Self {
        Self { secret_id: cfg.access_key_id.clone(), secret_key: cfg.access_key_secret.clone() }
    }

    /// `{ "secretId": …, "secretKey": … }` as the CLI hands it over from the environment;
    /// anything else means the config's own key.
    pub fn from_value(v: &Value) -> Option<Self> {
        let text = |k: &str| v.get(k).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_owned);
        Some(Self { secret_id: text("secretId")?, secret_key: Secret::new(text("secretKey")?) })
    }
}

/// A read's exchange as its `Response`, or why not.
fn response(exchange: &Exchange) -> Result<Map<String, Value>, ReadError> {
    match exchange {
        Exchange::Timeout { after_ms } => Err(ReadError::Timeout { after_ms: *after_ms }),
        Exchange::Network { reason } => Err(ReadError::Network { reason: crate::error::clip(reason, 200) }),
        Exchange::Redirected => Err(ReadError::Redirected),
        Exchange::Response { status, body, truncated } => answers::response(*status, body, *truncated),
    }
}

/// One read: signed, sent (and retried) through the host within `timeout_ms`, and its
/// `Response` read.
async fn read<H: Host>(
    host: &H,
    key: &ReadKey,
    cfg: &Config,
    route: Destination,
    action: &'static str,
    body: String,
) -> Result<Map<String, Value>, ReadError> {
    let r = cfg.routes.route(route);
    let default_endpoint = crate::endpoint::Endpoint::default();
    let endpoint = r.endpoint.unwrap_or(&default_endpoint);
    let now = host.now_ms();
    let request = api_call::signed(
        &key.secret_id,
        key.secret_key.as_str(),
        endpoint,
        r.region,
        action,
        body,
        (now / 1000.0).floor().max(0.0) as u64,
        cfg.timeout_ms,
    )
    .map_err(|e| ReadError::Unreadable {
        what: format!("the read could not be signed: {}", e.error_description),
    })?;
    let deadline = now + f64::from(cfg.timeout_ms);
    // The last refusal is kept as it was: `attempt` hands back only its ConnectorError.
    let last = RefCell::new(None);
    let classify = |exchange: &Exchange| match response(exchange) {
        Err(e) if e.retryable() => {
            let error = ConnectorError::new(ErrorCode::General, e.text());
            last.replace(Some(e));
            Err(Refused { error, retry: true })
        }
        other => Ok(other),
    };
    let (outcome, _attempts) = attempt(host, request, READ_RETRIES, deadline, classify).await;
    match outcome {
        Ok(read) => read,
        Err(error) => Err(last.take().unwrap_or(ReadError::Network { reason: error.error_description })),
    }
}

/// Every sign of a route, 100 a page, until a page is short.
async fn signs<H: Host>(
    host: &H,
    key: &ReadKey,
    cfg: &Config,
    route: Destination,
) -> Result<Vec<Sign>, ReadError> {
    let mut all = Vec::new();
    // A bound on pages: 100 pages is 10 000 signs, more than any account holds.
    for page in 0..100 {
        let body = actions::sign_page(route, page * actions::PAGE);
        let got = answers::signs(&read(host, key, cfg, route, actions::SIGN_LIST, body).await?)?;
        let full = got.len() >= actions::PAGE;
        all.extend(got);
        if !full {
            break;
        }
    }
    Ok(all)
}

async fn templates<H: Host>(
    host: &H,
    key: &ReadKey,
    cfg: &Config,
    route: Destination,
    queries: &[Vec<u64>],
) -> Result<Vec<TemplateStatus>, ReadError> {
    let mut all = Vec::new();
    for ids in queries {
        let body = actions::template_query(route, ids);
        all.extend(answers::templates(&read(host, key, cfg, route, actions::TEMPLATE_LIST, body).await?)?);
    }
    Ok(all)
}

/// What one concurrent part of the check gave.
enum Part {
    Signs(Destination, Result<Vec<Sign>, ReadError>),
    Templates(Destination, Result<Vec<TemplateStatus>, ReadError>),
    Packages(Result<Vec<answers::Package>, ReadError>),
}

type Boxed<'a> = Pin<Box<dyn Future<Output = Part> + 'a>>;

/// Polls every part until all are done: the host's futures (fetch, timers) wake the task.
struct JoinAll<'a> {
    parts: Vec<Option<Boxed<'a>>>,
    done: Vec<Part>,
}

impl Future for JoinAll<'_> {
    type Output = Vec<Part>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<Part>> {
        let this = &mut *self;
        for slot in &mut this.parts {
            if let Some(part) = slot {
                if let Poll::Ready(out) = part.as_mut().poll(cx) {
                    this.done.push(out);
                    *slot = None;
                }
            }
        }
        if this.parts.iter().all(Option::is_none) {
            Poll::Ready(std::mem::take(&mut this.done))
        } else {
            Poll::Pending
        }
    }
}

/// The result of `check --live`: the report, its text and its exit code.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checked {
    pub report: LiveReport,
    pub text: String,
    pub exit_code: u8,
}

fn checked(report: LiveReport) -> Checked {
    Checked { text: report.text(), exit_code: report.exit_code(), report }
}

/// `check --live`: `check`, then the reads its config needs, then the verdicts. `key` signs
/// the reads (`None`: the config's own key).
pub(crate) async fn check_live<H: Host>(host: &H, raw: &Value, key: Option<ReadKey>) -> Checked {
    let now_s = (host.now_ms() / 1000.0).floor().max(0.0) as u64;
    let no_reads = Reads { routes: vec![], packages: Ok(vec![]) };
    // A config every send would refuse (no key, no SdkAppId…) cannot sign a read either.
    let cfg = match config::parse_stored(raw) {
        Ok(cfg) => cfg,
        Err(_) => return checked(assess::assess(raw, &[], &no_reads, now_s)),
    };
    let key = key.unwrap_or_else(|| ReadKey::of(&cfg));
    let plans = assess::plan(&cfg);
    let (key, cfg) = (&key, &cfg);
    let mut parts: Vec<Option<Boxed<'_>>> = Vec::new();
    for plan in &plans {
        let route = plan.route;
        if plan.sign.is_some() {
            parts.push(Some(Box::pin(async move { Part::Signs(route, signs(host, key, cfg, route).await) })));
        }
        let queries = &plan.template_queries;
        parts.push(Some(Box::pin(async move {
            Part::Templates(route, templates(host, key, cfg, route, queries).await)
        })));
    }
    parts.push(Some(Box::pin(async move {
        let body = actions::packages_query(&cfg.sdk_app_id, now_s);
        let got = read(host, key, cfg, Destination::Mainland, actions::PACKAGES, body).await;
        Part::Packages(got.and_then(|r| answers::packages(&r)))
    })));
    let done = JoinAll { parts, done: Vec::new() }.await;
    let mut reads = Reads {
        routes: plans
            .iter()
            .map(|p| RouteReads { route: p.route, signs: None, templates: Ok(vec![]) })
            .collect(),
        packages: Ok(vec![]),
    };
    for part in done {
        match part {
            Part::Signs(route, got) => {
                if let Some(r) = reads.routes.iter_mut().find(|r| r.route == route) {
                    r.signs = Some(got);
                }
            }
            Part::Templates(route, got) => {
                if let Some(r) = reads.routes.iter_mut().find(|r| r.route == route) {
                    r.templates = got;
                }
            }
            Part::Packages(got) => reads.packages = got,
        }
    }
    checked(assess::assess(raw, &plans, &reads, now_s))
}

/// `send --wait-delivery`: poll this send's receipt for up to `wait_s` seconds.
pub(crate) async fn wait_delivery<H: Host>(
    host: &H,
    cfg: &Config,
    key: Option<ReadKey>,
    to: &str,
    serial_no: &str,
    sent_ms: f64,
    wait_s: u64,
) -> Waited {
    let serial = serial_no.to_owned();
    let unread = |problem: String| Waited::Unread { serial_no: serial.clone(), problem };
    let phone = match Phone::parse(to, cfg.strict_phone_numbers) {
        Ok(p) => p,
        Err(e) => return unread(format!("the number cannot be read: {e}")),
    };
    let key = key.unwrap_or_else(|| ReadKey::of(cfg));
    let sent_s = (sent_ms / 1000.0).floor().max(0.0) as u64;
    let until = sent_ms + (wait_s.min(delivery::MAX_WAIT_S) as f64) * 1000.0;
    for poll in 0..delivery::MAX_POLLS {
        let now_s = (host.now_ms() / 1000.0).floor().max(0.0) as u64;
        // A minute of slack before the send: the two clocks may differ.
        let body = actions::receipts_query(
            &cfg.sdk_app_id,
            phone.e164(),
            sent_s.saturating_sub(60),
            now_s.max(sent_s),
        );
        let got = read(host, &key, cfg, phone.destination(), actions::RECEIPTS, body).await;
        match got.and_then(|r| answers::receipts(&r)) {
            Ok(list) => {
                if let Some(found) = delivery::find(&list, serial_no, sent_s) {
                    return found;
                }
            }
            Err(e) if answers::is_permission_denied(&e) => {
                let hint = actions::permission_hint(vec![actions::RECEIPTS], &[actions::RECEIPTS]);
                return unread(format!("{}\n{}", e.text(), hint.text()));
            }
            Err(e) if !e.retryable() => return unread(e.text()),
            Err(_) => {}
        }
        let delay = delivery::poll_delay_ms(poll);
        if host.now_ms() + delay > until {
            break;
        }
        host.sleep(delay).await;
    }
    let waited_s = ((host.now_ms() - sent_ms) / 1000.0).round().max(0.0) as u64;
    Waited::NoReceipt { serial_no: serial, waited_s }
}

#[cfg(test)]
mod tests;

/// What `send --wait-delivery` ends with: the outcome, its text and its exit code.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Waiting {
    #[serde(flatten)]
    pub waited: Waited,
    pub text: String,
    pub exit_code: u8,
}

/// `wait_delivery` from the values the boundary hands over: a stored config (as a send reads
/// it), the typed number, the send's SerialNo, when it was sent and how long to wait.
pub(crate) async fn wait_for_receipt<H: Host>(
    host: &H,
    raw: &Value,
    key: Option<ReadKey>,
    to: &str,
    serial_no: &str,
    sent_ms: f64,
    wait_s: f64,
) -> Result<Waiting, ConnectorError> {
    let cfg = config::parse_stored(raw).map_err(ConnectorError::invalid_config)?;
    let wait_s = if wait_s.is_finite() { wait_s.clamp(0.0, delivery::MAX_WAIT_S as f64) as u64 } else { 0 };
    let waited = wait_delivery(host, &cfg, key, to, serial_no, sent_ms, wait_s).await;
    Ok(Waiting { text: waited.text(), exit_code: waited.exit_code(), waited })
}
