// Row 5, run as a child: node --expose-gc tools/bench/memory.mjs <total> <warmup> <settleMs>
// Sends `total` messages through our sendMessage with globalThis.fetch replaced by an
// in-process stub (no sockets) that answers a Tencent success Response after one event-loop
// turn (as real I/O would), and reports the JS heap after gc() and the wasm linear memory
// after the warm-up and at the end: right away, and again after `settleMs` (> the 10 s
// request deadline). A finished send clears its deadline's timer, so both pairs should agree;
// the settled one would show a timer that outlived its send.
// wasm-bindgen's glue keeps its instance private, so WebAssembly.Instance is wrapped
// (and WebAssembly.instantiate) while the package loads, to capture its exported memory.
import { oursUrl } from './util.mjs';

const [total, warmup, settleMs] = process.argv.slice(2).map(Number);
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');

const OriginalInstance = WebAssembly.Instance;
const originalInstantiate = WebAssembly.instantiate;
const instances = [];
WebAssembly.Instance = new Proxy(OriginalInstance, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget);
    instances.push(instance);
    return instance;
  },
});
WebAssembly.instantiate = async (...args) => {
  const result = await originalInstantiate(...args);
  instances.push(result instanceof OriginalInstance ? result : result.instance);
  return result;
};
const { default: createConnector } = await import(oursUrl());
WebAssembly.Instance = OriginalInstance;
WebAssembly.instantiate = originalInstantiate;
const memory = instances.flatMap((i) => Object.values(i.exports)).find((m) => m instanceof WebAssembly.Memory);

let fetchCalls = 0;
globalThis.fetch = async (url, init) => {
  fetchCalls += 1;
  await new Promise((resolve) => setImmediate(resolve));
  const phones = JSON.parse(init.body).PhoneNumberSet;
  const body = JSON.stringify({
    Response: {
      SendStatusSet: phones.map((PhoneNumber) => ({
        SerialNo: `5000:${fetchCalls}`, PhoneNumber, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN',
      })),
      RequestId: `req-${fetchCalls}`,
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
};

const config = {
  accessKeyId: 'AKIDEXAMPLE', accessKeySecret: 'SECRETKEY', signName: 'Logto', sdkAppId: '1400000000',
  region: 'ap-guangzhou',
  templates: ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({ usageType, templateCode: '1001' })),
};
const connector = await createConnector({ getConfig: async () => config });

let errors = 0;
let firstError;
const send = async (i) => {
  try {
    // Vary the inputs a little so nothing is trivially cached.
    await connector.sendMessage({ to: `86130${String(10000000 + (i % 90000000)).padStart(8, '0')}`, type: 'SignIn', payload: { code: String(100000 + (i % 900000)) } });
  } catch (error) {
    errors += 1;
    firstError ??= `${error?.code}: ${JSON.stringify(error?.data ?? error?.message)}`;
  }
};

const snapshot = () => {
  for (let i = 0; i < 3; i++) globalThis.gc();
  return { heapUsed: process.memoryUsage().heapUsed, wasmMemory: memory?.buffer.byteLength };
};
const settled = async () => {
  if (!settleMs) return undefined;
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return snapshot();
};

// A few sends in flight at a time, as a busy server would have.
const IN_FLIGHT = 8;
async function run(from, to) {
  let next = from;
  const worker = async () => {
    while (next < to) await send(next++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

const t0 = performance.now();
await run(0, warmup);
const afterWarmup = snapshot();
const afterWarmupSettled = await settled();
const t1 = performance.now();
await run(warmup, total);
const sendsPerSecond = ((total - warmup) / (performance.now() - t1)) * 1000;
const atEnd = snapshot();
const atEndSettled = await settled();
console.log(JSON.stringify({
  total, warmup, fetchCalls, errors, firstError, elapsedMs: performance.now() - t0, sendsPerSecond,
  wasmMemoryReachable: Boolean(memory), afterWarmup, atEnd, afterWarmupSettled, atEndSettled,
}));
