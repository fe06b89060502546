// A faithful local stand-in for sms.tencentcloudapi.com (SendSms, API 2021-01-11).
// It verifies what a client really sends (raw bytes, received headers, TC3 signature) and
// answers the way Tencent does: HTTP 200 with Response.Error for request-level failures,
// per-number Codes in SendStatusSet otherwise, as Tencent's SendSms documentation describes.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { verifyTc3, headerValue } from './tc3-verify.mjs';
import { ACTION, VERSION, DEFAULT_REGIONS, evaluateSendSms, failedStatuses, placeholderCount } from './sendsms.mjs';
import { faultKind, runFault, sendJson } from './faults.mjs';
import { READ_ACTIONS, evaluateRead } from './reads.mjs';

export const MAX_BODY_BYTES = 1024 * 1024; // Tencent's documented POST limit
const DRAIN_LIMIT_BYTES = 8 * MAX_BODY_BYTES; // read (and discard) this much so the client sees our answer
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8'];

export const DEMO_CONFIG = {
  accounts: [{ secretId: 'AKIDLOCALDEMO', secretKey: 'local-demo-secret-key', sdkAppIds: ['1400000000'] }],
  signNames: ['Logto'],
  templates: {
    1001: { text: '您的验证码为：{1}，5分钟内有效。', international: false },
    2001: { text: 'Your verification code is {1}.', international: true },
  },
};

function resolveConfig(options) {
  // `actions`: what the key's CAM policy allows (all when absent); `sms`: the account's signs,
  // templates and packages for the read actions, or a function of now (Unix s) giving them.
  const accounts = (options.accounts ?? DEMO_CONFIG.accounts).map((a) => ({
    secretId: String(a.secretId), secretKey: String(a.secretKey), sdkAppIds: (a.sdkAppIds ?? []).map(String),
    ...(a.actions && { actions: [...a.actions] }), ...(a.sms && { sms: a.sms }),
  }));
  const templates = {};
  for (const [id, t] of Object.entries(options.templates ?? DEMO_CONFIG.templates)) {
    const { text, international = false } = typeof t === 'string' ? { text: t } : t;
    templates[id] = { text, international: international === 'both' ? 'both' : Boolean(international), placeholders: placeholderCount(text) };
  }
  return {
    accounts,
    signNames: [...(options.signNames ?? DEMO_CONFIG.signNames)],
    templates,
    regions: [...(options.regions ?? DEFAULT_REGIONS)],
    clock: options.clock ?? (() => Date.now() / 1000),
    // Delivery receipts: after `delayMs`, never for `never` numbers, FAIL for `fail` numbers.
    receipts: { delayMs: 0, never: [], fail: [], ...options.receipts },
  };
}

const LAST_RECORD = Symbol('the record of the last request on this socket');

const errorResponse = (code, message) => ({ Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } });

/** Read the whole body, keeping at most MAX_BODY_BYTES. Resolves { aborted } if the client left. */
function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (r) => { if (!done) { done = true; resolve(r); } };
    req.on('data', (c) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
      else if (size > DRAIN_LIMIT_BYTES) { req.socket.destroy(); finish({ aborted: true }); }
    });
    req.on('end', () => finish({ bytes: Buffer.concat(chunks), size, tooLarge: size > MAX_BODY_BYTES }));
    req.on('close', () => finish({ aborted: true }));
    req.on('error', () => finish({ aborted: true }));
  });
}

function parseJsonObject(bytes) {
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Decide the normal answer for a fully-read request, in Tencent's order of checks.
 * Returns { verdict, response, ok, body?, deliveries? } and has no side effects.
 */
const NO_SMS = { signs: [], templates: [], packages: [] };

/** The receipts Tencent holds for a number: accepted sends whose receipt has arrived. */
function receiptsFor(cfg, accepted, phone, appId) {
  const { delayMs, never, fail } = cfg.receipts;
  return accepted
    .filter((d) => d.phone === phone && d.sdkAppId === appId && !never.includes(phone) && Date.now() >= d.sentMs + delayMs)
    .map((d) => {
      const failed = fail.includes(phone);
      const cc = phone.startsWith('+86') ? '86' : phone.slice(1, 3);
      return {
        UserReceiveTime: Math.floor(d.at + delayMs / 1000), CountryCode: cc, SubscriberNumber: phone.slice(1 + cc.length),
        PhoneNumber: phone, SerialNo: d.serialNo, ReportStatus: failed ? 'FAIL' : 'SUCCESS',
        Description: failed ? 'UNDELIV: the handset could not be reached' : 'DELIVRD', SessionContext: d.sessionContext,
      };
    });
}

function evaluate(cfg, req, { bytes, tooLarge }, accepted) {
  const fail = (code, message) => ({ verdict: { ok: false, code, message }, response: errorResponse(code, message), ok: false });
  const url = new URL(req.url, 'http://stand-in');
  if (req.method !== 'POST') return fail('UnsupportedProtocol', `HTTP method ${req.method} is not supported; this stand-in implements POST only.`);
  if (url.pathname !== '/') return fail('InvalidRequest', `The request path must be "/", got "${url.pathname}".`);
  if (tooLarge) return fail('RequestSizeLimitExceeded', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
  const contentType = headerValue(req.headers, 'content-type');
  if (!CONTENT_TYPES.includes(contentType)) {
    return fail('InvalidRequest', `Content-Type must be application/json (optionally "; charset=utf-8"), got ${JSON.stringify(contentType ?? null)}.`);
  }
  const auth = verifyTc3({
    method: req.method, uri: '/', query: url.search.slice(1), headers: req.headers, bodyBytes: bytes,
    secretKeyFor: (id) => cfg.accounts.find((a) => a.secretId === id)?.secretKey, now: cfg.clock(), service: 'sms',
  });
  if (!auth.ok) return fail(auth.code, auth.message);

  const action = headerValue(req.headers, 'x-tc-action');
  const version = headerValue(req.headers, 'x-tc-version');
  const region = headerValue(req.headers, 'x-tc-region');
  if (action === undefined) return fail('MissingParameter', 'The request is missing a required parameter `Action`.');
  const read = READ_ACTIONS.includes(action);
  if (action !== ACTION && !read) return fail('InvalidAction', `The action \`${action}\` is not supported; only ${[ACTION, ...READ_ACTIONS].join(', ')} are implemented.`);
  if (version === undefined) return fail('MissingParameter', 'The request is missing a required parameter `Version`.');
  if (version !== VERSION) return fail('NoSuchVersion', `The API version \`${version}\` does not exist; use ${VERSION}.`);
  if (region === undefined || region === '') return fail('MissingParameter', 'The request is missing a required parameter `Region`.');
  if (!cfg.regions.includes(region)) return fail('UnsupportedRegion', `The region \`${region}\` is not supported by this API.`);

  const body = parseJsonObject(bytes);
  if (!body) return fail('FailedOperation.JsonParseFail', '对于指定content-type=application/json协议下，请求内容不是合法的Json格式。(The body is not a valid UTF-8 JSON object.)');

  const account = cfg.accounts.find((a) => a.secretId === auth.secretId);
  if (account.actions && !account.actions.includes(action)) {
    return fail('AuthFailure.UnauthorizedOperation', `The request is not authorized: the CAM policy of this key does not allow sms:${action}.`);
  }
  if (read) {
    const now = cfg.clock();
    const sms = typeof account.sms === 'function' ? account.sms(Math.floor(now)) : (account.sms ?? NO_SMS);
    const answer = evaluateRead(action, body, {
      account, accounts: cfg.accounts, sms, now, receipts: (phone, appId) => receiptsFor(cfg, accepted, phone, appId),
    });
    if (answer.error) return fail(answer.error.code, answer.error.message);
    return { verdict: { ok: true, codes: [] }, response: { Response: { ...answer, RequestId: randomUUID() } }, ok: true, read: true };
  }
  const result = evaluateSendSms(body, {
    secretId: auth.secretId, region, account, accounts: cfg.accounts,
    signNames: new Set(cfg.signNames), templates: cfg.templates,
  });
  if (result.error) return fail(result.error.code, result.error.message);
  return {
    verdict: { ok: true, codes: result.statuses.map((s) => s.Code) },
    response: { Response: { SendStatusSet: result.statuses, RequestId: randomUUID() } },
    ok: true, body, deliveries: result.deliveries,
  };
}

/**
 * Start the stand-in on 127.0.0.1. Options: { port = 0, accounts, signNames, templates, regions, clock }.
 * Resolves { url, port, host, hostHeader, close(), accepted, requests, reset(), script(...), config }.
 */
export async function startTencentApi(options = {}) {
  const config = resolveConfig(options);
  const accepted = [];
  const requests = [];
  const queue = [];
  const sockets = new Set();
  const timers = new Set();
  let closing = false;
  const listeners = { request: [] };

  const server = http.createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, async (req, res) => {
    res.on('error', () => {}); // a vanished client must never crash the test process
    const read = await readBody(req);
    if (read.aborted) return;
    const fault = queue.shift();
    const outcome = evaluate(config, req, read, accepted);
    const at = config.clock();
    let committed = false;
    outcome.commit = () => {
      if (committed || !outcome.deliveries) return;
      committed = true;
      for (const d of outcome.deliveries) accepted.push({ ...d, at, sentMs: Date.now() });
    };
    const record = {
      at, method: req.method, url: req.url, headers: { ...req.headers },
      body: read.tooLarge ? '' : read.bytes.toString('utf8'), size: read.size, verdict: outcome.verdict,
      ...(fault ? { fault: faultKind(fault) } : {}),
    };
    requests.push(record);
    req.socket[LAST_RECORD] = record;
    if (fault) {
      runFault(fault, { req, res, outcome, timers, failedStatuses, record });
    } else {
      outcome.commit();
      sendJson(res, outcome.response);
    }
    for (const fn of listeners.request) fn(record, outcome.deliveries && committed ? outcome.deliveries : []);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => {
      sockets.delete(s);
      // Soon after a response only when the client gave up on it: an idle keep-alive socket
      // lasts the server's keep-alive timeout (5 s), or until close().
      if (s[LAST_RECORD] && !closing) s[LAST_RECORD].socketClosedAt = performance.now();
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const { port } = server.address();

  let closed;
  return {
    host: '127.0.0.1',
    port,
    hostHeader: `127.0.0.1:${port}`, // what clients send, and so what they must sign as `host`
    url: `http://127.0.0.1:${port}`,
    config,
    accepted,
    requests,
    /** Queue one-shot behaviours, consumed by the next requests in order. Returns the queue length. */
    script(...behaviours) {
      const list = behaviours.flat();
      list.forEach(faultKind); // throws on typos
      queue.push(...list);
      return queue.length;
    },
    /** Forget recorded traffic and pending scripted behaviours (arrays are emptied in place). */
    reset() {
      accepted.length = 0;
      requests.length = 0;
      queue.length = 0;
    },
    /** Observe traffic: fn(requestRecord, deliveredMessages). Used by the CLI for logging. */
    onRequest(fn) {
      listeners.request.push(fn);
    },
    close() {
      closing = true;
      closed ??= new Promise((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
      return closed;
    },
  };
}
