// `check --live` and `send --wait-delivery` for the CLI: the read-only key from the
// environment (never argv, which `ps` and shell history keep), the host's fetch, and printing.
// Rust decides everything else (src/live/): what to read, how to retry, the verdicts, the text.
import { transport } from './transport.js';
import * as wasm from './wasm/connector.js';

export const READ_KEY_ENV = ['TENCENTCLOUD_READ_SECRET_ID', 'TENCENTCLOUD_READ_SECRET_KEY'];
export const DEFAULT_WAIT_SECONDS = 60;

export const liveOptions = {
  live: { type: 'boolean', default: false },
  'wait-delivery': { type: 'string' },
};

export const liveUsage = `Account checks (read-only; never send an SMS):
  check --live --config <file>
                     also ask the Tencent account whether every message will go through:
                     signs, templates (state, route, variables), coverage of every message
                     type, SMS packages. Exit 0 all will send, 1 something will fail,
                     2 could not check (a read failed or was refused)
  send ... --wait-delivery [SECONDS]
                     after sending, wait (default ${DEFAULT_WAIT_SECONDS} s) for the handset's delivery receipt.
                     Exit 0 delivered, 1 not delivered, 2 no receipt in time
  Reads use the config's key, or a separate read-only key from the environment:
  ${READ_KEY_ENV[0]}=… ${READ_KEY_ENV[1]}=… (never as arguments)`;

/** `--wait-delivery` may come without its number: give it the default so parseArgs accepts it. */
export const withWaitDeliveryDefault = (argv) =>
  argv.flatMap((arg, i) =>
    arg === '--wait-delivery' && !/^\d+$/.test(argv[i + 1] ?? '') ? [`--wait-delivery=${DEFAULT_WAIT_SECONDS}`] : [arg],
  );

/** The read-only key from the environment: JSON for wasm, undefined for the config's own key. */
export const readKey = (env = process.env) => {
  const [id, key] = READ_KEY_ENV.map((name) => env[name]);
  if (!id && !key) return undefined;
  if (!id || !key) throw new Error(`set both ${READ_KEY_ENV.join(' and ')}, or neither`);
  return JSON.stringify({ secretId: id, secretKey: key });
};

/** The read-only key's values as typed, for the CLI's redactor. */
export const readKeyValues = (env = process.env) => READ_KEY_ENV.map((name) => env[name]).filter(Boolean);

// Printers: the CLI lends its own, which hide every secret and typed value from each line.
const plain = { out: (text) => console.log(text), err: (text) => console.error(text) };

const keyOrExit = (err) => {
  try {
    return { key: readKey() };
  } catch (error) {
    err(error.message);
    return { exit: 2 };
  }
};

export async function checkLive(config, { json = false, out = plain.out, err = plain.err } = {}) {
  const { key, exit } = keyOrExit(err);
  if (exit) return exit;
  const result = JSON.parse(await wasm.checkLive(JSON.stringify(config), key, transport));
  if (!result.ok) {
    err(`check --live: ${result.error.errorDescription}`);
    return 2;
  }
  const { report, text, exitCode } = result.value;
  out(json ? JSON.stringify({ ...report, exitCode }, null, 2) : text);
  return exitCode;
}

/** After a send: waits for its receipt; resolves to the exit code after printing. */
export async function waitDelivery(config, to, sent, sentMs, seconds, { out = plain.out, err = plain.err } = {}) {
  const serialNo = sent?.sendStatusSet?.[0]?.serialNo ?? '';
  const { key, exit } = keyOrExit(err);
  if (exit) return exit;
  const result = JSON.parse(
    await wasm.waitDelivery(JSON.stringify(config), key, to, serialNo, sentMs, Number(seconds), transport),
  );
  if (!result.ok) {
    err(`--wait-delivery: ${result.error.errorDescription}`);
    return 2;
  }
  out(result.value.text);
  return result.value.exitCode;
}
