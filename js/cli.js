#!/usr/bin/env node
// `connector-tencent-sms-wasm send`: check a config outside Logto by sending one code through the
// same connector Logto would load. Exit 0 sent, 1 Tencent or the network refused, 2 bad usage
// or config. Secrets are never printed; a dry run hides the signature, since a printed signed
// request could be replayed for five minutes.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import createConnector, { prepareSend, validateConfig } from './index.js';

const usage = `Usage: connector-tencent-sms-wasm send --config config.json --to <phone> [options]

  --config <file>    the connector config as JSON (the same object Logto stores)
  --to <phone>       destination, e.g. 8613012345678 or +85291234567
  --type <type>      Logto message type (default SignIn)
  --code <digits>    the code to send (default: random 6 digits)
  --locale <tag>     payload locale, e.g. en or zh-CN
  --endpoint <url>   override endpoint (e.g. http://127.0.0.1:8787 for the local Tencent API)
  --dry-run          print the signed request instead of sending it`;

const fail = (message, code = 2) => {
  console.error(message);
  process.exit(code);
};

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      to: { type: 'string' },
      type: { type: 'string', default: 'SignIn' },
      code: { type: 'string' },
      locale: { type: 'string' },
      endpoint: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  fail(`${error.message}\n\n${usage}`);
}
const { values: opts, positionals } = args;
if (opts.help) fail(usage, 0);
if (positionals[0] !== 'send' || !opts.config || !opts.to) fail(usage);

let config;
try {
  config = JSON.parse(readFileSync(opts.config, 'utf8'));
} catch (error) {
  fail(`Cannot read ${opts.config}: ${error.message}`);
}
if (opts.endpoint) config = { ...config, endpoint: opts.endpoint, internationalEndpoint: opts.endpoint };
const checked = validateConfig(config);
if (!checked.ok) {
  fail(`Invalid config:\n${checked.issues.map(({ path, message }) => `  ${path.join('.') || '(root)'}: ${message}`).join('\n')}`);
}

const data = {
  to: opts.to,
  type: opts.type,
  payload: { code: opts.code ?? String(100_000 + Math.floor(Math.random() * 900_000)), ...(opts.locale && { locale: opts.locale }) },
};
const describe = (error) => `${error.code ?? 'error'}: ${JSON.stringify(error.data ?? error.message, null, 2)}`;

try {
  if (opts['dry-run']) {
    const { request, ...plan } = prepareSend(config, data);
    const authorization = request.headers.Authorization.replace(/Signature=\w+/, 'Signature=(hidden)');
    console.log(JSON.stringify({ ...plan, request: { ...request, headers: { ...request.headers, Authorization: authorization } } }, null, 2));
  } else {
    const connector = await createConnector({ getConfig: async () => config });
    const result = await connector.sendMessage(data);
    console.log(`Sent ${data.type} code to ${result.to} with template ${result.templateId}: RequestId ${result.requestId}`);
  }
} catch (error) {
  fail(describe(error), 1);
}
