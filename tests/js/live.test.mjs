// `check --live` and `send --wait-delivery` from the built package's command, against the local
// Tencent API's fixture account: every defect with its verdict and exit code, a sound account
// exits 0, a send-only key gets the CAM hint and exit 2, few requests, hostile answers end in
// exit 2 within the deadline, nothing printed holds a secret or a typed value; and the
// signatures of all five actions agree with Tencent's SDK signer.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import {
  BROKEN_CONFIG, BROKEN_KEY, FIXTURE_APP, MANY_KEY, READ_KEY, SEND_ONLY_KEY, SIGNS, SOUND_KEY, TEMPLATES,
  fixtureAccounts, liveConfig, sendOptions,
} from '../../tools/tencent-api/fixture-account.mjs';
import { repoRoot } from '../../tools/logto-instance.mjs';
import { pkgDir } from '../../tools/package-under-test.mjs';
import { prng } from '../support/hostile-values.mjs';

const require = createRequire(import.meta.url);
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign').default;

const cli = join(pkgDir, 'lib', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'live-test-'));
const TYPED = { phone: '+8613600136000', code: '482913' };
const SECRETS = fixtureAccounts().map((a) => a.secretKey);
const outputs = [];
let api;
let n = 0;

before(async () => {
  api = await startTencentApi({
    accounts: fixtureAccounts(),
    ...sendOptions({ signs: SIGNS, templates: TEMPLATES }),
    receipts: { delayMs: 300, never: ['+8613900139000'], fail: ['+8613700137000'] },
  });
});
beforeEach(() => api.reset());
after(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

const saved = (value) => {
  const path = join(dir, `config-${(n += 1)}.json`);
  writeFileSync(path, JSON.stringify(value));
  return path;
};
const run = (args, env = {}) =>
  new Promise((resolve) => {
    const started = performance.now();
    execFile(process.execPath, [cli, ...args], { env: { ...process.env, TENCENTCLOUD_READ_SECRET_ID: '', TENCENTCLOUD_READ_SECRET_KEY: '', ...env } }, (error, stdout, stderr) => {
      outputs.push(stdout, stderr);
      resolve({ code: error?.code ?? 0, stdout, stderr, ms: performance.now() - started });
    });
  });
const live = (config, ...extra) => run(['check', '--live', '--config', saved(config), ...extra]);
const actions = () => api.requests.map((r) => r.headers['x-tc-action']);
const line = (stdout, start) => stdout.split('\n').find((l) => l.trimStart().startsWith(start)) ?? '';

test('a sound account exits 0 with every message type covered', async () => {
  const { code, stdout } = await live(liveConfig(SOUND_KEY, api.url));
  assert.equal(code, 0, stdout);
  assert.match(stdout, /0 errors, 0 warnings: every configured message type will send\.\n$/);
  assert.match(line(stdout, 'ForgotPassword'), /\[2\] \+ en: \[4\] ok\s+\[3\] via Generic \+ en: \[4\] ok$/);
  assert.match(stdout, /ok {7}8766 messages left in 2 package\(s\)/);
});

test('every defect of the broken account has its verdict, and exit 1', async () => {
  const { code, stdout } = await live(liveConfig(BROKEN_KEY, api.url, BROKEN_CONFIG));
  assert.equal(code, 1, stdout);
  const expect = [
    ['error    signName (mainland)', 'did you mean "腾讯云" (approved)?'],
    ['error    internationalSignName (international)', 'still in review'],
    ['error    templates[0] "模板1004" (mainland)', 'still in review'],
    ['error    templates[0] "模板2003" (international)', "rejected by Tencent's review: Template content is incomplete"],
    ['error    templates[1] "模板1002" (mainland)', 'has 2 variables but the connector sends 1 value (the code)'],
    ['error    templates[2] "欢迎" (mainland)', 'no variable, so the code never reaches the user'],
    ['error    templates[3] "模板1006" (mainland)', '模板内容含营销信息'],
    ['error    templates[4] "模板1005" (mainland)', 'approved but not yet in effect'],
    ['error    templates[5] (mainland)', 'no template with this TemplateId'],
    ['error    templates[6] (mainland)', 'no template with this TemplateId'],
    ['error    templates[7] "模板1007" (mainland)', 'has 3 variables but the connector sends 2 values (its params)'],
    ['warning  60 messages left in 2 package(s)', 'few left, top up before they run out'],
  ];
  for (const [start, has] of expect) assert.ok(line(stdout, start).includes(has), `${start} … ${has}\n${stdout}`);
  assert.match(line(stdout, 'Register'), /\[1\] error\s+\[1\] error$/, 'Register has no usable template anywhere');
  assert.match(line(stdout, 'BindMfa'), /\[5\] error\s+none \(error\)$/, 'nothing serves BindMfa abroad');
  assert.match(line(stdout, 'ForgotPassword'), /^\s+ForgotPassword\s+\[2\] error/);
});

test("docs/live.md's examples are what the command prints, and its policy is the one printed", async () => {
  const doc = readFileSync(join(repoRoot, 'pkg-template', 'docs', 'live.md'), 'utf8');
  const examples = [...doc.matchAll(/<!-- live-example: (\w+), exit (\d) -->\n```json\n([\s\S]*?)\n```\n\n```text\n\$ npx connector-tencent-sms-wasm check --live --config config\.json\n([\s\S]*?)\n```/g)];
  assert.deepEqual(examples.map((e) => e[1]), ['sound', 'broken']);
  // Package expiry dates move with the clock; everything else is fixed.
  const undated = (text) => text.replace(/\d{4}-\d{2}-\d{2}/g, 'YYYY-MM-DD');
  for (const [, name, exit, json, output] of examples) {
    const key = { sound: SOUND_KEY, broken: BROKEN_KEY }[name];
    const config = { ...JSON.parse(json), accessKeyId: key.secretId, accessKeySecret: key.secretKey, sdkAppId: FIXTURE_APP, endpoint: api.url };
    const { code, stdout } = await live(config);
    assert.equal(undated(stdout), undated(`${output}\n`), name);
    assert.equal(code, Number(exit), name);
  }
  const refused = await live(liveConfig(SEND_ONLY_KEY, api.url));
  const [, policy] = /```json\n(\{\n  "version"[\s\S]*?)\n```/.exec(doc);
  assert.ok(refused.stdout.includes(policy.replace(/^/gm, '  ')), refused.stdout);
});

test('--json gives the same findings for machines', async () => {
  const { code, stdout } = await live(liveConfig(BROKEN_KEY, api.url, BROKEN_CONFIG), '--json');
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  assert.equal(report.exitCode, 1);
  assert.equal(report.coverage.length, 18);
  assert.deepEqual(report.signs.map((s) => [s.field, s.verdict.level]), [['signName', 'error'], ['internationalSignName', 'error']]);
});

test('a send-only key gets the CAM policy and exit 2; a read-only key from the environment reads', async () => {
  const config = liveConfig(SEND_ONLY_KEY, api.url);
  const refused = await live(config);
  assert.equal(refused.code, 2, refused.stdout);
  assert.match(refused.stdout, /AuthFailure\.UnauthorizedOperation/);
  assert.match(refused.stdout, /"sms:DescribeSmsSignList",\n\s+"sms:DescribeSmsTemplateList",\n\s+"sms:SmsPackagesStatistics"/);
  assert.match(refused.stdout, /TENCENTCLOUD_READ_SECRET_ID=… TENCENTCLOUD_READ_SECRET_KEY=…/);
  const env = { TENCENTCLOUD_READ_SECRET_ID: READ_KEY.secretId, TENCENTCLOUD_READ_SECRET_KEY: READ_KEY.secretKey };
  const read = await run(['check', '--live', '--config', saved(config)], env);
  assert.equal(read.code, 0, read.stdout);
  const half = await run(['check', '--live', '--config', saved(config)], { TENCENTCLOUD_READ_SECRET_ID: 'AKIDX' });
  assert.equal(half.code, 2);
  assert.match(half.stderr, /set both TENCENTCLOUD_READ_SECRET_ID and TENCENTCLOUD_READ_SECRET_KEY/);
});

test('250 mainland and 3 international signs: 3 + 1 sign pages, 2 template queries, 1 package query', async () => {
  const { code, stdout } = await live(liveConfig(MANY_KEY, api.url));
  assert.equal(code, 0, stdout);
  const count = (a) => actions().filter((x) => x === a).length;
  assert.deepEqual(
    ['DescribeSmsSignList', 'DescribeSmsTemplateList', 'SmsPackagesStatistics', 'SendSms'].map(count),
    [4, 2, 1, 0],
  );
});

describe('hostile answers end in exit 2 within the deadline, never a trap', () => {
  const TIMEOUT_MS = 800;
  const cases = {
    'an HTML error page': { http: 502, body: '<html><h1>502 Bad Gateway</h1></html>' },
    'a huge answer': { hugeBody: 2 * 1024 * 1024 },
    'a hang': { delayMs: 10_000 },
    'wrong types': { rawBody: '{"Response":{"DescribeSignListStatusSet":"x","DescribeTemplateStatusSet":[1],"SmsPackagesStatisticsSet":{},"RequestId":"r"}}' },
    'a truncated answer': { rawBody: '{"Response":{"DescribeSignListStatusSet":[{"SignId":1,' },
    'bad UTF-8': { invalidUtf8: true },
    'a redirect': { redirect: 'http://127.0.0.1:9/' },
    'a dropped connection': { drop: true },
  };
  for (const [name, fault] of Object.entries(cases)) {
    test(name, async () => {
      // Every request, retries included, meets the fault.
      api.script(Array.from({ length: 40 }, () => fault));
      const { code, stdout, stderr, ms } = await live(liveConfig(SOUND_KEY, api.url, { timeoutMs: TIMEOUT_MS }));
      assert.equal(code, 2, stdout + stderr);
      assert.match(stdout, /Not checked\n/);
      assert.equal(stderr, '');
      // Reads run concurrently, each within timeoutMs (retries included); node's start-up on top.
      assert.ok(ms < TIMEOUT_MS + 3000, `${ms} ms`);
    });
  }
});

describe('send --wait-delivery', () => {
  const send = (to, seconds) =>
    run(['send', '--config', saved(liveConfig(SOUND_KEY, api.url)), '--to', to, '--code', TYPED.code, '--wait-delivery', ...(seconds ? [String(seconds)] : [])]);

  test('prints the receipt and the time to the handset', async () => {
    const { code, stdout } = await send(TYPED.phone);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /Delivered to the handset( \d+ s after sending)?: ReportStatus SUCCESS, DELIVRD \(SerialNo \d+:\d+\)/);
    assert.ok(actions().includes('PullSmsSendStatusByPhoneNumber'));
    assert.ok(!actions().includes('PullSmsSendStatus'), 'never the action that consumes receipts');
  });

  test('a failed delivery exits 1; no receipt in time says plainly why, exit 2', async () => {
    const failed = await send('+8613700137000', 5);
    assert.equal(failed.code, 1, failed.stdout);
    assert.match(failed.stdout, /Not delivered/);
    const none = await send('+8613900139000', 2);
    assert.equal(none.code, 2, none.stdout);
    assert.match(none.stdout, /No delivery receipt within \d+ s .* delivery receipts \(状态回执\) are not enabled for this SMS application/);
  });
});

test('the signatures of all five actions agree with Tencent\'s SDK signer on random inputs', async () => {
  const wasm = await import(pathToFileURL(join(pkgDir, 'lib', 'wasm', 'connector.js')).href);
  const rng = prng(Number(process.env.LIVE_SEED ?? 0x5eed_16));
  const chars = 'abcXYZ0189-_/+=中文😀 ';
  const random = (len) => Array.from({ length: len }, () => chars[rng.int(chars.length)]).join('');
  const seen = new Set();
  const mismatches = [];
  for (let i = 0; i < 12; i++) {
    const key = { secretId: `AKID${random(8).replace(/[^\w]/g, 'x')}`, secretKey: random(1 + rng.int(40)) };
    // Through a transport that checks each request against Sign.sign3, then answers as Tencent would.
    const transport = (url, method, headersJson, body) => {
      const headers = JSON.parse(headersJson);
      const action = headers['X-TC-Action'];
      seen.add(action);
      const expected = Sign.sign3({
        method: 'POST', url, payload: Buffer.from(body, 'utf8'), timestamp: Number(headers['X-TC-Timestamp']), service: 'sms',
        secretId: key.secretId, secretKey: key.secretKey, multipart: false, boundary: undefined, headers: { 'Content-Type': headers['Content-Type'] },
      });
      // Recorded, not asserted here: a throw inside the transport would read as a network failure.
      if (headers.Authorization !== expected) mismatches.push(`${action} case ${i}`);
      const answer = {
        SendSms: { SendStatusSet: [{ SerialNo: '1:1', PhoneNumber: TYPED.phone, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }] },
        PullSmsSendStatusByPhoneNumber: { PullSmsSendStatusSet: [{ SerialNo: '1:1', ReportStatus: 'SUCCESS', Description: 'DELIVRD', UserReceiveTime: 1 }] },
      }[action] ?? {};
      return [Promise.resolve(new Response(JSON.stringify({ Response: { ...answer, RequestId: 'r' } }), { status: 200 })), () => {}];
    };
    const config = { ...liveConfig(key, 'https://sms.tencentcloudapi.com', { signName: random(6) }), sdkAppId: FIXTURE_APP };
    const checked = JSON.parse(await wasm.checkLive(JSON.stringify(config), undefined, transport));
    assert.deepEqual(checked.value.report.reads, [], 'every read was answered');
    const waited = JSON.parse(await wasm.waitDelivery(JSON.stringify(config), undefined, TYPED.phone, '1:1', Date.now(), 1, transport));
    assert.equal(waited.value.exitCode, 0, JSON.stringify(waited));
    const sent = JSON.parse(await wasm.sendSms(JSON.stringify({ ...config, templates: [{ usageType: 'Generic', templateCode: '1001' }] }), JSON.stringify({ to: TYPED.phone, type: 'SignIn', payload: { code: TYPED.code } }), transport));
    assert.equal(sent.ok, true, JSON.stringify(sent));
  }
  assert.deepEqual(mismatches, []);
  assert.deepEqual([...seen].sort(), ['DescribeSmsSignList', 'DescribeSmsTemplateList', 'PullSmsSendStatusByPhoneNumber', 'SendSms', 'SmsPackagesStatistics']);
});

test('no output holds a secret or a typed value', () => {
  assert.ok(outputs.length >= 20, `${outputs.length} outputs`);
  const all = outputs.join('\n');
  for (const secret of [...SECRETS, READ_KEY.secretKey]) assert.ok(!all.includes(secret), 'a secret key');
  assert.ok(!all.includes(TYPED.code), 'the typed code');
  assert.ok(!all.includes(TYPED.phone.slice(1)) && !all.includes('13600136000'), 'the typed number');
});
