// Rebuilds this package's lib/wasm/ from source/ and compares sha256 with what it ships.
// Run it from an unpacked package (the repository's copy is the one build.mjs ships):
//
//   node package/source/rebuild.mjs
//
// It needs the toolchain source/BUILD.json records, and checks it before building: rustc with
// the wasm32-unknown-unknown target, wasm-bindgen-cli, and binaryen from npm (found from the
// current folder, e.g. after `npm install --no-save binaryen@<version>`, or beside this
// package). CARGO_TARGET_DIR chooses where cargo builds (default source/target).
// Exit 0: identical; 1: different; 2: wrong or missing toolchain.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CARGO_TARGET, buildWasm, lockedBindgen, sha256, toolVersions } from './wasm-build.mjs';

const crateDir = dirname(fileURLToPath(import.meta.url));
const pkgDir = dirname(crateDir);
const recordFile = join(crateDir, 'BUILD.json');
if (!existsSync(recordFile)) {
  console.error('rebuild: no BUILD.json beside this script; run it from an unpacked package, not the repository');
  process.exit(2);
}
const record = JSON.parse(readFileSync(recordFile, 'utf8'));
const want = record.toolchain;
const targetDir = process.env.CARGO_TARGET_DIR || join(crateDir, 'target');

console.log(`rebuild: ${record.package}, expecting rustc ${want.rustc} (${want.rustcCommitHash}) with ` +
  `${CARGO_TARGET}, wasm-bindgen-cli ${want.wasmBindgen}, binaryen ${want.binaryen} (npm)`);

const findBinaryen = () => {
  for (const from of [join(process.cwd(), 'noop.js'), import.meta.url]) {
    try {
      return dirname(createRequire(from).resolve('binaryen/package.json'));
    } catch {}
  }
  return undefined;
};

const problems = [];
const binaryen = findBinaryen();
let have = {};
try {
  if (!binaryen) throw new Error(`binaryen not found: npm install --no-save binaryen@${want.binaryen}`);
  have = toolVersions({ crateDir, targetDir, wasmOpt: join(binaryen, 'bin', 'wasm-opt') });
} catch (error) {
  problems.push(String(error.message).split('\n')[0]);
}
const sysroot = (() => {
  try {
    return execFileSync('rustc', ['--print', 'sysroot'], { cwd: crateDir, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();
if (sysroot && !existsSync(join(sysroot, 'lib', 'rustlib', CARGO_TARGET))) {
  problems.push(`rustc has no ${CARGO_TARGET} target: rustup target add ${CARGO_TARGET}`);
}
const checks = [
  ['rustc', have.rustc, want.rustc, `rustup toolchain install ${want.rustc} --target ${CARGO_TARGET}, then RUSTUP_TOOLCHAIN=${want.rustc}`],
  ['rustc commit', have.rustcCommitHash, want.rustcCommitHash, 'the official rustup build of that release'],
  ['wasm-bindgen-cli', have.wasmBindgen, want.wasmBindgen, `cargo install wasm-bindgen-cli --version ${want.wasmBindgen} --locked`],
  ['binaryen', have.binaryen, want.binaryen, `npm install --no-save binaryen@${want.binaryen}`],
];
for (const [tool, found, expected, fix] of checks) {
  if (have.rustc !== undefined && found !== expected) problems.push(`${tool}: found ${found}, need ${expected} (${fix})`);
}
if (want.wasmBindgen !== lockedBindgen(crateDir)) problems.push('BUILD.json and source/Cargo.lock disagree on wasm-bindgen');
if (problems.length) {
  for (const p of problems) console.error(`rebuild: ${p}`);
  console.error('rebuild: toolchain differs from the one recorded; not building');
  process.exit(2);
}

const outDir = mkdtempSync(join(tmpdir(), 'connector-rebuild-'));
let same = true;
try {
  const rebuilt = buildWasm({ crateDir, targetDir, outDir, wasmOpt: join(binaryen, 'bin', 'wasm-opt'), stdio: 'inherit' });
  for (const [file, recorded] of Object.entries(record.files)) {
    const shipped = sha256(join(pkgDir, file));
    const fresh = rebuilt[basename(file)];
    const ok = shipped === fresh && shipped === recorded;
    same &&= ok;
    console.log(`${file}\n  shipped  ${shipped}\n  rebuilt  ${fresh}\n  recorded ${recorded} (BUILD.json)\n  ${ok ? 'identical' : 'DIFFERENT'}`);
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
console.log(same ? 'rebuild: identical' : 'rebuild: DIFFERENT');
process.exit(same ? 0 : 1);
