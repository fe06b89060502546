// The README's bounds, each at the bound and one past it: the shim's plain copy (10 000 objects,
// depth 64: js/index.js NODE_BUDGET, MAX_DEPTH), serde_json's depth, 200 templates
// (MAX_TEMPLATES) and 16 params (MAX_PARAMS in src/template.rs). What the plain copy keeps shows
// only in the JSON text it hands to wasm, so those tests load the package's shim beside a stand-in
// wasm module that records that text.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { connectorConfig } from '../support/fixtures.mjs';
import { repoRoot } from '../../tools/logto-instance.mjs';
import { importPackage, pkgDir } from '../../tools/package-under-test.mjs';
import { prng } from '../support/hostile-values.mjs';

const ACCOUNT = { secretId: 'AKIDBOUNDS', secretKey: 'bounds-suite-secret-key', sdkAppIds: ['1400000000'] };
const SIXTEEN = Array.from({ length: 16 }, (_, i) => `{${i + 1}}`).join(' ');
const pkg = await importPackage();

let api;
let probeDir;
let probe; // the shim under test, over a wasm stand-in that records what it is handed
let handed;

before(async () => {
  api = await startTencentApi({ accounts: [ACCOUNT], signNames: ['Logto'], templates: { 1001: '验证码 {1}', 1016: SIXTEEN } });
  probeDir = mkdtempSync(join(tmpdir(), 'shim-probe-'));
  mkdirSync(join(probeDir, 'lib', 'wasm'), { recursive: true });
  for (const file of ['index.js', 'transport.js']) cpSync(join(pkgDir, 'lib', file), join(probeDir, 'lib', file));
  writeFileSync(join(probeDir, 'lib', 'wasm', 'connector.js'), [
    'export const handed = [];',
    "export const metadata = () => '{}';",
    "export const validateConfig = (text) => { handed.push(text); return '{\"ok\":false,\"error\":{\"issues\":[]}}'; };",
  ].join('\n'));
  symlinkSync(join(repoRoot, 'node_modules'), join(probeDir, 'node_modules'));
  probe = await import(pathToFileURL(join(probeDir, 'lib', 'index.js')).href);
  ({ handed } = await import(pathToFileURL(join(probeDir, 'lib', 'wasm', 'connector.js')).href));
});

after(async () => {
  await api?.close();
  if (probeDir) rmSync(probeDir, { recursive: true, force: true });
});

/** The JSON the shim hands to wasm for `value`, sent through the plain copy (a getter throws). */
const plainCopyOf = (value) => {
  Object.defineProperty(value, 'unreadable', { enumerable: true, get: () => { throw new Error('unreadable'); } });
  probe.validateConfig(value);
  const copy = JSON.parse(handed.at(-1));
  assert.equal(copy.unreadable, null, 'the plain copy was used');
  return copy;
};

test('the plain copy keeps an object at depth 64 and cuts the one at depth 65', () => {
  const root = {};
  let node = root;
  for (let depth = 1; depth <= 65; depth += 1) node = node.next = { depth };
  let kept = plainCopyOf(root);
  while (kept.next) kept = kept.next;
  assert.equal(kept.depth, 64, 'the deepest object kept');
  assert.equal(kept.next, null, 'what was below it');
});

test('the plain copy keeps 10 000 objects and cuts the 10 001st', () => {
  // The root, `many`, and 9 999 children: 10 001 objects, walked in key order.
  const many = Object.fromEntries(Array.from({ length: 9999 }, (_, i) => [`k${i}`, { i }]));
  const copy = plainCopyOf({ many });
  const children = Object.values(copy.many);
  assert.equal(children.length, 9999);
  assert.equal(children.filter((c) => c !== null).length, 9998, 'objects kept besides the root and `many`');
  assert.deepEqual(children.at(-2), { i: 9997 });
  assert.equal(children.at(-1), null);
});

/** Random plain data as JSON.parse makes it, plus what JSON.stringify drops or turns to null. */
const plainValue = (r, depth = 0) => {
  const leaves = [
    () => r.pick(['', 'Logto', '腾讯云', 'é😀', 'line\nbreak "quoted" \\ \u0000\u001f', '\ud800 lone', '__proto__']),
    () => r.pick([0, -0, 1, -1.5, 1e21, 1e-7, 2 ** 53, Number.MAX_VALUE, NaN, Infinity, -Infinity]),
    () => r.pick([true, false, null, undefined]),
    () => r.pick([() => 1, Symbol('s')]),
  ];
  if (depth > 4 || r.chance(0.5)) return r.pick(leaves)();
  const n = r.int(5);
  if (r.chance(0.4)) return Array.from({ length: n }, () => plainValue(r, depth + 1));
  const obj = r.chance(0.1) ? Object.create(null) : {};
  for (let i = 0; i < n; i += 1) {
    const key = r.pick(['a', 'templates', 'accessKeySecret', '0', '10', '腾讯', '__proto__', 'k"e\\y']);
    Object.defineProperty(obj, key, { value: plainValue(r, depth + 1), enumerable: true, configurable: true, writable: true });
  }
  return obj;
};

test('plain data reaches wasm as exactly the text JSON.stringify makes of it (seeded)', () => {
  const seed = Number(process.env.BOUNDS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const r = prng(seed);
  for (let i = 0; i < 500; i += 1) {
    const value = plainValue(r);
    probe.validateConfig(value);
    // undefined both ways when the value alone is dropped (undefined, a function, a symbol).
    assert.equal(handed.at(-1), JSON.stringify(value), `BOUNDS_SEED=${seed}, case ${i}`);
  }
});

test('what is not plain data still reaches wasm as JSON.stringify would take it, or its plain copy', () => {
  class Point { constructor() { this.x = 1; } }
  const cases = [
    [{ when: new Date(0) }, '{"when":"1970-01-01T00:00:00.000Z"}'],
    [{ own: { toJSON: () => 'mine' } }, '{"own":"mine"}'],
    [{ big: 12345678901234567890n }, '{"big":"12345678901234567890"}'],
    [{ point: new Point() }, '{"point":{"x":1}}'],
    [{ list: Object.assign([1, 2], { toJSON: () => 'listed' }) }, '{"list":"listed"}'],
  ];
  for (const [value, text] of cases) {
    probe.validateConfig(value);
    assert.equal(handed.at(-1), text);
  }
});

const config = (overrides) => connectorConfig(ACCOUNT, api.url, overrides);
const nested = (levels) => {
  let value = { leaf: true };
  for (let i = 1; i < levels; i += 1) value = { value };
  return value;
};

test('a config nested 127 levels deep is read; 128 levels is refused (serde_json)', () => {
  // The config object is the first level.
  assert.equal(pkg.validateConfig(config({ note: nested(126) })).ok, true);
  const refused = pkg.validateConfig(config({ note: nested(127) }));
  assert.equal(refused.ok, false);
});

test('200 templates are accepted; 201 are refused', () => {
  const templates = (n) => Array.from({ length: n }, (_, i) => ({ usageType: i ? `Custom${i}` : 'Generic', templateCode: String(1000 + i) }));
  assert.equal(pkg.validateConfig(config({ templates: templates(200) })).ok, true);
  const refused = pkg.validateConfig(config({ templates: templates(201) }));
  assert.deepEqual(refused.issues?.map((i) => i.path), [['templates']]);
});

test('16 params are accepted and all sent; a 17th is refused', async () => {
  const params = (n) => ['{{code}}', ...Array.from({ length: n - 1 }, (_, i) => String(i + 2))];
  const sixteen = config({ templates: [{ usageType: 'Generic', templateCode: '1016', params: params(16) }] });
  assert.equal(pkg.validateConfig(sixteen).ok, true);
  api.reset();
  const connector = await pkg.default({ getConfig: async () => sixteen });
  await connector.sendMessage({ to: '8613012345678', type: 'SignIn', payload: { code: '123456' } });
  assert.deepEqual(api.accepted.map((m) => m.params.length), [16]);
  const refused = pkg.validateConfig(config({ templates: [{ usageType: 'Generic', templateCode: '1016', params: params(17) }] }));
  assert.deepEqual(refused.issues?.map((i) => i.path), [['templates', 0, 'params']]);
});
