// A throw-away npm registry for tests: Verdaccio on 127.0.0.1 (a free port), with its own
// storage, no uplink (it knows only what a test publishes), one user, and an npm environment
// that points only the commands run with it at this registry: its own userconfig, cache and
// token, none of this machine's npm settings. Packages this registry lacks fail to install,
// so a test proves what the published package alone brings.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { repoRoot } from './logto-instance.mjs';

const CONFIG = `storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
    max_users: 10
uplinks: {}
packages:
  '@*/*':
    access: $all
    publish: $authenticated
  '**':
    access: $all
    publish: $authenticated
max_body_size: 200mb
web:
  enable: false
log: { type: stdout, format: json, level: error }
`;

// Verdaccio in a child of its own, so a test process never waits on its handles; it exits when
// its parent's end of stdin closes, so a test process that dies takes it along.
const SERVE = `process.stdin.on('end', () => process.exit(0)).resume();
const { runServer } = await import(process.argv[1]);
const app = await runServer(process.argv[2]);
const server = app.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));`;

/** npm's environment without this process's npm settings (\`npm test\` exports its own). */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

/** Runs a command; resolves { code, stdout, stderr } and never rejects. */
export const run = (file, args, options = {}) =>
  new Promise((resolve) => {
    execFile(file, args, { maxBuffer: 64 << 20, ...options }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });

export const startRegistry = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'registry-'));
  writeFileSync(join(dir, 'config.yaml'), CONFIG);
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVE, join(repoRoot, 'node_modules', 'verdaccio', 'build', 'index.js'), join(dir, 'config.yaml')], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stop = async () => {
    child.kill();
    await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once('exit', resolve) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    return await serve(child, dir, stop);
  } catch (error) {
    await stop();
    throw error;
  }
};

const serve = async (child, dir, stop) => {
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Verdaccio did not start in 30 s:\n${log}`)), 30_000);
    const read = (chunk) => {
      log += chunk;
      const found = /listening (\d+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1]));
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`Verdaccio exited (${code}):\n${log}`)));
  });
  const url = `http://127.0.0.1:${port}/`;
  const user = await fetch(`${url}-/user/org.couchdb.user:tester`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'tester', password: 'tester-password' }),
  });
  const { token } = await user.json();
  if (!token) throw new Error(`Verdaccio gave no token (HTTP ${user.status})`);
  const userconfig = join(dir, 'npmrc');
  writeFileSync(userconfig, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  const env = {
    ...cleanEnv(),
    npm_config_userconfig: userconfig,
    npm_config_registry: url,
    npm_config_cache: join(dir, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  const npm = (args, options = {}) => run('npm', args, { env, ...options, env: { ...env, ...options.env } });
  return {
    url,
    env,
    dir,
    npm,
    /**
     * Publishes installed packages as they are (packed from node_modules, no scripts run), and
     * unless `alone`, everything they depend on as package-lock.json resolved it.
     */
    async publishInstalled(names, { alone = false } = {}) {
      const packed = join(dir, 'packed');
      mkdirSync(packed, { recursive: true });
      const folders = alone ? names.map((name) => ({ folder: `node_modules/${name}`, version: '' })) : dependencyClosure(names);
      const publish = async ({ folder }) => {
        const pack = await npm(['pack', join(repoRoot, folder), '--ignore-scripts', '--pack-destination', packed, '--json'], { cwd: dir });
        if (pack.code !== 0) throw new Error(`npm pack ${folder}: ${pack.stderr}`);
        const [{ filename }] = JSON.parse(pack.stdout);
        const published = await npm(['publish', join(packed, filename), '--ignore-scripts'], { cwd: dir });
        if (published.code !== 0) throw new Error(`npm publish ${folder}: ${published.stderr}`);
      };
      // Names in parallel; two versions of one name oldest first, so `latest` is the newest.
      const byName = new Map();
      for (const f of folders) {
        const name = f.folder.slice(f.folder.lastIndexOf('node_modules/'));
        byName.set(name, [...(byName.get(name) ?? []), f]);
      }
      await Promise.all([...byName.values()].map(async (versions) => {
        versions.sort((a, b) => a.version.localeCompare(b.version, 'en', { numeric: true }));
        for (const version of versions) await publish(version);
      }));
      return folders.length;
    },
    close: stop,
  };
};

/** The node_modules folders of `names` and of all they depend on, by package-lock.json. */
export const dependencyClosure = (names) => {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')).packages;
  // Node's lookup: the nearest node_modules/<name> from the dependent's folder upwards.
  const resolve = (from, name) => {
    for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (lock[candidate]) return candidate;
      if (!base) throw new Error(`package-lock.json has no ${name} for ${from}`);
    }
  };
  const found = new Map();
  const visit = (folder) => {
    if (found.has(folder)) return;
    const entry = lock[folder];
    found.set(folder, entry.version);
    for (const name of Object.keys({ ...entry.dependencies, ...entry.peerDependencies })) visit(resolve(folder, name));
  };
  for (const name of names) visit(`node_modules/${name}`);
  return [...found].map(([folder, version]) => ({ folder, version }));
};
