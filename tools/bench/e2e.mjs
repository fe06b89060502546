// Row 3: sendMessage throughput against ONE local HTTPS server (this process) from fresh
// client processes (tools/bench/e2e-client.mjs), ours vs the official connector, plus the bare
// transports under each, on each Node major of nodeRuntimes() (the machine's and Logto's 22).
// At each concurrency every (Node, client) pair runs once per round, in an order that rotates
// each round, so drift on a busy machine hits all alike. The server checks a sample of
// signatures per SecretId.
import { join } from 'node:path';
import { BENCH_DIR, check, median, nodeRuntimes, runNodeJson } from './util.mjs';
import { makeCertificate, startTlsSendSms } from './tls-server.mjs';

// One SecretId per (Node major, kind of client), so the server verifies a sample of each.
const KINDS = { ours: 'OURS', official: 'OFFICIAL', bare: 'BARE' };
// The connectors, then the transports they sit on with no connector (one pre-signed request
// re-sent): ours uses fetch, the official got over https.request.
const CLIENTS = ['ours', 'official', 'bare-fetch', 'bare-https'];
const kindOf = (client) => (client in KINDS ? client : 'bare');
const secretIdOf = (major, kind) => `AKIDBENCH${KINDS[kind]}N${major}`;

/**
 * Returns { runtimes: [{ major, version }], byNode: { [major]: { [concurrency]: { [client]:
 * { median, samples, connectionsPerRun } } } }, server: { [major]: { ours, official, bare } } }
 * (the server's counts per SecretId), or { skipped }.
 */
export async function benchEndToEnd({ quick, concurrencies = [1, 64] }) {
  const runtimes = nodeRuntimes();
  let cert;
  try {
    cert = makeCertificate();
  } catch (error) {
    return { skipped: `could not generate a certificate with openssl: ${error.message}` };
  }
  const ids = runtimes.flatMap((rt) => Object.keys(KINDS).map((kind) => ({ major: rt.major, kind, secretId: secretIdOf(rt.major, kind) })));
  const accounts = ids.map(({ secretId }) => ({ secretId, secretKey: `${secretId}-secret` }));
  const server = await startTlsSendSms({ key: cert.key, cert: cert.cert, accounts });
  const env = { NODE_EXTRA_CA_CERTS: cert.certPath };
  const rounds = quick ? 1 : 5;
  const byNode = Object.fromEntries(runtimes.map((rt) => [rt.major, {}]));
  try {
    for (const concurrency of concurrencies) {
      const pairs = runtimes.flatMap((rt) => CLIENTS.map((client) => ({ rt, client })));
      const samples = pairs.map(() => []);
      const connections = pairs.map(() => []);
      const warmup = quick ? Math.max(concurrency, 10) : Math.max(400, concurrency * 8);
      const measure = quick ? `count:${Math.max(concurrency, 20)}` : '1500';
      for (let r = 0; r < rounds; r++) {
        for (let i = 0; i < pairs.length; i++) {
          const k = (i + r) % pairs.length;
          const { rt, client } = pairs[k];
          const what = `${client} on Node ${rt.major}, concurrency ${concurrency}`;
          const secretId = secretIdOf(rt.major, kindOf(client));
          const before = server.stats()[secretId]?.connections ?? 0;
          const res = await runNodeJson(
            [join(BENCH_DIR, 'e2e-client.mjs')],
            [client, String(server.port), String(concurrency), String(warmup), measure],
            { env: { ...env, BENCH_SECRET_ID: secretId }, node: rt.path },
          );
          check(res.node === rt.version, `end to end (${what}): the client ran on Node ${res.node}`);
          check(res.errors === 0, `end to end (${what}): ${res.errors} sends failed, first: ${res.firstError}`);
          samples[k].push(res.rps);
          connections[k].push(server.stats()[secretId].connections - before);
        }
      }
      pairs.forEach(({ rt, client }, k) => {
        byNode[rt.major][concurrency] ??= {};
        byNode[rt.major][concurrency][client] = { median: median(samples[k]), samples: samples[k], connectionsPerRun: connections[k] };
      });
    }
    const stats = server.stats();
    for (const { major, kind, secretId } of ids) {
      const s = stats[secretId];
      const who = `${kind} on Node ${major} (${secretId})`;
      check(s && s.requests > 0, `end to end: the server saw no requests from ${who}`);
      check(s.failed === 0, `end to end: ${s.failed} of the sampled requests of ${who} failed TC3 verification: ${s.firstFailure}`);
      check(s.verified > 0, `end to end: none of the requests of ${who} was verified`);
    }
    const unknown = Object.keys(stats).filter((id) => !ids.some((a) => a.secretId === id));
    check(unknown.length === 0, `end to end: unexpected requests from ${unknown.join(', ')}`);
    const seen = Object.fromEntries(runtimes.map((rt) => [rt.major,
      Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, stats[secretIdOf(rt.major, kind)]]))]));
    return { runtimes: runtimes.map(({ major, version }) => ({ major, version })), byNode, server: seen };
  } finally {
    await server.close();
    cert.cleanup();
  }
}
