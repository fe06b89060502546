#!/usr/bin/env node
// `connector-tencent-sms-wasm check | send`: look at a config outside Logto, with the same
// connector Logto would load. Every line it writes goes through one redactor (redact.js): the
// config's credentials, and any value `check` finds shaped like one, never appear, in any form;
// a file that is not JSON is reported by line and column, never by quoting it. A dry run also
// hides the credential and the signature, since a printed signed request could be replayed for
// five minutes.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import createConnector, { checkConfig, prepareSend, validateConfig } from './index.js';
import { describeFault } from './json-fault.js';
import * as live from './live.js';
import { credentialsIn, redactor } from './redact.js';

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

// Replaced by the config's redactor as soon as the config is read; nothing is printed before
// that but our own words.
let redact = (text) => text;
let secrets = [];
const out = (text) => console.log(redact(text));
const err = (text) => console.error(redact(text));
const exit = (code, message) => {
  if (message) (code === 0 ? out : err)(message);
  process.exit(code);
};
/** Bad usage: what is wrong, then the usage. */
const misuse = (reason) => exit(2, `${reason}\n\n${usage}`);

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
  // Node's messages quote what was typed; an option name is safe to repeat, a value is not.
  const name = /'(--?[a-z][a-z-]{0,30})['= ]/i.exec(error.message)?.[1];
  misuse(
    error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? name ? `${name} is not an option of this command` : 'an option is not one this command knows'
      : error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
        ? `${name ?? 'an option'} ${/argument missing/.test(error.message) ? 'needs a value' : 'takes no value'}`
        : 'the command line could not be read',
  );
}
const { values: opts, positionals } = args;
if (opts.help) exit(0, usage);
if (opts.version) exit(0, JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
const [command, ...extra] = positionals;
// The words typed are not repeated: a pasted secret can land anywhere on a command line.
if (command === undefined) misuse('a command is missing: check or send');
if (!['check', 'send'].includes(command)) misuse('the command is not known: the commands are check and send');
if (extra.length > 0) misuse(`${command} takes no words besides the command, and ${extra.length} ${extra.length === 1 ? 'was' : 'were'} given (quote a path that holds spaces)`);
if (!opts.config) misuse(`${command} needs --config <file>: the connector config as JSON, or - for standard input`);
if (command === 'send' && !opts.to) misuse('send needs --to <phone>: the number to text');

const READ_ERRORS = { ENOENT: 'there is no such file', EISDIR: 'it is a folder', EACCES: 'permission denied' };

/** The config in a file: the bare object, or the Tencent SMS connector in Logto's API answer. */
const readConfig = (file) => {
  const name = file === '-' ? 'standard input' : file;
  let text;
  try {
    // A byte order mark, as some Windows editors save, is not part of the JSON.
    text = readFileSync(file === '-' ? 0 : file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    exit(2, `Cannot read ${name}: ${READ_ERRORS[error.code] ?? `the system refused (${error.code ?? 'unknown error'})`}`);
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    exit(2, `Cannot read ${name}: not valid JSON at ${describeFault(text) ?? 'an unknown place'}. Nothing of the file is shown here, since it may hold a secret.`);
  }
  secrets = credentialsIn(parsed);
  redact = redactor(secrets);
  const fromApi = (entry) => entry?.connectorId === CONNECTOR_ID || entry?.metadata?.id === CONNECTOR_ID;
  if (Array.isArray(parsed)) {
    const found = parsed.filter(fromApi);
    if (found.length !== 1) exit(2, `${file}: expected one ${CONNECTOR_ID} connector in the list, found ${found.length}`);
    return found[0].config;
  }
  return parsed?.config && typeof parsed.config === 'object' && !('accessKeyId' in parsed) ? parsed.config : parsed;
};

const valueAt = (value, path) => path.reduce((v, key) => v?.[key], value);

const where = (path) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('') || '(config)';

const check = (config) => {
  const { errors, warnings } = checkConfig(config);
  if (opts.json) {
    out(JSON.stringify({ errors, warnings }, null, 2));
  } else {
    for (const { path, message } of errors) out(`error    ${where(path)}: ${message}`);
    for (const { path, message } of warnings) out(`warning  ${where(path)}: ${message}`);
    const count = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    out(
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
  if (!checked.ok) {
    const issues = checked.issues.map(({ path, message }) => `  ${where(path)}: ${message}`).join('\n');
    const checkCommand = `connector-tencent-sms-wasm check --config ${opts.config}`;
    // send holds a config to the rules Logto's console applies when it is saved; check reads it
    // as Logto reads a stored one at every send, which forgives more (see the guide's swap steps).
    exit(2, checkConfig(config).errors.length === 0
      ? `Not sent: send checks a config as Logto's console does when it is saved, and this one would not be saved:\n${issues}\n`
        + `A stored copy of it still sends (Logto checks a config only when it is saved), which is why \`check\` passes it: run \`${checkCommand}\` for what a stored copy sends, and fix the above before saving it again.`
      : `Not sent: the config is invalid:\n${issues}\nRun \`${checkCommand}\` for everything that would fail a send.`);
  }
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
      out(JSON.stringify({ ...plan, request: { ...request, headers: { ...request.headers, Authorization: authorization } } }, null, 2));
    } else {
      const connector = await createConnector({ getConfig: async () => config });
      const sentMs = Date.now();
      const result = await connector.sendMessage(data);
      out(`Sent ${data.type} code to ${result.to} with template ${result.templateId}: RequestId ${result.requestId}`);
      if (opts['wait-delivery'] !== undefined) {
        process.exit(await live.waitDelivery(config, data.to, result, sentMs, opts['wait-delivery'], { out, err }));
      }
    }
  } catch (error) {
    exit(error.code === 'invalid_request_parameters' || error.code === 'insufficient_request_parameters' ? 2 : 1, describe(error));
  }
};

const config = readConfig(opts.config);
const shaped = (() => {
  try {
    return checkConfig(config).warnings.filter((w) => /shaped like an access key/.test(w.message)).map((w) => valueAt(config, w.path));
  } catch {
    return [];
  }
})();
// The read-only key of --live and --wait-delivery is a secret too, wherever it could show.
redact = redactor([...secrets, ...shaped, ...live.readKeyValues()]);
try {
  if (command === 'check' && opts.live) process.exit(await live.checkLive(config, { json: opts.json, out, err }));
  else if (command === 'check') check(config);
  else await send(config);
} catch (error) {
  exit(2, `Cannot use this config: an unexpected error (${error?.name ?? typeof error}): ${error?.message ?? ''}`);
}
