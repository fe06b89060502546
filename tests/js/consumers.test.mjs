// The package as tools and TypeScript users see it: publint and arethetypeswrong find nothing
// to report, and a strict TypeScript consumer (nodenext and bundler resolution) compiles
// against index.d.ts, with the mistakes it must reject marked @ts-expect-error (an expected
// error that does not happen fails the compile too).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { repoRoot } from '../../tools/logto-instance.mjs';
import { pkgDir } from '../../tools/package-under-test.mjs';

const bin = (pkg, file) => join(repoRoot, 'node_modules', pkg, file);
// spawnSync blocks the event loop, so no test timeout can fire during it: it gets its own.
const run = (script, args, cwd = repoRoot) => {
  const out = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL' });
  return { status: out.status, output: `${out.stdout}${out.stderr}${out.signal ? `\nkilled after 120 s (${out.signal})` : ''}` };
};

test('publint: nothing to report, not even a suggestion', () => {
  const { status, output } = run(bin('publint', 'src/cli.js'), ['run', pkgDir, '--strict', '--level', 'suggestion']);
  assert.equal(status, 0, output);
  assert.match(output, /All good!/);
});

test('arethetypeswrong (esm-only): types resolve for node16 ESM and bundlers', () => {
  const { status, output } = run(bin('@arethetypeswrong/cli', 'dist/index.js'), ['--pack', pkgDir, '--profile', 'esm-only', '--format', 'json']);
  assert.equal(status, 0, output);
  const { analysis } = JSON.parse(output);
  const ignored = new Set(['node10', 'node16-cjs']);
  const problems = analysis.problems.filter((p) => !ignored.has(p.resolutionKind));
  assert.deepEqual(problems, []);
  assert.ok(analysis.types, 'no types found');
});

const CONSUMER = `
import createConnector, {
  checkConfig, configGuard, prepareSend, validateConfig,
  type SendResult, type TencentSmsConfig, type TencentSmsConfigInput, type UsageType,
} from 'connector-tencent-sms-wasm';
import { TemplateType, type SendMessageData } from '@logto/connector-kit';

const input: TencentSmsConfigInput = {
  accessKeyId: 'AKID', accessKeySecret: 'secret', signName: 'Logto', sdkAppId: '1400000000',
  region: 'ap-guangzhou', endpoint: '', timeoutMs: null, allowedCountryCodes: ['86', 852],
  templates: [
    { usageType: 'Generic', templateCode: '1' },
    { usageType: 'PasswordlessLink', templateCode: { international: '2' }, params: ['{{code}}', 5] },
  ],
};
const kitType: UsageType = TemplateType.SignIn;
// @ts-expect-error a usage type is text
const notText: UsageType = 5;
// @ts-expect-error templates are required
const noTemplates: TencentSmsConfigInput = { ...input, templates: undefined };

const checked = validateConfig(input);
if (checked.ok) {
  const timeoutMs: number = checked.config.timeoutMs;
  const params: string[] | undefined = checked.config.templates[0]?.params;
  // @ts-expect-error normalised country codes are text
  const codes: number[] | undefined = checked.config.allowedCountryCodes;
  const again: TencentSmsConfigInput = checked.config;
} else {
  const where: Array<string | number> | undefined = checked.issues[0]?.path;
}
const parsed: TencentSmsConfig = configGuard.parse(input);
const findings = checkConfig(input);
const firstError: string | undefined = findings.errors[0]?.message;
const attempts: number = (null as unknown as SendResult).attempts;
const retries: number | undefined = checked.ok ? checked.config.maxRetries : undefined;

const data: SendMessageData = { to: '8613012345678', type: TemplateType.SignIn, payload: { code: '123456' } };
const prepared = prepareSend(input, data, 1_700_000_000_000);
const method: 'POST' = prepared.request.method;
// @ts-expect-error data is Logto's SendMessageData
prepareSend(input, { to: '8613012345678', type: 'NoSuchType', payload: {} });

const connector = await createConnector({ getConfig: async () => input });
const sent: SendResult = await connector.sendMessage(data);
const serialNo: string | undefined = sent.sendStatusSet[0]?.serialNo;
const where: 'mainland' | 'international' = sent.destination;
// @ts-expect-error the result is not Tencent's raw body
sent.Response;
`;

const COMPILER_OPTIONS = {
  strict: true, noEmit: true, noUncheckedIndexedAccess: true, target: 'es2022', lib: ['es2022', 'dom'], types: [],
};
// One run checks index.d.ts itself (skipLibCheck off); the other is Logto's own setting,
// exactOptionalPropertyTypes, which a dependency of connector-kit's types fails without skipLibCheck.
const VARIANTS = [
  { module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false },
  { module: 'esnext', moduleResolution: 'bundler', skipLibCheck: true, exactOptionalPropertyTypes: true },
];
let dir;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ts-consumer-'));
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@logto'), { recursive: true });
  symlinkSync(pkgDir, join(modules, 'connector-tencent-sms-wasm'));
  symlinkSync(join(repoRoot, 'node_modules', '@logto', 'connector-kit'), join(modules, '@logto', 'connector-kit'));
  symlinkSync(join(repoRoot, 'node_modules', 'zod'), join(modules, 'zod'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
});
after(() => rmSync(dir, { recursive: true, force: true }));

for (const variant of VARIANTS) {
  test(`a strict TypeScript consumer compiles (${JSON.stringify(variant)})`, () => {
    const config = join(dir, `tsconfig.${variant.moduleResolution}.json`);
    const compilerOptions = { ...COMPILER_OPTIONS, ...variant };
    writeFileSync(config, JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
    const { status, output } = run(bin('typescript', 'bin/tsc'), ['-p', config], dir);
    assert.equal(status, 0, output);
  });
}
