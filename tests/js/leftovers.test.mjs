// Nothing is left running after a send: a child process loads the connector as Logto does
// (our tarball, @logto/cli), sends once and lets go. It starts no server and no timer of its
// own, so if it is still alive shortly after its send settled, the connector left a timer or a
// socket holding the process. Each path uses a deadline far longer than the allowance, so a
// timer tied to the deadline cannot hide inside it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { createLogtoInstance, repoRoot } from '../../tools/logto-instance.mjs';
import { packageTarball } from '../../tools/package-under-test.mjs';
import { connectorConfig } from '../support/fixtures.mjs';

const ACCOUNT = { secretId: 'AKIDLEFTOVERS', secretKey: 'leftovers-suite-secret-key', sdkAppIds: ['1400000000'] };
const LONG_TIMEOUT_MS = 30_000; // a delivered send: any timer tied to the deadline outlives the allowance
const SHORT_TIMEOUT_MS = 1500; // a hang or trickle must reach its deadline, and the test must stay short
const EXIT_ALLOWANCE_MS = 2000; // from the send settling to the process exiting
const START_ALLOWANCE_MS = 15_000; // loading @logto/cli and the connector in a fresh process

const CHILD = `
  import { join } from 'node:path';
  import { pathToFileURL } from 'node:url';
  const [cliLib, connectors, configJson] = process.argv.slice(1);
  const { getConnectorPackagesFromDirectory } = await import(pathToFileURL(join(cliLib, 'utils.js')).href);
  const { loadConnectorFactories } = await import(pathToFileURL(join(cliLib, 'connector', 'index.js')).href);
  const factories = await loadConnectorFactories(await getConnectorPackagesFromDirectory(connectors), false);
  const factory = factories.find((f) => f.metadata.id === 'tencent-short-message-service');
  const connector = await factory.createConnector({ getConfig: async () => JSON.parse(configJson) });
  const started = performance.now();
  try {
    await connector.sendMessage({ to: '8613012345678', type: 'SignIn', payload: { code: '123456' } });
    process.send({ outcome: 'delivered' });
  } catch (error) {
    process.send({ outcome: error.code, description: error.data?.errorDescription, elapsed: performance.now() - started });
  }
  process.disconnect();
`;

let api;
let instance;

before(async () => {
  api = await startTencentApi({ accounts: [ACCOUNT], signNames: ['Logto'], templates: { 1001: { text: '验证码 {1}', international: false } } });
  instance = createLogtoInstance({ tarball: packageTarball() });
});

after(async () => {
  await api?.close();
  instance?.remove();
});

/** Runs one send in a child; resolves { settled, lingered } or fails, killing a child that stays. */
async function sendInChild(timeoutMs) {
  const child = spawn(process.execPath, [
    '--input-type=module', '-e', CHILD,
    join(repoRoot, 'node_modules', '@logto', 'cli', 'lib'), instance.connectors,
    JSON.stringify(connectorConfig(ACCOUNT, api.url, { timeoutMs })),
  ], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr.on('data', (c) => { stderr += c; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  const settled = new Promise((resolve) => child.once('message', (m) => resolve({ ...m, at: performance.now() })));
  const waitFor = async (promise, ms) => {
    const stop = new AbortController();
    try {
      return await Promise.race([promise, sleep(ms, undefined, { signal: stop.signal })]);
    } finally {
      stop.abort();
    }
  };
  try {
    const first = await waitFor(Promise.race([settled, exited]), START_ALLOWANCE_MS + timeoutMs);
    assert.ok(first && !('code' in first), `the child never reported its send: ${stderr.slice(-800)}`);
    const exit = await waitFor(exited, EXIT_ALLOWANCE_MS);
    assert.ok(exit, `the child was still running ${EXIT_ALLOWANCE_MS} ms after its send settled: a timer or socket holds it`);
    assert.equal(exit.code, 0, stderr.slice(-800));
    return { settled: first, lingered: exit.at - first.at };
  } finally {
    child.kill('SIGKILL');
  }
}

test(`a delivered send (timeoutMs ${LONG_TIMEOUT_MS}) lets the process exit within ${EXIT_ALLOWANCE_MS} ms`, async (t) => {
  api.reset();
  const { settled, lingered } = await sendInChild(LONG_TIMEOUT_MS);
  t.diagnostic(`exited ${Math.round(lingered)} ms after the send settled`);
  assert.equal(settled.outcome, 'delivered', settled.description);
  assert.equal(api.accepted.length, 1);
});

for (const [path, behaviour] of [['a hang (answer after 30 s)', { delayMs: 30_000 }], ['a body that trickles forever', { trickle: true }]]) {
  test(`${path}, timed out at ${SHORT_TIMEOUT_MS} ms, lets the process exit within ${EXIT_ALLOWANCE_MS} ms`, async (t) => {
    api.reset();
    api.script(behaviour);
    const { settled, lingered } = await sendInChild(SHORT_TIMEOUT_MS);
    t.diagnostic(`exited ${Math.round(lingered)} ms after the send timed out`);
    assert.equal(settled.outcome, 'general');
    assert.match(settled.description, new RegExp(`did not answer within ${SHORT_TIMEOUT_MS} ms`));
    assert.ok(settled.elapsed < SHORT_TIMEOUT_MS + 1000, `${Math.round(settled.elapsed)} ms`);
    assert.equal(api.requests.length, 1, 'one request, never retried');
  });
}
