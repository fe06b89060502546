// Network and server faults through the connector as Logto runs it (extracted from our tarball,
// loaded by @logto/cli), against the local Tencent API: each ends in the documented
// ConnectorError, on time, with exactly one request (never retried) and no redirect followed;
// and a timed-out send leaves no timer or socket behind (a child process exits by itself).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { createLogtoInstance, repoRoot } from '../support/logto-instance.mjs';
import { packageTarball } from '../support/package-under-test.mjs';
import { connectorConfig } from '../support/fixtures.mjs';

const ACCOUNT = { secretId: 'AKIDFAULTS', secretKey: 'faults-suite-secret-key', sdkAppIds: ['1400000000'] };
const TIMEOUT_MS = 500;
const SLACK_MS = 1000; // the documented error must arrive within timeoutMs + 1 s
const RETRY_WATCH_MS = 250; // how long to keep watching for a (forbidden) second request

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

/** Sends once and returns { error, elapsed }; fails the test if the send succeeded. */
async function sendExpectingError(cfg = config()) {
  const connector = await factory.createConnector({ getConfig: async () => cfg });
  const started = performance.now();
  try {
    await connector.sendMessage(message);
  } catch (error) {
    const elapsed = performance.now() - started;
    assert.ok(error instanceof ConnectorError, `not the host's ConnectorError: ${error?.stack ?? error}`);
    return { error, elapsed };
  }
  assert.fail('the send was reported delivered');
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

  test('a body over 1 MiB ({ hugeBody: 2 000 000 }) → invalid_response', async () => {
    const { elapsed } = await fault({ hugeBody: 2_000_000 }, 'invalid_response');
    assert.ok(elapsed < TIMEOUT_MS + SLACK_MS);
  });

  test('a body that is not UTF-8 → invalid_response', async () => {
    await fault({ invalidUtf8: true }, 'invalid_response');
  });

  test('a redirect is never followed: the server at Location receives nothing', async () => {
    for (const target of [`http://127.0.0.1:${witness.address().port}/`, `http://127.0.0.1:${witness.address().port}/steal?x=1`, 'https://sms.tencentcloudapi.com/']) {
      const { error } = await fault({ redirect: target }, 'general');
      assert.equal(error.data.httpStatus, 307);
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

describe('nothing is left running after a timeout', () => {
  test('a child process that times out a send exits by itself within a few seconds', async (t) => {
    // The child loads the connector from the same instance folder through @logto/cli, sends
    // once normally (leaving a keep-alive socket), then sends into a hang. It starts no server and
    // no timer of its own: if it does not exit, the connector left something open.
    const script = `
      import { join } from 'node:path';
      import { pathToFileURL } from 'node:url';
      const [cliLib, connectors, configJson] = process.argv.slice(1);
      const { getConnectorPackagesFromDirectory } = await import(pathToFileURL(join(cliLib, 'utils.js')).href);
      const { loadConnectorFactories } = await import(pathToFileURL(join(cliLib, 'connector', 'index.js')).href);
      const factories = await loadConnectorFactories(await getConnectorPackagesFromDirectory(connectors), false);
      const factory = factories.find((f) => f.metadata.id === 'tencent-short-message-service');
      const config = JSON.parse(configJson);
      const connector = await factory.createConnector({ getConfig: async () => config });
      const message = { to: '8613012345678', type: 'SignIn', payload: { code: '123456' } };
      await connector.sendMessage(message);
      process.send({ step: 'delivered' });
      const started = performance.now();
      try {
        await connector.sendMessage(message);
        process.send({ step: 'unexpected delivery' });
      } catch (error) {
        process.send({ step: 'failed', code: error.code, description: error.data?.errorDescription, elapsed: performance.now() - started });
      }
      process.disconnect();
    `;
    api.reset();
    api.script({ delayMs: 0 }, { delayMs: 30_000 });
    const child = spawn(process.execPath, [
      '--input-type=module', '-e', script,
      join(repoRoot, 'node_modules', '@logto', 'cli', 'lib'), instance.connectors, JSON.stringify(config()),
    ], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr.on('data', (c) => { stderr += c; });
    child.stdout.resume();
    const steps = [];
    let failedAt;
    child.on('message', (m) => {
      steps.push(m);
      if (m.step === 'failed') failedAt = performance.now();
    });
    const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
    const stopDeadline = new AbortController();
    const deadline = sleep(15_000, 'deadline', { signal: stopDeadline.signal }).catch(() => 'cancelled');
    const first = await Promise.race([exit, deadline]);
    stopDeadline.abort();
    if (first === 'deadline') child.kill('SIGKILL');
    const ended = first === 'deadline' ? await exit : first;
    assert.notEqual(first, 'deadline', `the child never exited: steps ${JSON.stringify(steps)} ${stderr}`);
    assert.deepEqual(steps.map((s) => s.step), ['delivered', 'failed'], stderr);
    const failed = steps[1];
    assert.equal(failed.code, 'general');
    assert.match(failed.description, new RegExp(`did not answer within ${TIMEOUT_MS} ms`));
    assert.ok(failed.elapsed < TIMEOUT_MS + SLACK_MS, `${Math.round(failed.elapsed)} ms`);
    assert.equal(ended.code, 0, stderr);
    const lingered = ended.at - failedAt;
    t.diagnostic(`the child exited ${Math.round(lingered)} ms after its send timed out`);
    assert.ok(lingered < 3000, `the child stayed alive ${Math.round(lingered)} ms after the timeout`);
    assert.equal(api.requests.length, 2, 'one delivery and one timed-out request, nothing retried');
  });
});
