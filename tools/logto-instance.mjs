// A Logto-like instance folder, laid out as `logto connector add` leaves it: the connector
// extracted from our tarball into packages/core/connectors/<pkg> with no node_modules of its
// own, and @logto/connector-kit and zod installed only at the packages/core level. It lives in
// the system temp folder, so nothing can resolve from this repository's node_modules by accident.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export const tarballPath = () => {
  const dist = join(repoRoot, 'dist');
  const found = readdirSync(dist).filter((f) => /^connector-tencent-sms-wasm-.*\.tgz$/.test(f));
  if (found.length !== 1) throw new Error(`expected one tarball in dist/, found ${found.length}: run npm run build`);
  return join(dist, found[0]);
};

/** The official @logto/connector-tencent-sms as a tarball in `dir`, named as `logto connector add` needs. */
export const officialTarball = (dir) => {
  const source = join(repoRoot, 'node_modules', '@logto', 'connector-tencent-sms');
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', source, '--pack-destination', dir, '--json', '--offline', '--ignore-scripts'], { encoding: 'utf8' }));
  const named = join(dir, `connector-${filename}`);
  renameSync(join(dir, filename), named);
  return named;
};

/**
 * Lays out the instance; returns its paths and a loader that goes through @logto/cli.
 * `tarball: null` leaves our package out; `hostPackages` adds more of Logto core's own
 * dependencies (e.g. got, which the official connector imports).
 */
// CONNECTOR_TARBALL (tools/package-under-test.mjs) points every instance at another build, as
// the planted bugs do: a suite that builds its instance with no tarball gets that one too.
export const createLogtoInstance = ({ tarball = process.env.CONNECTOR_TARBALL ?? tarballPath(), extraPackages = [], hostPackages = [] } = {}) => {
  const root = mkdtempSync(join(tmpdir(), 'logto-instance-'));
  const core = join(root, 'packages', 'core');
  const connectors = join(core, 'connectors');
  const hostModules = join(core, 'node_modules');
  mkdirSync(join(hostModules, '@logto'), { recursive: true });
  mkdirSync(connectors, { recursive: true });
  // @logto/cli's connector commands accept --path only where this file names @logto/core.
  writeFileSync(join(core, 'package.json'), '{ "name": "@logto/core" }\n');
  // Symlinks resolve to the same real files Logto's CLI loads, so there is one connector-kit
  // module instance, as in a real Logto where core and cli share it.
  for (const name of ['@logto/connector-kit', 'zod', ...hostPackages]) {
    mkdirSync(dirname(join(hostModules, name)), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', name), join(hostModules, name));
  }
  const ours = tarball ? [['connector-tencent-sms-wasm', tarball]] : [];
  for (const [name, file] of [...ours, ...extraPackages]) {
    const target = join(connectors, name);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', file, '-C', target, '--strip-components=1']);
  }
  const hostImport = (specifier) =>
    import(pathToFileURL(join(hostModules, ...specifier.split('/'), 'lib', 'index.js')).href);
  return {
    root,
    core,
    connectors,
    connectorPath: join(connectors, 'connector-tencent-sms-wasm'),
    hostKit: () => hostImport('@logto/connector-kit'),
    /** `loadConnectorFactories` caches per process: call this once per test file. */
    async loadFactories() {
      const cli = join(repoRoot, 'node_modules', '@logto', 'cli', 'lib');
      const { getConnectorPackagesFromDirectory } = await import(pathToFileURL(join(cli, 'utils.js')).href);
      const { loadConnectorFactories } = await import(pathToFileURL(join(cli, 'connector', 'index.js')).href);
      const packages = await getConnectorPackagesFromDirectory(connectors);
      return loadConnectorFactories(packages, false);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
};
