// Differential test of our TC3 signer against Tencent's own: 10 000 random SendSms-shaped
// requests (random SecretIds and SecretKeys, Unicode sign names and parameters, timestamps on
// both sides of UTC midnight, both JSON content types) signed by the package's `signTc3` and by
// `Sign.sign3` from tencentcloud-sdk-nodejs-common must give byte-identical Authorization
// values. Seeded: DIFF_SEED=<n> replays a run.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { prng } from '../support/hostile-values.mjs';
import { importPackage } from '../../tools/package-under-test.mjs';

const Sign = createRequire(import.meta.url)('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign').default;
const { signTc3 } = await importPackage();

const SEED = Number(process.env.DIFF_SEED ?? 20_240_611);
const COUNT = 10_000 * Math.max(1, Number(process.env.FUZZ_SCALE) || 1);
const HOST = 'sms.tencentcloudapi.com';
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8'];
const DAY = 86_400;

// SecretIds: printable ASCII without space, '/' or ',' (what a Credential can carry).
const ID_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~!*+=:@#$%^&()[]{}|;<>?'];
const KEY_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ ', '中', '密', 'é', 'ß', '😀', '𝄞', '\t', '"', '\\'];
const TEXT_CHARS = [...'abcXYZ0129 -_.,:;!?()[]{}<>"\'\\/@#%&*+=|~`^$', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029',
  '腾', '讯', '云', '验', '证', '码', '【', '】', '，', '。', 'é', 'ñ', 'ü', 'Ж', 'ע', 'ع', 'ह', 'ไ', '한', '日', '😀', '👍🏽', '🇨🇳', '𝄞', '\u200b', '\ufeff', '\u202e'];

const text = (rng, chars, min, max) => Array.from({ length: min + rng.int(max - min + 1) }, () => rng.pick(chars)).join('');
const digits = (rng, n) => Array.from({ length: n }, (_, i) => (i === 0 ? 1 + rng.int(9) : rng.int(10))).join('');

function timestamp(rng) {
  const day = rng.int(Math.floor(4_102_444_800 / DAY)); // 1970 … 2100
  const second = rng.pick([0, 1, 2, DAY - 1, DAY - 2, 57_599, 57_600, 57_601, rng.int(DAY), rng.int(DAY)]);
  return day * DAY + second; // 57 600 s = 16:00Z = midnight in UTC+8, the classic local-time bug
}

function body(rng) {
  const msg = {
    PhoneNumberSet: Array.from({ length: 1 + rng.int(3) }, () => `+${rng.pick(['86', '1', '852', '44', '81'])}${digits(rng, 9 + rng.int(3))}`),
    SmsSdkAppId: `140${digits(rng, 7)}`,
    SignName: text(rng, TEXT_CHARS, 0, 16),
    TemplateId: digits(rng, 1 + rng.int(7)),
    TemplateParamSet: Array.from({ length: rng.int(4) }, () => text(rng, TEXT_CHARS, 0, 24)),
  };
  if (rng.chance(0.2)) msg.SessionContext = text(rng, TEXT_CHARS, 0, 40);
  if (rng.chance(0.1)) msg.ExtendCode = digits(rng, 2);
  // Different byte forms of JSON sign differently: compact, indented, and ASCII-escaped.
  const form = rng.int(4);
  if (form === 0) return JSON.stringify(msg, null, 2);
  if (form === 1) return JSON.stringify(msg).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(msg);
}

function sdkAuthorization({ secretId, secretKey, timestamp: ts, payload, contentType }) {
  return Sign.sign3({
    method: 'POST',
    url: `https://${HOST}/`,
    payload: Buffer.from(payload, 'utf8'),
    timestamp: ts,
    service: 'sms',
    secretId,
    secretKey,
    multipart: false,
    boundary: undefined,
    headers: { 'Content-Type': contentType },
  });
}

test(`signTc3 agrees with Tencent's Sign.sign3 on ${COUNT} random SendSms requests (seed ${SEED})`, (t) => {
  const rng = prng(SEED);
  const mismatches = [];
  const seen = { dates: new Set(), contentTypes: new Set(), nonAscii: 0, bytesPayloads: 0, midnight: 0 };
  for (let i = 0; i < COUNT; i += 1) {
    const input = {
      secretId: `AKID${text(rng, ID_CHARS, 0, 36)}`,
      secretKey: text(rng, KEY_CHARS, 1, 48),
      timestamp: timestamp(rng),
      payload: body(rng),
      contentType: CONTENT_TYPES[i % 2],
    };
    const asBytes = rng.chance(0.25);
    const ours = signTc3({
      secretId: input.secretId,
      secretKey: input.secretKey,
      service: 'sms',
      host: HOST,
      timestamp: input.timestamp,
      payload: asBytes ? new TextEncoder().encode(input.payload) : input.payload,
      contentType: input.contentType,
    });
    const theirs = sdkAuthorization(input);
    if (ours.authorization !== theirs) {
      mismatches.push({ i, input, asBytes, ours: ours.authorization, theirs });
    }
    const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
    if (ours.date !== date) mismatches.push({ i, input, why: `date ${ours.date}, UTC date ${date}` });
    seen.dates.add(date);
    seen.contentTypes.add(input.contentType);
    if (/[^\x00-\x7f]/.test(input.payload + input.secretKey)) seen.nonAscii += 1;
    if (asBytes) seen.bytesPayloads += 1;
    if (input.timestamp % DAY === 0 || input.timestamp % DAY === DAY - 1) seen.midnight += 1;
  }
  t.diagnostic(`DIFF_SEED=${SEED}: ${seen.dates.size} distinct dates, ${seen.nonAscii} non-ASCII cases, ${seen.bytesPayloads} Uint8Array payloads, ${seen.midnight} at 00:00:00Z or 23:59:59Z`);
  assert.deepEqual(mismatches.slice(0, 3), [], `${mismatches.length} of ${COUNT} disagree`);
  assert.equal(seen.contentTypes.size, 2);
  assert.ok(seen.midnight > 1000 && seen.nonAscii > 5000 && seen.dates.size > 5000);
});

test('agreement holds when a few keys and dates recur in random order (any cached signing state must match its key)', () => {
  const rng = prng(SEED ^ 0x9e3779b9);
  // Look-alike keys: prefixes, trailing space, case, composed vs decomposed é, and many more
  // keys than a small cache could hold, so entries are evicted and derived again.
  const keys = ['k', 'k ', 'K', 'kk', 'secret', 'secret\u0000', 'caf\u00e9', 'cafe\u0301', '密钥', '密钥 ',
    ...Array.from({ length: 30 }, (_, i) => `tenant-${i}-secret`)];
  const days = [19_675, 19_676, 19_677].map((d) => d * DAY); // 2023-11-14 … 2023-11-16
  const mismatches = [];
  for (let i = 0; i < 5_000; i += 1) {
    const input = {
      secretId: `AKIDPOOL${rng.int(5)}`,
      secretKey: rng.pick(keys),
      timestamp: rng.pick(days) + rng.pick([0, 1, DAY - 1, rng.int(DAY)]),
      payload: body(rng),
      contentType: rng.pick(CONTENT_TYPES),
    };
    const ours = signTc3({ ...input, service: 'sms', host: HOST }).authorization;
    const theirs = sdkAuthorization(input);
    if (ours !== theirs) mismatches.push({ i, input, ours, theirs });
  }
  assert.deepEqual(mismatches.slice(0, 3), [], `${mismatches.length} of 5000 disagree`);
});

test(`agreement holds for ${COUNT / 5} payloads and keys with lone surrogates, signed as fetch would send them (seed ${SEED})`, () => {
  // Sign.sign3 signs Buffer.from(payload, 'utf8'), which encodes a lone surrogate as U+FFFD,
  // as fetch does with the body it sends; ours must sign the very same bytes.
  const rng = prng(SEED ^ 0x5eed);
  const LONE = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d'];
  const mismatches = [];
  let lone = 0;
  for (let i = 0; i < COUNT / 5; i += 1) {
    const chars = [...body(rng)];
    for (let n = 1 + rng.int(3); n > 0; n -= 1) chars.splice(rng.int(chars.length + 1), 0, rng.pick(LONE));
    const input = {
      secretId: `AKID${text(rng, ID_CHARS, 0, 36)}`,
      secretKey: rng.chance(0.3) ? `${text(rng, KEY_CHARS, 1, 20)}${rng.pick(LONE)}` : text(rng, KEY_CHARS, 1, 48),
      timestamp: timestamp(rng),
      payload: chars.join(''),
      contentType: rng.pick(CONTENT_TYPES),
    };
    if (!input.payload.isWellFormed()) lone += 1;
    const ours = signTc3({ ...input, service: 'sms', host: HOST }).authorization;
    const theirs = sdkAuthorization(input);
    if (ours !== theirs) mismatches.push({ i, input, ours, theirs });
  }
  assert.deepEqual(mismatches.slice(0, 3), [], `${mismatches.length} of ${COUNT / 5} disagree`);
  assert.ok(lone > COUNT / 10, `${lone} payloads had a lone surrogate`);
});

test('the two signers really differ when an input differs (the comparison has teeth)', () => {
  const input = { secretId: 'AKIDEXAMPLE', secretKey: 'secretEXAMPLE', timestamp: 1_700_006_399, payload: '{"a":"测试"}', contentType: 'application/json' };
  const sdk = sdkAuthorization(input);
  const ours = (over) => signTc3({ service: 'sms', host: HOST, ...input, ...over }).authorization;
  assert.equal(ours({}), sdk);
  for (const over of [{ timestamp: 1_700_006_400 }, { contentType: 'application/json; charset=utf-8' }, { payload: '{"a":"\\u6d4b\\u8bd5"}' }, { secretKey: 'secretEXAMPLE ' }]) {
    assert.notEqual(ours(over), sdk, JSON.stringify(over));
  }
});
