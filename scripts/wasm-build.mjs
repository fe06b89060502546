// The one definition of how the .wasm is made: cargo (wasm32, release) → wasm-bindgen → wasm-opt.
// scripts/build.mjs builds the package with it, and the package ships it as source/wasm-build.mjs
// so source/rebuild.mjs repeats exactly these steps: an audit rebuilds what was published, not a
// paraphrase of it.
//
// Byte-identical output from any directory: every absolute path rustc could embed (panic
// locations in the data section) is remapped to a fixed name, the flags come only from here
// (an inherited RUSTFLAGS or CARGO_PROFILE_* would change the code), Cargo.lock is enforced,
// and wasm-opt drops the producers section (it names the compilers, not the code). Nothing in
// these steps reads the clock, so SOURCE_DATE_EPOCH has nothing to pin.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const CARGO_TARGET = 'wasm32-unknown-unknown';
export const CARGO_ARGS = ['build', '--release', '--locked', '--target', CARGO_TARGET, '--lib'];
// ESM glue that finds its .wasm through import.meta.url (no __dirname), so bundles and other
// runtimes load it too; it compiles and instantiates synchronously, once, at import.
export const BINDGEN_ARGS = ['--target', 'experimental-nodejs-module', '--out-name', 'connector', '--no-typescript'];
export const WASM_OPT_ARGS = [
  '-Oz', '--strip-debug', '--strip-producers',
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-reference-types', '--enable-multivalue', '--enable-mutable-globals',
];
/** What the package ships from `outDir`, relative to its `lib/wasm/`. */
export const OUTPUTS = ['connector.js', 'connector_bg.wasm'];

export const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

const cargoHome = () => resolve(process.env.CARGO_HOME ?? join(homedir(), '.cargo'));

/** Remaps read right to left in rustc (the last match wins), so the most specific comes last. */
export const remaps = ({ crateDir, targetDir, home = cargoHome() }) => [
  [home, '/cargo'],
  [crateDir, '/build/connector-tencent-sms-wasm'],
  [targetDir, '/build/target'],
];

/** The environment of every step: PATH and the like, but no inherited build settings. */
const buildEnv = ({ crateDir, targetDir }) => {
  const env = { ...process.env, PATH: `${join(cargoHome(), 'bin')}:${process.env.PATH}` };
  for (const key of Object.keys(env)) {
    if (/^(RUSTFLAGS|CARGO_ENCODED_RUSTFLAGS|CARGO_BUILD_|CARGO_PROFILE_|CARGO_TARGET_|CARGO_INCREMENTAL|RUSTC_WRAPPER|RUSTC_WORKSPACE_WRAPPER)/.test(key)) {
      delete env[key];
    }
  }
  env.CARGO_TARGET_DIR = resolve(targetDir);
  // The unit separator keeps paths with spaces whole, which RUSTFLAGS would split.
  env.CARGO_ENCODED_RUSTFLAGS = remaps({ crateDir: resolve(crateDir), targetDir: resolve(targetDir) })
    .map(([from, to]) => `--remap-path-prefix=${from}=${to}`)
    .join('\x1f');
  return env;
};

const output = (cmd, args, options) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options }).trim();
  } catch (error) {
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed (${error.code ?? `exit ${error.status}`}): is ${cmd} installed?`);
  }
};

/** The versions that decide the bytes; `wasmOpt` is binaryen's bin/wasm-opt (a Node script). */
export const toolVersions = ({ crateDir, targetDir, wasmOpt }) => {
  const env = buildEnv({ crateDir, targetDir });
  const rustc = output('rustc', ['-vV'], { cwd: crateDir, env });
  const field = (name) => rustc.match(new RegExp(`^${name}: (.*)$`, 'm'))?.[1];
  const binaryenPkg = JSON.parse(readFileSync(join(wasmOpt, '..', '..', 'package.json'), 'utf8'));
  return {
    rustc: field('release'),
    rustcCommitHash: field('commit-hash'),
    wasmBindgen: output('wasm-bindgen', ['--version'], { env }).split(' ')[1],
    binaryen: binaryenPkg.version,
  };
};

/** The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly. */
export const lockedBindgen = (crateDir) =>
  readFileSync(join(crateDir, 'Cargo.lock'), 'utf8').match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)?.[1];

/** Runs the three steps; leaves OUTPUTS in `outDir` and returns their sha256 by name. */
export const buildWasm = ({ crateDir, targetDir, outDir, wasmOpt, stdio = 'inherit' }) => {
  const env = buildEnv({ crateDir, targetDir });
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: crateDir, env, stdio: ['ignore', stdio, stdio] });
  run('cargo', CARGO_ARGS);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const built = join(resolve(targetDir), CARGO_TARGET, 'release', 'connector_tencent_sms_wasm.wasm');
  run('wasm-bindgen', [...BINDGEN_ARGS, '--out-dir', outDir, built]);
  // wasm-bindgen also writes a package.json ({"type":"module"}); the package root already says so.
  rmSync(join(outDir, 'package.json'), { force: true });
  const wasmFile = join(outDir, 'connector_bg.wasm');
  run(process.execPath, [wasmOpt, ...WASM_OPT_ARGS, wasmFile, '-o', wasmFile]);
  return Object.fromEntries(OUTPUTS.map((name) => [name, sha256(join(outDir, name))]));
};

/** What BUILD.json records about how the module was made (no absolute paths). */
export const recipe = (versions) => ({
  toolchain: versions,
  cargo: { args: CARGO_ARGS, rustflags: remaps({ home: '<CARGO_HOME>', crateDir: '<source>', targetDir: '<CARGO_TARGET_DIR>' }).map(([from, to]) => `--remap-path-prefix=${from}=${to}`) },
  wasmBindgen: { args: BINDGEN_ARGS },
  wasmOpt: { args: WASM_OPT_ARGS },
});
