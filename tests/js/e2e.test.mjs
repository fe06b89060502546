// End-to-end behaviour through the connector Logto's loader builds from our tarball, against the
// local Tencent API: every template type, the Generic fallback, every error class of the
// error table (docs/errors.md) reaching the caller as the right ConnectorError, config override, and tenants.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { createLogtoInstance, repoRoot } from '../../tools/logto-instance.mjs';
import { connectorConfig } from '../support/fixtures.mjs';

const TYPES = ['SignIn', 'Register', 'ForgotPassword', 'OrganizationInvitation', 'Generic',
  'UserPermissionValidation', 'BindNewIdentifier', 'MfaVerification', 'BindMfa'];
const TENANTS = [
  { secretId: 'AKIDTENANTA', secretKey: 'tenant-a-secret-key', sdkAppIds: ['1400000001'] },
  { secretId: 'AKIDTENANTB', secretKey: 'tenant-b-secret-key', sdkAppIds: ['1400000002'] },
];
let api;
let instance;
let factory;
let ConnectorError;

const config = (tenant = TENANTS[0], overrides = {}) =>
  connectorConfig(tenant, api.url, {
    templates: [
      { usageType: 'SignIn', templateCode: '1001' },
      { usageType: 'Register', templateCode: '1002' },
      { usageType: 'Generic', templateCode: '1009' },
    ],
    ...overrides,
  });
const message = (type = 'SignIn', code = '123456') => ({ to: '8613012345678', type, payload: { code, locale: 'en' } });
const connectorFor = (cfg) => factory.createConnector({ getConfig: async () => cfg });

/** Sends and returns the thrown ConnectorError, checking it is the host's class. */
const failure = async (promise) => {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConnectorError, `not a host ConnectorError: ${error}`);
    return error;
  }
  assert.fail('the send succeeded');
};

before(async () => {
  api = await startTencentApi({
    accounts: TENANTS,
    signNames: ['Logto'],
    templates: Object.fromEntries(['1001', '1002', '1009'].map((id) => [id, { text: `[${id}] code {1}`, international: false }])),
  });
  instance = createLogtoInstance();
  factory = (await instance.loadFactories()).find((f) => f.metadata.id === 'tencent-short-message-service');
  ({ ConnectorError } = await instance.hostKit());
});

after(async () => {
  await api?.close();
  instance?.remove();
});

describe('sending', () => {
  test('every TemplateType is delivered, with its own template or the Generic one', async () => {
    const connector = await connectorFor(config());
    const own = { SignIn: '1001', Register: '1002' };
    for (const type of TYPES) {
      api.reset();
      await connector.sendMessage(message(type, '654321'));
      assert.equal(api.accepted.length, 1, type);
      assert.equal(api.accepted[0].templateId, own[type] ?? '1009', type);
      assert.deepEqual(api.accepted[0].params, ['654321'], type);
      assert.equal(api.requests[0].verdict.ok, true, type);
    }
  });

  test('sendMessage(data, config) overrides getConfig', async () => {
    const connector = await factory.createConnector({
      getConfig: async () => {
        throw new Error('getConfig must not be called when a config is given');
      },
    });
    api.reset();
    await connector.sendMessage(message('Generic'), config(TENANTS[1]));
    assert.equal(api.accepted[0].secretId, 'AKIDTENANTB');
  });

  test('two tenants sending concurrently are each signed with their own key', async () => {
    const [a, b] = await Promise.all(TENANTS.map((t) => connectorFor(config(t))));
    api.reset();
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? b : a).sendMessage(message('SignIn', String(100000 + i)))));
    assert.equal(api.accepted.length, 40);
    assert.ok(api.requests.every((r) => r.verdict.ok));
    for (const m of api.accepted) {
      const tenant = Number(m.params[0]) % 2 ? TENANTS[1] : TENANTS[0];
      assert.equal(m.secretId, tenant.secretId);
      assert.equal(m.sdkAppId, tenant.sdkAppIds[0]);
    }
  });
});

describe('every error class reaches the caller as the documented ConnectorError', () => {
  const scripted = [
    [{ error: { code: 'LimitExceeded.PhoneNumberDailyLimit', message: 'daily' } }, 'rate_limit_exceeded'],
    [{ statusCode: 'LimitExceeded.PhoneNumberThirtySecondLimit' }, 'rate_limit_exceeded'],
    [{ error: { code: 'RequestLimitExceeded', message: 'slow down' } }, 'rate_limit_exceeded'],
    [{ error: { code: 'FailedOperation.InsufficientBalanceInSmsPackage', message: 'no balance' } }, 'usage_limit_exceeded'],
    [{ error: { code: 'UnauthorizedOperation.SmsSdkAppIdVerifyFail', message: 'x' } }, 'invalid_config'],
    [{ statusCode: 'FailedOperation.TemplateIncorrectOrUnapproved' }, 'template_not_found'],
    [{ statusCode: 'FailedOperation.PhoneNumberInBlacklist' }, 'invalid_request_parameters'],
    [{ error: { code: 'AuthFailure.SignatureExpire', message: 'clock' } }, 'general'],
    [{ error: { code: 'InternalError.Timeout', message: 'later' } }, 'general'],
    [{ statusCode: 'FailedOperation.SomethingNew' }, 'general'],
    [{ http: 502, body: '<html><body>502 Bad Gateway</body></html>', contentType: 'text/html' }, 'general'],
    [{ http: 429, body: 'Too Many Requests' }, 'rate_limit_exceeded'],
    [{ rawBody: '{"Response":{"SendStatusSet":[' }, 'invalid_response'],
    [{ emptyBody: true }, 'invalid_response'],
    [{ invalidUtf8: true }, 'invalid_response'],
    [{ hugeBody: 2_000_000 }, 'invalid_response'],
    [{ drop: true }, 'general'],
  ];
  for (const [behaviour, code] of scripted) {
    test(`${JSON.stringify(behaviour).slice(0, 80)} → ${code}`, async () => {
      // One scripted answer, no retry: the mapping of that answer is what is tested here.
      const connector = await connectorFor(config(TENANTS[0], { maxRetries: 0 }));
      api.reset();
      api.script(behaviour);
      const error = await failure(connector.sendMessage(message()));
      assert.equal(error.code, code, JSON.stringify(error.data));
      const tencentCode = behaviour.error?.code ?? behaviour.statusCode;
      if (tencentCode) {
        assert.equal(error.data.Code, tencentCode);
        assert.ok(error.data.RequestId, 'RequestId kept');
      }
      assert.ok(!JSON.stringify(error.data).includes(TENANTS[0].secretKey));
    });
  }

  test('every row of the docs/errors.md table, as a request error and as a per-number status', async () => {
    const table = readFileSync(join(repoRoot, 'pkg-template', 'docs', 'errors.md'), 'utf8');
    const rows = [...table.matchAll(/^\| `([A-Za-z.]+)` \| `([a-z_]+)` \|/gm)].map(([, tencent, logto]) => [tencent, logto]);
    assert.ok(rows.length >= 60, `docs/errors.md table rows: ${rows.length}`);
    const connector = await connectorFor(config(TENANTS[0], { maxRetries: 0 }));
    for (const [tencentCode, logtoCode] of rows) {
      for (const behaviour of [{ error: { code: tencentCode, message: 'scripted' } }, { statusCode: tencentCode }]) {
        api.reset();
        api.script(behaviour);
        const error = await failure(connector.sendMessage(message()));
        assert.deepEqual([tencentCode, error.code], [tencentCode, logtoCode]);
        assert.equal(error.data.Code, tencentCode);
      }
    }
  });

  test('real verification failures: unknown secret id, wrong template, wrong sign name', async () => {
    const cases = [
      [config({ ...TENANTS[0], secretId: 'AKIDUNKNOWN' }), 'invalid_config', 'AuthFailure.SecretIdNotFound'],
      [config(TENANTS[0], { templates: [{ usageType: 'Generic', templateCode: '4040' }] }), 'template_not_found', 'FailedOperation.TemplateUnapprovedOrNotExist'],
      [config(TENANTS[0], { signName: 'Unknown' }), 'invalid_config', 'FailedOperation.SignatureIncorrectOrUnapproved'],
    ];
    for (const [cfg, code, tencentCode] of cases) {
      const error = await failure((await connectorFor(cfg)).sendMessage(message()));
      assert.deepEqual([error.code, error.data.Code], [code, tencentCode]);
    }
  });

  test('a stored config without Generic: its own types send, the others fail as template_not_found before any request', async () => {
    // A stored config can predate validation: it is used as far as each message needs it.
    const connector = await connectorFor(config(TENANTS[0], { templates: [{ usageType: 'SignIn', templateCode: '1001' }] }));
    api.reset();
    const error = await failure(connector.sendMessage(message('BindMfa')));
    assert.equal(error.code, 'template_not_found');
    assert.match(error.data.errorDescription, /Cannot find template for type: BindMfa/);
    assert.equal(api.requests.length, 0);
    await connector.sendMessage(message('SignIn'));
    assert.deepEqual(api.accepted.map((m) => m.templateId), ['1001']);
  });

  test('a bad phone number fails with invalid_request_parameters before any request', async () => {
    const connector = await connectorFor(config());
    api.reset();
    const error = await failure(connector.sendMessage({ ...message(), to: 'not a number' }));
    assert.equal(error.code, 'invalid_request_parameters');
    assert.equal(api.requests.length, 0);
  });

  test('a timeout fails within the timeout plus a small margin, and is not retried', async () => {
    const connector = await connectorFor(config(TENANTS[0], { timeoutMs: 300 }));
    api.reset();
    api.script({ delayMs: 3000 });
    const started = performance.now();
    const error = await failure(connector.sendMessage(message()));
    const elapsed = performance.now() - started;
    assert.equal(error.code, 'general');
    assert.match(error.data.errorDescription, /did not answer within 300 ms/);
    assert.ok(elapsed >= 290 && elapsed < 1300, `took ${elapsed} ms`);
    assert.equal(api.requests.length, 1);
  });

  test("each exchange's deadline timer is cleared once its body is read: a finished send keeps none alive", async () => {
    // Timers armed for the send's deadline (an odd timeoutMs tells them from undici's own), and
    // which of them were cleared or fired, whatever the outcome.
    const TIMEOUT_MS = 29_977;
    const armed = new Set();
    const { setTimeout: set, clearTimeout: clear } = globalThis;
    globalThis.setTimeout = (fn, ms, ...rest) => {
      const handle = set((...a) => { armed.delete(handle); fn(...a); }, ms, ...rest);
      if (ms === TIMEOUT_MS) armed.add(handle);
      return handle;
    };
    globalThis.clearTimeout = (handle) => { armed.delete(handle); clear(handle); };
    try {
      const connector = await connectorFor(config(TENANTS[0], { timeoutMs: TIMEOUT_MS, maxRetries: 2 }));
      for (const script of [[], [{ error: { code: 'RequestLimitExceeded', message: 'slow down' } }], [{ http: 503, body: 'busy' }]]) {
        api.reset();
        api.script(...script);
        await connector.sendMessage(message()).catch(() => {});
        assert.ok(api.requests.length >= 1);
        assert.equal(armed.size, 0, `${armed.size} deadline timers left after ${JSON.stringify(script)}`);
      }
    } finally {
      globalThis.setTimeout = set;
      globalThis.clearTimeout = clear;
    }
  });

  test('a redirect is never followed: the signed request stays where it was sent', async () => {
    let contacted = false;
    const other = http.createServer((req, res) => {
      contacted = true;
      res.end();
    });
    await new Promise((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const connector = await connectorFor(config());
      api.reset();
      api.script({ redirect: `http://127.0.0.1:${other.address().port}/` });
      const error = await failure(connector.sendMessage(message()));
      assert.equal(error.code, 'general');
      assert.match(error.data.errorDescription, /a redirect, which is never followed so the signed request stays with Tencent; check `endpoint`$/);
      assert.equal(contacted, false);
    } finally {
      other.close();
    }
  });
});
