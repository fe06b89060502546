// Planted bugs: proof that the tests can fail. Each bug is a textual change to the built shim
// (pkg/lib/index.js, or the file of lib/ it names, e.g. the CLI), planted alone in a copy of the package (and its repacked tarball); the
// tests it names must fail on that copy, by assertion and within the time limit, after passing
// on the untouched package. Exits non-zero when a bug survives, a test fails only by timing out
// or too slowly, or a search text no longer matches the shim (a stale bug proves nothing).
// Run after the build: `npm run planted-bugs`, and as a step of scripts/test.sh.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { tarballPath } from '../tools/logto-instance.mjs';
import { BUGS } from './planted-bugs.list.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'pkg');
const shim = join('lib', 'index.js');
const preload = join(root, 'tests', 'support', 'test-timeout.mjs');
const LIMIT_MS = 20_000; // per test: each bug must be caught well inside it
const RUN_LIMIT_MS = 120_000; // per suite run, a backstop for a hang outside any test

const only = process.argv.slice(2);
const unknown = only.filter((id) => !BUGS.some((b) => b.id === id));
if (unknown.length) throw new Error(`no planted bug named ${unknown.join(', ')}; known: ${BUGS.map((b) => b.id).join(', ')}`);
const bugs = only.length ? BUGS.filter((b) => only.includes(b.id)) : BUGS;
const regexEscape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs one suite file on a package; resolves { results: Map(name → { ok, timedOut, ms }), ms, output }. */
function runSuite(suite, tests, env) {
  const args = ['--import', preload, '--test', `--test-timeout=${RUN_LIMIT_MS}`, '--test-reporter=tap',
    `--test-name-pattern=^(${tests.map(regexEscape).join('|')})$`, suite];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, TEST_TIMEOUT_MS: String(LIMIT_MS), ...env } });
    let output = '';
    child.stdout.on('data', (c) => { output += c; });
    child.stderr.on('data', (c) => { output += c; });
    const kill = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS + 10_000);
    child.on('close', () => {
      clearTimeout(kill);
      resolve({ results: parseTap(output), ms: performance.now() - started, output });
    });
  });
}

/** The outcome of every test line in TAP output, by name (TAP escapes # and \ in names). */
function parseTap(output) {
  const results = new Map();
  const lines = output.split('\n');
  lines.forEach((line, i) => {
    const m = /^\s*(not )?ok \d+ - (.*?)(?: # (?:SKIP|TODO).*)?$/.exec(line);
    if (!m) return;
    const name = m[2].replace(/\\#/g, '#').replace(/\\\\/g, '\\');
    const yaml = [];
    for (let j = i + 1; j < lines.length && !/^\s*(not )?ok \d+ - /.test(lines[j]) && !/^\s*# Subtest:/.test(lines[j]); j++) yaml.push(lines[j]);
    const block = yaml.join('\n');
    results.set(name, {
      ok: !m[1],
      timedOut: /testTimeoutFailure/.test(block),
      ms: Number(/duration_ms: ([\d.]+)/.exec(block)?.[1] ?? NaN),
      error: (/^\s*error: (?:\|-?\n\s*)?(.*)$/m.exec(block)?.[1] ?? '').trim(),
    });
  });
  return results;
}

/** A copy of the package with `replace` applied to its shim, and that copy packed. */
function plant(bug, work) {
  const copy = join(work, 'pkg');
  cpSync(pkgDir, copy, { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'));
  const target = bug.file ? join('lib', bug.file) : shim;
  let text = readFileSync(join(copy, target), 'utf8');
  for (const [search, replacement] of bug.replace) {
    const count = text.split(search).length - 1;
    if (count !== 1) throw new Error(`${bug.id}: the search text occurs ${count} times in ${target}, not once: ${JSON.stringify(search)}`);
    text = text.replace(search, () => replacement);
  }
  writeFileSync(join(copy, target), text);
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', copy, '--pack-destination', work, '--json'], { cwd: work, encoding: 'utf8' }));
  return { CONNECTOR_PKG_DIR: copy, CONNECTOR_TARBALL: join(work, filename) };
}

const problems = [];
let caught = 0;
let untouchedFailures = 0;
const suites = [...new Set(bugs.map((b) => b.suite))];
const pristineTarball = tarballPath();
for (const suite of suites) {
  const tests = [...new Set(bugs.filter((b) => b.suite === suite).flatMap((b) => b.catches))];
  const { results, output } = await runSuite(suite, tests, { CONNECTOR_PKG_DIR: pkgDir, CONNECTOR_TARBALL: pristineTarball });
  for (const name of tests) {
    if (results.get(name)?.ok) continue;
    untouchedFailures += 1;
    problems.push(`${suite}: "${name}" does not pass on the untouched package\n${output.slice(-1500)}`);
  }
}
if (!problems.length) console.log(`[planted-bugs] the named tests of ${suites.length} suites pass on the untouched package`);

for (const bug of bugs) {
  const work = mkdtempSync(join(tmpdir(), `planted-${bug.id}-`));
  try {
    const { results, ms, output } = await runSuite(bug.suite, bug.catches, plant(bug, work));
    const missed = bug.catches.filter((name) => {
      const r = results.get(name);
      return !r || r.ok || r.timedOut || !(r.ms < LIMIT_MS);
    });
    const times = bug.catches.map((name) => `${Math.round(results.get(name)?.ms ?? NaN)} ms (${results.get(name)?.error.slice(0, 100)})`).join(', ');
    if (missed.length) {
      problems.push(`${bug.id} (${bug.what}) was not caught by: ${missed.map((n) => `"${n}" (${results.get(n)?.ok ? 'passed' : results.get(n)?.timedOut ? 'only timed out' : results.get(n) ? 'too slow' : 'did not run'})`).join(', ')}\n${output.slice(-1500)}`);
      console.log(`[planted-bugs] SURVIVED ${bug.id}: ${bug.what}`);
    } else {
      caught += 1;
      console.log(`[planted-bugs] caught ${bug.id}: ${bug.what} → ${bug.suite}: ${bug.catches.map((n) => `"${n}"`).join(', ')} failed in ${times} (run ${(ms / 1000).toFixed(1)} s)`);
    }
  } catch (error) {
    problems.push(String(error?.message ?? error));
    console.log(`[planted-bugs] ERROR ${bug.id}: ${error?.message ?? error}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

for (const p of problems) console.error(`\n[planted-bugs] ${p}`);
// The plain closing line CI reads: a planted bug caught passes; one that survived, and a named
// test that fails on the untouched package, fail.
console.log(`\nplanted-bugs: ${caught} passed, ${bugs.length - caught + untouchedFailures} failed`);
process.exit(problems.length ? 1 : 0);
