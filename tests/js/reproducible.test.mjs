// The package rebuilds its own module byte for byte, as docs/verify.md tells an auditor to, from
// the published tarball: the package and binaryen are published to a throw-away registry
// (tools/registry.mjs), and docs/verify.md's commands run as written in the system temp folder
// (another path than this repository's, with a space in it): `npm pack` by name and version,
// `cargo install` (a no-op where the locked version is installed), `npm install binaryen`, then
// `node package/source/rebuild.mjs` with its own CARGO_TARGET_DIR, so every crate compiles
// afresh at another path, and must report the shipped sha256. The `rustup toolchain install`
// line is checked, not run: it would reinstall the toolchain other builds on this machine use.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { packageTarball, pkgDir } from '../../tools/package-under-test.mjs';
import { run, startRegistry } from '../../tools/registry.mjs';

let dir;
let pkg;
let registry;
let toolchain;
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
// A cold rebuild took 77 s on a 2-core machine; spawnSync blocks the event loop, so no test
// timeout can fire during it, and a hung build is killed by its own limit instead.
const COLD_REBUILD_MS = 300_000;
const rebuild = (limitMs = 60_000) => {
  const run = spawnSync(process.execPath, [join(pkg, 'source', 'rebuild.mjs')], {
    cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20, timeout: limitMs, killSignal: 'SIGKILL',
    env: { ...process.env, CARGO_TARGET_DIR: join(dir, 'target'), RUSTUP_TOOLCHAIN: toolchain },
  });
  const killed = run.signal ? `\nkilled after ${limitMs / 1000} s (${run.signal})` : '';
  return { ...run, output: run.stdout + run.stderr + killed };
};
const reported = (stdout, label) => stdout.match(new RegExp(`connector_bg\\.wasm\\n(?:.*\\n)*?\\s+${label}\\s+([0-9a-f]{64})`))?.[1];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebuild audit-'));
  registry = await startRegistry();
  const published = await registry.npm(['publish', packageTarball()], { cwd: dir });
  assert.equal(published.code, 0, published.stderr);
  await registry.publishInstalled(['binaryen'], { alone: true });
  const verify = readFileSync(join(pkgDir, 'docs', 'verify.md'), 'utf8');
  const lines = /```sh\n([\s\S]*?)```/.exec(verify)[1].split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
  assert.equal(lines.at(-1), 'node package/source/rebuild.mjs', 'the last step is the rebuild the tests below run');
  for (const line of lines.slice(0, -1)) {
    const rustup = /^rustup toolchain install (\S+) --target wasm32-unknown-unknown && export RUSTUP_TOOLCHAIN=\1$/.exec(line);
    if (rustup) {
      [, toolchain] = rustup;
      const targets = await run('rustup', ['target', 'list', '--installed', '--toolchain', toolchain]);
      assert.match(targets.stdout, /^wasm32-unknown-unknown$/m, `${line}: ${toolchain} with wasm32 is not installed\n${targets.stderr}`);
      continue;
    }
    const { code, stdout, stderr } = await run('sh', ['-c', line], { cwd: dir, env: registry.env });
    assert.equal(code, 0, `${line}\n${stdout}${stderr}`);
  }
  assert.ok(toolchain, 'verify.md names the toolchain');
  pkg = join(dir, 'package');
  const fetched = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))));
  assert.ok(fetched.equals(readFileSync(packageTarball())), 'the registry served the tarball the build made');
});
after(async () => {
  await registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a toolchain other than the recorded one is refused before anything is built', () => {
  const recordFile = join(pkg, 'source', 'BUILD.json');
  const original = readFileSync(recordFile, 'utf8');
  const record = JSON.parse(original);
  writeFileSync(recordFile, JSON.stringify({ ...record, toolchain: { ...record.toolchain, rustc: '1.0.0', binaryen: '1.0.0' } }));
  try {
    const run = rebuild();
    assert.equal(run.status, 2, run.output);
    assert.match(run.stderr, new RegExp(`rustc: found ${record.toolchain.rustc.replaceAll('.', '\\.')}, need 1\\.0\\.0`));
    assert.match(run.stderr, /binaryen: found .*, need 1\.0\.0 \(npm install --no-save binaryen@1\.0\.0\)/);
    assert.equal(existsSync(join(dir, 'target')), false, 'cargo ran anyway');
  } finally {
    writeFileSync(recordFile, original);
  }
});

test('the unpacked package rebuilds its shipped module byte for byte, in another folder', { timeout: COLD_REBUILD_MS + 30_000 }, (t) => {
  const started = Date.now();
  const run = rebuild(COLD_REBUILD_MS);
  t.diagnostic(`cold rebuild took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.equal(run.status, 0, run.output.slice(-4000));
  const shipped = sha256(join(pkg, 'lib', 'wasm', 'connector_bg.wasm'));
  assert.equal(shipped, sha256(join(pkgDir, 'lib', 'wasm', 'connector_bg.wasm')));
  assert.equal(reported(run.stdout, 'shipped'), shipped);
  assert.equal(reported(run.stdout, 'rebuilt'), shipped);
  assert.match(run.stdout, /rebuild: identical\n/);
  assert.match(readFileSync(join(pkg, 'docs', 'verify.md'), 'utf8'), new RegExp(`has sha256 \`${shipped}\``));
});

test('a shipped module that is not what its source builds is reported', { timeout: 150_000 }, () => {
  const wasm = join(pkg, 'lib', 'wasm', 'connector_bg.wasm');
  const bytes = readFileSync(wasm);
  bytes[bytes.length - 1] ^= 1;
  writeFileSync(wasm, bytes);
  const run = rebuild(120_000); // the target folder is warm from the test before
  assert.equal(run.status, 1, run.output.slice(-4000));
  assert.equal(reported(run.stdout, 'shipped'), sha256(wasm));
  assert.notEqual(reported(run.stdout, 'rebuilt'), sha256(wasm));
  assert.match(run.stdout, /rebuild: DIFFERENT\n/);
});
