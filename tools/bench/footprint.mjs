// Row 4: cold start (fresh `node -e` processes: import + createConnector) and sizes (our
// .wasm raw and gzip -9, the npm tarballs, and the install footprint of each connector's
// runtime dependencies that the other does not also need).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { median, OFFICIAL_SPEC, oursDir, oursUrl, ROOT, runNodeJson } from './util.mjs';

const coldCode = (spec) => `
const t0 = performance.now();
const m = await import(${JSON.stringify(spec)});
const c = await m.default({ getConfig: async () => ({}) });
const t1 = performance.now();
if (typeof c.sendMessage !== 'function' || c.type !== 'Sms') throw new Error('not an SMS connector');
console.log(JSON.stringify({ importAndCreateMs: t1 - t0, sinceProcessStartMs: t1 }));`;

/** `runs` fresh processes per connector, alternating; medians of times measured in the child. */
export async function benchColdStart({ runs }) {
  const specs = { ours: oursUrl(), official: OFFICIAL_SPEC };
  const samples = { ours: [], official: [] };
  for (let r = 0; r < runs; r++) {
    for (const name of r % 2 ? ['official', 'ours'] : ['ours', 'official']) {
      const t0 = performance.now();
      const res = await runNodeJson(['--input-type=module', '-e', coldCode(specs[name])]);
      samples[name].push({ ...res, wallMs: performance.now() - t0 });
    }
  }
  const summary = (xs) => ({
    importAndCreateMs: median(xs.map((x) => x.importAndCreateMs)),
    sinceProcessStartMs: median(xs.map((x) => x.sinceProcessStartMs)),
    wallMs: median(xs.map((x) => x.wallMs)),
    samples: xs,
  });
  return { ours: summary(samples.ours), official: summary(samples.official) };
}

const oursWasm = () => join(oursDir(), 'lib', 'wasm', 'connector_bg.wasm');

function oursTarball() {
  const { name, version } = JSON.parse(readFileSync(join(oursDir(), 'package.json'), 'utf8'));
  const file = join(ROOT, 'dist', `${name}-${version}.tgz`);
  return existsSync(file) ? { file: `dist/${name}-${version}.tgz`, size: statSync(file).size } : undefined;
}

/**
 * The official 1.4.4 tarball, without network: first the exact published tarball from npm's
 * local cache (looked up by the lockfile's integrity), else `npm pack --dry-run` of the
 * installed folder (a re-pack: same files, npm's own gzip, so a few bytes may differ).
 */
function officialTarball() {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const entry = lock.packages?.['node_modules/@logto/connector-tencent-sms'];
  const integrity = /^sha512-(.+)$/.exec(entry?.integrity ?? '')?.[1];
  const cache = process.env.npm_config_cache ?? join(os.homedir(), '.npm');
  if (integrity) {
    const hex = Buffer.from(integrity, 'base64').toString('hex');
    const file = join(cache, '_cacache', 'content-v2', 'sha512', hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
    if (existsSync(file)) return { size: statSync(file).size, how: `published tarball ${entry.version} from the npm cache (lockfile integrity)` };
  }
  try {
    const out = execFileSync('npm', ['pack', join(ROOT, 'node_modules', '@logto', 'connector-tencent-sms'), '--dry-run', '--json'], {
      cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
    });
    return { size: JSON.parse(out)[0].size, how: 'npm pack --dry-run of the installed folder (re-pack, not the published bytes)' };
  } catch {
    return { size: undefined, how: 'unavailable' };
  }
}

// ---- install footprint: size on disk of a package's runtime dependency closure ----------------
function dirSize(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) total += entry.name === 'node_modules' ? 0 : dirSize(p);
    else if (entry.isFile()) total += statSync(p).size;
  }
  return total;
}
/** Node's resolution of package `name` from directory `from`. */
function resolvePackageDir(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
function closure(pkgDir, seen = new Set()) {
  if (!pkgDir || seen.has(pkgDir)) return seen;
  seen.add(pkgDir);
  const { dependencies = {} } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  for (const dep of Object.keys(dependencies)) closure(resolvePackageDir(dep, pkgDir), seen);
  return seen;
}

function installFootprint() {
  const ourDir = oursDir();
  const officialDir = join(ROOT, 'node_modules', '@logto', 'connector-tencent-sms');
  // Our package is not installed anywhere; resolve its dependencies as a consumer at ROOT would.
  const oursDeps = new Set();
  const { dependencies = {} } = JSON.parse(readFileSync(join(ourDir, 'package.json'), 'utf8'));
  for (const dep of Object.keys(dependencies)) closure(resolvePackageDir(dep, ROOT), oursDeps);
  const officialDeps = closure(officialDir);
  officialDeps.delete(officialDir);
  const own = (set, other) => [...set].filter((d) => !other.has(d));
  const sum = (dirs) => dirs.reduce((t, d) => t + dirSize(d), 0);
  const oursOnly = own(oursDeps, officialDeps);
  const officialOnly = own(officialDeps, oursDeps);
  const shared = [...oursDeps].filter((d) => officialDeps.has(d));
  const sharedNames = shared.map((d) => d.slice(d.lastIndexOf('node_modules/') + 13));
  return {
    ours: { bytes: dirSize(ourDir) + sum(oursOnly), packages: 1 + oursOnly.length },
    official: { bytes: dirSize(officialDir) + sum(officialOnly), packages: 1 + officialOnly.length },
    shared: sharedNames,
  };
}

export function sizes() {
  const wasm = readFileSync(oursWasm());
  return {
    wasmRaw: wasm.length,
    wasmGzip: gzipSync(wasm, { level: 9 }).length,
    tarball: { ours: oursTarball(), official: officialTarball() },
    install: installFootprint(),
  };
}
