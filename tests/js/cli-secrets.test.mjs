// The package's command never prints a secret it was given, whatever the input: random configs
// (seeded: CLI_SECRETS_SEED) hold a secret as accessKeySecret or accessKeyId and again, as typed
// or in a derived form (base64, hex, URL-encoded), in random other places: text fields, template
// entries, unknown keys, the Management API's list form; half the files then get a random JSON
// fault (the secret unquoted or single-quoted, a character dropped or added, the file cut
// short). Each runs through check, check --json, send --dry-run or a send that fails, and no
// line written, to stdout or stderr, may hold the secret or any 8-character piece of it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { pkgDir } from '../../tools/package-under-test.mjs';
import { prng } from '../support/hostile-values.mjs';

const SEED = Number(process.env.CLI_SECRETS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CASES = Math.round(120 * Number(process.env.FUZZ_SCALE ?? 1));
const PIECE = 8;
const cli = join(pkgDir, 'lib', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'cli-secrets-'));
after(() => rmSync(work, { recursive: true, force: true }));

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ODD = `${ALNUM}+/=_- "'\\\n\t{}[],:腾讯云é😀`;
const randomSecret = (r) => {
  const odd = r.next() < 0.3;
  const length = odd ? 8 + r.int(40) : r.pick([32, 36, 40]);
  let s = '';
  for (let i = 0; i < length; i += 1) s += odd ? r.pick([...ODD]) : ALNUM[r.int(ALNUM.length)];
  // A piece of a secret must not also be a piece of our own words; random text almost never is.
  return s;
};

const bytes = (s) => Buffer.from(s, 'utf8');
const derived = (secret) => [bytes(secret).toString('base64'), bytes(secret).toString('hex'), encodeURIComponent(secret)];

const baseConfig = () => ({
  accessKeyId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  accessKeySecret: 'placeholder-secret-value',
  signName: '腾讯云',
  sdkAppId: '1400006666',
  region: 'ap-guangzhou',
  templates: [
    { usageType: 'SignIn', templateCode: '1234567' },
    { usageType: 'Generic', templateCode: '1234570' },
  ],
});

/** Puts `value` at a random place of `config`: a text field, an entry, a key name, a list. */
const plant = (r, config, value) => {
  const where = r.int(9);
  if (where === 0) config[r.pick(['signName', 'sdkAppId', 'region', 'internationalSignName', 'internationalRegion', 'endpoint'])] = value;
  else if (where === 1) config.templates[r.int(config.templates.length)].templateCode = value;
  else if (where === 2) config.templates[r.int(config.templates.length)].usageType = value;
  else if (where === 3) config.templates.push({ usageType: 'BindMfa', templateCode: { mainland: value, international: '1' } });
  else if (where === 4) config[value] = 'an unknown key named by the secret';
  else if (where === 5) config.templates[0] = { ...config.templates[0], [value]: true };
  else if (where === 6) config.templates[r.int(config.templates.length)].params = [value];
  else if (where === 7) config.allowedCountryCodes = [value];
  else config.templates[r.int(config.templates.length)].locale = value;
};

/**
 * A random JSON fault near the secret or anywhere: the text may no longer parse. A character
 * dropped or added lands outside every copy of the secret and its derived forms: one inside
 * would make another secret, which the oracle here would not know.
 */
const breakJson = (r, text, secret) => {
  const quoted = JSON.stringify(secret);
  const at = text.indexOf(quoted);
  const copies = [secret, ...derived(secret)].map((f) => JSON.stringify(f).slice(1, -1));
  const inside = (i) => copies.some((c) => {
    for (let from = text.indexOf(c); from !== -1; from = text.indexOf(c, from + 1)) if (i >= from && i <= from + c.length) return true;
    return false;
  });
  const outside = () => {
    for (let tries = 0; tries < 100; tries += 1) {
      const i = r.int(text.length);
      if (!inside(i)) return i;
    }
    return 0;
  };
  switch (r.int(5)) {
    case 0: return at < 0 ? text : text.slice(0, at) + secret + text.slice(at + quoted.length);
    case 1: return at < 0 ? text : `${text.slice(0, at)}'${secret}'${text.slice(at + quoted.length)}`;
    case 2: {
      const i = outside();
      return text.slice(0, i) + text.slice(i + 1);
    }
    case 3: {
      const i = outside();
      return text.slice(0, i) + r.pick([...',:{}[]"\'x\\']) + text.slice(i);
    }
    default: return text.slice(0, r.int(text.length));
  }
};

const COMMANDS = [
  ['check'],
  ['check', '--json'],
  ['send', '--to', '8613012345678', '--dry-run'],
  ['send', '--to', '+1 (212) 555.0123', '--dry-run'],
  // A closed port: the send fails and its error is printed.
  ['send', '--to', '8613012345678', '--endpoint', 'http://127.0.0.1:1'],
  ['send', '--to', 'call me'],
];

const run = (args) =>
  new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error?.code ?? 0, output: stdout + stderr }));
  });

/** The first 8-character piece of `secret` (or of its JSON-escaped form) in `output`. */
const leaked = (output, secret) => {
  for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) {
    for (let i = 0; i + PIECE <= form.length; i += 1) {
      if (output.includes(form.slice(i, i + PIECE))) return form.slice(i, i + PIECE);
    }
  }
  return null;
};

test(`no output of any command holds the secret or an 8-character piece of it (seed ${SEED}, ${CASES} cases)`, { timeout: 600_000 }, async (t) => {
  t.diagnostic(`CLI_SECRETS_SEED=${SEED}`);
  const r = prng(SEED);
  const outcomes = new Map();
  const cases = [];
  for (let n = 0; n < CASES; n += 1) {
    const secret = randomSecret(r);
    const config = baseConfig();
    config[r.next() < 0.8 ? 'accessKeySecret' : 'accessKeyId'] = secret;
    const copies = 1 + r.int(3);
    for (let c = 0; c < copies; c += 1) plant(r, config, r.next() < 0.7 ? secret : r.pick(derived(secret)));
    const shape = r.int(4);
    const file = shape === 0 ? [{ connectorId: 'tencent-short-message-service', config }] : shape === 1 ? { id: 'x', config } : config;
    let text = JSON.stringify(file, null, r.next() < 0.5 ? 2 : 0);
    if (r.next() < 0.5) text = breakJson(r, text, secret);
    const path = join(work, `case-${n}.json`);
    writeFileSync(path, text);
    cases.push({ n, secret, path, args: [...r.pick(COMMANDS), '--config', path] });
  }
  // Two at a time: each case is a process that loads the module.
  const queue = [...cases];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { n, secret, args } = next;
      const { code, output } = await run(args);
      outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
      const piece = leaked(output, secret);
      assert.equal(piece, null, `case ${n} (seed ${SEED}): ${args.join(' ')} printed a piece of the secret ${JSON.stringify(piece)}:\n${output}`);
      for (const form of derived(secret)) {
        assert.equal(leaked(output, form), null, `case ${n} (seed ${SEED}): ${args.join(' ')} printed a piece of a derived form of the secret:\n${output}`);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  t.diagnostic(`exit codes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
  // The cases reached every outcome: parsed and checked (0 or 1) and refused (2).
  assert.ok((outcomes.get(2) ?? 0) > 0 && (outcomes.get(0) ?? 0) + (outcomes.get(1) ?? 0) > 0, JSON.stringify(Object.fromEntries(outcomes)));
});

test('a key-shaped value in a text field is hidden and warned about even when it is not the secret', async () => {
  const key = 'Zq9SuperSecretValue0123456789abcd';
  for (const field of ['signName', 'sdkAppId', 'region', 'internationalSignName']) {
    const path = join(work, `shaped-${field}.json`);
    writeFileSync(path, JSON.stringify({ ...baseConfig(), accessKeySecret: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', [field]: key }));
    const checked = await run(['check', '--config', path]);
    assert.match(checked.output, new RegExp(`^warning  ${field}: holds something shaped like an access key`, 'm'));
    assert.equal(leaked(checked.output, key), null, checked.output);
    const dry = await run(['send', '--config', path, '--to', '8613012345678', '--dry-run']);
    assert.equal(leaked(dry.output, key), null, dry.output);
  }
});

test('a credential under a misspelt key (seed 1650412842, case 7) stays hidden, wherever else it is typed', async () => {
  // accessKeyId lost a character to a JSON fault, and the same value was also a key name:
  // check names unknown keys, so the value must be known as a credential to be hidden.
  const secret = 'Psriry20tBF0hr9VfTeg6chhtoz73FBUkdnxoozz';
  for (const typo of ['accessKeId', 'acessKeySecret', 'secretKy']) {
    const { accessKeyId, ...rest } = baseConfig();
    const path = join(work, `typo-${typo}.json`);
    writeFileSync(path, JSON.stringify({ ...rest, accessKeyId: typo === 'accessKeId' ? undefined : accessKeyId, [typo]: secret, [secret]: 'x' }));
    const checked = await run(['check', '--config', path]);
    assert.match(checked.output, /is not an option of this connector/);
    assert.equal(leaked(checked.output, secret), null, checked.output);
  }
});

test('a file that is not JSON is reported by line and column, quoting nothing of it', async () => {
  const secret = 'Zq9SuperSecretValue0123456789abcd';
  const cases = [
    [`{\n  "accessKeyId": "AKIDEXAMPLE",\n  "accessKeySecret": ${secret}\n}`, 'line 3, column 22: a bare word where a value belongs'],
    [`{\n  "accessKeySecret": '${secret}'\n}`, 'line 2, column 22: a single quote where a value belongs'],
    [`{ "accessKeySecret": "${secret}", }`, `line 1, column ${26 + secret.length}: a trailing comma before }`],
    [`{ "accessKeySecret": "${secret}`, `line 1, column ${23 + secret.length}: a string that is never closed`],
    [`{ "accessKeySecret": "${secret}" "signName": "x" }`, `line 1, column ${25 + secret.length}: a missing comma or }`],
  ];
  for (const [text, where] of cases) {
    const path = join(work, 'broken.json');
    writeFileSync(path, text);
    const { code, output } = await run(['check', '--config', path]);
    assert.equal(code, 2, output);
    assert.ok(output.includes(`not valid JSON at ${where}`), output);
    assert.equal(leaked(output, secret), null, output);
    assert.ok(!output.includes('Zq9'), output);
  }
});
