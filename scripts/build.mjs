// Builds the npm package folder `pkg/` and its tarball in `dist/`: the module (the steps live in
// wasm-build.mjs, shared with the package's own rebuild), the shim, the package template, the
// license, and source/ (what rebuilding the module needs, and its recorded recipe and sha256).
// wasm-opt is binaryen from npm: Debian's binaryen 108 produces modules that fail to load.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { OUTPUTS, buildWasm, lockedBindgen, recipe, toolVersions } from './wasm-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const source = join(pkg, 'source');
const build = { crateDir: root, targetDir: join(root, 'target'), wasmOpt: join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt') };

const versions = toolVersions(build);
if (versions.wasmBindgen !== lockedBindgen(root)) {
  throw new Error(`wasm-bindgen ${versions.wasmBindgen} is not Cargo.lock's ${lockedBindgen(root)}: run npm run setup`);
}
rmSync(pkg, { recursive: true, force: true });
console.log('[build] compiling the crate to wasm32 (release), then wasm-bindgen and wasm-opt: about a minute the first time, seconds after');
const hashes = buildWasm({ ...build, outDir: join(pkg, 'lib', 'wasm') });

cpSync(join(root, 'js'), join(pkg, 'lib'), { recursive: true });
for (const entry of readdirSync(join(root, 'pkg-template'))) {
  cpSync(join(root, 'pkg-template', entry), join(pkg, entry), { recursive: true });
}
cpSync(join(root, 'LICENSE'), join(pkg, 'LICENSE'));
for (const entry of ['Cargo.toml', 'Cargo.lock', 'rustfmt.toml', 'src']) {
  cpSync(join(root, entry), join(source, entry), { recursive: true });
}
for (const script of ['wasm-build.mjs', 'rebuild.mjs']) cpSync(join(root, 'scripts', script), join(source, script));

const { name, version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
const files = Object.fromEntries(OUTPUTS.map((file) => [`lib/wasm/${file}`, hashes[file]]));
writeFileSync(join(source, 'BUILD.json'), `${JSON.stringify({ package: `${name}@${version}`, files, ...recipe(versions) }, null, 2)}\n`);
// The docs name this build's module hash and toolchain (docs/verify.md), so the page a user reads
// says what to expect. Only these markers: the docs also show template placeholders such as {{code}}.
const marks = { wasmSha256: hashes['connector_bg.wasm'], ...versions };
const docs = readdirSync(join(pkg, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f));
for (const file of ['README.md', 'README.zh-CN.md', ...docs]) {
  const path = join(pkg, file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/\{\{(\w+)\}\}/g, (m, key) => marks[key] ?? m));
}

mkdirSync(join(root, 'dist'), { recursive: true });
const packed = execFileSync('npm', ['pack', pkg, '--pack-destination', join(root, 'dist'), '--json'], {
  cwd: root, encoding: 'utf8',
});
const [{ filename, size, unpackedSize, entryCount }] = JSON.parse(packed);
console.log(`[build] lib/wasm/connector_bg.wasm sha256 ${hashes['connector_bg.wasm']}`);
console.log(`[build] dist/${filename}: ${entryCount} files, ${size} bytes packed, ${unpackedSize} unpacked`);
