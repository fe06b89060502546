// Two builds of ours end to end, in one run: `node tools/bench/ab-e2e.mjs <pkgA> <pkgB>` sends
// through each against one local HTTPS server from fresh client processes, in rotating order,
// and prints medians and B/A. For judging a change to the send path (e.g. the transport).
import { join } from 'node:path';
import { BENCH_DIR, check, median, runNodeJson } from './util.mjs';
import { makeCertificate, startTlsSendSms } from './tls-server.mjs';

const [a, b] = process.argv.slice(2);
const rounds = Number(process.env.AB_ROUNDS ?? 6);
const cert = makeCertificate();
const server = await startTlsSendSms({ key: cert.key, cert: cert.cert, accounts: [{ secretId: 'AKIDBENCHOURS', secretKey: 'AKIDBENCHOURS-secret' }] });
try {
  for (const concurrency of [1, 64]) {
    const samples = { A: [], B: [] };
    for (let r = 0; r < rounds; r++) {
      for (const which of r % 2 ? ['B', 'A'] : ['A', 'B']) {
        const res = await runNodeJson([join(BENCH_DIR, 'e2e-client.mjs')], ['ours', String(server.port), String(concurrency), '400', '1500'],
          { env: { NODE_EXTRA_CA_CERTS: cert.certPath, CONNECTOR_PKG_DIR: which === 'A' ? a : b } });
        check(res.errors === 0, `${which}: ${res.errors} sends failed: ${res.firstError}`);
        samples[which].push(res.rps);
      }
    }
    const [ma, mb] = [median(samples.A), median(samples.B)];
    console.log(`concurrency ${concurrency}: A ${ma.toFixed(0)} req/s, B ${mb.toFixed(0)} req/s, B/A ${(mb / ma).toFixed(3)} (A ${samples.A.map(Math.round)}, B ${samples.B.map(Math.round)})`);
  }
} finally {
  await server.close();
  cert.cleanup();
}
