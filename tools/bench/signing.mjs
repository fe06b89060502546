// Rows 1 and 2: TC3 signing throughput (ours vs the official connector's node:crypto code vs
// Tencent's SDK signer), and prepareSend vs a bare signTc3 of the same body. In-process.
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { check, compareThroughput, oursUrl } from './util.mjs';

const require = createRequire(import.meta.url);
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign').default;

const HOST = 'sms.tencentcloudapi.com';
const CONTENT_TYPE = 'application/json; charset=utf-8';

// ---- baseline (a): TC3 written exactly like the official connector's src/http.ts ---------
// (HMAC-SHA256 key chain and hex digests over node:crypto, as the published 1.4.4 does it; only
// the timestamp is an input instead of Date.now(), and the request is not sent).
function sha256Hmac(message, secret, encoding) {
  const hmac = crypto.createHmac('sha256', secret);
  return encoding ? hmac.update(message).digest(encoding) : hmac.update(message).digest();
}
function getHash(message, encoding = 'hex') {
  return crypto.createHash('sha256').update(message).digest(encoding);
}
function getDate(timestamp) {
  const date = new Date(timestamp * 1e3);
  const year = date.getUTCFullYear();
  const month = (date.getUTCMonth() + 1).toString().padStart(2, '0');
  const day = date.getUTCDate().toString().padStart(2, '0');
  return `${year}-${month}-${day}`;
}
export function officialStyleTc3({ secretId, secretKey, timestamp, payload }) {
  const date = getDate(timestamp);
  const service = 'sms';
  const hashedRequestPayload = getHash(payload);
  const signedHeaders = 'content-type;host';
  const canonicalHeaders = `content-type:application/json; charset=utf-8\nhost:${HOST}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, hashedRequestPayload].join('\n');
  const algorithm = 'TC3-HMAC-SHA256';
  const hashedCanonicalRequest = getHash(canonicalRequest);
  const credentialScope = `${date}/${service}/tc3_request`;
  const stringToSign = [algorithm, timestamp, credentialScope, hashedCanonicalRequest].join('\n');
  const secretDate = sha256Hmac(date, `TC3${secretKey}`);
  const secretService = sha256Hmac(service, secretDate);
  const secretSigning = sha256Hmac('tc3_request', secretService);
  const signature = sha256Hmac(stringToSign, secretSigning, 'hex').toString();
  return `${algorithm} Credential=${secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

// ---- baseline (b): Tencent's SDK signer (tencentcloud-sdk-nodejs-common Sign.sign3) --------
export const sdkTc3 = ({ secretId, secretKey, timestamp, payload }) =>
  Sign.sign3({
    method: 'POST', url: `https://${HOST}/`, payload: Buffer.from(payload, 'utf8'), timestamp, service: 'sms',
    secretId, secretKey, multipart: false, boundary: undefined, headers: { 'Content-Type': CONTENT_TYPE },
  });

// ---- inputs -------------------------------------------------------------------------------
// The official connector's golden request and vector V1, both in tests/vectors/tc3.json.
const GOLDEN = {
  secretId: 'AKIDEXAMPLE', secretKey: 'SECRETKEY', timestamp: 1700000000,
  payload: '{"SmsSdkAppId":"1400000000","SignName":"Logto","TemplateId":"123456","TemplateParamSet":["123456"],"PhoneNumberSet":["8613012345678"]}',
  expected: 'f3bf1e140693893096bb8e1dba02f3ba0b0724789a0e9c09baab0aca5caf860c',
};
const V1 = {
  secretId: 'AKIDEXAMPLE', secretKey: 'secretEXAMPLE', timestamp: 1700000000,
  payload: '{"PhoneNumberSet":["+8613800138000"],"SmsSdkAppId":"1400000000","SignName":"测试签名","TemplateId":"123456","TemplateParamSet":["123456","5"]}',
  expected: 'aac1fb8c4092ad0862b94c66e82e7479b6719a63330d00e4c771dd2e3bd8dc78',
};

export const PREPARE_CONFIG = {
  accessKeyId: 'AKIDEXAMPLE', accessKeySecret: 'SECRETKEY', signName: 'Logto', sdkAppId: '1400000000',
  region: 'ap-guangzhou',
  templates: ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({ usageType, templateCode: '123456' })),
};
export const PREPARE_DATA = { to: '8613012345678', type: 'SignIn', payload: { code: '123456', locale: 'zh-CN' } };
const NOW_MS = 1700000000000;

const oursOptions = ({ secretId, secretKey, timestamp, payload }) => ({
  secretId, secretKey, service: 'sms', host: HOST, timestamp, payload, contentType: CONTENT_TYPE,
});

/** Same Authorization from all three signers, and the published one, for both vectors. */
function verifySigners(ours) {
  for (const v of [GOLDEN, V1]) {
    const expected = `TC3-HMAC-SHA256 Credential=${v.secretId}/2023-11-14/sms/tc3_request, SignedHeaders=content-type;host, Signature=${v.expected}`;
    const got = { ours: ours.signTc3(oursOptions(v)).authorization, official: officialStyleTc3(v), sdk: sdkTc3(v) };
    for (const [who, auth] of Object.entries(got)) {
      check(auth === expected, `signing: ${who} gave ${auth}, expected ${expected}`);
    }
  }
}

export async function benchSigning({ quick }) {
  const ours = await import(oursUrl());
  verifySigners(ours);
  const timing = quick ? { rounds: 2, ms: 15, warmupMs: 10 } : { rounds: 7, ms: 400, warmupMs: 300 };

  // Row 1: the same SendSms request signed three ways.
  const opts = oursOptions(GOLDEN);
  const sign = compareThroughput(
    {
      ours: () => ours.signTc3(opts).authorization,
      official: () => officialStyleTc3(GOLDEN),
      sdk: () => sdkTc3(GOLDEN),
    },
    timing,
  );

  // Row 2: prepareSend (config, template, phone, body and signature) against the official
  // connector's TC3 over node:crypto signing the very body prepareSend builds: the whole of our
  // preparation must cost no more than the official's signing alone.
  const prepared = ours.prepareSend(PREPARE_CONFIG, PREPARE_DATA, NOW_MS).request;
  const bare = {
    secretId: PREPARE_CONFIG.accessKeyId, secretKey: PREPARE_CONFIG.accessKeySecret, service: 'sms',
    host: prepared.headers.Host, timestamp: Number(prepared.headers['X-TC-Timestamp']),
    payload: prepared.body, contentType: prepared.headers['Content-Type'],
  };
  check(ours.signTc3(bare).authorization === prepared.headers.Authorization, 'prepareSend: its Authorization differs from signTc3 of its own body');
  check(
    officialStyleTc3({ ...GOLDEN, payload: prepared.body }) === prepared.headers.Authorization,
    'prepareSend: its Authorization differs from the official-style signer for the same body',
  );
  const officialBody = { ...GOLDEN, payload: prepared.body };
  const prep = compareThroughput(
    {
      prepareSend: () => ours.prepareSend(PREPARE_CONFIG, PREPARE_DATA, NOW_MS),
      official: () => officialStyleTc3(officialBody),
    },
    timing,
  );
  return { sign, prepare: prep, body: { signing: GOLDEN.payload.length, prepare: Buffer.byteLength(prepared.body) } };
}
