// The Logto-facing shim. It only carries: the module shape Logto loads, the zod guard, the
// host's fetch, and the host's ConnectorError. Every decision is made in Rust (./wasm).
// Config and message data cross into wasm as JSON text and come back as JSON text: one string
// each way is much cheaper than field-by-field access from wasm; signTc3 passes plain arguments
// (see src/lib.rs).
import { ConnectorError, ConnectorErrorCodes, ConnectorType } from '@logto/connector-kit';
import { z } from 'zod';

import { transport } from './transport.js';
// Compiled and instantiated once per process, when this module is first imported.
import * as wasm from './wasm/connector.js';

const metadataText = wasm.metadata();

const NODE_BUDGET = 10_000;
const MAX_DEPTH = 64;

/**
 * A plain, acyclic, bounded copy of an untrusted value, for JSON.stringify. JSON.stringify alone
 * would throw away the whole value over one BigInt or throwing getter, and would walk a small
 * object whose fields share one child exponentially long. Here each unreadable part (a throwing
 * getter or proxy, a cycle, anything past the bounds) becomes null where it stands, so wasm
 * still names the field; a BigInt becomes its digits.
 */
const plain = (value) => {
  let budget = NODE_BUDGET;
  const ancestors = new Set();
  const copy = (v, depth) => {
    if (typeof v === 'bigint') return String(v);
    if (typeof v === 'function' || typeof v === 'symbol') return undefined;
    if (v === null || typeof v !== 'object') return v;
    if (--budget < 0 || depth > MAX_DEPTH || ancestors.has(v)) return null;
    ancestors.add(v);
    try {
      if (Array.isArray(v)) {
        const length = Math.min(Number(v.length) || 0, 1001);
        return Array.from({ length }, (_, i) => read(v, i, depth) ?? null);
      }
      const out = Object.create(null);
      for (const key of Object.keys(v)) out[key] = read(v, key, depth);
      return out;
    } catch {
      return null;
    } finally {
      ancestors.delete(v);
    }
  };
  const read = (v, key, depth) => {
    try {
      return copy(v[key], depth + 1);
    } catch {
      return null;
    }
  };
  return copy(value, 0);
};

/**
 * Whether `value` is plain data that JSON.stringify can take as it is: plain objects and arrays
 * within the node budget and depth, and no BigInt or toJSON. Logto's config (parsed from the
 * database) and message data always are. This walk costs about a third of what a replacer
 * function does (JSON.stringify calls it from native code for every node), a few µs a send.
 * Each value is read twice, here and by JSON.stringify: a getter that throws the second time
 * still lands on the careful paths.
 */
const isPlainData = (value) => {
  let budget = NODE_BUDGET;
  const walk = (v, depth) => {
    if (typeof v !== 'object' || v === null) return typeof v !== 'bigint';
    if (--budget < 0 || depth > MAX_DEPTH || 'toJSON' in v) return false;
    if (Array.isArray(v)) {
      if (v.length > budget) return false;
      for (let i = 0; i < v.length; i++) if (!walk(v[i], depth + 1)) return false;
      return true;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const key of Object.keys(v)) if (!walk(v[key], depth + 1)) return false;
    return true;
  };
  try {
    return walk(value, 0);
  } catch {
    return false; // a throwing getter or a revoked proxy: the careful paths below
  }
};

/**
 * JSON text for wasm, or undefined when there is nothing to send (wasm reports the type). Plain
 * data goes to native JSON.stringify as it is; anything else goes through JSON.stringify with a
 * node budget, and what that cannot take (a cycle, a throwing getter or toJSON, too many nodes)
 * through the bounded plain copy.
 */
const json = (value) => {
  if (isPlainData(value)) {
    try {
      return JSON.stringify(value);
    } catch {
      // a getter that throws only on its second read: the careful paths below
    }
  }
  let budget = NODE_BUDGET;
  try {
    return JSON.stringify(value, (key, v) => {
      if (--budget < 0) throw new RangeError('too many nodes');
      return typeof v === 'bigint' ? String(v) : v;
    });
  } catch {
    try {
      return JSON.stringify(plain(value));
    } catch {
      return undefined;
    }
  }
};

const call = (fn, ...args) => JSON.parse(fn(...args));
const knownCodes = new Set(Object.values(ConnectorErrorCodes));

const toZodIssues = (issues, ctx) => {
  for (const { path, message } of issues ?? []) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  }
};

/** A zod schema whose check is the wasm validator; its output is the normalised config. */
export const configGuard = z.unknown().transform((value, ctx) => {
  const result = call(wasm.validateConfig, json(value));
  if (result.ok) return result.value;
  toZodIssues(result.error.issues, ctx);
  return z.NEVER;
});
// zod inspects its input (Array.isArray, .then) before any schema runs, which throws on a
// revoked Proxy; hand it the bounded plain copy instead, so safeParse always answers.
const { safeParse, safeParseAsync } = configGuard;
configGuard.safeParse = (data, params) => safeParse.call(configGuard, plain(data), params);
configGuard.safeParseAsync = (data, params) => safeParseAsync.call(configGuard, plain(data), params);

const toConnectorError = ({ code, issues, ...data }) => {
  if (code === ConnectorErrorCodes.InvalidConfig && issues) {
    // The same ZodError configGuard gives, as the official connector throws it.
    const parsed = z.unknown().superRefine((_, ctx) => toZodIssues(issues, ctx)).safeParse(undefined);
    return new ConnectorError(code, parsed.error);
  }
  return new ConnectorError(knownCodes.has(code) ? code : ConnectorErrorCodes.General, data);
};

const unwrap = (result) => {
  if (!result.ok) throw toConnectorError(result.error);
  return result.value;
};

const metadataCopy = () => JSON.parse(metadataText);

const createConnector = async ({ getConfig }) => {
  const metadata = metadataCopy();
  return {
    metadata,
    type: ConnectorType.Sms,
    configGuard,
    sendMessage: async (data, config) => {
      const resolved = config ?? (await getConfig(metadata.id));
      return unwrap(JSON.parse(await wasm.sendSms(json(resolved), json(data), transport)));
    },
  };
};

export default createConnector;

/** `{ ok: true, config }` (normalised) or `{ ok: false, issues: [{ path, message }] }`; never throws. */
export const validateConfig = (config) => {
  const result = call(wasm.validateConfig, json(config));
  return result.ok ? { ok: true, config: result.value } : { ok: false, issues: result.error.issues };
};

/** Reads one option; a throwing getter or proxy reads as absent, which wasm then reports. */
const option = (options, key) => {
  try {
    return options?.[key];
  } catch {
    return undefined;
  }
};
const text = (v) => (typeof v === 'string' ? v : undefined);
const bytes = (v) => {
  try {
    return v instanceof Uint8Array ? v : undefined;
  } catch {
    return undefined; // a revoked proxy throws even on instanceof
  }
};

/** TC3-HMAC-SHA256 for any Tencent Cloud API 3.0 POST; throws a TypeError on bad options. */
export const signTc3 = (options) => {
  // Plain arguments, not JSON: signing is the hot path, and a string argument reaches wasm as
  // UTF-8 exactly as fetch would send it. Only the rare signedHeaders object travels as JSON.
  const payload = option(options, 'payload');
  const headers = option(options, 'signedHeaders');
  const timestamp = option(options, 'timestamp');
  let signed;
  try {
    // One string back, NUL-separated: a single decode instead of one per field.
    signed = wasm.signTc3(
      text(option(options, 'secretId')), text(option(options, 'secretKey')),
      text(option(options, 'service')), text(option(options, 'host')),
      option(options, 'contentType') ?? undefined,
      typeof timestamp === 'number' ? timestamp : Number.NaN,
      text(payload), bytes(payload),
      headers == null ? undefined : json(headers),
    );
  } catch (reason) {
    throw new TypeError(`signTc3: ${typeof reason === 'string' ? reason : 'options must be an object { secretId, secretKey, service, host, timestamp, payload }'}`);
  }
  const [authorization, signature, date, canonicalRequest, stringToSign] = signed.split('\0');
  return { authorization, signature, date, canonicalRequest, stringToSign };
};

/** `{ errors, warnings }`, each `[{ path, message }]`: what would fail a send, what looks wrong. */
export const checkConfig = (config) => call(wasm.checkConfig, json(config)).value;

/** The signed SendSms request `sendMessage` would send now, without sending it. */
export const prepareSend = (config, data, now = Date.now()) =>
  unwrap(call(wasm.prepareSend, json(config), json(data), now));

export const metadata = metadataCopy();
