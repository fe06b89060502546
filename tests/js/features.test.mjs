// Beyond the official connector, end to end through Logto's loader against the local Tencent
// API, which enforces Tencent's mainland/international template rules: split template codes,
// international sign name/region/endpoint, declared params, locales, destination policy, and
// strict phone numbers. Each feature is opt-in: old configs are covered by conformance.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { createLogtoInstance } from '../../tools/logto-instance.mjs';
import { connectorConfig } from '../support/fixtures.mjs';

const ACCOUNT = { secretId: 'AKIDFEATURES', secretKey: 'features-secret-key', sdkAppIds: ['1400000000'] };
const TEMPLATES = {
  1001: { text: '您的验证码为：{1}，5分钟内有效。', international: false },
  1002: { text: 'Your code is {1}.', international: false },
  1003: { text: '您的验证码为：{1}，{2}分钟内有效。', international: false },
  2001: { text: 'Your verification code is {1}.', international: true },
};
let api;
let intlApi;
let instance;
let factory;
let ConnectorError;

const config = (overrides = {}) =>
  connectorConfig(ACCOUNT, api.url, {
    templates: [{ usageType: 'Generic', templateCode: { mainland: '1001', international: '2001' } }],
    ...overrides,
  });
const send = async (cfg, to, payload = {}) =>
  (await factory.createConnector({ getConfig: async () => cfg })).sendMessage({
    to,
    type: 'SignIn',
    payload: { code: '123456', ...payload },
  });
const rejection = async (promise) => {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConnectorError, String(error));
    return error;
  }
  assert.fail('the send succeeded');
};

before(async () => {
  const options = { accounts: [ACCOUNT], signNames: ['Logto'], templates: TEMPLATES };
  [api, intlApi] = await Promise.all([startTencentApi(options), startTencentApi(options)]);
  instance = createLogtoInstance();
  factory = (await instance.loadFactories()).find((f) => f.metadata.id === 'tencent-short-message-service');
  ({ ConnectorError } = await instance.hostKit());
});

after(async () => {
  await Promise.all([api?.close(), intlApi?.close()]);
  instance?.remove();
});

test('split template codes pick the mainland or international template by destination', async () => {
  api.reset();
  await send(config(), '8613012345678');
  await send(config({ omitInternationalSignName: true }), '85291234567');
  await send(config({ internationalSignName: 'Logto' }), '447700900123');
  assert.deepEqual(
    api.accepted.map((m) => [m.phone, m.templateId, m.signName ?? null]),
    [['+8613012345678', '1001', 'Logto'], ['+85291234567', '2001', null], ['+447700900123', '2001', 'Logto']],
  );
  assert.equal(api.accepted[1].text, 'Your verification code is 123456.');
});

test('no template for the destination class fails before any request, naming type and class', async () => {
  api.reset();
  const cfg = config({ templates: [{ usageType: 'Generic', templateCode: { mainland: '1001' } }] });
  const error = await rejection(send(cfg, '12125550123'));
  assert.equal(error.code, 'template_not_found');
  assert.match(error.data.errorDescription, /SignIn.*international/);
  assert.equal(api.requests.length, 0);
});

test('the local API enforces Tencent’s rule: a mainland template to a foreign number is refused', async () => {
  api.reset();
  const error = await rejection(send(config({ templates: [{ usageType: 'Generic', templateCode: '1001' }] }), '12125550123'));
  assert.equal(error.code, 'template_not_found');
  assert.equal(error.data.Code, 'UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone');
});

test('international region and endpoint apply to international numbers only', async () => {
  api.reset();
  intlApi.reset();
  const cfg = config({ internationalRegion: 'ap-singapore', internationalEndpoint: intlApi.url });
  await send(cfg, '85291234567');
  await send(cfg, '8613012345678');
  assert.deepEqual(intlApi.accepted.map((m) => [m.phone, m.region]), [['+85291234567', 'ap-singapore']]);
  assert.deepEqual(api.accepted.map((m) => [m.phone, m.region]), [['+8613012345678', 'ap-guangzhou']]);
});

test('declared params fill a two-placeholder template; without them Tencent refuses it', async () => {
  api.reset();
  const withParams = config({ templates: [{ usageType: 'Generic', templateCode: '1003', params: ['{{code}}', '5'] }] });
  await send(withParams, '8613012345678');
  assert.equal(api.accepted[0].text, '您的验证码为：123456，5分钟内有效。');
  const error = await rejection(send(config({ templates: [{ usageType: 'Generic', templateCode: '1003' }] }), '8613012345678'));
  assert.equal(error.code, 'invalid_config');
  assert.equal(error.data.Code, 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate');
});

test('params are checked at config time as Tencent would check them at send time', () => {
  const result = factory.configGuard.safeParse(
    config({ templates: [{ usageType: 'Generic', templateCode: '1003', params: ['{{code}}', 'five'] }] }),
  );
  assert.equal(result.success, false);
  assert.deepEqual(result.error.issues.map((i) => i.path), [['templates', 0, 'params', 1]]);
});

test('locale-aware templates: exact, then language, then no locale', async () => {
  const cfg = config({
    templates: [
      { usageType: 'SignIn', templateCode: '1001', locale: 'zh-CN' },
      { usageType: 'SignIn', templateCode: '1002', locale: 'en' },
      { usageType: 'Generic', templateCode: '1001' },
    ],
  });
  api.reset();
  for (const locale of ['zh-CN', 'en-GB', 'en', 'fr', undefined]) await send(cfg, '8613012345678', { locale });
  assert.deepEqual(api.accepted.map((m) => m.templateId), ['1001', '1002', '1002', '1001', '1001']);
});

test('destination policy refuses before any request and names only the country code', async () => {
  api.reset();
  for (const [policy, to] of [[{ allowedCountryCodes: '86, 852' }, '12125550123'], [{ deniedCountryCodes: ['44'] }, '447700900123']]) {
    const error = await rejection(send(config(policy), to));
    assert.equal(error.code, 'invalid_request_parameters');
    assert.match(error.data.errorDescription, /country code \+(1|44)\b/);
    assert.ok(!JSON.stringify(error.data).includes(to.slice(2)));
  }
  assert.equal(api.requests.length, 0);
  await send(config({ allowedCountryCodes: ['86', '852'] }), '85291234567');
  assert.equal(api.accepted.length, 1);
});

test('strict phone numbers read a +1 number shaped like a mainland mobile as +1', async () => {
  api.reset();
  await send(config(), '18625550123');
  await send(config({ strictPhoneNumbers: true }), '18625550123');
  assert.deepEqual(api.accepted.map((m) => [m.phone, m.templateId]), [['+8618625550123', '1001'], ['+18625550123', '2001']]);
});

test('the bin sends from a terminal, and a dry run hides the signature', async () => {
  const { execFile } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const file = join(instance.root, 'config.json');
  writeFileSync(file, JSON.stringify({ ...config(), endpoint: 'https://sms.tencentcloudapi.com' }));
  const cli = join(instance.connectorPath, 'lib', 'cli.js');
  const run = (...args) =>
    new Promise((resolve) => {
      execFile(process.execPath, [cli, 'send', '--config', file, ...args], (error, stdout, stderr) =>
        resolve({ code: error?.code ?? 0, out: stdout + stderr }));
    });
  api.reset();
  const sent = await run('--to', '+8613012345678', '--type', 'Register', '--code', '424242', '--endpoint', api.url);
  assert.equal(sent.code, 0, sent.out);
  assert.match(sent.out, /Sent Register code to \+86\*+5678/);
  assert.deepEqual(api.accepted.map((m) => m.params), [['424242']]);
  const dry = await run('--to', '85291234567', '--dry-run');
  assert.equal(dry.code, 0, dry.out);
  assert.match(dry.out, /Signature=\(hidden\)/);
  assert.ok(!dry.out.includes(ACCOUNT.secretKey));
  const refused = await run('--to', '8613012345678', '--endpoint', 'http://127.0.0.1:1');
  assert.equal(refused.code, 1, refused.out);
  const bad = await run('--to', '8613012345678', '--endpoint', 'ftp://x');
  assert.equal(bad.code, 2);
  assert.match(bad.out, /endpoint: must be an https:\/\/ URL/);
});
