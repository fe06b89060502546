// The shipped docs/Dockerfile, minus Docker: its RUN commands run as written (sh, with its ARGs as
// environment) in a folder laid out like Logto's image, where the official connector is the
// `@logto-connector-tencent-sms` symlink that `pnpm cli connector link` makes. CONNECTOR names
// this build's tarball instead of the registry. Logto's loader must then find ours and only ours.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';

import { createLogtoInstance, officialTarball, repoRoot, tarballPath } from '../../tools/logto-instance.mjs';
import { pkgDir } from '../../tools/package-under-test.mjs';

const dockerfile = readFileSync(join(repoRoot, 'pkg-template', 'docs', 'Dockerfile'), 'utf8');
/** Instructions as [keyword, argument], continuation lines joined as Docker joins them. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => /^(\w+)\s+(.*)$/.exec(line).slice(1));
const args = Object.fromEntries(instructions.filter(([k]) => k === 'ARG').map(([, a]) => a.split('=')));

// got and @silverhand/essentials are Logto's, so the official connector loads here too: a
// Dockerfile that left it in place would give Logto two packages with one id.
const instance = createLogtoInstance({ tarball: null, hostPackages: ['got', '@silverhand/essentials'] });
after(() => instance.remove());

test('the Dockerfile extends the Logto image the tests run against, in its /etc/logto', () => {
  const from = instructions.filter(([k]) => k === 'FROM').map(([, a]) => a);
  assert.deepEqual(from, ['svhd/logto:${LOGTO_VERSION}']);
  const { devDependencies } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  assert.equal(args.LOGTO_VERSION, devDependencies['@logto/cli']);
  assert.equal(args.CONNECTOR, 'connector-tencent-sms-wasm');
  assert.deepEqual(instructions.filter(([k]) => k === 'WORKDIR').map(([, a]) => a), ['/etc/logto']);
});

test("its RUN commands swap the official connector for ours, and Logto's loader agrees", async () => {
  const { getConnectorPackagesFromDirectory } = await import(pathToFileURL(join(repoRoot, 'node_modules', '@logto', 'cli', 'lib', 'utils.js')).href);
  // The image's layout: the official package in packages/connectors, linked into core's folder.
  const linked = join(instance.root, 'packages', 'connectors', 'connector-tencent-sms');
  mkdirSync(linked, { recursive: true });
  execFileSync('tar', ['-xzf', officialTarball(instance.root), '-C', linked, '--strip-components=1']);
  // pnpm gives each workspace package its own node_modules; here it is core's, with got in it.
  symlinkSync(join(instance.core, 'node_modules'), join(linked, 'node_modules'));
  const officialLink = join(instance.connectors, '@logto-connector-tencent-sms');
  symlinkSync(linked, officialLink);
  const names = async () => (await getConnectorPackagesFromDirectory(instance.connectors)).map((p) => p.name);
  assert.deepEqual(await names(), ['@logto/connector-tencent-sms']);
  assert.equal(typeof (await import(pathToFileURL(join(officialLink, 'lib', 'index.js')).href)).default, 'function');

  const runs = instructions.filter(([k]) => k === 'RUN').map(([, a]) => a);
  assert.ok(runs.length >= 1);
  const env = { ...process.env, ...args, CONNECTOR: tarballPath(), npm_config_offline: 'true', npm_config_update_notifier: 'false' };
  for (const command of runs) {
    await new Promise((resolve, reject) => {
      execFile('sh', ['-c', command], { cwd: instance.root, env }, (error, stdout, stderr) =>
        (error ? reject(new Error(`${command}\n${stdout}${stderr}`)) : resolve()));
    });
  }
  assert.ok(!existsSync(officialLink), 'the official connector is still linked');
  assert.deepEqual(await names(), ['connector-tencent-sms-wasm']);

  const skipped = [];
  const originalError = console.error;
  console.error = (...line) => skipped.push(line.join(' '));
  let factories;
  try {
    factories = await instance.loadFactories();
  } finally {
    console.error = originalError;
  }
  assert.deepEqual(skipped, []);
  const ours = factories.filter((f) => f.metadata.id === 'tencent-short-message-service');
  assert.deepEqual(ours.map((f) => f.path), [instance.connectorPath]);
  // The guide the console shows is the English README.md that ships.
  assert.equal(ours[0].metadata.readme, readFileSync(join(pkgDir, 'README.md'), 'utf8'));
});
