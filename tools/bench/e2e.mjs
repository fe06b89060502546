// Row 3: sendMessage throughput against ONE local HTTPS server (this process) from fresh
// client processes (tools/bench/e2e-client.mjs), ours vs the official connector, plus the bare
// transports under each, in rotating order at each concurrency. The server checks a sample of
// signatures per SecretId.
import { join } from 'node:path';
import { BENCH_DIR, check, median, runNodeJson } from './util.mjs';
import { makeCertificate, startTlsSendSms } from './tls-server.mjs';

const ACCOUNTS = {
  ours: { secretId: 'AKIDBENCHOURS', secretKey: 'AKIDBENCHOURS-secret' },
  official: { secretId: 'AKIDBENCHOFFICIAL', secretKey: 'AKIDBENCHOFFICIAL-secret' },
  bare: { secretId: 'AKIDBENCHBARE', secretKey: 'AKIDBENCHBARE-secret' },
};
// The connectors, then the transports they sit on with no connector (one pre-signed request
// re-sent): ours uses fetch, the official got over https.request.
const CLIENTS = ['ours', 'official', 'bare-fetch', 'bare-https'];
const accountOf = (client) => ACCOUNTS[client] ?? ACCOUNTS.bare;

export async function benchEndToEnd({ quick, concurrencies = [1, 64] }) {
  let cert;
  try {
    cert = makeCertificate();
  } catch (error) {
    return { skipped: `could not generate a certificate with openssl: ${error.message}` };
  }
  const server = await startTlsSendSms({ key: cert.key, cert: cert.cert, accounts: Object.values(ACCOUNTS) });
  const env = { NODE_EXTRA_CA_CERTS: cert.certPath };
  const rounds = quick ? 1 : 5;
  const results = {};
  try {
    for (const concurrency of concurrencies) {
      const samples = Object.fromEntries(CLIENTS.map((c) => [c, []]));
      const connections = Object.fromEntries(CLIENTS.map((c) => [c, []]));
      const warmup = quick ? Math.max(concurrency, 10) : Math.max(400, concurrency * 8);
      const measure = quick ? `count:${Math.max(concurrency, 20)}` : '1500';
      for (let r = 0; r < rounds; r++) {
        for (let i = 0; i < CLIENTS.length; i++) {
          const impl = CLIENTS[(i + r) % CLIENTS.length];
          const before = server.stats()[accountOf(impl).secretId]?.connections ?? 0;
          const res = await runNodeJson(
            [join(BENCH_DIR, 'e2e-client.mjs')],
            [impl, String(server.port), String(concurrency), String(warmup), measure],
            { env },
          );
          check(res.errors === 0, `end to end (${impl}, concurrency ${concurrency}): ${res.errors} sends failed, first: ${res.firstError}`);
          samples[impl].push(res.rps);
          connections[impl].push(server.stats()[accountOf(impl).secretId].connections - before);
        }
      }
      results[concurrency] = Object.fromEntries(
        CLIENTS.map((c) => [c, { median: median(samples[c]), samples: samples[c], connectionsPerRun: connections[c] }]),
      );
    }
    const stats = server.stats();
    for (const [impl, { secretId }] of Object.entries(ACCOUNTS)) {
      const s = stats[secretId];
      check(s && s.requests > 0, `end to end: the server saw no requests from ${impl} (${secretId})`);
      check(s.failed === 0, `end to end: ${s.failed} of ${impl}'s sampled requests failed TC3 verification: ${s.firstFailure}`);
      check(s.verified > 0, `end to end: none of ${impl}'s requests was verified`);
    }
    const unknown = Object.keys(stats).filter((id) => !Object.values(ACCOUNTS).some((a) => a.secretId === id));
    check(unknown.length === 0, `end to end: unexpected requests from ${unknown.join(', ')}`);
    results.server = Object.fromEntries(
      Object.entries(ACCOUNTS).map(([impl, { secretId }]) => [impl, stats[secretId]]),
    );
    return results;
  } finally {
    await server.close();
    cert.cleanup();
  }
}
