// The package as Logto runs it: extracted from our tarball into a Logto-like instance, loaded by
// @logto/cli's real loader, checked against @logto/schemas' response guard, and sending to the
// local Tencent API (which verifies every signature independently of our code).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { connectorFactoryResponseGuard } from '@logto/schemas';
import { ZodError } from 'zod';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { createLogtoInstance } from '../../tools/logto-instance.mjs';
import { connectorConfig } from '../support/fixtures.mjs';

const SECRET = 'host-test-secret-key-0123456789';
let instance;
let factory;
let api;
let skipped = [];

const config = (overrides = {}) =>
  connectorConfig({ secretId: 'AKIDHOSTTEST', secretKey: SECRET }, api.url, {
    templates: ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({ usageType, templateCode: '1001' })),
    ...overrides,
  });

before(async () => {
  api = await startTencentApi({
    accounts: [{ secretId: 'AKIDHOSTTEST', secretKey: SECRET, sdkAppIds: ['1400000000'] }],
    signNames: ['Logto'],
    templates: {
      1001: { text: '您的验证码为：{1}，5分钟内有效。', international: false },
      1002: { text: '验证码：{1}', international: false },
    },
  });
  instance = createLogtoInstance();
  const originalError = console.error;
  console.error = (...args) => {
    skipped.push(args.join(' '));
    originalError(...args);
  };
  try {
    const factories = await instance.loadFactories();
    factory = factories.find((f) => f.metadata.id === 'tencent-short-message-service');
  } finally {
    console.error = originalError;
  }
});

after(async () => {
  await api?.close();
  instance?.remove();
});

test('the tarball loads through @logto/cli with no skip', () => {
  assert.deepEqual(skipped.filter((line) => line.includes('skip')), []);
  assert.ok(factory, 'connector factory loaded');
  assert.equal(factory.type, 'Sms');
});

test('metadata satisfies connectorFactoryResponseGuard, as /connector-factories enforces', () => {
  const { metadata, type } = factory;
  connectorFactoryResponseGuard.parse({ type, ...metadata });
  assert.match(metadata.logo, /^data:image\/svg\+xml;base64,/);
  assert.equal(metadata.readme, readFileSync(join(instance.connectorPath, 'README.md'), 'utf8'));
  assert.equal(metadata.target, 'tencent-sms');
  const secret = metadata.formItems.find((i) => i.key === 'accessKeySecret');
  assert.equal(secret.isConfidential, true);
});

test('the connector folder has no node_modules: kit and zod come from the host', async () => {
  assert.throws(() => readFileSync(join(instance.connectorPath, 'node_modules', 'zod', 'package.json')));
});

test('createConnector never calls getConfig', async () => {
  let calls = 0;
  const connector = await factory.createConnector({ getConfig: async () => { calls += 1; } });
  assert.equal(calls, 0);
  assert.equal(typeof connector.sendMessage, 'function');
});

test('configGuard failures are host ZodErrors with one issue per problem and its path', () => {
  const result = factory.configGuard.safeParse({ ...config(), sdkAppId: 'abc', templates: [{ usageType: 'SignIn' }] });
  assert.equal(result.success, false);
  assert.ok(result.error instanceof ZodError);
  assert.deepEqual(
    result.error.issues.map((i) => [i.path.join('.'), i.message]),
    [
      ['sdkAppId', "must contain digits only (the SMS application's SdkAppId, e.g. 1400000000)"],
      ['templates.0.templateCode', 'must be a non-empty string'],
      ['templates', `must include a usable template with usageType "Generic": Logto's Test button sends it, and every message type without a usable template of its own falls back to it`],
    ],
  );
  assert.equal(factory.configGuard.safeParse(config()).success, true);
});

test('a SignIn code sent through the loaded connector verifies at the local Tencent API', async () => {
  const connector = await factory.createConnector({ getConfig: async () => config() });
  api.reset();
  const result = await connector.sendMessage({
    to: '8613012345678',
    type: 'SignIn',
    payload: { code: '123456', locale: 'zh-CN', uiLocales: 'zh-CN en' },
    ip: '203.0.113.7',
  });
  assert.equal(result.usageType, 'SignIn');
  assert.equal(api.requests.length, 1);
  assert.equal(api.requests[0].verdict.ok, true);
  assert.equal(api.accepted.length, 1);
  assert.equal(api.accepted[0].phone, '+8613012345678');
  assert.deepEqual(api.accepted[0].params, ['123456']);
  assert.equal(api.accepted[0].text, '您的验证码为：123456，5分钟内有效。');
});

test('failures are instanceof the host ConnectorError with the documented code', async () => {
  const { ConnectorError } = await instance.hostKit();
  const connector = await factory.createConnector({ getConfig: async () => config({ accessKeySecret: 'wrong-secret' }) });
  await assert.rejects(
    connector.sendMessage({ to: '8613012345678', type: 'SignIn', payload: { code: '123456' } }),
    (error) => {
      assert.ok(error instanceof ConnectorError, 'instanceof host ConnectorError');
      assert.equal(error.code, 'invalid_config');
      assert.equal(error.data.Code, 'AuthFailure.SignatureFailure');
      assert.ok(error.data.RequestId);
      assert.ok(!JSON.stringify(error.data).includes('wrong-secret'));
      return true;
    },
  );
  await assert.rejects(
    connector.sendMessage({ to: '8613012345678', type: 'SignIn', payload: { code: '1' } }, { templates: [] }),
    (error) => error instanceof ConnectorError && error.code === 'invalid_config' && error.data instanceof ZodError,
  );
});

test('a stored config with blank, placeholder and unknown-type entries sends every message its templates serve; configGuard lists every problem', async () => {
  // As a swap leaves it: saved through the official connector, which accepted all of this.
  const stored = config({
    templates: [
      { usageType: 'SignIn', templateCode: '1001' },
      { usageType: 'Register', templateCode: '' },
      { usageType: 'ForgotPassword', templateCode: '<template-code>' },
      { usageType: 'MfaVerification', templateCode: '' },
      { usageType: 'Signin', templateCode: '1001' },
      { usageType: 'Test', templateCode: '<template-code>' },
      { usageType: 'Generic', templateCode: '1002' },
    ],
  });
  const connector = await factory.createConnector({ getConfig: async () => structuredClone(stored) });
  const types = ['SignIn', 'Register', 'ForgotPassword', 'OrganizationInvitation', 'Generic',
    'UserPermissionValidation', 'BindNewIdentifier', 'MfaVerification', 'BindMfa'];
  api.reset();
  for (const type of types) await connector.sendMessage({ to: '8613012345678', type, payload: { code: '123456', locale: 'en' } });
  assert.deepEqual(api.accepted.map((m) => m.templateId), types.map((t) => (t === 'SignIn' ? '1001' : '1002')));
  assert.equal(api.requests.length, types.length);

  const result = factory.configGuard.safeParse(stored);
  assert.equal(result.success, false);
  const placeholder = "is still the console's placeholder: put the ID of an approved Tencent template here";
  assert.deepEqual(result.error.issues.map((i) => [i.path.join('.'), i.message]), [
    ['templates.1.templateCode', 'must be a non-empty string'],
    ['templates.2.templateCode', placeholder],
    ['templates.3.templateCode', 'must be a non-empty string'],
    ['templates.5.templateCode', placeholder],
  ]);
});
