// Network and server faults through the connector as Logto runs it (extracted from our tarball,
// loaded by @logto/cli), against the local Tencent API: each ends in the documented
// ConnectorError, on time, with exactly one request (never retried) and no redirect followed;
// and an answer is read up to the 64 KiB cap and no further. (That nothing is left running
// afterwards is tests/js/leftovers.test.mjs.)
import assert from 'node:assert/strict';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { ENDLESS_LIMIT_BYTES } from '../../tools/tencent-api/faults.mjs';
import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { createLogtoInstance } from '../../tools/logto-instance.mjs';
import { packageTarball } from '../../tools/package-under-test.mjs';
import { connectorConfig } from '../support/fixtures.mjs';

const ACCOUNT = { secretId: 'AKIDFAULTS', secretKey: 'faults-suite-secret-key', sdkAppIds: ['1400000000'] };
const TIMEOUT_MS = 500;
const SLACK_MS = 1000; // the documented error must arrive within timeoutMs + 1 s
const RETRY_WATCH_MS = 250; // how long to keep watching for a (forbidden) second request
const CAP = 64 * 1024; // src/http.rs MAX_RESPONSE_BYTES: the shim reads at most this much
const LONG_TIMEOUT_MS = 10_000; // a deadline the cap tests must not need
const HANG_UP_MS = 2000; // how soon a capped client hangs up, far inside LONG_TIMEOUT_MS

let api;
let instance;
let factory;
let ConnectorError;
let witness; // a second server: where redirects point; it must never be contacted
let witnessHits = 0;
let closedPort;

const config = (overrides = {}) => connectorConfig(ACCOUNT, api.url, { timeoutMs: TIMEOUT_MS, ...overrides });
const message = { to: '8613012345678', type: 'SignIn', payload: { code: '123456' } };

const listen = async (server) => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address().port;
};

/**
 * Settles a send, or fails once the deadline plus the slack has passed: a broken deadline
 * then fails this test at once instead of hanging the run.
 */
async function settleWithin(promise, ms) {
  const stop = new AbortController();
  const late = sleep(ms, 'late', { signal: stop.signal }).catch(() => 'cancelled');
  try {
    const first = await Promise.race([promise.then((value) => ({ value }), (error) => ({ error })), late]);
    if (first === 'late') assert.fail(`the send did not settle within ${ms} ms: its deadline never fired`);
    return first;
  } finally {
    stop.abort();
  }
}

/** Sends once and returns { error, elapsed }; fails the test if the send succeeded. */
async function sendExpectingError(cfg = config()) {
  const connector = await factory.createConnector({ getConfig: async () => cfg });
  const started = performance.now();
  const { error } = await settleWithin(connector.sendMessage(message), cfg.timeoutMs + SLACK_MS);
  const elapsed = performance.now() - started;
  if (!error) assert.fail('the send was reported delivered');
  assert.ok(error instanceof ConnectorError, `not the host's ConnectorError: ${error?.stack ?? error}`);
  return { error, elapsed, started };
}

/** Runs one scripted fault and checks the common promises: the code, one request, no retry. */
async function fault(behaviour, code, cfg) {
  api.reset();
  api.script(behaviour);
  const outcome = await sendExpectingError(cfg);
  assert.equal(outcome.error.code, code, JSON.stringify(outcome.error.data));
  await sleep(RETRY_WATCH_MS);
  assert.equal(api.requests.length, 1, 'exactly one request: never retried');
  return outcome;
}

before(async () => {
  api = await startTencentApi({
    accounts: [ACCOUNT],
    signNames: ['Logto'],
    templates: { 1001: { text: '验证码 {1}', international: false } },
  });
  witness = http.createServer((req, res) => {
    witnessHits += 1;
    res.end('{"Response":{"SendStatusSet":[{"Code":"Ok"}],"RequestId":"witness"}}');
  });
  await listen(witness);
  const probe = http.createServer();
  closedPort = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  instance = createLogtoInstance({ tarball: packageTarball() });
  factory = (await instance.loadFactories()).find((f) => f.metadata.id === 'tencent-short-message-service');
  ({ ConnectorError } = await instance.hostKit());
});

after(async () => {
  await api?.close();
  witness?.closeAllConnections();
  await new Promise((resolve) => (witness ? witness.close(resolve) : resolve()));
  instance?.remove();
});

describe('faults reach the caller as the documented ConnectorError, once, on time', () => {
  test('the loaded connector delivers normally (baseline)', async () => {
    api.reset();
    const connector = await factory.createConnector({ getConfig: async () => config() });
    await connector.sendMessage(message);
    assert.equal(api.accepted.length, 1);
    assert.equal(api.requests.length, 1);
  });

  test(`a hang (answer after 5 s, timeoutMs ${TIMEOUT_MS}) → general "did not answer" within timeout + 1 s`, async () => {
    const { error, elapsed } = await fault({ delayMs: 5000 }, 'general');
    assert.match(error.data.errorDescription, new RegExp(`did not answer within ${TIMEOUT_MS} ms`));
    assert.match(error.data.errorDescription, /not retried/);
    assert.ok(elapsed >= TIMEOUT_MS - 20 && elapsed < TIMEOUT_MS + SLACK_MS, `${Math.round(elapsed)} ms`);
  });

  test('a body that trickles forever → the timeout error within timeout + 1 s', async () => {
    const { error, elapsed } = await fault({ trickle: true }, 'general');
    assert.match(error.data.errorDescription, new RegExp(`did not answer within ${TIMEOUT_MS} ms`));
    assert.ok(elapsed < TIMEOUT_MS + SLACK_MS, `${Math.round(elapsed)} ms`);
  });

  test('connection reset after the request was written ({ drop: true }) → general "may or may not have been sent"', async () => {
    const { error, elapsed } = await fault({ drop: true }, 'general');
    assert.match(error.data.errorDescription, /may or may not have been sent/);
    assert.match(error.data.errorDescription, /not retried/);
    assert.ok(elapsed < TIMEOUT_MS + SLACK_MS);
  });

  test('connection refused (endpoint on a closed port) → general "was not sent", no request anywhere', async () => {
    api.reset();
    const { error, elapsed } = await sendExpectingError(config({ endpoint: `http://127.0.0.1:${closedPort}` }));
    assert.equal(error.code, 'general');
    assert.match(error.data.errorDescription, /ECONNREFUSED\); the SMS was not sent/);
    assert.ok(elapsed < TIMEOUT_MS + SLACK_MS);
    assert.equal(api.requests.length, 0);
  });

  test('a 5xx with an HTML page → general with data.httpStatus', async () => {
    for (const status of [500, 502, 503, 504]) {
      const { error } = await fault({ http: status, body: `<!DOCTYPE html><html><body><h1>${status}</h1><p>nginx</p></body></html>`, contentType: 'text/html' }, 'general');
      assert.equal(error.data.httpStatus, status);
      assert.equal(error.data.Code, undefined);
    }
  });

  test('a body that is not UTF-8 → invalid_response', async () => {
    await fault({ invalidUtf8: true }, 'invalid_response');
  });

  test('a redirect is never followed: the server at Location receives nothing', async () => {
    for (const target of [`http://127.0.0.1:${witness.address().port}/`, `http://127.0.0.1:${witness.address().port}/steal?x=1`, 'https://sms.tencentcloudapi.com/']) {
      const { error } = await fault({ redirect: target }, 'general');
      assert.match(error.data.errorDescription, /a redirect, which is never followed/);
    }
    await sleep(RETRY_WATCH_MS);
    assert.equal(witnessHits, 0);
  });

  test('other faults are not retried either', async () => {
    const others = [
      [{ error: { code: 'InternalError.Timeout', message: 'later' } }, 'general'],
      // RequestLimitExceeded is the one Tencent answer that is retried: tests/js/retries.test.mjs.
      [{ statusCode: 'LimitExceeded.PhoneNumberThirtySecondLimit' }, 'rate_limit_exceeded'],
      [{ http: 429, body: 'Too Many Requests', contentType: 'text/plain' }, 'rate_limit_exceeded'],
      [{ http: 503, body: '{"Response":{"Error":{"Code":"InternalError","Message":"busy"},"RequestId":"r"}}', contentType: 'application/json' }, 'general'],
      [{ rawBody: '{"Response":{"SendStatusSet":[' }, 'invalid_response'],
      [{ rawBody: '{"Response":{"SendStatusSet":[{"Code":"ok"}],"RequestId":"r"}}' }, 'general'],
      [{ emptyBody: true }, 'invalid_response'],
    ];
    for (const [behaviour, code] of others) await fault(behaviour, code);
  });

  test('a 200 body with a Response.Error that has no string Code is not a delivery', async () => {
    const set = '"SendStatusSet":[{"Code":"Ok","SerialNo":"1","Fee":1,"IsoCode":"CN"}],"RequestId":"r"';
    for (const error of ['{"Message":"no code"}', '{"Code":5,"Message":"numeric"}', '"InternalError"']) {
      await fault({ rawBody: `{"Response":{"Error":${error},${set}}}` }, 'invalid_response');
    }
  });
});

describe('the response cap: a success answer is read up to 64 KiB and no further', () => {
  /** The send fails as invalid_response, and the client hung up on the server soon after. */
  async function refusedAndHungUp(behaviour) {
    const { error, elapsed, started } = await fault(behaviour, 'invalid_response', config({ timeoutMs: LONG_TIMEOUT_MS }));
    assert.match(error.data.errorDescription, /unexpected answer/);
    assert.ok(elapsed < HANG_UP_MS, `answered after ${Math.round(elapsed)} ms`);
    const [record] = api.requests;
    assert.ok(record.socketClosedAt, 'the client never hung up: it kept reading');
    assert.ok(record.socketClosedAt - started < HANG_UP_MS, `hung up after ${Math.round(record.socketClosedAt - started)} ms`);
    return record;
  }

  test('a success answer padded to 2 000 000 bytes → invalid_response, and the client hangs up within 2 s (deadline 10 s)', async () => {
    await refusedAndHungUp({ hugeBody: 2_000_000 });
  });

  test('a success answer that never ends → invalid_response, and the client hangs up within 2 s (deadline 10 s)', async (t) => {
    const record = await refusedAndHungUp({ endless: true });
    t.diagnostic(`the server wrote ${record.bytesSent} bytes before the client hung up`);
    assert.ok(record.bytesSent < ENDLESS_LIMIT_BYTES, `${record.bytesSent} bytes: the client read on`);
  });

  test(`a success answer of exactly ${CAP} bytes is delivered`, async () => {
    api.reset();
    api.script({ hugeBody: CAP });
    const connector = await factory.createConnector({ getConfig: async () => config({ timeoutMs: LONG_TIMEOUT_MS }) });
    const { value, error } = await settleWithin(connector.sendMessage(message), LONG_TIMEOUT_MS);
    assert.equal(error, undefined, error?.stack);
    assert.equal(value.sendStatusSet.length, 1);
  });

  test(`a success answer of ${CAP + 1} bytes, one past the cap → invalid_response`, async () => {
    await fault({ hugeBody: CAP + 1 }, 'invalid_response', config({ timeoutMs: LONG_TIMEOUT_MS }));
  });
});
