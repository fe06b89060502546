// Hostile JS values for robustness tests, from a seeded PRNG so a failure reproduces: run the
// suite again with the same HOSTILE_SEED (printed by the test) and the same values come back.
// Each value comes with a short label, since many of them cannot be printed (revoked proxies,
// throwing getters, depth-10 000 nesting, 1 MB strings).

/** mulberry32: tiny, fast, good enough to pick test inputs; same seed → same sequence. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

const deepObject = (depth) => {
  const root = {};
  let cur = root;
  for (let i = 0; i < depth; i += 1) cur = cur.a = {};
  return root;
};
const deepArray = (depth) => {
  const root = [];
  let cur = root;
  for (let i = 0; i < depth; i += 1) {
    const next = [];
    cur.push(next);
    cur = next;
  }
  return root;
};
const revoked = (target) => {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
};
const boom = (what) => () => {
  throw new Error(`hostile ${what}`);
};
const ALL_TRAPS = ['get', 'set', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'defineProperty',
  'deleteProperty', 'isExtensible', 'preventExtensions', 'setPrototypeOf', 'apply', 'construct'];
const throwingProxy = (target, traps = ALL_TRAPS) =>
  new Proxy(target, Object.fromEntries(traps.map((t) => [t, boom(`trap ${t}`)])));
const throwingGetters = (keys) =>
  Object.defineProperties({}, Object.fromEntries(keys.map((k) => [k, { get: boom(`getter ${k}`), enumerable: true }])));

const MB = 1024 * 1024;
const HEAVY = { heavy: true };
const BIG_ASCII = 'A'.repeat(MB);
const BIG_UNICODE = '测😀'.repeat(MB / 6);
const BIG_DIGITS = '1'.repeat(MB);

/**
 * The fixed catalogue: [label, value, { heavy }?] entries covering every hostile kind: primitives
 * (NaN, ±Infinity, -0, BigInt, symbols, functions), huge and depth-10 000 objects and arrays,
 * `__proto__` / `constructor` / `prototype` keys as JSON.parse makes them, throwing getters,
 * revoked proxies and proxies whose traps throw, lone surrogates and 1 MB strings. Heavy
 * entries (slow to walk) are used in fixed positions only, not in random combinations.
 * `reenter(fn)` builds values whose getters call back into the module under test.
 */
export function hostileCatalogue({ reenter } = {}) {
  const sparse = [];
  sparse[2 ** 32 - 2] = 'x';
  const hugeObject = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
  const hugeArray = Array.from({ length: 200_000 }, (_, i) => i);
  const cyclic = { name: 'cycle' };
  cyclic.self = cyclic;
  cyclic.list = [cyclic, [cyclic]];
  const arrayLikeLength = throwingGetters(['length']);
  const badLengthArray = new Proxy([], { get: (t, k) => (k === 'length' ? Number.MAX_VALUE : Reflect.get(t, k)) });
  const negativeLengthArray = new Proxy([1, 2], { get: (t, k) => (k === 'length' ? -5 : Reflect.get(t, k)) });
  const nanLengthArray = new Proxy([1, 2], { get: (t, k) => (k === 'length' ? NaN : Reflect.get(t, k)) });
  const throwingIndex = new Proxy(['a', 'b'], { get: (t, k) => (k === '1' ? boom('index')() : Reflect.get(t, k)) });
  const nullProto = Object.assign(Object.create(null), { accessKeyId: 'AKIDNULLPROTO', to: '8613012345678' });
  const symbolKeyed = { [Symbol('accessKeyId')]: 'x', [Symbol.toPrimitive]: boom('toPrimitive') };
  const toStringBomb = { toString: boom('toString'), valueOf: boom('valueOf'), toJSON: boom('toJSON') };
  const frozen = Object.freeze({ a: Object.freeze([1, 2]) });
  const accessorEverywhere = new Proxy({}, {
    ownKeys: () => ['a', 'b', 'accessKeyId'],
    getOwnPropertyDescriptor: () => ({ configurable: true, enumerable: true, get: boom('descriptor getter') }),
    get: boom('get via ownKeys'),
  });
  const lyingOwnKeys = new Proxy({}, { ownKeys: () => Array.from({ length: 20_000 }, (_, i) => `ghost${i}`) });
  const values = [
    ['undefined', undefined],
    ['null', null],
    ['true', true],
    ['false', false],
    ['0', 0],
    ['-0', -0],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['MAX_VALUE', Number.MAX_VALUE],
    ['MIN_VALUE', Number.MIN_VALUE],
    ['MAX_SAFE_INTEGER+2', Number.MAX_SAFE_INTEGER + 2],
    ['-1', -1],
    ['1.5', 1.5],
    ['1e21', 1e21],
    ['2**53 as float', 2 ** 53],
    ['BigInt 1', 1n],
    ['BigInt huge', 2n ** 4096n],
    ['BigInt -1', -1n],
    ['Symbol', Symbol('hostile')],
    ['Symbol.iterator', Symbol.iterator],
    ['function', () => 'x'],
    ['async function', async () => 'x'],
    ['class', class Hostile {}],
    ['function with props', Object.assign(() => 1, { accessKeyId: 'AKIDFN', to: '8613012345678' })],
    ['empty string', ''],
    ['spaces', '   \t\n'],
    ['lone high surrogate', '\ud800'],
    ['lone low surrogate', '\udfff'],
    ['reversed surrogates', '\udc00\ud800abc'],
    ['surrogates in digits', '86130\ud83d12345678'],
    ['NUL and controls', '\u0000\u0001\u001f\u007f\u0085'],
    ['bidi and zero-width', '\u202e\u200b\u2066\ufeff'],
    ['line separators', '\u2028\u2029\r\n'],
    ['fullwidth digits', '８６１３０１２３４５６７８'],
    ['emoji', '😀👨‍👩‍👧‍👦🏳️‍🌈'],
    ['1 MB ASCII', BIG_ASCII, HEAVY],
    ['1 MB Unicode', BIG_UNICODE, HEAVY],
    ['1 MB digits', BIG_DIGITS, HEAVY],
    ['JSON text', '{"accessKeyId":"AKID"}'],
    ['__proto__ string', '__proto__'],
    ['boxed String', new String('AKIDBOXED')],
    ['boxed Number', new Number(5)],
    ['boxed Boolean', new Boolean(false)],
    ['Date', new Date(0)],
    ['invalid Date', new Date(NaN)],
    ['RegExp', /a+/g],
    ['Error', new Error('hostile error value')],
    ['Map', new Map([['accessKeyId', 'x']])],
    ['Set', new Set([1, 2])],
    ['WeakMap', new WeakMap()],
    ['Promise', Promise.resolve({ accessKeyId: 'x' })],
    ['rejected-promise-like thenable', { then: boom('then') }],
    ['ArrayBuffer', new ArrayBuffer(16)],
    ['Uint8Array', new Uint8Array([0xff, 0xfe, 0x00])],
    ['Float64Array', new Float64Array([NaN, Infinity])],
    ['DataView', new DataView(new ArrayBuffer(8))],
    ['empty object', {}],
    ['empty array', []],
    ['array of everything', [undefined, null, NaN, 1n, Symbol('s'), () => 1, '\ud800']],
    ['sparse array 2^32-1', sparse, HEAVY],
    ['20 000-key object', hugeObject, HEAVY],
    ['200 000-item array', hugeArray, HEAVY],
    ['depth 10 000 object', deepObject(10_000), HEAVY],
    ['depth 10 000 array', deepArray(10_000), HEAVY],
    ['cyclic object', cyclic],
    ['JSON __proto__ key', JSON.parse('{"__proto__":{"accessKeyId":"AKIDPOLLUTE","isAdmin":true}}')],
    ['JSON constructor/prototype keys', JSON.parse('{"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}')],
    ['JSON __proto__ array', JSON.parse('{"__proto__":[1,2,3],"length":3}')],
    ['null-prototype object', nullProto],
    ['inherited fields only', Object.create({ accessKeyId: 'AKIDINHERITED', to: '8613012345678', type: 'SignIn' })],
    ['symbol keys and toPrimitive bomb', symbolKeyed],
    ['toString/valueOf/toJSON bombs', toStringBomb],
    ['frozen', frozen],
    ['getter that throws (length)', arrayLikeLength],
    ['getters that throw', throwingGetters(['accessKeyId', 'accessKeySecret', 'templates', 'to', 'type', 'payload', 'code', 'usageType', 'templateCode'])],
    ['array length MAX_VALUE', badLengthArray],
    ['array length -5', negativeLengthArray],
    ['array length NaN', nanLengthArray],
    ['array index getter throws', throwingIndex],
    ['revoked Proxy of object', revoked({})],
    ['revoked Proxy of array', revoked([])],
    ['revoked Proxy of function', revoked(() => 1)],
    ['Proxy, every trap throws (object)', throwingProxy({})],
    ['Proxy, every trap throws (array)', throwingProxy([])],
    ['Proxy, every trap throws (function)', throwingProxy(() => 1)],
    ['Proxy, get throws', throwingProxy({ a: 1 }, ['get'])],
    ['Proxy, ownKeys throws', throwingProxy({ a: 1 }, ['ownKeys'])],
    ['Proxy, descriptors with throwing getters', accessorEverywhere],
    ['Proxy, 20 000 phantom keys', lyingOwnKeys, HEAVY],
    ['process.env-like', { ...Object.fromEntries(Object.keys(process.env).slice(0, 5).map((k) => [k, 'x'])) }],
  ];
  if (reenter) {
    values.push(
      ['getter that re-enters the module', Object.defineProperty({}, 'accessKeyId', { enumerable: true, get: () => { reenter(); return 'AKIDREENTER'; } })],
      ['array whose index re-enters', new Proxy(['a'], { get: (t, k) => { if (k === '0') reenter(); return Reflect.get(t, k); } })],
    );
  }
  return values;
}

const CHAR_POOL = ['a', 'Z', '0', '9', '+', '-', ' ', '"', '\\', '/', '\n', '\u0000', '\ud800', '\udfff', '中', '😀', '\u202e', '{', '}', '.', '@', ':'];

/** A random value: a catalogue entry, a random string or number, or a small composite of those. */
export function randomHostile(rng, catalogue, depth = 0) {
  const roll = rng.int(10);
  const light = catalogue.filter(([, , flags]) => !flags?.heavy);
  if (roll < 4) return rng.pick(light);
  if (roll === 4) return ['random string', Array.from({ length: rng.int(40) }, () => rng.pick(CHAR_POOL)).join('')];
  if (roll === 5) {
    const n = rng.pick([rng.next() * 1e6, -rng.next() * 1e300, rng.int(70_000), 2 ** rng.int(1100), -(2 ** rng.int(60))]);
    return ['random number', n];
  }
  if (roll === 6) return ['random digits', String(rng.int(10 ** 9)).padStart(rng.int(20), rng.pick(['0', '1', '8']))];
  if (depth >= 3) return rng.pick(light);
  if (roll === 7) {
    const items = Array.from({ length: rng.int(5) }, () => randomHostile(rng, catalogue, depth + 1));
    return [`array[${items.map(([l]) => l).join(', ')}]`, items.map(([, v]) => v)];
  }
  const keys = ['accessKeyId', 'templates', 'usageType', 'templateCode', 'to', 'type', 'payload', 'code', '__proto__', 'constructor', 'x'];
  const entries = Array.from({ length: rng.int(5) }, () => [rng.pick(keys), randomHostile(rng, catalogue, depth + 1)]);
  const obj = {};
  // defineProperty, so a `__proto__` key becomes an own property as JSON.parse would make it.
  for (const [k, [, v]] of entries) Object.defineProperty(obj, k, { value: v, enumerable: true, configurable: true, writable: true });
  return [`object{${entries.map(([k, [l]]) => `${k}: ${l}`).join(', ')}}`, obj];
}
