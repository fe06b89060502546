// The package as an operator gets it: published to a real registry server (Verdaccio on
// loopback, throw-away storage, tools/registry.mjs) and installed every way the guide says, by
// name, with the registry set only for these commands: `logto connector add` into a Logto-like
// folder (then Logto's loader loads it), `npx connector-tencent-sms-wasm check` and `send`, the
// Dockerfile's `npm pack` step and the guide's Docker commands. The registry holds only the
// package, its dependencies and the official connector, so nothing can come from elsewhere.
// (docs/verify.md runs from the published tarball in reproducible.test.mjs.)
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { createLogtoInstance, officialTarball, repoRoot } from '../../tools/logto-instance.mjs';
import { packageTarball, pkgDir } from '../../tools/package-under-test.mjs';
import { run, startRegistry } from '../../tools/registry.mjs';

const NAME = 'connector-tencent-sms-wasm';
const guide = readFileSync(join(repoRoot, 'pkg-template', 'README.md'), 'utf8');
/** The guide's fenced blocks with the marker comment above each (as guide.test.mjs reads them). */
const blocks = [...guide.matchAll(/(?:<!-- ([^>]*?) -->\n)?```(\w*)\n([\s\S]*?)\n```\n/g)].map(([, marker = '', , body]) => ({ marker, body }));
const commands = (body) => body.replace(/(^|\s+)#(?!!).*$/gm, '').split('\n').map((l) => l.trim().split(/\s+/)).filter((w) => w[0]);
const logtoCli = join(repoRoot, 'node_modules', '@logto', 'cli', 'bin', 'logto.js');
/** Every file under `dir`, relative to it. */
const filesUnder = (dir, base = dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), base) : [join(dir, e.name).slice(base.length + 1)])).sort();
/** What the package folder holds at run time (lib/), installed as it was built. */
const assertWholeRuntime = (installed) => assert.deepEqual(filesUnder(join(installed, 'lib')), filesUnder(join(pkgDir, 'lib')));
const sha512 = (file) => createHash('sha512').update(readFileSync(file)).digest('base64');

let registry;
let work;
let version;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'registry-test-'));
  registry = await startRegistry();
  ({ version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')));
  const { dependencies } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  await registry.publishInstalled(Object.keys(dependencies));
  // The rollback adds the official connector by name; `connector add` only packs it.
  await registry.publishInstalled(['@logto/connector-tencent-sms'], { alone: true });
});
after(async () => {
  await registry?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('npm publish --dry-run prints no warning', async () => {
  const { code, stderr } = await registry.npm(['publish', '--dry-run', pkgDir], { cwd: work });
  assert.equal(code, 0, stderr);
  assert.deepEqual(stderr.split('\n').filter((l) => /^npm (warn|error)/i.test(l)), []);
  assert.match(stderr, new RegExp(`${NAME}@${version.replaceAll('.', '\\.')}`));
});

test('the package publishes, and the registry serves it by name, bin and keywords', async () => {
  const published = await registry.npm(['publish', packageTarball()], { cwd: work });
  assert.equal(published.code, 0, published.stderr);
  const view = await registry.npm(['view', NAME, '--json'], { cwd: work });
  assert.equal(view.code, 0, view.stderr);
  const manifest = JSON.parse(view.stdout);
  assert.equal(manifest.name, NAME);
  assert.equal(manifest.version, version);
  assert.deepEqual(manifest.bin, { [NAME]: 'lib/cli.js' });
  for (const keyword of ['logto', 'logto-connector', 'tencent', 'sms']) assert.ok(manifest.keywords.includes(keyword), keyword);
  assert.equal(manifest.dist.integrity, `sha512-${sha512(packageTarball())}`, 'the registry serves the tarball the build made');
  const found = await registry.npm(['search', 'tencent', 'sms', '--json'], { cwd: work });
  assert.ok(JSON.parse(found.stdout).some((p) => p.name === NAME && p.keywords.includes('logto-connector')), found.stdout);
});

test('publishing the same version again fails, and says so', async () => {
  const again = await registry.npm(['publish', packageTarball()], { cwd: work });
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, new RegExp(`npm error You cannot publish over the previously published versions: ${version.replaceAll('.', '\\.')}\\.`));
});

test("the guide's install and rollback commands, by name, work against the registry; Logto's loader loads ours", async () => {
  const { getConnectorPackagesFromDirectory } = await import(pathToFileURL(join(repoRoot, 'node_modules', '@logto', 'cli', 'lib', 'utils.js')).href);
  // As `logto connector add @logto/connector-tencent-sms` leaves a Logto folder.
  const folder = createLogtoInstance({ tarball: null, extraPackages: [['@logto-connector-tencent-sms', officialTarball(work)]] });
  try {
    const installed = async () => (await getConnectorPackagesFromDirectory(folder.connectors)).map((p) => p.name);
    let ran = 0;
    for (const { marker, body } of blocks.filter((b) => b.marker.startsWith('guide-logto: '))) {
      const lines = commands(body).filter((w) => w[0] !== 'cd');
      // The tarball block is the guide test's; here only what names the registry's packages.
      if (lines.some((w) => w.some((x) => x.endsWith('.tgz')))) continue;
      for (const words of lines) {
        assert.deepEqual(words.slice(0, 3), ['npx', '@logto/cli', 'connector'], words.join(' '));
        const { code, stdout, stderr } = await run(process.execPath, [logtoCli, ...words.slice(2)], { cwd: folder.root, env: registry.env });
        assert.equal(code, 0, `${words.join(' ')}\n${stdout}${stderr}`);
        if (words[3] === 'add') assert.match(stdout + stderr, /Added /, `${words.join(' ')}\n${stdout}${stderr}`);
      }
      const want = marker.slice('guide-logto: '.length);
      assert.deepEqual(await installed(), [want], body);
      if (want === NAME) {
        assert.equal(JSON.parse(readFileSync(join(folder.connectorPath, 'package.json'), 'utf8')).version, version);
        assertWholeRuntime(folder.connectorPath);
        const factories = await folder.loadFactories();
        const ours = factories.filter((f) => f.metadata.id === 'tencent-short-message-service');
        assert.deepEqual(ours.map((f) => f.path), [folder.connectorPath]);
        assert.equal(typeof ours[0].createConnector, 'function');
      }
      ran += 1;
    }
    assert.equal(ran, 2, 'the install and the rollback block');
  } finally {
    folder.remove();
  }
});

test("npx runs the published package's check and send, as the guide writes them", async (t) => {
  const [{ body: configText }] = blocks.filter((b) => b.marker === 'guide-config');
  const config = JSON.parse(configText);
  const api = await startTencentApi({
    accounts: [{ secretId: config.accessKeyId, secretKey: config.accessKeySecret, sdkAppIds: [config.sdkAppId] }],
    signNames: [config.signName],
    templates: Object.fromEntries(config.templates.map((e) => [e.templateCode, '您的验证码为：{1}，5分钟内有效。'])),
  });
  t.after(() => api.close());
  const dir = mkdtempSync(join(work, 'npx-'));
  writeFileSync(join(dir, 'config.json'), configText);
  const [{ body }] = blocks.filter((b) => b.marker === 'guide-run');
  let ran = 0;
  for (const words of commands(body)) {
    assert.deepEqual(words.slice(0, 2), ['npx', NAME]);
    // A send goes to the local Tencent API, never to Tencent.
    const args = words[2] === 'send' ? [...words.slice(1), '--endpoint', api.url] : words.slice(1);
    const { code, stdout, stderr } = await run('npx', args, { cwd: dir, env: registry.env });
    assert.equal(code, 0, `${words.join(' ')}\n${stdout}${stderr}`);
    if (words[2] === 'check') assert.match(stdout, /^0 warnings: every message type can be sent with this config\.\n$/);
    else assert.match(stdout, /^Sent SignIn code to \+86\*{7}5678 with template 1234570: RequestId /);
    ran += 1;
  }
  assert.equal(ran, 2);
  assert.equal(api.accepted.length, 1);
});

test("the guide's Docker commands and the Dockerfile's RUN fetch the published package by name", async () => {
  const [{ body }] = blocks.filter((b) => b.marker === 'guide-docker');
  const dir = mkdtempSync(join(work, 'docker-'));
  for (const words of commands(body)) {
    if (words[0] === 'docker') continue;
    const { code, stderr } = await run('sh', ['-c', words.join(' ')], { cwd: dir, env: registry.env });
    assert.equal(code, 0, `${words.join(' ')}\n${stderr}`);
  }
  const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
  assert.equal(dockerfile, readFileSync(join(pkgDir, 'docs', 'Dockerfile'), 'utf8'));
  // The RUN as Docker would run it, in /etc/logto's layout, CONNECTOR left at its default.
  const instructions = dockerfile.replace(/\\\n/g, ' ').split('\n').filter((l) => /^\w/.test(l)).map((l) => /^(\w+)\s+(.*)$/.exec(l).slice(1));
  const args = Object.fromEntries(instructions.filter(([k]) => k === 'ARG').map(([, a]) => a.split('=')));
  assert.equal(args.CONNECTOR, NAME);
  const folder = createLogtoInstance({ tarball: null });
  try {
    for (const [, command] of instructions.filter(([k]) => k === 'RUN')) {
      const { code, stderr } = await run('sh', ['-c', command], { cwd: folder.root, env: { ...registry.env, ...args } });
      assert.equal(code, 0, `${command}\n${stderr}`);
    }
    assert.deepEqual(readdirSync(folder.connectors), [NAME]);
    assert.equal(JSON.parse(readFileSync(join(folder.connectorPath, 'package.json'), 'utf8')).version, version);
    assertWholeRuntime(folder.connectorPath);
  } finally {
    folder.remove();
  }
});
