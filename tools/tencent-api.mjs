#!/usr/bin/env node
// Run the local Tencent Cloud SMS stand-in by hand, e.g. to point a Logto connector at it:
//   node tools/tencent-api.mjs --port 8787
// and watch what arrives: signature verdicts, and each accepted message as the phone would show it.
import { parseArgs } from 'node:util';
import { startTencentApi, DEMO_CONFIG } from './tencent-api/server.mjs';
import { SIGNS, TEMPLATES, fixtureAccounts, sendOptions } from './tencent-api/fixture-account.mjs';

const USAGE = `Usage: node tools/tencent-api.mjs [options]
  --port <n>                 listen on 127.0.0.1:<n> (default 8787; 0 = any free port)
  --secret-id <id>           account SecretId   (default ${DEMO_CONFIG.accounts[0].secretId})
  --secret-key <key>         account SecretKey  (default ${DEMO_CONFIG.accounts[0].secretKey})
  --sdk-app-id <id>          SmsSdkAppId owned by that account, repeatable (default 1400000000)
  --sign-name <name>         approved SignName, repeatable (default Logto)
  --template <id>=<text>     mainland-China template, repeatable; placeholders {1}, {2}, ...
  --intl-template <id>=<text> international template, repeatable
  --region <region>          accepted X-TC-Region, repeatable (default: Tencent's SMS regions)
  --fixture                  serve the fixture account of check --live instead (its keys are
                             in tools/tencent-api/fixture-account.mjs): signs, templates and
                             packages in every state, read actions, a send-only key
  -h, --help                 show this help
Giving any --template/--intl-template replaces the demo templates (1001 mainland, 2001 international).`;

function fail(message) {
  console.error(`tencent-api: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      'secret-id': { type: 'string' },
      'secret-key': { type: 'string' },
      'sdk-app-id': { type: 'string', multiple: true },
      'sign-name': { type: 'string', multiple: true },
      template: { type: 'string', multiple: true },
      'intl-template': { type: 'string', multiple: true },
      region: { type: 'string', multiple: true },
      fixture: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (e) {
  fail(e.message);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`bad --port ${args.port}`);

function parseTemplates(list = [], international) {
  return list.map((spec) => {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) fail(`bad template "${spec}", expected <id>=<text>`);
    return [spec.slice(0, eq), { text: spec.slice(eq + 1), international }];
  });
}
const custom = [...parseTemplates(args.template, false), ...parseTemplates(args['intl-template'], true)];
const demo = DEMO_CONFIG.accounts[0];

const api = await startTencentApi(args.fixture ? {
  port, accounts: fixtureAccounts(), ...sendOptions({ signs: SIGNS, templates: TEMPLATES }), regions: args.region,
} : {
  port,
  accounts: [{
    secretId: args['secret-id'] ?? demo.secretId,
    secretKey: args['secret-key'] ?? demo.secretKey,
    sdkAppIds: args['sdk-app-id'] ?? demo.sdkAppIds,
  }],
  signNames: args['sign-name'] ?? DEMO_CONFIG.signNames,
  templates: custom.length ? Object.fromEntries(custom) : DEMO_CONFIG.templates,
  regions: args.region,
});

// Show enough of the key to recognise it, never the whole thing (terminals get screen-shared).
const maskSecret = (s) => `(hidden, ${s.length} characters)`;
const maskPhone = (p) => p.replace(/\d(?=\d{4})/g, '*');

const { config } = api;
console.log(`Tencent Cloud SMS stand-in (SendSms ${'2021-01-11'}) listening on ${api.url}`);
console.log(`  clients must sign host "${api.hostHeader}", service "sms"`);
for (const a of config.accounts) {
  console.log(`  SecretId ${a.secretId}  SecretKey ${maskSecret(a.secretKey)}  SmsSdkAppId ${a.sdkAppIds.join(', ')}`);
}
console.log(`  SignName ${config.signNames.join(', ')}`);
for (const [id, t] of Object.entries(config.templates)) {
  console.log(`  Template ${id} (${t.international === 'both' ? 'mainland and international' : t.international ? 'international' : 'mainland'}, ${t.placeholders} param${t.placeholders === 1 ? '' : 's'}): ${t.text}`);
}
console.log(`  Regions ${config.regions.join(', ')}`);

api.onRequest((record, delivered) => {
  const time = new Date().toISOString().slice(11, 19);
  const { verdict } = record;
  const summary = verdict.ok ? `ok [${verdict.codes.join(', ')}]` : `${verdict.code}: ${verdict.message}`;
  console.log(`${time} ${record.method} ${record.url} ${record.headers['x-tc-action'] ?? '-'} → ${summary}${record.fault ? ` (scripted ${record.fault})` : ''}`);
  for (const m of delivered) {
    const sign = m.signName ? `【${m.signName}】` : '';
    console.log(`    📱 ${maskPhone(m.phone)}: ${sign}${m.text}`);
  }
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: shutting down (${api.accepted.length} message(s) accepted, ${api.requests.length} request(s)).`);
  await api.close();
  process.exit(0);
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
