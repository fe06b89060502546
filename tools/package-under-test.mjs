// The one way every suite, script and the bench find the built package under test: this
// repository's pkg/ and dist/*.tgz, unless CONNECTOR_PKG_DIR / CONNECTOR_TARBALL point at another
// build (e.g. a snapshot kept while
// pkg/ is being rebuilt, or an older build to compare against). A pkg folder placed elsewhere
// needs a node_modules next to it (a symlink to this repository's) so it can import the host's
// @logto/connector-kit and zod, which then are the very modules these tests import.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { repoRoot, tarballPath } from './logto-instance.mjs';

/** Read at each call: the bench points CONNECTOR_PKG_DIR at a snapshot after loading this. */
export const packageDir = () => process.env.CONNECTOR_PKG_DIR ?? join(repoRoot, 'pkg');
export const pkgDir = packageDir();
export const pkgEntryUrl = pathToFileURL(join(pkgDir, 'lib', 'index.js')).href;
export const importPackage = () => import(pkgEntryUrl);
export const packageTarball = () => process.env.CONNECTOR_TARBALL ?? tarballPath();
