// The repository as a reader meets it: the Rust modules depend on each other one way only, and
// no file points at notes a clone does not have.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

import { repoRoot } from '../../tools/logto-instance.mjs';

const filesUnder = (dir, keep) =>
  readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    return statSync(full).isDirectory() ? filesUnder(full, keep) : keep(name) ? [full] : [];
  });

/** module name → the crate modules its non-test code names (`crate::x`, `super::x` excluded). */
const moduleGraph = () => {
  const src = join(repoRoot, 'src');
  const graph = new Map();
  for (const file of filesUnder(src, (n) => n.endsWith('.rs'))) {
    const rel = relative(src, file).replace(/\.rs$/, '');
    if (rel === 'lib' || rel.endsWith('/tests')) continue;
    const top = rel.split('/')[0];
    const code = readFileSync(file, 'utf8').split(/#\[cfg\(test\)\]\s*mod tests/)[0];
    const deps = graph.get(top) ?? new Set();
    for (const [, dep] of code.matchAll(/crate::(\w+)/g)) if (dep !== top) deps.add(dep);
    graph.set(top, deps);
  }
  return graph;
};

/** Every import cycle, as `a → b → a`. */
const cyclesIn = (graph) => {
  const cycles = new Set();
  const visit = (node, path) => {
    if (path.includes(node)) return cycles.add([...path.slice(path.indexOf(node)), node].join(' → '));
    for (const dep of graph.get(node) ?? []) visit(dep, [...path, node]);
  };
  for (const node of graph.keys()) visit(node, []);
  return [...cycles];
};

test('src/ modules import each other one way only: no cycle', () => {
  const graph = moduleGraph();
  assert.ok(graph.size >= 15, `read ${graph.size} modules`);
  assert.ok([...graph.values()].some((deps) => deps.size > 0), 'found imports');
  assert.deepEqual(cyclesIn(graph), []);
});

test('the cycle check has teeth: it finds a planted cycle', () => {
  const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]);
  assert.ok(cyclesIn(graph).includes('a → b → c → a'));
});

test('no file cites notes outside the repository', () => {
  const outside = /\.\.\/shared|shared\/reference|reference\/(logto-contract|tencent-sms-api|operators|design|toolchain)|(logto-contract|tencent-sms-api|operators|toolchain)\.md/;
  const files = ['src', 'js', 'tests', 'tools', 'scripts', 'pkg-template'].flatMap((dir) =>
    filesUnder(join(repoRoot, dir), (n) => /\.(rs|m?js|sh|md|json|ts)$/.test(n)));
  const self = relative(repoRoot, new URL(import.meta.url).pathname);
  const citing = files.map((f) => relative(repoRoot, f)).filter((f) => f !== self && outside.test(readFileSync(join(repoRoot, f), 'utf8')));
  assert.deepEqual(citing, []);
});

test('the harness in tools/ never imports from tests/: tests depend on tools, not the reverse', () => {
  const files = ['tools', 'scripts'].flatMap((dir) => filesUnder(join(repoRoot, dir), (n) => /\.m?js$/.test(n)));
  assert.ok(files.length >= 10, `read ${files.length} files`);
  const reaching = files
    .filter((f) => /from '[^']*\/tests\/|import\([^)]*\/tests\//.test(readFileSync(f, 'utf8')))
    .map((f) => relative(repoRoot, f));
  assert.deepEqual(reaching, []);
});

test('every suite finds the package under test one way: tools/package-under-test.mjs', () => {
  const suites = filesUnder(join(repoRoot, 'tests', 'js'), (n) => n.endsWith('.test.mjs'));
  const own = suites.filter((f) => /join\(repoRoot, 'pkg'|'\.\.\/\.\.\/pkg\//.test(readFileSync(f, 'utf8')));
  assert.deepEqual(own.map((f) => relative(repoRoot, f)), []);
});
