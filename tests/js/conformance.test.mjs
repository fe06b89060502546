// Conformance with the official @logto/connector-tencent-sms@1.4.4: both connectors get the same
// config, payload, frozen clock and Tencent answer (tests/support/conformance-cases.mjs). What the
// official sends is caught with nock (got → node:https); ours calls globalThis.fetch, which is
// stubbed. Any difference between the two must be one the case declares, and every declared
// label must be a row of the "Differences from the official connector" table (docs/differences.md).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import createOfficial from '@logto/connector-tencent-sms';
import nock from 'nock';

import { CASES, NOW_MS } from '../support/conformance-cases.mjs';
import { repoRoot } from '../../tools/logto-instance.mjs';
import { importPackage } from '../../tools/package-under-test.mjs';

const { default: createOurs, prepareSend } = await importPackage();
const Sign = createRequire(import.meta.url)('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign').default;

// The config is passed to sendMessage, as Logto's "test" button does; a null one makes both
// connectors fall back to getConfig (Logto's stored config), which returns the same value.
let currentConfig;
const getConfig = async () => structuredClone(currentConfig);
const official = await createOfficial({ getConfig });
const ours = await createOurs({ getConfig });

nock.disableNetConnect(); // nothing may reach the real Tencent
const rows = [];
after(() => {
  nock.cleanAll();
  nock.restore();
  nock.enableNetConnect();
  printTable(rows);
});

const lowerKeys = (headers) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));

/** Rejected with invalid_config before any request went out (a config problem, not Tencent's answer). */
const configRejected = (run) => run.result === 'invalid_config' && !run.sent;

/** What a connector's promise settled to: `ok`, a ConnectorError code, or a foreign error. */
const outcomeOf = (error) =>
  error instanceof ConnectorError ? error.code : `${error?.name ?? typeof error} (not a ConnectorError)`;

const withFrozenClock = async (fn) => {
  const realNow = Date.now;
  Date.now = () => NOW_MS;
  try {
    return await fn();
  } finally {
    Date.now = realNow;
  }
};

const settle = async (promise) => {
  try {
    await promise;
    return { result: 'ok' };
  } catch (error) {
    return { result: outcomeOf(error), error };
  }
};

// A stored config reaches sendMessage through getConfig; otherwise it is handed over, as the
// console's Test button does.
const configArg = ({ config, stored }) => (stored ? undefined : structuredClone(config));

async function runOfficial(kase) {
  const { config, data, reply } = kase;
  let sent;
  const scope = nock('https://sms.tencentcloudapi.com').post('/').reply(reply.status, reply.body, reply.headers);
  // The 'request' event hands over the raw body string (the reply callback gets it parsed).
  scope.on('request', (req, _interceptor, body) => {
    sent = { url: `https://${req.headers.host}${req.path}`, headers: lowerKeys(req.headers), body };
  });
  try {
    const settled = await withFrozenClock(() => settle(official.sendMessage(structuredClone(data), configArg(kase))));
    return { ...settled, sent, guardOk: official.configGuard.safeParse(config).success };
  } finally {
    nock.cleanAll(); // the interceptor stays pending when the official never sends
  }
}

async function runOurs(kase) {
  const { config, data, reply } = kase;
  let sent;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    sent = { url: String(url), headers: lowerKeys(init.headers), body: init.body, init };
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  };
  try {
    const settled = await withFrozenClock(() => settle(ours.sendMessage(structuredClone(data), configArg(kase))));
    return { ...settled, sent, guardOk: ours.configGuard.safeParse(config).success };
  } finally {
    globalThis.fetch = realFetch;
  }
}

// How Tencent reads PhoneNumberSet entries (API doc 382/55981): E.164 with `+`; for the
// mainland also `0086…`, `86…` and a bare 11-digit mobile as +86. Anything else has no
// documented reading, so it cannot be equal to any E.164 number.
const tencentReads = (phone) => {
  if (typeof phone !== 'string') return `unreadable ${JSON.stringify(phone)}`;
  if (/^\+[1-9]\d{6,14}$/.test(phone)) return phone;
  if (/^(0086|86)1\d{10}$/.test(phone)) return `+86${phone.slice(-11)}`;
  if (/^1[3-9]\d{9}$/.test(phone)) return `+86${phone}`;
  return `ambiguous ${phone}`;
};

// Our normalisation may add a country code and drop separators, never change the digits given.
const keepsDigits = (to, sent) => sent.slice(1).endsWith(String(to).replace(/\D/g, '').replace(/^00/, ''));

/** The request as Tencent understands it: every field that can change what gets sent. */
const tencentView = (sent) => {
  const body = JSON.parse(sent.body);
  return {
    host: new URL(sent.url).hostname,
    method: 'POST',
    action: sent.headers['x-tc-action'],
    version: sent.headers['x-tc-version'],
    region: sent.headers['x-tc-region'],
    timestamp: sent.headers['x-tc-timestamp'],
    secretId: /Credential=([^/]*)\//.exec(sent.headers.authorization)?.[1],
    bodyKeys: Object.keys(body),
    SmsSdkAppId: body.SmsSdkAppId,
    SignName: body.SignName,
    TemplateId: body.TemplateId,
    TemplateParamSet: body.TemplateParamSet,
    phones: body.PhoneNumberSet.map(tencentReads),
  };
};

/** Tencent's own signer must produce exactly the Authorization the connector sent. */
const assertSignedForTencent = (who, sent, secretKey) => {
  const { host, secretId, timestamp } = tencentView(sent);
  assert.equal(timestamp, String(NOW_MS / 1000), `${who}: X-TC-Timestamp is the frozen clock`);
  assert.equal(sent.headers.host ?? host, host, `${who}: Host header matches the URL`);
  const expected = Sign.sign3({
    method: 'POST', url: `https://${host}/`, payload: Buffer.from(sent.body, 'utf8'), timestamp: Number(timestamp),
    service: 'sms', secretId, secretKey, multipart: false, boundary: undefined,
    headers: { 'Content-Type': sent.headers['content-type'] },
  });
  assert.equal(sent.headers.authorization, expected, `${who}: signature verifies with Tencent's signer`);
};

// The docs/differences.md row that explains a difference in the answer to the same Tencent reply.
const outcomeLabel = (reply, off, mine) => {
  if (off === 'ok') return '`SendStatusSet` code'; // ours rejects what the official let through
  if (mine === 'ok') return `UNDOCUMENTED: official ${off}, ours ok`;
  let tencentCode;
  try {
    tencentCode = JSON.parse(reply.body)?.Response?.Error?.Code;
  } catch {}
  const httpError = reply.status < 200 || reply.status > 299;
  return httpError && !tencentCode ? 'HTTP errors, timeouts' : 'Error codes';
};

/** A TemplateId no Tencent template can have: blank, or the console's `<template-code>`. */
const unusableId = (id) => typeof id !== 'string' || id.trim() === '' || /^<.*>$/.test(id);

/** Why the official refused a config ours uses: docs/differences.md labels, one per kind of zod issue. */
const officialRefusals = (off) =>
  (off.error?.data?.issues ?? []).map((i) => {
    if (/should be provided/.test(i.message)) return 'Required templates';
    if (i.path[0] === 'templates' && typeof i.path[1] === 'number') return 'Unusable template entries';
    return 'UNDOCUMENTED: the official rejects a config ours accepts';
  });

/** The docs/differences.md labels that explain how the two runs differ; `UNDOCUMENTED: …` when none does. */
function observedDifferences(kase, off, mine) {
  const found = new Set();
  const offConfigOk = !configRejected(off);
  const oursConfigOk = !configRejected(mine);
  if (offConfigOk !== oursConfigOk) {
    if (!oursConfigOk) found.add('Config checks');
    else for (const label of officialRefusals(off)) found.add(label);
    return found;
  }
  if (!offConfigOk) return found; // both reject the config: nothing was sent by either
  if (!off.sent || !mine.sent) {
    const generic = kase.config.templates.find((t) => t.usageType === 'Generic')?.templateCode;
    if (off.sent && mine.result === 'template_not_found' && unusableId(tencentView(off.sent).TemplateId)) {
      found.add('Unusable template entries'); // the official sent an id no template has
    } else if (off.result === 'template_not_found' && mine.sent && tencentView(mine.sent).TemplateId === generic) {
      found.add('Missing template for a type'); // ours fell back to the Generic template
    } else if (off.sent && mine.result === 'invalid_request_parameters') found.add('Phone number sent');
    else if (off.result !== mine.result || Boolean(off.sent) !== Boolean(mine.sent)) {
      found.add(`UNDOCUMENTED: official ${off.result}, ours ${mine.result}`);
    }
    return found;
  }
  const a = tencentView(off.sent);
  const b = tencentView(mine.sent);
  const code = String(kase.data.payload.code);
  for (const field of Object.keys(a)) {
    if (isDeepStrictEqual(a[field], b[field])) continue;
    if (field === 'TemplateId' && unusableId(a.TemplateId) && !unusableId(b.TemplateId)) {
      found.add('Unusable template entries');
    } else if (field === 'TemplateParamSet' && a[field].includes(code) && isDeepStrictEqual(b[field], [code])) {
      found.add('`TemplateParamSet`');
    } else if (field === 'phones' && b.phones.every((sent) => keepsDigits(kase.data.to, sent))) {
      found.add('Phone number sent');
    } else if (field === 'host') found.add('Endpoint');
    else if (typeof a[field] === 'string' && a[field].trim() === b[field]) found.add('Config checks');
    else found.add(`UNDOCUMENTED: ${field} ${JSON.stringify(a[field])} vs ${JSON.stringify(b[field])}`);
  }
  if (off.result !== mine.result) found.add(outcomeLabel(kase.reply, off.result, mine.result));
  return found;
}

for (const kase of CASES) {
  test(kase.name, { todo: kase.knownBug }, async () => {
    currentConfig = kase.config;
    const off = await runOfficial(kase);
    const mine = await runOurs(kase);
    const differences = [...observedDifferences(kase, off, mine)];
    rows.push({ name: kase.name, official: off.result, ours: mine.result, declared: kase.expectedDifference, differences });

    // The official's configGuard agrees with its sendMessage. Ours is stricter at save time than
    // at send time (a stored config is used as far as the message needs it), never the reverse.
    assert.equal(off.guardOk, !configRejected(off), 'official: configGuard agrees with sendMessage');
    if (mine.guardOk) assert.ok(!configRejected(mine), 'ours: a config configGuard accepts always reaches Tencent');

    // Ours sends exactly what prepareSend returns for that instant, and never follows redirects.
    let prepared;
    try {
      prepared = prepareSend(structuredClone(kase.config), structuredClone(kase.data), NOW_MS);
    } catch (error) {
      assert.equal(mine.sent, undefined, 'ours: nothing is sent when prepareSend throws');
      assert.equal(outcomeOf(error), mine.result, 'ours: prepareSend throws what sendMessage throws');
    }
    if (prepared) {
      const { url, method, headers, body } = prepared.request;
      assert.deepEqual({ url: mine.sent.url, method: mine.sent.init.method, headers: mine.sent.headers, body: mine.sent.body },
        { url, method, headers: lowerKeys(headers), body }, 'ours: sendMessage sends the prepareSend request');
      assert.equal(mine.sent.init.redirect, 'error');
      assert.ok(mine.sent.init.signal instanceof AbortSignal);
    }

    assert.equal(mine.result, kase.ours, 'ours: the outcome the case states');

    const secretKey = kase.config?.accessKeySecret;
    if (off.sent) assertSignedForTencent('official', off.sent, secretKey);
    if (mine.sent) assertSignedForTencent('ours', mine.sent, secretKey);

    assert.deepEqual(differences, kase.expectedDifference ? [kase.expectedDifference] : [],
      `official ${off.result}, ours ${mine.result}`);
  });
}

test("every case states our outcome: 'ok' or a Logto ConnectorErrorCodes value", () => {
  const outcomes = new Set(['ok', ...Object.values(ConnectorErrorCodes)]);
  assert.deepEqual(CASES.filter((c) => !outcomes.has(c.ours)).map((c) => c.name), []);
});

test('every difference label in the cases is a row of the docs/differences.md table', () => {
  const section = readFileSync(join(repoRoot, 'pkg-template', 'docs', 'differences.md'), 'utf8');
  assert.match(section, /^# Differences from the official connector\n/);
  // Table rows after the header and its |---| line; the first cell names the difference.
  const labels = section.split('\n').filter((line) => line.startsWith('|')).slice(2).map((line) => line.split('|')[1].trim());
  assert.ok(labels.length >= 5, `found labels: ${labels.join(', ')}`);
  const used = new Set(CASES.map((c) => c.expectedDifference).filter(Boolean));
  for (const label of used) assert.ok(labels.includes(label), `"${label}" is not a first cell of the docs/differences.md table`);
});

function printTable(results) {
  const header = { name: 'case', official: 'official', ours: 'ours', label: 'difference' };
  const lines = results.map((r) => ({
    name: r.name,
    official: r.official,
    ours: r.ours,
    label: r.differences.join('; ') || '—',
  }));
  const width = (key) => Math.max(...[header, ...lines].map((l) => l[key].length));
  const format = (l) => ['name', 'official', 'ours', 'label'].map((k) => l[k].padEnd(width(k))).join(' | ').trimEnd();
  const counts = {};
  for (const r of results) for (const d of r.differences) counts[d] = (counts[d] ?? 0) + 1;
  console.log(['', `Conformance with @logto/connector-tencent-sms@1.4.4 (${results.length} cases)`, format(header),
    ['name', 'official', 'ours', 'label'].map((k) => '-'.repeat(width(k))).join('-|-'), ...lines.map(format), '',
    'differences: ' + Object.entries(counts).map(([label, n]) => `${label} × ${n}`).join(', ')].join('\n'));
}
