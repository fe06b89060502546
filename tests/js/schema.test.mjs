// The config schema has one source of truth: the Rust field table (src/config/table.rs), which
// drives the reader and renders the console form (src/metadata.json, kept equal by
// src/metadata/tests.rs). Here the form, the TypeScript types (pkg-template/index.d.ts) and the
// documented config table must name exactly those keys, required where the form says so.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { repoRoot } from '../../tools/logto-instance.mjs';

const read = (...path) => readFileSync(join(repoRoot, ...path), 'utf8');
const form = JSON.parse(read('src', 'metadata.json')).formItems;
const formKeys = form.map((i) => i.key).sort();
const required = form.filter((i) => i.required).map((i) => i.key).sort();

/** `{ key: optional }` of one `export type Name = { … };` block of index.d.ts. */
const typeFields = (name) => {
  const block = new RegExp(`export type ${name} = \\{([\\s\\S]*?)\\n\\};`).exec(read('pkg-template', 'index.d.ts'))?.[1];
  assert.ok(block, `index.d.ts declares ${name}`);
  const fields = {};
  for (const [, key, optional] of block.matchAll(/^ {2}(\w+)(\??):/gm)) fields[key] = optional === '?';
  return fields;
};

test('the console form, the input type and the normalised type name the same keys', () => {
  assert.ok(formKeys.length >= 16, `${formKeys.length} form items`);
  for (const name of ['TencentSmsConfigInput', 'TencentSmsConfig']) {
    assert.deepEqual(Object.keys(typeFields(name)).sort(), formKeys, name);
  }
  const input = typeFields('TencentSmsConfigInput');
  assert.deepEqual(Object.keys(input).filter((k) => !input[k]).sort(), required, 'required in the type exactly where the form requires');
});

test('the documented config table names every key once, and only those', () => {
  // The reference moves with the docs; the table is wherever its first row is.
  const candidates = [['pkg-template', 'docs', 'reference.md'], ['pkg-template', 'README.md']]
    .filter((p) => existsSync(join(repoRoot, ...p)))
    .map((p) => read(...p))
    .filter((text) => /^\| `accessKeyId` \|/m.test(text));
  assert.equal(candidates.length, 1, 'exactly one document holds the config table');
  const rows = [...candidates[0].matchAll(/^\| `(\w+)` \| (yes|no) \|/gm)].map(([, key, req]) => ({ key, req }));
  assert.deepEqual(rows.map((r) => r.key).sort(), formKeys);
  assert.deepEqual(rows.filter((r) => r.req === 'yes').map((r) => r.key).sort(), required);
});
