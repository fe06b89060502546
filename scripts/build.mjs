// Builds the npm package folder `pkg/` and its tarball in `dist/`:
// cargo (wasm32, release) → wasm-bindgen (ESM glue) → wasm-opt (binaryen from
// npm; Debian's binaryen 108 produces modules that fail to load) → shim + package template.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const wasmDir = join(pkg, 'lib', 'wasm');
const env = { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });

run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib']);
rmSync(pkg, { recursive: true, force: true });
mkdirSync(wasmDir, { recursive: true });
run('wasm-bindgen', [
  '--target', 'experimental-nodejs-module', '--out-dir', wasmDir, '--out-name', 'connector', '--no-typescript',
  join(root, 'target', 'wasm32-unknown-unknown', 'release', 'connector_tencent_sms_wasm.wasm'),
]);
const wasmFile = join(wasmDir, 'connector_bg.wasm');
run(process.execPath, [
  join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt'),
  '-Oz', '--strip-debug', '--strip-producers',
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-reference-types', '--enable-multivalue', '--enable-mutable-globals',
  wasmFile, '-o', wasmFile,
]);
// ESM glue that finds the .wasm through import.meta.url rather than __dirname, so bundles and
// other runtimes load it; the package root already says "type": "module".
rmSync(join(wasmDir, 'package.json'));
cpSync(join(root, 'js'), join(pkg, 'lib'), { recursive: true });
for (const entry of readdirSync(join(root, 'pkg-template'))) {
  cpSync(join(root, 'pkg-template', entry), join(pkg, entry), { recursive: true });
}
cpSync(join(root, 'LICENSE'), join(pkg, 'LICENSE'));
mkdirSync(join(root, 'dist'), { recursive: true });
const packed = execFileSync('npm', ['pack', pkg, '--pack-destination', join(root, 'dist'), '--json'], {
  cwd: root, env, encoding: 'utf8',
});
const [{ filename, size, unpackedSize, entryCount }] = JSON.parse(packed);
console.log(`[build] dist/${filename}: ${entryCount} files, ${size} bytes packed, ${unpackedSize} unpacked`);
