// Row 3's client, one fresh process per measurement (spawned by tools/bench.mjs with
// NODE_EXTRA_CA_CERTS set to the throw-away certificate, so TLS is verified normally):
//   node tools/bench/e2e-client.mjs <client> <port> <concurrency> <warmup> <ms|count:N>
// <client>: ours | official (a connector's sendMessage), or bare-fetch | bare-https: no
// connector, one pre-signed request re-sent with fetch / https.request: the cost of the
// transport alone, i.e. the most any connector built on it could reach.
// Prints one JSON line: { impl, node, concurrency, sent, elapsedMs, rps, errors, firstError }.
//
// How both connectors reach 127.0.0.1:<port> unmodified:
// - dns.lookup answers 127.0.0.1 for sms.tencentcloudapi.com. Node's net/tls (used by got via
//   https.request, and by the fetch built into Node) read dns.lookup at connect time.
// - the official connector always connects to port 443 (https://sms.tencentcloudapi.com is
//   hard-coded), so https.globalAgent.createConnection (got uses the global agent) moves
//   that one origin to <port>. The agent keeps Node's defaults (keep-alive, lifo, ...).
// - ours (and the bare clients) use https://sms.tencentcloudapi.com:<port>.
import dns from 'node:dns';
import https from 'node:https';
import { OFFICIAL_SPEC, oursUrl } from './util.mjs';

const TENCENT_HOST = 'sms.tencentcloudapi.com';
const [impl, portText, concText, warmupText, measureText] = process.argv.slice(2);
const port = Number(portText);
const concurrency = Number(concText);

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  if (hostname !== TENCENT_HOST) return originalLookup.apply(this, arguments);
  const cb = typeof options === 'function' ? options : callback;
  const all = typeof options === 'object' && options?.all;
  process.nextTick(() => (all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)));
};
const agent = https.globalAgent;
const originalCreateConnection = agent.createConnection;
agent.createConnection = function createConnection(options, callback) {
  const moved = options.host === TENCENT_HOST && Number(options.port) === 443 ? { ...options, port } : options;
  return originalCreateConnection.call(this, moved, callback);
};

// BENCH_SECRET_ID: the SecretId to sign with (the bench gives each Node major its own, so the
// server verifies each one's requests); its secret key is always `<SecretId>-secret`.
const ACCOUNTS = { ours: 'AKIDBENCHOURS', official: 'AKIDBENCHOFFICIAL' };
const account = process.env.BENCH_SECRET_ID || (ACCOUNTS[impl] ?? 'AKIDBENCHBARE');
const secretKey = `${account}-secret`;
const data = { to: '8613012345678', type: 'SignIn', payload: { code: '123456', locale: 'zh-CN' } };

/** A connector's sendMessage, or a bare client re-sending one pre-signed request (no connector). */
async function makeSender() {
  if (impl === 'ours' || impl === 'official') {
    const config = {
      accessKeyId: account, accessKeySecret: secretKey, signName: 'Logto', sdkAppId: '1400000000', region: 'ap-guangzhou',
      templates: ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({ usageType, templateCode: '1001' })),
      ...(impl === 'ours' ? { endpoint: `https://${TENCENT_HOST}:${port}` } : {}),
    };
    const { default: createConnector } = await import(impl === 'ours' ? oursUrl() : OFFICIAL_SPEC);
    const connector = await createConnector({ getConfig: async () => config });
    return () => connector.sendMessage(data);
  }
  const { signTc3ForTest } = await import('../tencent-api/tc3-verify.mjs');
  const body = JSON.stringify({ SmsSdkAppId: '1400000000', SignName: 'Logto', TemplateId: '1001', TemplateParamSet: ['123456'], PhoneNumberSet: ['+8613012345678'] });
  const signed = signTc3ForTest({
    secretId: account, secretKey, host: `${TENCENT_HOST}:${port}`, timestamp: Math.floor(Date.now() / 1000), body,
    contentType: 'application/json; charset=utf-8',
  });
  const headers = { ...signed.headers, 'X-TC-Action': 'SendSms', 'X-TC-Version': '2021-01-11', 'X-TC-Region': 'ap-guangzhou' };
  const checkOk = (text) => {
    const code = JSON.parse(text).Response?.SendStatusSet?.[0]?.Code;
    if (code !== 'Ok') throw new Error(`unexpected answer ${text.slice(0, 200)}`);
  };
  if (impl === 'bare-fetch') {
    const url = `https://${TENCENT_HOST}:${port}/`;
    return async () => checkOk(await (await fetch(url, { method: 'POST', headers, body })).text());
  }
  if (impl === 'bare-https') {
    const options = { hostname: TENCENT_HOST, port, path: '/', method: 'POST', headers }; // global agent, as got
    return () =>
      new Promise((resolve, reject) => {
        const req = https.request(options, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve(checkOk(Buffer.concat(chunks).toString('utf8')));
            } catch (error) {
              reject(error);
            }
          });
        });
        req.on('error', reject);
        req.end(body);
      });
  }
  throw new Error(`unknown client ${impl}`);
}
const send = await makeSender();

let errors = 0;
let firstError;
const sendOne = async () => {
  try {
    await send();
    return true;
  } catch (error) {
    errors += 1;
    firstError ??= `${error?.code ?? error?.name}: ${JSON.stringify(error?.data ?? error?.message)}`;
    return false;
  }
};

/** `concurrency` workers; each keeps one send in flight until `more()` says stop. */
async function drive(more) {
  let sent = 0;
  const worker = async () => {
    while (more(sent)) {
      sent += 1;
      await sendOne();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sent, elapsedMs: performance.now() - t0 };
}

await drive((sent) => sent < Number(warmupText));
let result;
if (measureText.startsWith('count:')) {
  const n = Number(measureText.slice(6));
  result = await drive((sent) => sent < n);
} else {
  const deadline = performance.now() + Number(measureText);
  result = await drive(() => performance.now() < deadline);
}
const rps = ((result.sent - errors) / result.elapsedMs) * 1000;
console.log(JSON.stringify({ impl, node: process.version, concurrency, ...result, rps, errors, firstError }));
// Keep-alive sockets would hold the process open for the agent timeout; exit now.
process.exit(0);
