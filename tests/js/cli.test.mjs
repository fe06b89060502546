// The package's command as an operator runs it from the extracted tarball: `check` on the
// README's example configs (output exactly as the README shows it), on Logto's API answers and
// on bad input; `send` exit codes, `--help`, `--version`, and a dry run that hides the
// credential and the signature.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { connectorConfig } from '../support/fixtures.mjs';
import { createLogtoInstance, repoRoot } from '../../tools/logto-instance.mjs';
import { packageTarball } from '../../tools/package-under-test.mjs';

const ACCOUNT = { secretId: 'AKIDCLITEST', secretKey: 'cli-secret-key-0123456789', sdkAppIds: ['1400000000'] };
let api;
let instance;
let file = 0;

before(async () => {
  api = await startTencentApi({
    accounts: [ACCOUNT],
    signNames: ['Logto'],
    templates: { 1001: { text: '您的验证码为：{1}，5分钟内有效。', international: false } },
  });
  // The package under test (a planted bug's copy too), as `logto connector add` extracts it.
  instance = createLogtoInstance({ tarball: packageTarball() });
});
after(async () => {
  await api?.close();
  instance?.remove();
});

const run = (...args) =>
  new Promise((resolve) => {
    const cli = join(instance.connectorPath, 'lib', 'cli.js');
    execFile(process.execPath, [cli, ...args], (error, stdout, stderr) =>
      resolve({ code: error?.code ?? 0, stdout, stderr }));
  });
const saved = (value) => {
  const path = join(instance.root, `config-${(file += 1)}.json`);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};
const config = (overrides) => connectorConfig(ACCOUNT, api.url, overrides);

test("check prints exactly what the README shows for the README's example configs", async () => {
  const readme = readFileSync(join(repoRoot, 'pkg-template', 'README.md'), 'utf8');
  const examples = [...readme.matchAll(/<!-- check-example: exit (\d) -->\n```json\n([\s\S]*?)\n```\n\n```text\n\$ npx connector-tencent-sms-wasm check --config config.json\n([\s\S]*?)\n```/g)];
  assert.ok(examples.length >= 2, `found ${examples.length} examples`);
  for (const [, exit, json, output] of examples) {
    const { code, stdout } = await run('check', '--config', saved(json));
    assert.equal(stdout, `${output}\n`);
    assert.equal(code, Number(exit));
  }
});

test('check reads the bare config, one connector of the Management API, or the list of them', async () => {
  const stored = config({ templates: [{ usageType: 'Generic', templateCode: '1001' }] });
  const other = { connectorId: 'aliyun-short-message-service', config: { accessKeyId: 'x' } };
  const ours = { id: 'abc', connectorId: 'tencent-short-message-service', metadata: { id: 'tencent-short-message-service' }, config: stored };
  for (const shape of [stored, ours, [other, ours]]) {
    const { code, stdout } = await run('check', '--config', saved(shape));
    assert.equal(code, 0, stdout);
    assert.match(stdout, /0 warnings: every message type can be sent with this config\.\n$/);
  }
  const none = await run('check', '--config', saved([other]));
  assert.equal(none.code, 2);
  assert.match(none.stderr, /expected one tencent-short-message-service connector in the list, found 0/);
});

test('check never prints a value typed into any field, in text or JSON', async () => {
  const secret = 'Zm9vYmFy-pasted-secret-0123456789';
  const stored = config({ accessKeyId: secret, signName: secret, region: secret, templates: [{ usageType: secret, templateCode: secret }] });
  for (const extra of [[], ['--json']]) {
    const { code, stdout, stderr } = await run('check', '--config', saved(stored), ...extra);
    assert.equal(code, 1);
    assert.ok(!`${stdout}${stderr}`.includes(secret) && !`${stdout}${stderr}`.includes('Zm9vYmFy'), stdout);
  }
  const { stdout } = await run('check', '--config', saved(stored), '--json');
  const report = JSON.parse(stdout);
  assert.ok(report.errors.some((e) => e.path.join('.') === 'region'));
});

test('bad usage and unreadable input exit 2, on stderr, saying what is wrong', async () => {
  const cases = [
    [[], /^a command is missing: check or send\n\nUsage:/],
    [['check'], /^check needs --config <file>: the connector config as JSON, or - for standard input\n\nUsage:/],
    [['send', '--to', '8613012345678'], /^send needs --config <file>/],
    [['check', '--config'], /^--config needs a value\n\nUsage:/],
    [['verify', '--config', saved({})], /^the command is not known: the commands are check and send\n/],
    [['check', 'extra', '--config', saved({})], /^check takes no words besides the command, and 1 was given/],
    [['check', '--config', join(instance.root, 'no-such-file.json')], /^Cannot read .*no-such-file\.json: there is no such file\n$/],
    [['check', '--config', instance.root], /: it is a folder\n$/],
    [['check', '--config', saved('{ not json')], /^Cannot read .*: not valid JSON at line 1, column 3: a property name that is not in double quotes\./],
    [['send', '--config', saved(config())], /^send needs --to <phone>: the number to text\n/],
    [['check', '--config', saved(config()), '--unknown-flag'], /^--unknown-flag is not an option of this command\n\nUsage:/],
    [['check', '--config', saved(config()), '--json=yes'], /^--json takes no value\n/],
  ];
  for (const [args, reason] of cases) {
    const { code, stdout, stderr } = await run(...args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '', args.join(' '));
    assert.match(stderr, reason, args.join(' '));
  }
});

test('check exits 1 for exactly one error, as for many, and 0 for warnings alone', async () => {
  const one = await run('check', '--config', saved(config({ accessKeySecret: '' })));
  assert.match(one.stdout, /^error    accessKeySecret: must be a non-empty string\n1 error, 0 warnings: a send would fail/);
  assert.equal(one.code, 1);
  const warned = await run('check', '--config', saved(config({ signName: 'Zq9SuperSecretValue0123456789abcd' })));
  assert.match(warned.stdout, /^warning  signName: holds something shaped like an access key, where the content of an approved signature \(签名内容\) belongs/);
  assert.equal(warned.code, 0);
});

test('send refuses a config only a stored copy could use, says why, and names check', async () => {
  // A blank entry: the console would not save it, a stored one is skipped at every send.
  const file = saved(config({ templates: [{ usageType: 'Generic', templateCode: '1001' }, { usageType: 'SignIn', templateCode: '' }] }));
  assert.equal((await run('check', '--config', file)).code, 0);
  const sent = await run('send', '--config', file, '--to', '8613012345678', '--dry-run');
  assert.equal(sent.code, 2);
  assert.match(sent.stderr, /^Not sent: send checks a config as Logto's console does when it is saved, and this one would not be saved:\n  templates\[1\]\.templateCode: must be a non-empty string\n/);
  assert.ok(sent.stderr.includes(`run \`connector-tencent-sms-wasm check --config ${file}\` for what a stored copy sends`), sent.stderr);
  // Invalid for both: the errors, and check for the rest.
  const broken = await run('send', '--config', saved(config({ sdkAppId: 'x' })), '--to', '8613012345678');
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /^Not sent: the config is invalid:\n  sdkAppId: .*\nRun `connector-tencent-sms-wasm check --config .*` for everything that would fail a send\.\n$/);
});

test('--help prints the usage on stdout and exits 0; --version prints the package version', async () => {
  for (const flag of ['--help', '-h']) {
    const help = await run(flag);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: connector-tencent-sms-wasm <command>/);
    assert.match(help.stdout, /Exit codes:/);
  }
  const { version } = JSON.parse(readFileSync(join(instance.connectorPath, 'package.json'), 'utf8'));
  const v = await run('--version');
  assert.deepEqual([v.code, v.stdout], [0, `${version}\n`]);
});

test('send: 0 sent, 1 refused by the network, 2 for an invalid config or a bad phone number', async () => {
  api.reset();
  const good = saved(config());
  const sent = await run('send', '--config', good, '--to', '+8613012345678', '--code', '424242');
  assert.equal(sent.code, 0, sent.stderr);
  assert.deepEqual(api.accepted.map((m) => m.params), [['424242']]);
  assert.equal((await run('send', '--config', good, '--to', '8613012345678', '--endpoint', 'http://127.0.0.1:1')).code, 1);
  assert.equal((await run('send', '--config', saved(config({ sdkAppId: 'x' })), '--to', '8613012345678')).code, 2);
  assert.equal((await run('send', '--config', good, '--to', 'call me')).code, 2);
  assert.equal(api.accepted.length, 1);
});

test('send --dry-run hides the whole credential and the signature, and sends nothing', async () => {
  api.reset();
  const dry = await run('send', '--config', saved(config()), '--to', '8613012345678', '--dry-run');
  assert.equal(dry.code, 0, dry.stderr);
  const { request } = JSON.parse(dry.stdout);
  assert.match(request.headers.Authorization, /^TC3-HMAC-SHA256 Credential=\(hidden\)\/\d{4}-\d{2}-\d{2}\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=\(hidden\)$/);
  assert.ok(!dry.stdout.includes(ACCOUNT.secretId) && !dry.stdout.includes(ACCOUNT.secretKey));
  assert.equal(api.requests.length, 0);
});

test("the reference's terminal examples succeed as written, against the local Tencent API", async () => {
  const reference = readFileSync(join(repoRoot, 'pkg-template', 'docs', 'reference.md'), 'utf8');
  const block = /### Sending from a terminal[\s\S]*?```sh\n([\s\S]*?)```/.exec(reference)?.[1] ?? '';
  const commands = block.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
  assert.ok(commands.length >= 4, block);
  const file = saved(config({ endpoint: undefined }));
  let ran = 0;
  api.reset();
  for (const command of commands) {
    const args = command.replace(/^npx connector-tencent-sms-wasm /, '').split(/\s+/);
    // Only what stays on this machine: check, a dry run, or a send pointed at the local API.
    if (args[0] === 'send' && !args.includes('--dry-run') && !args.includes('--endpoint')) continue;
    const { code, stdout, stderr } = await run(...args.map((a) => (a === 'config.json' ? file : a === 'http://127.0.0.1:8787' ? api.url : a)));
    assert.equal(code, 0, `${command}\n${stdout}${stderr}`);
    ran += 1;
  }
  assert.equal(ran, 3);
  assert.equal(api.accepted.length, 1, 'the send to the local API was delivered');
});
