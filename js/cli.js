#!/usr/bin/env node
// `connector-tencent-sms-wasm check | send`: look at a config outside Logto, with the same
// connector Logto would load. Secrets are never printed; a dry run hides the credential and the
// signature, since a printed signed request could be replayed for five minutes.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import createConnector, { checkConfig, prepareSend, validateConfig } from './index.js';
import * as live from './live.js';

const baseUsage = `Usage: connector-tencent-sms-wasm <command> [options]

Commands:
  check --config <file>   what in a config would fail a send (errors) and what looks wrong
                          (warnings); run it on the config Logto stores before swapping
                          this connector in for @logto/connector-tencent-sms
  send --config <file> --to <phone>
                          send one verification code through this connector

Options:
  --config <file>    the connector config as JSON: the object Logto stores, or Logto's
                     GET /api/connectors answer (the Tencent SMS entry is used); - for stdin
  --to <phone>       send: destination, e.g. 8613012345678 or +85291234567
  --type <type>      send: Logto message type (default SignIn)
  --code <digits>    send: the code to send (default: random 6 digits)
  --locale <tag>     send: payload locale, e.g. en or zh-CN
  --endpoint <url>   send: override endpoint (e.g. http://127.0.0.1:8787, the local Tencent API)
  --dry-run          send: print the signed request (credential and signature hidden), send nothing
  --json             check: print the findings as JSON
  -h, --help         this text
  -v, --version      the package version

Exit codes:
  0  check: nothing would fail a send     send: sent
  1  check: something would fail a send   send: Tencent or the network refused it
  2  bad usage or unreadable input (no such file, not JSON, send: an invalid config)`;

const usage = `${baseUsage}\n\n${live.liveUsage}`;

const CONNECTOR_ID = 'tencent-short-message-service';

const exit = (code, message) => {
  if (message) (code === 0 ? console.log : console.error)(message);
  process.exit(code);
};

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    args: live.withWaitDeliveryDefault(process.argv.slice(2)),
    options: {
      ...live.liveOptions,
      config: { type: 'string' },
      to: { type: 'string' },
      type: { type: 'string', default: 'SignIn' },
      code: { type: 'string' },
      locale: { type: 'string' },
      endpoint: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
} catch (error) {
  exit(2, `${error.message}\n\n${usage}`);
}
const { values: opts, positionals } = args;
if (opts.help) exit(0, usage);
if (opts.version) exit(0, JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
const [command, ...extra] = positionals;
if (!['check', 'send'].includes(command) || extra.length > 0 || !opts.config) exit(2, usage);
if (command === 'send' && !opts.to) exit(2, `send needs --to <phone>\n\n${usage}`);

/** The config in a file: the bare object, or the Tencent SMS connector in Logto's API answer. */
const readConfig = (file) => {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (error) {
    exit(2, `Cannot read ${file === '-' ? 'standard input' : file}: ${error.message}`);
  }
  const fromApi = (entry) => entry?.connectorId === CONNECTOR_ID || entry?.metadata?.id === CONNECTOR_ID;
  if (Array.isArray(parsed)) {
    const found = parsed.filter(fromApi);
    if (found.length !== 1) exit(2, `${file}: expected one ${CONNECTOR_ID} connector in the list, found ${found.length}`);
    return found[0].config;
  }
  return parsed?.config && typeof parsed.config === 'object' && !('accessKeyId' in parsed) ? parsed.config : parsed;
};

const where = (path) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('') || '(config)';

const check = (config) => {
  const { errors, warnings } = checkConfig(config);
  if (opts.json) {
    console.log(JSON.stringify({ errors, warnings }, null, 2));
  } else {
    for (const { path, message } of errors) console.log(`error    ${where(path)}: ${message}`);
    for (const { path, message } of warnings) console.log(`warning  ${where(path)}: ${message}`);
    const count = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    console.log(
      errors.length
        ? `${count(errors.length, 'error')}, ${count(warnings.length, 'warning')}: a send would fail; fix the errors first.`
        : `${count(warnings.length, 'warning')}: every message type can be sent with this config.`,
    );
  }
  process.exit(errors.length ? 1 : 0);
};

const describe = (error) => `${error.code ?? 'error'}: ${JSON.stringify(error.data ?? error.message, null, 2)}`;

const send = async (stored) => {
  const config = opts.endpoint ? { ...stored, endpoint: opts.endpoint, internationalEndpoint: opts.endpoint } : stored;
  const checked = validateConfig(config);
  if (!checked.ok) exit(2, `Invalid config:\n${checked.issues.map(({ path, message }) => `  ${where(path)}: ${message}`).join('\n')}`);
  const data = {
    to: opts.to,
    type: opts.type,
    payload: { code: opts.code ?? String(100_000 + Math.floor(Math.random() * 900_000)), ...(opts.locale && { locale: opts.locale }) },
  };
  try {
    if (opts['dry-run']) {
      const { request, ...plan } = prepareSend(config, data);
      const authorization = request.headers.Authorization
        .replace(/Credential=[^/]*/, 'Credential=(hidden)')
        .replace(/Signature=\w+/, 'Signature=(hidden)');
      console.log(JSON.stringify({ ...plan, request: { ...request, headers: { ...request.headers, Authorization: authorization } } }, null, 2));
    } else {
      const connector = await createConnector({ getConfig: async () => config });
      const sentMs = Date.now();
      const result = await connector.sendMessage(data);
      console.log(`Sent ${data.type} code to ${result.to} with template ${result.templateId}: RequestId ${result.requestId}`);
      if (opts['wait-delivery'] !== undefined) process.exit(await live.waitDelivery(config, data.to, result, sentMs, opts['wait-delivery']));
    }
  } catch (error) {
    exit(error.code === 'invalid_request_parameters' || error.code === 'insufficient_request_parameters' ? 2 : 1, describe(error));
  }
};

const config = readConfig(opts.config);
if (command === 'check' && opts.live) process.exit(await live.checkLive(config, { json: opts.json }));
else if (command === 'check') check(config);
else await send(config);
