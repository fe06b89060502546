// The access key secret never leaks: across a wrong secret, every scripted fault of the local
// Tencent API, timeouts, refused connections and invalid configs or messages that carry the
// secret in the wrong field, nothing the connector throws (message, data, stack, inspect output,
// cause chain) and nothing written to stdout/stderr contains the secret, the TC3 keys derived
// from it (SecretDate, SecretService, SecretSigning, hex) for the request's date, or any
// Authorization the connector handed to fetch: recorded at fetch itself, so a request that never
// reached a server (refused, no such host, failed TLS) is scanned as well.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';

import { ConnectorError } from '@logto/connector-kit';

import { makeCertificate } from '../../tools/bench/tls-server.mjs';
import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { importPackage } from '../../tools/package-under-test.mjs';
import { connectorConfig } from '../support/fixtures.mjs';

const pkg = await importPackage();
const { configGuard, validateConfig, signTc3, prepareSend } = pkg;
const createConnector = pkg.default;

// Two secrets: the account's, and a wrong one a user might type. Neither may ever show up.
const SECRET = 'Sec-Leak-Probe-7f3a9c21e4b8d605';
const WRONG_SECRET = 'Wrong-Leak-Probe-0d9e8c7b6a5f4e31';
const ACCOUNT = { secretId: 'AKIDSECRETSUITE', secretKey: SECRET, sdkAppIds: ['1400000000'] };

let api;
let realFetch;
let realLookup;
/** What the connector handed to fetch: { url, headers, body }, whether or not it arrived. */
const handedToFetch = [];
let closedPort;
let certificate;
let selfSigned; // an HTTPS server whose certificate no client trusts
let selfSignedHits = 0;
let redirectTarget;
let redirectHits = 0;

/** Everything the connector exposed to a caller or a log, as text. */
const exposures = [];
const written = [];
let capturing = false;
const originalWrite = { out: process.stdout.write, err: process.stderr.write };

const expose = (label, value) => exposures.push({ label, text: String(value ?? '') });

/** Record every readable form of a thrown value, down its cause chain. */
function exposeThrown(label, error) {
  expose(`${label}: String`, String(error));
  expose(`${label}: message`, error?.message);
  expose(`${label}: stack`, error?.stack);
  expose(`${label}: inspect`, inspect(error, { depth: 20, showHidden: true, getters: true }));
  try {
    expose(`${label}: data JSON`, JSON.stringify(error?.data));
  } catch (e) {
    expose(`${label}: data JSON failed`, e.message);
  }
  expose(`${label}: data inspect`, inspect(error?.data, { depth: 20 }));
  try {
    expose(`${label}: JSON`, JSON.stringify(error, Object.getOwnPropertyNames(error ?? {})));
  } catch {
    // fine: not every thrown value serialises
  }
  if (error?.cause) exposeThrown(`${label} → cause`, error.cause);
}

// One scripted answer per send: no retry, so each fault meets exactly the answer it scripts.
const config = (overrides = {}) =>
  connectorConfig(ACCOUNT, api.url, { timeoutMs: 400, maxRetries: 0, ...overrides });
const data = (overrides = {}) => ({ to: '8613012345678', type: 'SignIn', payload: { code: '123456' }, ...overrides });

/** Sends through a fresh connector (also logging what a host would log) and records the outcome. */
async function attempt(label, cfg, message = data()) {
  const connector = await createConnector({ getConfig: async () => cfg });
  try {
    const result = await connector.sendMessage(message, cfg);
    expose(`${label}: result`, JSON.stringify(result));
    return { result };
  } catch (error) {
    exposeThrown(label, error);
    // What a host's error logging would print.
    console.error(`[host] sendMessage failed (${label}):`, error);
    console.log(`[host] ${label}: ${error?.code} ${JSON.stringify(error?.data)}`);
    return { error };
  }
}

const hmac = (key, msg) => createHmac('sha256', key).update(msg, 'utf8').digest();
const utcDate = (ts) => new Date(ts * 1000).toISOString().slice(0, 10);

/** The strings that must never appear, given the secrets and the recorded requests. */
function forbiddenStrings() {
  const list = [];
  const timestamps = new Set(api.requests.map((r) => Number(r.headers['x-tc-timestamp'])).filter(Number.isFinite));
  const now = Math.floor(Date.now() / 1000);
  for (const ts of [now - 86_400, now, now + 86_400]) timestamps.add(ts);
  for (const secret of [SECRET, WRONG_SECRET]) {
    list.push([`secret ${secret}`, secret]);
    list.push(['secret as hex', Buffer.from(secret).toString('hex')]);
    list.push(['secret as base64', Buffer.from(secret).toString('base64')]);
    for (const date of new Set([...timestamps].map(utcDate))) {
      const secretDate = hmac(Buffer.from(`TC3${secret}`, 'utf8'), date);
      const secretService = hmac(secretDate, 'sms');
      const secretSigning = hmac(secretService, 'tc3_request');
      list.push([`SecretDate(${date})`, secretDate.toString('hex')]);
      list.push([`SecretService(${date})`, secretService.toString('hex')]);
      list.push([`SecretSigning(${date})`, secretSigning.toString('hex')]);
    }
  }
  const authorizations = [
    ...api.requests.map((r) => ['received', r.headers.authorization]),
    ...handedToFetch.map((r) => [`handed to fetch for ${r.url}`, r.headers.authorization]),
  ];
  for (const [where, authorization] of authorizations) {
    if (!authorization) continue;
    list.push([`Authorization header (${where})`, authorization]);
    const sig = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
    // Halves too: an error clipped to a length limit can keep most of a signature.
    if (sig) list.push([`request signature (${where})`, sig], [`signature, first half (${where})`, sig.slice(0, 32)], [`signature, second half (${where})`, sig.slice(32)]);
  }
  return list;
}

function assertNoLeak(sources) {
  const leaks = [];
  for (const [what, needle] of forbiddenStrings()) {
    for (const { label, text } of sources) {
      if (text.includes(needle)) leaks.push(`${what} in ${label}`);
    }
  }
  assert.deepEqual(leaks.slice(0, 20), [], `${leaks.length} leak(s)`);
}

before(async () => {
  realFetch = globalThis.fetch;
  globalThis.fetch = (url, init) => {
    const headers = Object.fromEntries(Object.entries(init?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    handedToFetch.push({ url: String(url), headers, body: init?.body });
    return realFetch(url, init);
  };
  // A name under .invalid fails here, as a resolver would answer it, without asking one.
  realLookup = dns.lookup;
  dns.lookup = (host, ...rest) => {
    if (!String(host).endsWith('.invalid')) return realLookup(host, ...rest);
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: host });
    process.nextTick(rest.at(-1), error);
  };
  api = await startTencentApi({
    accounts: [ACCOUNT],
    signNames: ['Logto'],
    templates: { 1001: { text: '验证码 {1}', international: false } },
  });
  // A port nothing listens on: bind, note it, close.
  const probe = http.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = probe.address().port;
  await new Promise((resolve) => probe.close(resolve));
  certificate = makeCertificate();
  selfSigned = https.createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    selfSignedHits += 1;
    res.end('{}');
  });
  await new Promise((resolve) => selfSigned.listen(0, '127.0.0.1', resolve));
  redirectTarget = http.createServer((req, res) => {
    redirectHits += 1;
    res.end('{}');
  });
  await new Promise((resolve) => redirectTarget.listen(0, '127.0.0.1', resolve));
  const tap = (key) => function write(chunk, ...rest) {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (capturing) written.push(text);
    // The test's own host-style log lines are captured, not shown: they would drown the report.
    if (capturing && text.startsWith('[host] ')) {
      const callback = rest.find((r) => typeof r === 'function');
      if (callback) process.nextTick(callback);
      return true;
    }
    return originalWrite[key].call(this, chunk, ...rest);
  };
  process.stdout.write = tap('out');
  process.stderr.write = tap('err');
  capturing = true;
});

after(async () => {
  if (realFetch) globalThis.fetch = realFetch;
  if (realLookup) dns.lookup = realLookup;
  capturing = false;
  process.stdout.write = originalWrite.out;
  process.stderr.write = originalWrite.err;
  await api?.close();
  await new Promise((resolve) => (redirectTarget ? redirectTarget.close(resolve) : resolve()));
  selfSigned?.closeAllConnections();
  await new Promise((resolve) => (selfSigned ? selfSigned.close(resolve) : resolve()));
  certificate?.cleanup();
});

describe('sends that fail at Tencent or on the way', () => {
  test('a correct send works (so the secret really signs requests here)', async () => {
    api.reset();
    const { result } = await attempt('valid send', config());
    assert.ok(result, 'delivered');
    assert.equal(api.accepted.length, 1);
  });

  test('a wrong secret: AuthFailure.SignatureFailure', async () => {
    const { error } = await attempt('wrong secret', config({ accessKeySecret: WRONG_SECRET }));
    assert.ok(error instanceof ConnectorError);
    assert.equal(error.data.Code, 'AuthFailure.SignatureFailure');
  });

  const faults = [
    { error: { code: 'AuthFailure.SignatureFailure', message: 'The provided credentials could not be validated.' } },
    { error: { code: 'AuthFailure.SecretIdNotFound', message: 'not found' } },
    { error: { code: 'LimitExceeded.PhoneNumberDailyLimit', message: 'daily' } },
    { error: { code: 'RequestLimitExceeded', message: 'slow down' } },
    { error: { code: 'FailedOperation.InsufficientBalanceInSmsPackage', message: 'no balance' } },
    { error: { code: 'InternalError.Timeout', message: 'later' } },
    { statusCode: 'LimitExceeded.PhoneNumberThirtySecondLimit' },
    { statusCode: 'FailedOperation.TemplateIncorrectOrUnapproved', message: 'template' },
    { statusCode: 'FailedOperation.SomethingNew' },
    { http: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', contentType: 'text/html' },
    { http: 500, body: '{"Response":{"Error":{"Code":"InternalError","Message":"boom"},"RequestId":"r-1"}}', contentType: 'application/json' },
    { http: 429, body: 'Too Many Requests' },
    { http: 401, body: '' },
    { rawBody: '{"Response":{"SendStatusSet":[' },
    { rawBody: 'not json at all' },
    { rawBody: '{"Response":{"SendStatusSet":[]}}' },
    { emptyBody: true },
    { hugeBody: 2_000_000 },
    { invalidUtf8: true },
    { drop: true },
    { delayMs: 2000 },
    { trickle: true },
  ];
  for (const fault of faults) {
    test(`scripted fault ${JSON.stringify(fault).slice(0, 90)}`, async () => {
      api.script(fault);
      const { error } = await attempt(`fault ${JSON.stringify(fault).slice(0, 60)}`, config());
      assert.ok(error instanceof ConnectorError, `not a ConnectorError: ${error}`);
    });
  }

  test('a redirect to another local server (never followed)', async () => {
    api.script({ redirect: `http://127.0.0.1:${redirectTarget.address().port}/steal` });
    const { error } = await attempt('redirect', config());
    assert.ok(error instanceof ConnectorError);
    assert.equal(redirectHits, 0);
  });

  // Requests that reach no server: only what was handed to fetch can tell what must not leak.
  const unreached = [
    ['connection refused (endpoint on a closed port)', () => `http://127.0.0.1:${closedPort}`, /ECONNREFUSED/],
    ['no such host (DNS failure for a .invalid name)', () => 'https://leak-probe.invalid', /ENOTFOUND/],
    ['TLS failure (https to a plain-HTTP server)', () => `https://127.0.0.1:${api.port}`, /ECONNRESET|SSL|TLS|socket/],
    ['TLS failure (a self-signed certificate)', () => `https://127.0.0.1:${selfSigned.address().port}`, /SELF_SIGNED|CERT|certificate/],
  ];
  for (const [label, endpoint, reason] of unreached) {
    test(`${label}: nothing handed to fetch leaks`, async () => {
      const from = exposures.length;
      const requestsBefore = api.requests.length;
      const fetched = handedToFetch.length;
      const { error } = await attempt(label, config({ endpoint: endpoint() }));
      assert.ok(error instanceof ConnectorError);
      assert.match(error.data.errorDescription, reason);
      // Nothing was written, and the error says so (the operator need not wonder about a second SMS).
      assert.match(error.data.errorDescription, /the SMS was not sent/);
      assert.equal(handedToFetch.length, fetched + 1, 'one request handed to fetch');
      assert.ok(handedToFetch.at(-1).headers.authorization, 'the request was signed');
      assert.equal(api.requests.length, requestsBefore, 'no server received it');
      assert.equal(selfSignedHits, 0);
      assertNoLeak(exposures.slice(from));
    });
  }

  test('timeouts with the wrong secret too', async () => {
    api.script({ delayMs: 2000 });
    const { error } = await attempt('timeout, wrong secret', config({ accessKeySecret: WRONG_SECRET }));
    assert.ok(error instanceof ConnectorError);
  });
});

describe('the secret in the wrong place', () => {
  // Where a user might paste the secret by mistake, alone and alongside it in accessKeySecret.
  const misplaced = [
    ['accessKeyId', { accessKeyId: `${SECRET} ` }],
    ['accessKeyId with a comma', { accessKeyId: `${SECRET},x` }],
    ['signName', { signName: `${SECRET}-${'x'.repeat(64)}` }],
    ['sdkAppId', { sdkAppId: SECRET }],
    ['region', { region: SECRET }],
    ['templates', { templates: SECRET }],
    ['templateCode', { templates: [{ usageType: 'Generic', templateCode: { value: SECRET } }] }],
    ['usageType', { templates: [{ usageType: SECRET, templateCode: '1001' }] }],
    ['endpoint', { endpoint: SECRET }],
    ['endpoint credentials', { endpoint: `https://AKID:${SECRET}@sms.tencentcloudapi.com` }],
    ['endpoint path', { endpoint: `http://127.0.0.1:${closedPort}/${SECRET}` }],
    ['endpoint query', { endpoint: `https://sms.tencentcloudapi.com/?key=${SECRET}` }],
    ['timeoutMs', { timeoutMs: SECRET }],
    ['accessKeySecret as a number-like object', { accessKeySecret: { toString: () => SECRET, secret: SECRET } }],
    ['accessKeySecret too long', { accessKeySecret: SECRET.repeat(20) }],
    ['unknown key', { apiSecret: SECRET, accessKeySecret: '' }],
    ['internationalSignName', { internationalSignName: `${SECRET}-${'x'.repeat(64)}` }],
    ['internationalRegion', { internationalRegion: SECRET }],
    ['internationalEndpoint', { internationalEndpoint: `https://${SECRET}@sms.intl.tencentcloudapi.com` }],
    ['allowedCountryCodes', { allowedCountryCodes: SECRET }],
    ['deniedCountryCodes', { deniedCountryCodes: [SECRET] }],
    ['omitInternationalSignName', { omitInternationalSignName: SECRET }],
    ['strictPhoneNumbers', { strictPhoneNumbers: SECRET }],
    ['template locale', { templates: [{ usageType: 'Generic', templateCode: '1001', locale: SECRET }] }],
    ['template params', { templates: [{ usageType: 'Generic', templateCode: '1001', params: ['{{code}}', SECRET] }] }],
    ['split templateCode', { templates: [{ usageType: 'Generic', templateCode: { mainland: SECRET.repeat(3), international: SECRET } }] }],
  ];
  for (const [where, overrides] of misplaced) {
    test(`in ${where}: validateConfig, configGuard and sendMessage`, async () => {
      const cfg = config(overrides);
      const v = validateConfig(cfg);
      if (!v.ok) expose(`validateConfig(${where})`, JSON.stringify(v.issues));
      const g = configGuard.safeParse(cfg);
      if (!g.success) {
        expose(`configGuard(${where}) message`, g.error.message);
        expose(`configGuard(${where}) inspect`, inspect(g.error, { depth: 20 }));
      }
      try {
        configGuard.parse(cfg);
      } catch (error) {
        exposeThrown(`configGuard.parse(${where})`, error);
      }
      const { error } = await attempt(`misplaced in ${where}`, cfg);
      assert.ok(v.ok === false || error instanceof ConnectorError || error === undefined);
    });
  }

  const badMessages = [
    ['data.to', data({ to: SECRET })],
    ['data.type', data({ type: SECRET })],
    ['data.payload.code (too long)', data({ payload: { code: SECRET.repeat(3) } })],
    ['data as the secret', SECRET],
    ['data.payload', data({ payload: SECRET })],
  ];
  for (const [where, message] of badMessages) {
    test(`in ${where}`, async () => {
      // Only the secret's position matters here; the config is valid.
      const { error } = await attempt(`message ${where}`, config(), message);
      if (error) assert.ok(error instanceof ConnectorError);
    });
  }

  test('signTc3 and prepareSend errors', () => {
    const base = { secretId: 'AKIDSIGN', secretKey: SECRET, service: 'sms', host: 'sms.tencentcloudapi.com', timestamp: 1_700_000_000, payload: '{}' };
    const bad = [
      { ...base, secretId: `${SECRET} spaced` },
      { ...base, service: SECRET + '!' },
      { ...base, host: `${SECRET} host` },
      { ...base, timestamp: -1 },
      { ...base, timestamp: SECRET },
      { ...base, payload: { SECRET } },
      { ...base, contentType: `${SECRET}\r\nx` },
      { ...base, signedHeaders: { [`${SECRET} bad`]: SECRET } },
      { ...base, signedHeaders: { 'X-Secret': `${SECRET}\n` } },
      { ...base, signedHeaders: { Host: SECRET } },
      { ...base, secretKey: '' },
    ];
    for (const [i, options] of bad.entries()) {
      assert.throws(() => signTc3(options), (error) => {
        exposeThrown(`signTc3 #${i}`, error);
        return error instanceof TypeError;
      });
    }
    for (const [i, [cfg, msg]] of [[config({ region: SECRET }), data()], [config(), data({ to: SECRET })], [config(), { SECRET }], [SECRET, data()]].entries()) {
      assert.throws(() => prepareSend(cfg, msg), (error) => {
        exposeThrown(`prepareSend #${i}`, error);
        return error instanceof ConnectorError;
      });
    }
  });
});

describe('nothing leaked', () => {
  test('no thrown value, message, data, stack or cause holds the secret, its derived keys or the Authorization', () => {
    assert.ok(exposures.length > 200, `${exposures.length} exposures recorded`);
    assert.ok(api.requests.length >= 25, `${api.requests.length} requests recorded`);
    assertNoLeak(exposures);
  });

  test('nothing written to stdout or stderr holds them either', () => {
    capturing = false;
    assert.ok(written.join('').includes('[host] sendMessage failed'), 'the host log lines were captured');
    assertNoLeak(written.map((text, i) => ({ label: `output write #${i}`, text })));
  });

  test('the check itself catches a leak (the forbidden list is right)', () => {
    const [auth] = api.requests.filter((r) => r.verdict?.ok).map((r) => r.headers.authorization);
    const refused = handedToFetch.find((r) => r.url.startsWith(`http://127.0.0.1:${closedPort}`)).headers.authorization;
    assert.ok(!api.requests.some((r) => r.headers.authorization === refused), 'the refused request reached no server');
    const date = utcDate(Number(api.requests[0].headers['x-tc-timestamp']));
    const signing = hmac(hmac(hmac(Buffer.from(`TC3${SECRET}`), date), 'sms'), 'tc3_request').toString('hex');
    for (const planted of [SECRET, auth, refused, refused.slice(-64), refused.slice(0, -6), signing]) {
      assert.throws(() => assertNoLeak([{ label: 'planted', text: `x ${planted} y` }]));
    }
  });
});
