// Load: 10 000 sends at concurrency 200 from three tenants with different keys, against the local
// Tencent API (which verifies every signature with the key of the SecretId it names). Every
// send is accounted for (delivered exactly once, found by its unique code, or a ConnectorError),
// no request is signed with another tenant's key, and memory stays flat (measured after a
// warm-up and at the end, after a forced GC).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { ConnectorError } from '@logto/connector-kit';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { importPackage } from '../../tools/package-under-test.mjs';
import { connectorConfig } from '../support/fixtures.mjs';

const createConnector = (await importPackage()).default;

const TOTAL = 10_000;
const WARM_UP = 1_000;
const CONCURRENCY = 200;
const TENANTS = [
  { secretId: 'AKIDLOADTENANTA', secretKey: 'load-tenant-a-secret', sdkAppIds: ['1400000011'] },
  { secretId: 'AKIDLOADTENANTB', secretKey: 'load-tenant-b-secret', sdkAppIds: ['1400000022'] },
  { secretId: 'AKIDLOADTENANTC', secretKey: 'load-tenant-c-secret', sdkAppIds: ['1400000033'] },
];
// Generous (about 10x what a healthy run shows after a full GC), so only a real per-send leak
// (~2 KB or more per send) trips it.
const HEAP_BOUND = 16 * 1024 * 1024;
const EXTERNAL_BOUND = 16 * 1024 * 1024; // wasm linear memory and fetch buffers live here

// A forced GC whether or not the file runs with --expose-gc.
const gc = globalThis.gc ?? (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc');
})();

let api;

before(async () => {
  api = await startTencentApi({
    accounts: TENANTS,
    signNames: ['Logto'],
    templates: { 1001: { text: '验证码 {1}', international: false } },
  });
});

after(async () => {
  await api?.close();
});

const configOf = (tenant) => connectorConfig(tenant, api.url, { timeoutMs: 30_000 });

/** Send i's code: its tenant's digit, then i; unique across the run. */
const codeOf = (i) => `${(i % 3) + 1}${String(i).padStart(5, '0')}`;

const settle = async () => {
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return process.memoryUsage();
};

test(`${TOTAL} sends at concurrency ${CONCURRENCY} from ${TENANTS.length} tenants`, async (t) => {
  // Each tenant has its own connector, as Logto has one per configured connector.
  const connectors = await Promise.all(TENANTS.map((tenant) => createConnector({ getConfig: async () => configOf(tenant) })));
  // Bookkeeping is preallocated, so the memory check measures the connector, not the test.
  const outcome = new Uint8Array(TOTAL); // 0 pending, 1 delivered, 2 ConnectorError, 3 anything else
  const deliveries = new Uint8Array(TOTAL); // how often the server accepted send i's code
  const errors = new Map(); // i → the error (expected to stay empty)
  const wrongTenant = [];
  const unknownCodes = [];
  let requests = 0;
  const drain = () => {
    for (const m of api.accepted.splice(0)) {
      const code = m.params[0];
      const i = Number(code.slice(1));
      if (m.params.length !== 1 || !/^[1-3]\d{5}$/.test(code) || i >= TOTAL || codeOf(i) !== code) {
        unknownCodes.push(JSON.stringify(m.params));
        continue;
      }
      deliveries[i] += 1;
      // Never signed with another tenant's key: the code arrived under its own tenant's id and app.
      const tenant = TENANTS[i % 3];
      if (m.secretId !== tenant.secretId || m.sdkAppId !== tenant.sdkAppIds[0]) {
        wrongTenant.push(`${code} arrived as ${m.secretId}/${m.sdkAppId}`);
      }
    }
    requests += api.requests.length;
    api.requests.length = 0;
  };

  let next = 0;
  const runUntil = async (end) => {
    const worker = async () => {
      while (next < end) {
        const i = next++;
        try {
          await connectors[i % 3].sendMessage({ to: '8613012345678', type: 'SignIn', payload: { code: codeOf(i) } });
          outcome[i] = 1;
        } catch (error) {
          outcome[i] = error instanceof ConnectorError ? 2 : 3;
          errors.set(i, error);
        }
        if (i % 500 === 0) drain();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    drain();
  };

  const started = performance.now();
  await runUntil(WARM_UP);
  const warm = await settle();
  await runUntil(TOTAL);
  const end = await settle();
  const seconds = (performance.now() - started) / 1000;

  const failed = [...errors.entries()];
  t.diagnostic(`${TOTAL} sends in ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds)}/s); ${failed.length} errors; ${requests} requests`);
  t.diagnostic(`after a full GC: heapUsed ${(warm.heapUsed / 1e6).toFixed(1)} → ${(end.heapUsed / 1e6).toFixed(1)} MB; external ${(warm.external / 1e6).toFixed(1)} → ${(end.external / 1e6).toFixed(1)} MB; rss ${(warm.rss / 1e6).toFixed(0)} → ${(end.rss / 1e6).toFixed(0)} MB`);

  // Every send accounted for: delivered exactly once, or a clear ConnectorError.
  const problems = [];
  for (let i = 0; i < TOTAL; i += 1) {
    if (outcome[i] === 0) problems.push(`send ${i} never settled`);
    if (outcome[i] === 1 && deliveries[i] !== 1) problems.push(`send ${i} (code ${codeOf(i)}) resolved but was delivered ${deliveries[i]} times`);
    if (outcome[i] === 2 && deliveries[i] > 1) problems.push(`send ${i} failed and was delivered ${deliveries[i]} times`);
    if (outcome[i] === 3) problems.push(`send ${i} threw a non-ConnectorError: ${errors.get(i)?.stack ?? errors.get(i)}`);
  }
  for (const [i, error] of failed) {
    // A signature made with another tenant's key would fail exactly like this.
    if (/^AuthFailure|SmsSdkAppIdVerifyFail/.test(String(error?.data?.Code))) problems.push(`send ${i}: ${JSON.stringify(error.data)}`);
  }
  assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
  assert.deepEqual(wrongTenant.slice(0, 10), [], `${wrongTenant.length} sends arrived under another tenant's key`);
  assert.deepEqual(unknownCodes.slice(0, 10), [], 'codes nobody sent were delivered');
  assert.equal(requests, TOTAL, 'one request per send: nothing retried, nothing lost');
  // Local sends should not fail at all; allow a handful so a slow machine cannot make this flaky.
  assert.ok(failed.length <= TOTAL / 1000, `${failed.length} failures: ${failed.slice(0, 3).map(([, e]) => e?.message).join('; ')}`);

  // Memory flat: what 9 000 more sends left behind, after a full GC (observed: ~1-2 MB).
  assert.ok(end.heapUsed - warm.heapUsed < HEAP_BOUND, `heapUsed grew ${((end.heapUsed - warm.heapUsed) / 1e6).toFixed(1)} MB`);
  assert.ok(end.external - warm.external < EXTERNAL_BOUND, `external grew ${((end.external - warm.external) / 1e6).toFixed(1)} MB`);
});
