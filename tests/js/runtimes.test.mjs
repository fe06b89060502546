// The package outside Logto: bundled by esbuild, run by Bun, and with the @logto/connector-kit 4
// a standalone install resolves on Node 20. Each sends one SMS through
// the local Tencent API from a child process, in a folder laid out like a user's project (the
// tarball unpacked, connector-kit and zod beside it), so nothing resolves from this repository.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';

import { build } from 'esbuild';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { connectorConfig } from '../support/fixtures.mjs';
import { repoRoot } from '../../tools/logto-instance.mjs';
import { packageTarball } from '../../tools/package-under-test.mjs';

const ACCOUNT = { secretId: 'AKIDRUNTIMES', secretKey: 'runtimes-secret-key', sdkAppIds: ['1400000000'] };
const modules = join(repoRoot, 'node_modules');
// The platform package holds the real binary; bun's own bin is a stub until its postinstall runs.
const bunBinary = [join(modules, '@oven', 'bun-linux-x64', 'bin', 'bun'), join(modules, 'bun', 'bin', 'bun.exe')].find(existsSync);
const SEND = `import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
const { default: createConnector } = await import(process.argv[2]);
const connector = await createConnector({ getConfig: async () => JSON.parse(process.env.CONNECTOR_CONFIG) });
const message = { to: '8613012345678', type: 'SignIn', payload: { code: '246810' } };
const out = { kitHasUsageLimit: 'UsageLimitExceeded' in ConnectorErrorCodes };
try {
  out.sent = await connector.sendMessage(message);
} catch (error) {
  out.error = { hostClass: error instanceof ConnectorError, code: error.code, tencentCode: error.data?.Code };
}
console.log(JSON.stringify(out));
`;
let api;
const folders = [];

before(async () => {
  api = await startTencentApi({
    accounts: [ACCOUNT], signNames: ['Logto'], templates: { 1001: { text: 'code {1}', international: false } },
  });
});
after(async () => {
  await api?.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A project folder: the unpacked package in connector/, the given connector-kit and zod. */
const project = (kit = join(modules, '@logto', 'connector-kit')) => {
  const dir = mkdtempSync(join(tmpdir(), 'connector-runtime-'));
  folders.push(dir);
  mkdirSync(join(dir, 'node_modules', '@logto'), { recursive: true });
  symlinkSync(kit, join(dir, 'node_modules', '@logto', 'connector-kit'));
  symlinkSync(join(modules, 'zod'), join(dir, 'node_modules', 'zod'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'send.mjs'), SEND);
  mkdirSync(join(dir, 'connector'));
  const untar = spawnSync('tar', ['-xzf', packageTarball(), '-C', join(dir, 'connector'), '--strip-components=1']);
  assert.equal(untar.status, 0, String(untar.stderr));
  return dir;
};

/** Runs send.mjs under `runtime` against `entry` (the API answering `script`); resolves its report. */
const send = async (runtime, dir, entry, ...script) => {
  api.reset();
  api.script(...script);
  const env = { ...process.env, CONNECTOR_CONFIG: JSON.stringify(connectorConfig(ACCOUNT, api.url, { templates: [{ usageType: 'Generic', templateCode: '1001' }] })) };
  const { stdout } = await promisify(execFile)(runtime, [join(dir, 'send.mjs'), entry], { cwd: dir, env, timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1));
};

const assertDelivered = (report) => {
  assert.equal(report.error, undefined, JSON.stringify(report.error));
  assert.equal(api.accepted.length, 1);
  assert.deepEqual(api.accepted[0].params, ['246810']);
  assert.ok(api.requests[0].verdict.ok);
  assert.equal(report.sent.templateId, '1001');
  assert.match(report.sent.requestId, /^[0-9a-f-]{36}$/);
};

test('an esbuild bundle for Node (ESM) sends once the .wasm sits next to it', { timeout: 120_000 }, async (t) => {
  const started = Date.now();
  const dir = project();
  const bundle = join(dir, 'dist', 'connector.mjs');
  await build({
    entryPoints: [join(dir, 'connector', 'lib', 'index.js')], outfile: bundle, bundle: true,
    platform: 'node', format: 'esm', external: ['@logto/connector-kit', 'zod'], logLevel: 'error',
  });
  // Without the file the bundle says which one it misses (what a bundler user must copy).
  await assert.rejects(send(process.execPath, dir, bundle), /ENOENT[^\n]*dist\/connector_bg\.wasm/);
  copyFileSync(join(dir, 'connector', 'lib', 'wasm', 'connector_bg.wasm'), join(dir, 'dist', 'connector_bg.wasm'));
  assertDelivered(await send(process.execPath, dir, bundle));
  t.diagnostic(`esbuild bundle + two runs: ${Date.now() - started} ms`);
});

test('Bun loads the package and sends', { timeout: 120_000, skip: !bunBinary && 'bun is not installed' }, async (t) => {
  const started = Date.now();
  const dir = project();
  assertDelivered(await send(bunBinary, dir, join(dir, 'connector', 'lib', 'index.js')));
  t.diagnostic(`bun: ${Date.now() - started} ms`);
});

test('with connector-kit 4 (Node 20): sends, and a code kit 4 lacks becomes general', { timeout: 120_000 }, async () => {
  const dir = project(join(modules, 'logto-connector-kit-4'));
  const entry = join(dir, 'connector', 'lib', 'index.js');
  assertDelivered(await send(process.execPath, dir, entry));
  const report = await send(process.execPath, dir, entry, { error: { code: 'FailedOperation.InsufficientBalanceInSmsPackage', message: 'no balance' } });
  assert.equal(report.kitHasUsageLimit, false);
  assert.deepEqual(report.error, { hostClass: true, code: 'general', tencentCode: 'FailedOperation.InsufficientBalanceInSmsPackage' });
});
