// Retries, as the connector runs inside Logto against the local Tencent API: only Tencent's API
// rate limit and a connection that was never made are tried again, at most maxRetries times and
// within the one deadline of the send; every other failure makes exactly one request.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { connectorConfig } from '../support/fixtures.mjs';
import { createLogtoInstance } from '../../tools/logto-instance.mjs';
import { packageTarball } from '../../tools/package-under-test.mjs';

const ACCOUNT = { secretId: 'AKIDRETRIES', secretKey: 'retries-suite-secret-key', sdkAppIds: ['1400000000'] };
const LIMITED = { error: { code: 'RequestLimitExceeded', message: 'slow down' } };
const message = { to: '8613012345678', type: 'SignIn', payload: { code: '123456' } };
let api;
let instance;
let factory;
let closedPort;

before(async () => {
  api = await startTencentApi({ accounts: [ACCOUNT], signNames: ['Logto'], templates: { 1001: { text: '验证码 {1}', international: false } } });
  const probe = http.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = probe.address().port;
  await new Promise((resolve) => probe.close(resolve));
  instance = createLogtoInstance({ tarball: packageTarball() });
  factory = (await instance.loadFactories()).find((f) => f.metadata.id === 'tencent-short-message-service');
});
after(async () => {
  await api?.close();
  instance?.remove();
});

const config = (overrides) => connectorConfig(ACCOUNT, api.url, { timeoutMs: 3000, ...overrides });

/** Sends once; `{ result }` or `{ error }`, with the requests the local API saw and the time. */
async function send(cfg, ...script) {
  api.reset();
  api.script(...script);
  const connector = await factory.createConnector({ getConfig: async () => cfg });
  const started = performance.now();
  const settled = await connector.sendMessage(message).then((result) => ({ result }), (error) => ({ error }));
  return { ...settled, elapsed: performance.now() - started, requests: api.requests.length };
}

/** Counts what reaches the host's fetch, for failures no server sees. */
async function countingFetch(fn) {
  const real = globalThis.fetch;
  let calls = 0;
  globalThis.fetch = (...args) => {
    calls += 1;
    return real(...args);
  };
  try {
    return { ...(await fn()), calls };
  } finally {
    globalThis.fetch = real;
  }
}

test('RequestLimitExceeded once, then delivered: one retry by default, counted in the result', async () => {
  const { result, requests } = await send(config(), LIMITED);
  assert.equal(requests, 2);
  assert.equal(result.attempts, 2);
  assert.equal(api.accepted.length, 1);
});

test('RequestLimitExceeded every time: 1 + maxRetries requests, then rate_limit_exceeded saying so', async () => {
  for (const [maxRetries, expected] of [[undefined, 2], [0, 1], [2, 3], [3, 4]]) {
    const { error, requests } = await send(config({ maxRetries, timeoutMs: 20_000 }), ...Array(6).fill(LIMITED));
    assert.equal(requests, expected, `maxRetries ${maxRetries}`);
    assert.equal(error.code, 'rate_limit_exceeded');
    if (expected > 1) assert.match(error.data.errorDescription, new RegExp(`after ${expected} attempts`));
  }
});

test('a refused connection is tried again, and says the SMS was not sent', async () => {
  const cfg = config({ endpoint: `http://127.0.0.1:${closedPort}`, maxRetries: 2, timeoutMs: 20_000 });
  const { error, calls } = await countingFetch(() => send(cfg));
  assert.equal(calls, 3);
  assert.equal(error.code, 'general');
  assert.match(error.data.errorDescription, /the SMS was not sent/);
});

test('retries stay within the send deadline', async () => {
  const refused = (timeoutMs) => config({ endpoint: `http://127.0.0.1:${closedPort}`, maxRetries: 3, timeoutMs });
  const bounded = await countingFetch(() => send(refused(400)));
  assert.equal(bounded.error.code, 'general');
  assert.ok(bounded.elapsed < 400 + 300, `${Math.round(bounded.elapsed)} ms`);
  assert.ok(bounded.calls >= 1 && bounded.calls <= 4, `${bounded.calls} fetch calls`);
  // A retry needs 250 ms left before the deadline: with 200 ms in all there is none.
  const short = await countingFetch(() => send(refused(200)));
  assert.equal(short.calls, 1);
});

test('a slow rate-limited answer, then a retry that hangs: the send still ends within timeoutMs', async () => {
  // The first answer uses 1.5 s of a 2 s budget; the retry must get what is left, not a fresh 2 s.
  const slowLimited = { ...LIMITED, afterMs: 1500 };
  const { error, requests, elapsed } = await send(config({ timeoutMs: 2000, maxRetries: 1 }), slowLimited, { delayMs: 30_000 });
  assert.equal(requests, 2, 'the rate limit was retried');
  assert.equal(error?.code, 'general');
  assert.match(error.data.errorDescription, /did not answer within \d+ ms/);
  assert.ok(elapsed < 2000 + 300, `the send took ${Math.round(elapsed)} ms with timeoutMs 2000`);
});

test('never retried: a timeout, a reset after writing, a 5xx, or any other Tencent error', async () => {
  const once = [
    [{ delayMs: 1500 }, 'general', { timeoutMs: 500 }],
    [{ drop: true }, 'general', {}],
    [{ http: 503, body: '<html>busy</html>', contentType: 'text/html' }, 'general', {}],
    [{ error: { code: 'InternalError', message: 'later' } }, 'general', {}],
    [{ error: { code: 'LimitExceeded.PhoneNumberDailyLimit', message: 'daily' } }, 'rate_limit_exceeded', {}],
    [{ statusCode: 'RequestLimitExceeded' }, 'rate_limit_exceeded', {}],
  ];
  for (const [behaviour, code, overrides] of once) {
    const { error, requests } = await send(config({ maxRetries: 3, ...overrides }), behaviour, LIMITED, LIMITED);
    await sleep(100);
    assert.equal(error?.code, code, JSON.stringify(behaviour));
    assert.equal(requests, 1, `${JSON.stringify(behaviour)}: exactly one request`);
  }
});
