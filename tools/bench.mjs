#!/usr/bin/env node
// Benchmarks connector-tencent-sms-wasm (pkg/, built by `node scripts/build.mjs`) against
// the official @logto/connector-tencent-sms 1.4.4 and Tencent's SDK signer, side by side in the
// same run on the same inputs, and prints medians and ratios as a Markdown table.
//   node tools/bench.mjs [--quick] [--json out.json]
// --quick: tiny iteration counts; checks every result is right and prints the table, but never
//          judges speed. Exit status is non-zero only when a result is wrong (a signature
//          mismatch, a failed send, an unverifiable request), never for a missed target.
// Rows: 1 signing, 2 preparing a send, 3 end to end over TLS with client processes on the
// machine's Node and on Logto's Node 22 (ours against the bare fetch under it and against the
// official; the bare transports for scale), 4 cold start and sizes, 5 memory. Rows 1, 2, 4, 5 run
// on the Node that runs this script. Helpers live in tools/bench/.
// All rows measure one snapshot of pkg/ taken at the start (others may rebuild pkg/ meanwhile).
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchEndToEnd } from './bench/e2e.mjs';
import { benchColdStart, sizes } from './bench/footprint.mjs';
import { benchSigning } from './bench/signing.mjs';
import {
  BENCH_DIR, fmtBytes, fmtMs, fmtNum, fmtOps, fmtRatio, fmtRps, LOGTO_NODE_MAJOR, machine, markdownTable, runNodeJson,
  snapshotPackage, WrongResult,
} from './bench/util.mjs';

const { values: args } = parseArgs({ options: { quick: { type: 'boolean' }, json: { type: 'string' } } });
const quick = Boolean(args.quick);
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

// End to end, ours is judged against what the host's fetch allows: the bare fetch client (the
// transport alone, no connector) on every Node major, and the official connector on Logto's
// Node 22 (elsewhere for information).
const TARGETS = {
  signSpeedup: 2, prepareCost: 1, e2eVsFetch: 0.8, e2eVsOfficial: 1, e2eVsOfficialNode: LOGTO_NODE_MAJOR,
  coldRatio: 0.6, wasmGzip: 60 * 1024, memoryGrowth: 1.1,
};

async function measure() {
  const out = { machine: machine(), mode: quick ? 'quick' : 'full', targets: TARGETS };
  const snapshot = await snapshotPackage();
  out.build = { wasmSha256: snapshot.wasmSha256, version: JSON.parse(readFileSync(join(snapshot.dir, 'package.json'), 'utf8')).version };
  log(`measuring a snapshot of pkg/ (wasm sha256 ${snapshot.wasmSha256.slice(0, 12)}…)`);
  log(`rows 1–2: signing and prepareSend (${quick ? 'quick' : '7 rounds'})`);
  out.signing = await benchSigning({ quick });
  log('row 3: end to end over TLS against one local server (fresh client processes on each Node major)');
  out.endToEnd = await benchEndToEnd({ quick });
  log('row 4: cold start (fresh processes) and sizes');
  out.coldStart = await benchColdStart({ runs: quick ? 2 : 9 });
  out.sizes = sizes();
  const [total, warmup, settleMs] = quick ? [2000, 500, 0] : [100_000, 10_000, 10_500];
  log(`row 5: memory over ${fmtNum(total)} sends${settleMs ? ' (+2 × 10.5 s for request deadlines to lapse)' : ''}`);
  out.memory = await runNodeJson(['--expose-gc', join(BENCH_DIR, 'memory.mjs')], [total, warmup, settleMs].map(String), { timeoutMs: 300_000 });
  if (out.memory.errors) throw new WrongResult(`memory: ${out.memory.errors} sends failed, first: ${out.memory.firstError}`);
  out.loadAverageAtEnd = os.loadavg()[0];
  if (out.memory.fetchCalls !== total) throw new WrongResult(`memory: ${out.memory.fetchCalls} fetch calls for ${total} sends`);
  return out;
}

function rows(r) {
  const list = [];
  const { sign, prepare } = r.signing;
  for (const [key, label] of [['official', 'official http.ts TC3 (node:crypto)'], ['sdk', 'Tencent SDK Sign.sign3']]) {
    const speedup = sign.ours.median / sign[key].median;
    list.push({
      row: `1. signTc3 vs ${label} (same Authorization: checked)`, ours: fmtOps(sign.ours.median),
      baseline: fmtOps(sign[key].median), ratio: `${fmtRatio(speedup)} throughput`,
      target: `≥ ${TARGETS.signSpeedup}×`, met: speedup >= TARGETS.signSpeedup, speed: true,
    });
  }
  const cost = prepare.official.median / prepare.prepareSend.median;
  list.push({
    row: '2. prepareSend vs official TC3 over node:crypto (same body)', ours: fmtOps(prepare.prepareSend.median), baseline: fmtOps(prepare.official.median),
    ratio: `${fmtRatio(cost)} time`, target: `≤ ${TARGETS.prepareCost}×`, met: cost <= TARGETS.prepareCost, speed: true,
  });
  const e2e = r.endToEnd;
  if (e2e.skipped) list.push({ row: '3. sendMessage end to end', ours: '—', baseline: '—', ratio: '—', target: e2e.skipped });
  for (const { major } of e2e.runtimes ?? []) {
    for (const c of [1, 64]) {
      const at = e2e.byNode[major][c];
      if (!at) continue;
      const [ours, official, fetch, https] = ['ours', 'official', 'bare-fetch', 'bare-https'].map((k) => at[k].median);
      const where = `Node ${major}, concurrency ${c}`;
      list.push({
        row: `3. sendMessage over TLS vs bare fetch (the transport alone), ${where}`, ours: fmtRps(ours), baseline: fmtRps(fetch),
        ratio: `${fmtRatio(ours / fetch)} throughput`, target: `≥ ${TARGETS.e2eVsFetch}×`, met: ours / fetch >= TARGETS.e2eVsFetch, speed: true,
      });
      list.push({
        row: `3. sendMessage over TLS vs the official, ${where}`, ours: fmtRps(ours), baseline: fmtRps(official),
        ratio: `${fmtRatio(ours / official)} throughput`,
        ...(major === TARGETS.e2eVsOfficialNode
          ? { target: `≥ ${TARGETS.e2eVsOfficial}×`, met: ours / official >= TARGETS.e2eVsOfficial, speed: true }
          : { target: `info (judged on Node ${TARGETS.e2eVsOfficialNode}, Logto's)` }),
      });
      list.push({
        row: `3. transport alone (no connector), ${where}: fetch vs https.request`, ours: fmtRps(fetch), baseline: fmtRps(https),
        ratio: `${fmtRatio(fetch / https)} throughput`, target: `info: the official reaches ${fmtNum((100 * official) / https)}% of https.request`,
      });
    }
  }
  const cold = r.coldStart;
  const coldRatio = cold.ours.importAndCreateMs / cold.official.importAndCreateMs;
  list.push({
    row: '4. cold start: import + createConnector', ours: fmtMs(cold.ours.importAndCreateMs), baseline: fmtMs(cold.official.importAndCreateMs),
    ratio: `${fmtRatio(coldRatio)} time`, target: `≤ ${TARGETS.coldRatio}×`, met: coldRatio <= TARGETS.coldRatio, speed: true,
  });
  list.push({
    row: '4. cold start: process start → connector ready', ours: fmtMs(cold.ours.sinceProcessStartMs), baseline: fmtMs(cold.official.sinceProcessStartMs),
    ratio: `${fmtRatio(cold.ours.sinceProcessStartMs / cold.official.sinceProcessStartMs)} time`, target: 'info',
  });
  const s = r.sizes;
  list.push({ row: '4. .wasm raw', ours: fmtBytes(s.wasmRaw), baseline: '—', ratio: '—', target: 'info' });
  list.push({
    row: '4. .wasm gzip -9', ours: fmtBytes(s.wasmGzip), baseline: '—', ratio: '—',
    target: `≤ ${TARGETS.wasmGzip / 1024} KiB`, met: s.wasmGzip <= TARGETS.wasmGzip,
  });
  const tb = s.tarball;
  list.push({
    row: '4. npm tarball', ours: fmtBytes(tb.ours?.size), baseline: `${fmtBytes(tb.official.size)}${tb.official.how.startsWith('published') ? '' : ' (re-pack)'}`,
    ratio: `${fmtRatio(tb.ours?.size / tb.official.size)} size`, target: 'info',
  });
  const inst = s.install;
  list.push({
    row: '4. install footprint, package + deps the other lacks', ours: `${fmtBytes(inst.ours.bytes)} (${inst.ours.packages} pkg)`,
    baseline: `${fmtBytes(inst.official.bytes)} (${inst.official.packages} pkgs)`, ratio: `${fmtRatio(inst.ours.bytes / inst.official.bytes)} size`,
    target: `info (both also need ${inst.shared.length} shared pkgs)`,
  });
  // Memory. A finished send clears its 10 s deadline timer, so the heap right after a burst and
  // the heap once every deadline could have lapsed should agree (before that fix, the first held
  // ≈ sends/s × 10 s live timers). The settled pair is the leak check; in --quick mode there is
  // no settling and no verdict.
  const m = r.memory;
  const heapGrowth = m.atEnd.heapUsed / m.afterWarmup.heapUsed;
  const settled = Boolean(m.atEndSettled);
  list.push({
    row: `5. JS heap after gc, ${fmtNum(m.warmup)} → ${fmtNum(m.total)} sends${settled ? ', right away' : ''}`,
    ours: `${fmtBytes(m.afterWarmup.heapUsed)} → ${fmtBytes(m.atEnd.heapUsed)}`, baseline: '—',
    ratio: `${fmtRatio(heapGrowth)} growth`,
    ...(settled
      ? { target: 'info (no deadline timer outlives its send)' }
      : { target: `flat (≤ ${TARGETS.memoryGrowth}×)`, met: heapGrowth <= TARGETS.memoryGrowth, speed: true }),
  });
  if (settled) {
    const growth = m.atEndSettled.heapUsed / m.afterWarmupSettled.heapUsed;
    list.push({
      row: '5. JS heap after gc, same points once request deadlines lapsed', ours: `${fmtBytes(m.afterWarmupSettled.heapUsed)} → ${fmtBytes(m.atEndSettled.heapUsed)}`,
      baseline: '—', ratio: `${fmtRatio(growth)} growth`, target: `flat (≤ ${TARGETS.memoryGrowth}×)`, met: growth <= TARGETS.memoryGrowth, speed: true,
    });
  }
  if (m.wasmMemoryReachable) {
    const growth = m.atEnd.wasmMemory / m.afterWarmup.wasmMemory;
    list.push({
      row: '5. wasm linear memory', ours: `${fmtBytes(m.afterWarmup.wasmMemory)} → ${fmtBytes(m.atEnd.wasmMemory)}`, baseline: '—',
      ratio: `${fmtRatio(growth)} growth`, target: `flat (≤ ${TARGETS.memoryGrowth}×)`, met: growth <= TARGETS.memoryGrowth, speed: true,
    });
  } else {
    list.push({ row: '5. wasm linear memory', ours: 'not reachable', baseline: '—', ratio: '—', target: 'info' });
  }
  return list;
}

const serverLine = (s) => `${s.verified}/${s.requests}/${s.connections}`;
const serverLines = (e2e) =>
  e2e.runtimes.map(({ major }) => `Node ${major}: ours ${serverLine(e2e.server[major].ours)}, official ${serverLine(e2e.server[major].official)}`).join('; ');

function report(r) {
  const mc = r.machine;
  const lines = [
    `Machine: ${mc.cpu}, ${mc.cores} cores, Node ${mc.node} (V8 ${mc.v8}; rows 1, 2, 4, 5), ${mc.platform}, ${mc.openssl}; ` +
      `1-min load average ${fmtNum(mc.loadAverageAtStart, 1)} at start, ${fmtNum(r.loadAverageAtEnd, 1)} at end` +
      (Math.max(mc.loadAverageAtStart, r.loadAverageAtEnd) > mc.cores / 2 ? ' (busy machine: expect noisy absolute numbers; ratios are interleaved).' : '.'),
    `Build: connector-tencent-sms-wasm ${r.build.version}, wasm sha256 ${r.build.wasmSha256.slice(0, 16)}… (a snapshot of pkg/ taken at the start).`,
    `Mode: ${r.mode}${quick ? ' (correctness only: speed and memory are not judged)' : ''}. Ratios are ours ÷ baseline; medians of interleaved rounds.`,
    '',
    markdownTable(rows(r), { quick }),
    '',
    `Signing input: the official connector's SendSms golden vector (${r.signing.body.signing}-byte body); all three signers also ` +
      'reproduce the published Authorization of it and of Tencent vector V1.',
    'End to end: one HTTPS server on 127.0.0.1 (self-signed certificate made by openssl at run time), fresh client ' +
      (r.endToEnd.server
        ? `processes on ${r.endToEnd.runtimes.map((rt) => `Node ${rt.version}`).join(' and ')}; ` +
          `sampled requests of both connectors verified with tools/tencent-api/tc3-verify.mjs (verified/sent/TLS connections: ${serverLines(r.endToEnd)}).`
        : 'processes (skipped).'),
    `Official tarball: ${r.sizes.tarball.official.how}. Install footprint: files on disk of the package plus its runtime ` +
      `dependency closure minus what both need (${r.sizes.install.shared.join(', ')}).`,
    `Memory: sendMessage with an in-process fetch stub (no sockets), ${fmtNum(r.memory.sendsPerSecond)} sends/s.`,
  ];
  return lines.join('\n');
}

try {
  const result = await measure();
  result.table = rows(result);
  console.log(report(result));
  if (args.json) {
    writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${args.json}`);
  }
} catch (error) {
  if (error instanceof WrongResult) {
    console.error(`[bench] WRONG RESULT: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
