// Hostile inputs through the package's public surface: configGuard.safeParse, validateConfig and
// sendMessage (config pointed at the local Tencent API). Every input gets a clear answer (a
// result, issues, or a ConnectorError for sendMessage), never any other exception and never a
// crash, and the module still sends afterwards. Inputs come from a seeded PRNG: set
// HOSTILE_SEED=<n> to replay a run (the seed in use is printed as a test diagnostic).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { ZodError } from 'zod';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { hostileCatalogue, prng, randomHostile } from '../support/hostile-values.mjs';
import { importPackage, pkgEntryUrl } from '../../tools/package-under-test.mjs';
import { connectorConfig } from '../support/fixtures.mjs';

const entry = pkgEntryUrl;
const pkg = await importPackage();
const { configGuard, validateConfig } = pkg;
const createConnector = pkg.default;

const SEED = Number(process.env.HOSTILE_SEED ?? 0x5eed_c0de);
const TOTAL = 10_000 * Math.max(1, Number(process.env.FUZZ_SCALE) || 1);
const ACCOUNT = { secretId: 'AKIDHOSTILE', secretKey: 'hostile-suite-secret-key', sdkAppIds: ['1400000000'] };
const CODES = new Set(Object.values(ConnectorErrorCodes));
const CONFIG_FIELDS = ['accessKeyId', 'accessKeySecret', 'signName', 'sdkAppId', 'region', 'templates', 'endpoint', 'timeoutMs',
  'internationalSignName', 'omitInternationalSignName', 'internationalRegion', 'internationalEndpoint', 'strictPhoneNumbers',
  'allowedCountryCodes', 'deniedCountryCodes'];
const TEMPLATE_FIELDS = ['templates.0', 'templates.0.usageType', 'templates.0.templateCode', 'templates.0.locale', 'templates.0.params',
  'templates.0.verification', 'templates.1.templateCode'];
const DATA_FIELDS = ['to', 'type', 'payload', 'payload.code', 'ip'];
// What the README promises, counted as the checks run (not as the generator built them).
const PROMISED_CASES = 10_000;
const ran = { validateConfig: 0, safeParse: 0, sendMessage: 0 };
const sentLabels = new Set();

let api;
let connector;
let realFetch;
const blockedFetches = [];
const unhandled = [];
const onUnhandled = (reason) => unhandled.push(reason);

const validConfig = () =>
  connectorConfig(ACCOUNT, api.url, {
    templates: [
      { usageType: 'SignIn', templateCode: '1001' },
      { usageType: 'Generic', templateCode: '1001' },
    ],
    timeoutMs: 5000,
  });
const validData = (code = '123456') => ({ to: '8613012345678', type: 'SignIn', payload: { code, locale: 'en' } });

const put = (target, path, value) => {
  const keys = path.split('.');
  let obj = target;
  for (const k of keys.slice(0, -1)) obj = obj[k];
  // defineProperty: a `__proto__`-named field becomes an own property, as JSON.parse makes it.
  Object.defineProperty(obj, keys.at(-1), { value, enumerable: true, configurable: true, writable: true });
  return target;
};
const without = (target, path) => {
  const keys = path.split('.');
  let obj = target;
  for (const k of keys.slice(0, -1)) obj = obj[k];
  delete obj[keys.at(-1)];
  return target;
};

/** `templates.0.x` before `templates`, so a nested change never has to look inside a hostile value. */
const deepestFirst = (changes) => [...changes].sort(([a], [b]) => b.split('.').length - a.split('.').length);

/** Every catalogue value in every position, then random combinations up to TOTAL cases. */
function buildCases(catalogue) {
  const rng = prng(SEED);
  const cases = [];
  for (const [label, value] of catalogue) {
    cases.push({ label: `config = ${label}`, config: () => value, data: () => validData() });
    cases.push({ label: `data = ${label}`, config: () => validConfig(), data: () => value });
    for (const field of CONFIG_FIELDS) {
      cases.push({ label: `config.${field} = ${label}`, config: () => put(validConfig(), field, value), data: () => validData() });
    }
    for (const field of [...TEMPLATE_FIELDS, '__proto__', 'constructor']) {
      cases.push({ label: `config.${field} = ${label}`, config: () => put(validConfig(), field, value), data: () => validData() });
    }
    for (const field of DATA_FIELDS) {
      cases.push({ label: `data.${field} = ${label}`, config: () => validConfig(), data: () => put(validData(), field, value) });
    }
  }
  for (const field of CONFIG_FIELDS) {
    cases.push({ label: `config without ${field}`, config: () => without(validConfig(), field), data: () => validData() });
  }
  for (const field of DATA_FIELDS) {
    cases.push({ label: `data without ${field}`, config: () => validConfig(), data: () => without(validData(), field) });
  }
  while (cases.length < TOTAL) {
    const n = cases.length;
    const configChanges = Array.from({ length: rng.int(3) }, () => [rng.pick([...CONFIG_FIELDS, ...TEMPLATE_FIELDS.slice(1)]), randomHostile(rng, catalogue)]);
    const dataChanges = Array.from({ length: rng.int(3) }, () => [rng.pick(DATA_FIELDS), randomHostile(rng, catalogue)]);
    const whole = rng.chance(0.1) ? randomHostile(rng, catalogue) : undefined;
    const label = `random #${n}: ${[...configChanges.map(([f, [l]]) => `config.${f} = ${l}`), ...dataChanges.map(([f, [l]]) => `data.${f} = ${l}`), ...(whole ? [`data = ${whole[0]}`] : [])].join('; ') || 'no change'}`;
    cases.push({
      label,
      config: () => deepestFirst(configChanges).reduce((cfg, [f, [, v]]) => put(cfg, f, v), validConfig()),
      data: () => (whole ? whole[1] : deepestFirst(dataChanges).reduce((d, [f, [, v]]) => put(d, f, v), validData())),
    });
  }
  return cases;
}

const isPlainIssue = (i) => Array.isArray(i.path) && i.path.every((p) => typeof p === 'string' || Number.isInteger(p)) && typeof i.message === 'string' && i.message.length > 0;

/** Top-level values zod itself cannot inspect: its getParsedType throws before our transform runs. */
const zodCannotInspect = (label) => /^config = (revoked Proxy of (object|array)|Proxy, (every trap throws \((object|array)\)|get throws|descriptors with throwing getters))$/.test(label);

let cases;
let catalogue;

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  api = await startTencentApi({
    accounts: [ACCOUNT],
    signNames: ['Logto'],
    templates: { 1001: { text: '验证码 {1}', international: false } },
  });
  realFetch = globalThis.fetch;
  // Nothing here may reach the real Tencent (a hostile `endpoint: undefined` means the default).
  globalThis.fetch = (url, init) => {
    if (String(url).startsWith(`${api.url}/`)) return realFetch(url, init);
    blockedFetches.push(String(url));
    return Promise.reject(new TypeError(`fetch blocked by the test: ${url}`));
  };
  connector = await createConnector({ getConfig: async () => validConfig() });
  catalogue = hostileCatalogue({
    reenter: () => {
      // Re-enter the module from inside a wasm call: a synchronous call and a send.
      assert.equal(validateConfig(validConfig()).ok, true);
      connector.sendMessage(validData('999999')).catch(() => {});
    },
  });
  cases = buildCases(catalogue);
});

after(async () => {
  if (realFetch) globalThis.fetch = realFetch;
  process.off('unhandledRejection', onUnhandled);
  await api?.close();
});

describe(`hostile values (seed ${SEED})`, () => {
  test('the seed and the catalogue', (t) => {
    t.diagnostic(`HOSTILE_SEED=${SEED}: ${cases.length} cases from ${catalogue.length} catalogue values`);
    assert.ok(catalogue.length >= 80);
  });

  test('validateConfig: always { ok: true, config } or { ok: false, issues }, never throws', () => {
    const wrong = [];
    for (const c of cases) {
      ran.validateConfig += 1;
      try {
        const r = validateConfig(c.config());
        const clear = r && typeof r === 'object' && (r.ok === true
          ? r.config && typeof r.config === 'object'
          : r.ok === false && Array.isArray(r.issues) && r.issues.length > 0 && r.issues.every(isPlainIssue));
        if (!clear) wrong.push(`${c.label}: unclear result ${JSON.stringify(r)?.slice(0, 200)}`);
      } catch (error) {
        wrong.push(`${c.label}: threw ${error?.stack ?? error}`);
      }
    }
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${cases.length} cases`);
  });

  test('configGuard.safeParse: always { success } with a ZodError on failure, never throws', () => {
    const wrong = [];
    for (const c of cases) {
      ran.safeParse += 1;
      try {
        const r = configGuard.safeParse(c.config());
        const clear = r.success === true
          ? r.data && typeof r.data === 'object'
          : r.success === false && r.error instanceof ZodError && r.error.issues.length > 0;
        if (!clear) wrong.push(`${c.label}: unclear result`);
      } catch (error) {
        wrong.push(`${c.label}: threw ${error?.stack ?? error}`);
      }
    }
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${cases.length} cases`);
  });

  test('configGuard.safeParse on a top-level revoked Proxy or a Proxy whose traps throw', () => {
    const wrong = [];
    for (const c of cases.filter((x) => zodCannotInspect(x.label))) {
      try {
        const r = configGuard.safeParse(c.config());
        if (r.success !== false) wrong.push(`${c.label}: accepted`);
      } catch (error) {
        wrong.push(`${c.label}: threw ${error?.message}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('sendMessage: resolves with a delivery or rejects with a ConnectorError, nothing else', async (t) => {
    const wrong = [];
    const tally = { delivered: 0 };
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++];
        ran.sendMessage += 1;
        sentLabels.add(c.label);
        try {
          const r = await connector.sendMessage(c.data(), c.config());
          tally.delivered += 1;
          if (!(r && typeof r.requestId === 'string' && Array.isArray(r.sendStatusSet) && r.sendStatusSet.length === 1)) {
            wrong.push(`${c.label}: unclear delivery ${JSON.stringify(r)}`);
          }
        } catch (error) {
          if (!(error instanceof ConnectorError) || !CODES.has(error.code)) {
            wrong.push(`${c.label}: threw a non-ConnectorError ${error?.stack ?? error}`);
          } else {
            tally[error.code] = (tally[error.code] ?? 0) + 1;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
    t.diagnostic(`outcomes: ${JSON.stringify(tally)}; HTTP requests: ${api.requests.length}`);
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${cases.length} cases`);
    assert.ok(tally.delivered > 0 && tally.invalid_config > 0 && tally.invalid_request_parameters > 0, JSON.stringify(tally));
    // Only a config with no endpoint aims at Tencent itself; the test's fetch guard refused those.
    assert.ok(blockedFetches.every((u) => u === 'https://sms.tencentcloudapi.com/'), blockedFetches.slice(0, 3).join());
  });

  test('the module still works afterwards: a valid config validates and a valid send is delivered', async () => {
    assert.equal(validateConfig(validConfig()).ok, true);
    assert.equal(configGuard.safeParse(validConfig()).success, true);
    api.reset();
    const fresh = await createConnector({ getConfig: async () => validConfig() });
    for (const c of [connector, fresh]) {
      const result = await c.sendMessage(validData('424242'));
      assert.equal(result.templateId, '1001');
    }
    // A hostile send whose deadline lapsed may still reach the local API after the reset (its
    // bytes were on the wire before the abort), so only this test's code is counted.
    assert.deepEqual(api.accepted.map((m) => m.params).filter(([code]) => code === '424242'), [['424242'], ['424242']]);
  });

  test(`each check ran at least ${PROMISED_CASES} cases, every catalogue entry in every position`, () => {
    for (const [check, count] of Object.entries(ran)) assert.ok(count >= PROMISED_CASES, `${check} ran ${count} cases`);
    const positions = ['config', 'data', ...[...CONFIG_FIELDS, ...TEMPLATE_FIELDS, '__proto__', 'constructor'].map((f) => `config.${f}`), ...DATA_FIELDS.map((f) => `data.${f}`)];
    const unsent = catalogue.flatMap(([label]) => positions.map((p) => `${p} = ${label}`)).filter((l) => !sentLabels.has(l));
    assert.deepEqual(unsent.slice(0, 10), [], `${unsent.length} catalogue positions never sent`);
  });

  test('no prototype was polluted and no promise was left rejected', () => {
    for (const key of ['accessKeyId', 'isAdmin', 'polluted', 'to']) {
      assert.equal({}[key], undefined, key);
      assert.equal(Object.prototype[key], undefined, key);
    }
    assert.deepEqual(unhandled, []);
  });
});

describe('values JSON cannot carry, in fields that do not matter or that can be named', () => {
  // The shim makes a bounded plain copy before JSON.stringify, so one unserialisable value does
  // not make the whole value unreadable.
  test('an unserialisable value in a data field the connector ignores does not fail the send', async () => {
    api.reset();
    for (const data of [
      { ...validData('111111'), payload: { code: '111111', extra: 1n } },
      { ...validData('222222'), ip: { toJSON: () => { throw new Error('no'); } } },
    ]) {
      await connector.sendMessage(data);
    }
    assert.equal(api.accepted.length, 2);
  });

  test('a config field JSON cannot carry is reported under its own path', () => {
    for (const [field, value] of [['timeoutMs', 5000n], ['signName', Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('no'); } })]]) {
      const r = validateConfig({ ...validConfig(), [field]: value });
      assert.equal(r.ok, false);
      assert.deepEqual(r.issues.map((i) => i.path), [[field]]);
    }
  });
});

describe('strings that are not well-formed UTF-16 (lone surrogates), through every entry point', () => {
  // fetch, TextEncoder and Buffer.from(s, 'utf8') send a lone surrogate as U+FFFD; so do we, and
  // no entry point mistakes such a string for a value of the wrong type.
  const LONE = ['\ud83d', '\udc00', 'a\ud800b', '\udbff\udbff'];
  const misleading = /must be an object/;

  test('config values and keys: validated as U+FFFD, never "must be an object"', () => {
    for (const lone of LONE) {
      const r = validateConfig({ ...validConfig(), signName: `Logto${lone}`, [`note${lone}`]: lone });
      assert.equal(r.ok, true, JSON.stringify(r.issues));
      assert.equal(r.config.signName, `Logto${lone.replace(/[\ud800-\udfff]/g, '\ufffd')}`);
      const bad = validateConfig({ ...validConfig(), sdkAppId: `14000${lone}` });
      assert.deepEqual(bad.issues.map((i) => i.path), [['sdkAppId']]);
      assert.equal(configGuard.safeParse({ ...validConfig(), region: `ap-guangzhou${lone}` }).error.issues[0].path[0], 'region');
    }
  });

  test('message data: a lone surrogate in the phone number is named; in the code it is sent as U+FFFD', async () => {
    for (const lone of LONE) {
      api.reset();
      await connector.sendMessage(validData(`1234${lone}`));
      assert.deepEqual(api.accepted.map((m) => m.params), [[`1234${lone.replace(/[\ud800-\udfff]/g, '\ufffd')}`]]);
      for (const [data, code, about] of [
        [{ ...validData(), to: `86130123${lone}45678` }, 'invalid_request_parameters', /data\.to/],
        [{ ...validData(), type: `SignIn${lone}` }, null, null],
      ]) {
        try {
          await connector.sendMessage(data);
          assert.equal(code, null, `${JSON.stringify(data)} was sent`);
        } catch (error) {
          assert.ok(error instanceof ConnectorError, String(error));
          assert.equal(error.code, code ?? 'template_not_found', error.message);
          assert.doesNotMatch(error.message, misleading);
          if (about) assert.match(error.message, about);
        }
      }
    }
    api.reset();
    await connector.sendMessage({ ...validData('654321'), payload: { code: '654321', uiLocales: 'zh\ud800', locale: 'e\udc00n' } });
    assert.equal(api.accepted.length, 1);
  });

  test('signTc3 options: signed as UTF-8 with U+FFFD, or refused naming the option', () => {
    const base = { secretId: 'AKIDEXAMPLE', secretKey: 'key', service: 'sms', host: 'sms.tencentcloudapi.com', timestamp: 1_700_000_000 };
    for (const lone of LONE) {
      const replaced = lone.replace(/[\ud800-\udfff]/g, '\ufffd');
      assert.deepEqual(pkg.signTc3({ ...base, payload: `{"a":"${lone}"}` }), pkg.signTc3({ ...base, payload: new TextEncoder().encode(`{"a":"${lone}"}`) }));
      assert.equal(pkg.signTc3({ ...base, payload: '{}', secretKey: lone }).signature, pkg.signTc3({ ...base, payload: '{}', secretKey: replaced }).signature);
      assert.throws(() => pkg.signTc3({ ...base, payload: '{}', service: `sms${lone}` }), /signTc3: service must be/);
      assert.throws(() => pkg.signTc3({ ...base, payload: '{}', signedHeaders: { [`X-A${lone}`]: 'v' } }), /signTc3: signedHeaders must map/);
    }
  });
});

describe('bounded work on shared (DAG / cyclic) object graphs', () => {
  // A few hundred bytes of objects can stand for an exponentially large tree when fields share
  // one child (or point back at their parent). Reading such a value must stay bounded: each case
  // runs in a child process, killed after 4 s, so a hang cannot stall this file.
  const run = (expr) => spawnSync(process.execPath, ['--max-old-space-size=512', '--input-type=module', '-e', `
    const m = await import(${JSON.stringify(entry)});
    const value = (${expr})();
    const started = performance.now();
    const results = [m.validateConfig(value).ok, m.configGuard.safeParse(value).success];
    console.log(JSON.stringify({ ms: Math.round(performance.now() - started), results }));
  `], { encoding: 'utf8', timeout: 4000, killSignal: 'SIGKILL' });
  const quick = (r) => {
    assert.equal(r.signal, null, 'killed after 4 s: still walking the value');
    assert.equal(r.status, 0, r.stderr.slice(-500));
    const { ms, results } = JSON.parse(r.stdout);
    assert.deepEqual(results, [false, false]);
    assert.ok(ms < 1000, `${ms} ms`);
  };

  test('a small cyclic object (3 references) is refused quickly', () => {
    quick(run('() => { const o = { name: "x" }; o.self = o; o.list = [o, [o]]; return o; }'));
  });

  // Before ed84618 (values read field by field by to_json in src/lib.rs) this took minutes:
  // depth and width were bounded but not the total, 8^8 = 16.7M visits.
  test('an object whose 8 fields all point back at itself is refused within a second', () => {
    quick(run('() => { const o = {}; for (let i = 0; i < 8; i += 1) o["k" + i] = o; return o; }'));
  });

  test('a 10-level DAG whose 8 fields per level share one child is refused within a second', () => {
    quick(run('() => { let o = {}; for (let d = 0; d < 10; d += 1) { const n = {}; for (let i = 0; i < 8; i += 1) n["k" + i] = o; o = n; } return o; }'));
  });
});
