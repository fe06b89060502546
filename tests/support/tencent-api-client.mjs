// Helpers for tests that talk to the local Tencent API stand-in (tools/tencent-api/server.mjs)
// over real HTTP. Kept out of the *.test.mjs file so the test file reads as a list of cases.
import http from 'node:http';
import { signTc3ForTest } from '../../tools/tencent-api/tc3-verify.mjs';

export const T0 = 1_700_000_000; // the stand-in's fixed clock in these tests
export const MAIN = { secretId: 'AKIDTESTMAIN', secretKey: 'main-secret-key', sdkAppIds: ['1400000000'] };
export const OTHER = { secretId: 'AKIDTESTOTHER', secretKey: 'other-secret-key', sdkAppIds: ['1400009999'] };

export const SERVER_OPTIONS = {
  accounts: [MAIN, OTHER],
  signNames: ['Logto', '腾讯云'],
  templates: {
    1001: { text: '您的验证码为：{1}，{2}分钟内有效。', international: false },
    1002: { text: '您的验证码为：{1}，5分钟内有效。', international: false },
    2001: { text: 'Your verification code is {1}.', international: true },
  },
  clock: () => T0 + 10,
};

export const validBody = (overrides = {}) => ({
  PhoneNumberSet: ['+8613800138000'], SmsSdkAppId: '1400000000', SignName: 'Logto',
  TemplateId: '1001', TemplateParamSet: ['123456', '5'], ...overrides,
});

const COMMON = { 'X-TC-Action': 'SendSms', 'X-TC-Version': '2021-01-11', 'X-TC-Region': 'ap-guangzhou' };

/**
 * Sign and send one request with fetch. `body` may be an object (JSON-encoded), a string or a Buffer;
 * `headers` override/remove (undefined) sent headers after signing; `signedExtra` adds signed headers;
 * `host` is what gets signed (the Host actually sent is always the URL's).
 */
export async function send(api, opts = {}) {
  const {
    body = validBody(), account = MAIN, timestamp = T0, contentType = 'application/json', host = api.hostHeader,
    headers = {}, signedExtra = {}, method = 'POST', path = '/', fetchOptions = {}, service = 'sms',
  } = opts;
  const bytes = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const signed = signTc3ForTest({ ...account, service, host, timestamp, body: bytes, contentType, extraHeaders: signedExtra });
  const sent = Object.fromEntries(
    Object.entries({ ...signed.headers, ...COMMON, ...headers }).filter(([, v]) => v !== undefined),
  );
  const res = await fetch(api.url + path, { method, headers: sent, body: method === 'GET' ? undefined : bytes, ...fetchOptions });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, text, json, res, signed };
}

/** Send raw bytes with node:http, so tests can choose the Host header (e.g. a port-less one). */
export function rawRequest(api, { headers, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: api.port, method: 'POST', path: '/', headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
