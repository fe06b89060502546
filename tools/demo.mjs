// `npm run demo`: the connector doing its job the way Logto runs it. The built tarball is
// extracted into a Logto-like instance, loaded by @logto/cli's loader, and sends a SignIn code —
// to the local Tencent API stand-in (default) or, with real credentials in the environment, to
// sms.tencentcloudapi.com. Then one failure, shown as the ConnectorError Logto would turn into
// an HTTP response. Last, against the local API, `check --live` on a sound and a broken account.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { DEMO_CONFIG, startTencentApi } from './tencent-api/server.mjs';
import {
  BROKEN_CONFIG, BROKEN_KEY, SEND_ONLY_KEY, SIGNS, SOUND_KEY, TEMPLATES, fixtureAccounts, liveConfig, sendOptions,
} from './tencent-api/fixture-account.mjs';
import { createLogtoInstance } from './logto-instance.mjs';

const { values: args } = parseArgs({
  options: {
    to: { type: 'string' },
    type: { type: 'string', default: 'SignIn' },
    code: { type: 'string' },
  },
});
const env = process.env;
const real = Boolean(env.TENCENTCLOUD_SECRET_ID && env.TENCENTCLOUD_SECRET_KEY);

const heading = (text) => console.log(`\n\x1b[1m== ${text}\x1b[0m`);
const mask = (secret) => `(hidden, ${secret.length} characters)`;
const httpStatusOf = (code) =>
  ({ rate_limit_exceeded: 429, usage_limit_exceeded: 429, not_implemented: 501 })[code] ?? 400;

const realConfig = () => {
  const missing = ['TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATE_ID'].filter((k) => !env[k]);
  if (missing.length > 0 || !args.to) {
    console.error(`A real send needs ${[...missing, ...(args.to ? [] : ['--to <phone>'])].join(', ')}.`);
    process.exit(2);
  }
  return {
    accessKeyId: env.TENCENTCLOUD_SECRET_ID,
    accessKeySecret: env.TENCENTCLOUD_SECRET_KEY,
    signName: env.TENCENT_SMS_SIGN_NAME,
    sdkAppId: env.TENCENT_SMS_SDK_APP_ID,
    region: env.TENCENT_SMS_REGION ?? 'ap-guangzhou',
    templates: [{ usageType: 'Generic', templateCode: env.TENCENT_SMS_TEMPLATE_ID }],
    ...(env.TENCENT_SMS_ENDPOINT && { endpoint: env.TENCENT_SMS_ENDPOINT }),
  };
};

const api = real ? undefined : await startTencentApi(DEMO_CONFIG);
const [account] = DEMO_CONFIG.accounts;
const config = real
  ? realConfig()
  : {
      accessKeyId: account.secretId,
      accessKeySecret: account.secretKey,
      signName: DEMO_CONFIG.signNames[0],
      sdkAppId: account.sdkAppIds[0],
      region: 'ap-guangzhou',
      templates: [
        { usageType: 'SignIn', templateCode: '1001' },
        { usageType: 'Generic', templateCode: '1001' },
      ],
      endpoint: api.url,
    };

const instance = createLogtoInstance();
try {
  heading('Loading the package the way Logto core does');
  console.log(`instance folder: ${instance.root}`);
  const factories = await instance.loadFactories();
  const factory = factories.find((f) => f.metadata.id === 'tencent-short-message-service');
  if (!factory) throw new Error('the connector was skipped by the loader (see the log above)');
  console.log(`loaded ${factory.metadata.name.en} (${factory.metadata.id}), type ${factory.type}`);

  heading(real ? 'Config (real Tencent Cloud)' : `Config (local Tencent API at ${api.url})`);
  console.log(JSON.stringify({ ...config, accessKeySecret: mask(config.accessKeySecret) }, null, 2));

  const connector = await factory.createConnector({ getConfig: async () => config });
  const to = args.to ?? '8613012345678';
  const code = args.code ?? String(Math.floor(100_000 + Math.random() * 900_000));
  heading(`Sending a ${args.type} code to ${to}`);
  const started = performance.now();
  const result = await connector.sendMessage({ to, type: args.type, payload: { code, locale: 'zh-CN' } });
  const elapsed = (performance.now() - started).toFixed(1);

  if (api) {
    const [received] = api.requests;
    heading('The signed HTTP request, as the local Tencent API received it');
    console.log(`POST / HTTP/1.1`);
    for (const [name, value] of Object.entries(received.headers)) console.log(`${name}: ${value}`);
    console.log(`\n${received.body}`);
    heading('Verification verdict (signature recomputed independently from the received bytes)');
    console.log(JSON.stringify(received.verdict));
    const [message] = api.accepted;
    heading('On the phone');
    console.log(`【${message.signName}】${message.text}`);
  }
  heading('Outcome');
  console.log(`sent in ${elapsed} ms:`, JSON.stringify(result));

  heading('A failure: the same send with a wrong secret key');
  const broken = await factory.createConnector({
    getConfig: async () => ({ ...config, accessKeySecret: 'not-the-right-secret' }),
  });
  try {
    await broken.sendMessage({ to, type: args.type, payload: { code } });
    console.log('unexpected: the send succeeded');
    process.exitCode = 1;
  } catch (error) {
    const { ConnectorError } = await instance.hostKit();
    console.log(`${error.constructor.name} (instanceof host ConnectorError: ${error instanceof ConnectorError})`);
    console.log(`code: ${error.code}`);
    console.log(`data: ${JSON.stringify(error.data, null, 2)}`);
    console.log(`Logto answers HTTP ${httpStatusOf(error.code)} with code "connector.${error.code}".`);
  }
  if (!real) await liveDemo(instance);
} finally {
  instance.remove();
  await api?.close();
}

/** `check --live` against the local API's fixture account: a sound config, then a broken one. */
async function liveDemo(where) {
  const fixture = await startTencentApi({ accounts: fixtureAccounts(), ...sendOptions({ signs: SIGNS, templates: TEMPLATES }) });
  try {
    const cli = join(where.connectorPath, 'lib', 'cli.js');
    for (const [title, config] of [
      ['a sound account', liveConfig(SOUND_KEY, fixture.url)],
      ['an account and config with every defect', liveConfig(BROKEN_KEY, fixture.url, BROKEN_CONFIG)],
      ['the connector\'s own send-only key', liveConfig(SEND_ONLY_KEY, fixture.url)],
    ]) {
      heading(`Before you swap: check --live, ${title}`);
      const file = join(where.root, 'live-config.json');
      writeFileSync(file, JSON.stringify(config));
      // Asynchronously: the local API answers from this process.
      const { status, stdout } = await new Promise((resolve) =>
        execFile(process.execPath, [cli, 'check', '--live', '--config', file], (error, out) => resolve({ status: error?.code ?? 0, stdout: out })));
      console.log(`$ npx connector-tencent-sms-wasm check --live --config config.json\n${stdout}(exit ${status})`);
    }
  } finally {
    await fixture.close();
  }
}
