// Row 3's server: a throw-away self-signed certificate (openssl, generated at run time, no
// network) and a minimal HTTPS SendSms endpoint on 127.0.0.1 that answers Tencent's success
// shape. It verifies the TC3 signature of a sample of requests with the stand-in's own
// independent verifier (tools/tencent-api/tc3-verify.mjs), counted per SecretId, so the bench
// can prove that both connectors really sent signed requests.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import { join } from 'node:path';
import { verifyTc3, headerValue } from '../tencent-api/tc3-verify.mjs';

export const TENCENT_HOST = 'sms.tencentcloudapi.com';

/** Returns { key, cert, certPath, cleanup() } or throws if openssl is unavailable. */
export function makeCertificate() {
  const dir = mkdtempSync(join(os.tmpdir(), 'tencent-bench-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', `/CN=${TENCENT_HOST}`,
    '-addext', `subjectAltName=DNS:${TENCENT_HOST},DNS:localhost,IP:127.0.0.1`,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  return {
    key: readFileSync(keyPath), cert: readFileSync(certPath), certPath,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const successFor = (body) => {
  let phones = ['+8613012345678'];
  try {
    phones = JSON.parse(body).PhoneNumberSet ?? phones;
  } catch {}
  return JSON.stringify({
    Response: {
      SendStatusSet: phones.map((PhoneNumber, i) => ({
        SerialNo: `5000:${Date.now()}${i}`, PhoneNumber, Fee: 1, SessionContext: '',
        Code: 'Ok', Message: 'send success', IsoCode: 'CN',
      })),
      RequestId: randomUUID(),
    },
  });
};

/**
 * accounts: [{ secretId, secretKey }]. Every request of the first `verifyFirst` per SecretId,
 * then one in `verifyEvery`, is checked with verifyTc3. Resolves { port, stats(), close() }.
 */
export async function startTlsSendSms({ key, cert, accounts, verifyFirst = 20, verifyEvery = 50 }) {
  const secretKeyFor = (id) => accounts.find((a) => a.secretId === id)?.secretKey;
  const perId = new Map();
  const statFor = (id) => {
    if (!perId.has(id)) perId.set(id, { requests: 0, connections: 0, verified: 0, failed: 0, firstFailure: undefined, hosts: new Set() });
    return perId.get(id);
  };
  const sockets = new Set();
  const socketOwner = new WeakMap(); // TLS socket → SecretId of its first request
  const server = https.createServer({ key, cert, keepAliveTimeout: 30_000 }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const auth = headerValue(req.headers, 'authorization') ?? '';
      const id = /Credential=([^/]+)\//.exec(auth)?.[1] ?? '(unsigned)';
      const stat = statFor(id);
      stat.requests += 1;
      if (!socketOwner.has(req.socket)) {
        socketOwner.set(req.socket, id);
        stat.connections += 1;
      }
      stat.hosts.add(req.headers.host);
      if (stat.requests <= verifyFirst || stat.requests % verifyEvery === 0) {
        const v = verifyTc3({
          method: req.method, uri: '/', query: '', headers: req.headers, bodyBytes: bytes,
          secretKeyFor, now: Date.now() / 1000, service: 'sms',
        });
        if (v.ok && headerValue(req.headers, 'x-tc-action') === 'SendSms') stat.verified += 1;
        else {
          stat.failed += 1;
          stat.firstFailure ??= v.ok ? 'X-TC-Action is not SendSms' : `${v.code}: ${v.message}`;
        }
      }
      const out = successFor(bytes.toString('utf8'));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(out) });
      res.end(out);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => {});
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    stats: () => Object.fromEntries([...perId].map(([id, s]) => [id, { ...s, hosts: [...s.hosts] }])),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
