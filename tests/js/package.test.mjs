// The built package (pkg/ and its tarball) as a user gets it: contents, package.json, named exports.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import semver from 'semver';

import { repoRoot } from '../../tools/logto-instance.mjs';
import { pkgDir } from '../../tools/package-under-test.mjs';

const pkgJson = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const { signTc3, validateConfig, configGuard, prepareSend } = await import(
  pathToFileURL(join(pkgDir, 'lib', 'index.js')).href
);
const vectors = JSON.parse(readFileSync(join(repoRoot, 'tests', 'vectors', 'tc3.json'), 'utf8')).vectors;

const filesUnder = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [relative(pkgDir, full)];
  });

test('npm pack leaves nothing out of the package folder', () => {
  const [{ files }] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', pkgDir], { encoding: 'utf8' }));
  const packed = files.map((f) => f.path).sort();
  assert.deepEqual(packed, filesUnder(pkgDir).sort());
  const needed = ['lib/index.js', 'lib/wasm/connector.js', 'lib/wasm/connector_bg.wasm', 'README.md', 'README.zh-CN.md',
    'docs/reference.md', 'docs/errors.md', 'docs/differences.md', 'docs/security.md', 'docs/verify.md', 'docs/Dockerfile',
    'logo.svg', 'index.d.ts', 'LICENSE', 'source/BUILD.json', 'source/rebuild.mjs', 'source/wasm-build.mjs', 'source/Cargo.toml', 'source/Cargo.lock', 'source/src/lib.rs'];
  for (const file of needed) assert.ok(packed.includes(file), file);
});

test('LICENSE is the full MPL-2.0 text, the repository\'s own', () => {
  const text = readFileSync(join(pkgDir, 'LICENSE'), 'utf8');
  assert.equal(text, readFileSync(join(repoRoot, 'LICENSE'), 'utf8'));
  assert.match(text, /^Mozilla Public License Version 2\.0\n/);
  for (const part of ['1. Definitions', '3. Responsibilities', '8. Litigation', '10.4. Distributing Source Code Form that is Incompatible With Secondary', 'Exhibit A - Source Code Form License Notice', 'Exhibit B - "Incompatible With Secondary Licenses" Notice']) {
    assert.ok(text.includes(part), part);
  }
  assert.equal(pkgJson.license, 'MPL-2.0');
});

test('source/BUILD.json and docs/verify.md name the sha256 of what the package ships', () => {
  const record = JSON.parse(readFileSync(join(pkgDir, 'source', 'BUILD.json'), 'utf8'));
  const sha256 = (file) => createHash('sha256').update(readFileSync(join(pkgDir, file))).digest('hex');
  assert.deepEqual(Object.keys(record.files).sort(), ['lib/wasm/connector.js', 'lib/wasm/connector_bg.wasm']);
  for (const [file, hash] of Object.entries(record.files)) assert.equal(hash, sha256(file), file);
  assert.equal(record.package, `${pkgJson.name}@${pkgJson.version}`);
  for (const key of ['rustc', 'rustcCommitHash', 'wasmBindgen', 'binaryen']) assert.match(record.toolchain[key], /^[0-9a-f.]+$/, key);
  const section = readFileSync(join(pkgDir, 'docs', 'verify.md'), 'utf8');
  assert.match(section, /^# Verify the module\n/);
  assert.ok(section.includes(`has sha256 \`${sha256('lib/wasm/connector_bg.wasm')}\``));
  assert.ok(section.includes(`binaryen@${record.toolchain.binaryen}`));
  assert.doesNotMatch(section, /\{\{\w+\}\}/);
});

test('package.json: ESM, the right name and version, host-provided deps, no install scripts', () => {
  assert.equal(pkgJson.name, 'connector-tencent-sms-wasm');
  assert.equal(pkgJson.version, '0.1.0');
  assert.equal(pkgJson.type, 'module');
  // Importing it only defines functions (the module compiles once, for whoever uses them), so
  // bundlers may drop it when unused; `module` would only repeat `exports` for old bundlers.
  assert.equal(pkgJson.sideEffects, false);
  assert.equal(pkgJson.module, undefined);
  // Logto's own Node (22.14+) and Node 20, where kit 4's missing error codes fall back to general.
  for (const node of ['20.0.0', '22.14.0', '24.0.0']) assert.ok(semver.satisfies(node, pkgJson.engines.node), node);
  assert.equal(pkgJson.scripts, undefined);
  assert.deepEqual(Object.keys(pkgJson.dependencies).sort(), ['@logto/connector-kit', 'zod']);
  const kitRange = pkgJson.dependencies['@logto/connector-kit'];
  for (const version of ['5.1.0', '5.1.1']) assert.ok(semver.satisfies(version, kitRange), version);
  assert.ok(semver.satisfies('3.24.3', pkgJson.dependencies.zod));
});

test('signTc3 reproduces every shared vector, payload as string and as bytes', () => {
  assert.equal(vectors.length, 10);
  for (const { name, input, expect } of vectors) {
    for (const payload of [input.payload, new TextEncoder().encode(input.payload)]) {
      const got = signTc3({ ...input, payload });
      assert.deepEqual(
        got,
        {
          authorization: expect.authorization,
          signature: expect.signature,
          date: expect.date,
          canonicalRequest: expect.canonicalRequest,
          stringToSign: expect.stringToSign,
        },
        name,
      );
    }
  }
});

test('signTc3 defaults the content type and refuses bad options without echoing the key', () => {
  const v1 = vectors.find((v) => v.name === 'V1');
  const { contentType, ...rest } = v1.input;
  assert.equal(contentType, 'application/json; charset=utf-8');
  assert.equal(signTc3(rest).signature, v1.expect.signature);
  for (const bad of [{ ...rest, timestamp: -1 }, { ...rest, payload: 5 }, { ...rest, host: '' }, { ...rest, timestamp: 1.5 }, null]) {
    assert.throws(() => signTc3(bad), (e) => e instanceof TypeError && !e.message.includes(rest.secretKey));
  }
});

test('validateConfig never throws and returns normalised config or issues', () => {
  const good = {
    accessKeyId: ' AKID ', accessKeySecret: 'k', signName: 'Logto', sdkAppId: '1400000000',
    region: 'ap-guangzhou', templates: [{ usageType: 'Generic', templateCode: '1' }],
  };
  assert.deepEqual(validateConfig(good), {
    ok: true,
    config: { ...good, accessKeyId: 'AKID', timeoutMs: 10000 },
  });
  for (const bad of [undefined, null, 1, 'x', [], {}, { ...good, templates: {} }]) {
    const result = validateConfig(bad);
    assert.equal(result.ok, false);
    assert.ok(result.issues.length > 0);
  }
  assert.equal(configGuard.safeParse(good).success, true);
});

test('prepareSend throws the ConnectorError sendMessage would, before any request', () => {
  assert.throws(
    () => prepareSend({}, { to: '1', type: 'SignIn', payload: { code: '1' } }),
    (e) => e.code === 'invalid_config',
  );
});

test('index.d.ts declares every named export of lib/index.js, and nothing else', async () => {
  const declared = new Set([...readFileSync(join(pkgDir, 'index.d.ts'), 'utf8').matchAll(/^export declare (?:const|function) (\w+)/gm)].map(([, n]) => n));
  const exported = Object.keys(await import(pathToFileURL(join(pkgDir, 'lib', 'index.js')).href)).filter((k) => k !== 'default');
  assert.deepEqual([...declared].sort(), exported.sort());
});
