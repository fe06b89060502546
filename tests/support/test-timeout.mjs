// Preloaded into every test process (`node --import ./tests/support/test-timeout.mjs --test`):
// gives each test and hook that sets no timeout of its own TEST_TIMEOUT_MS, so a hang fails the
// test that hung, by name. `--test-timeout` alone is not enough: under `node --test` it bounds
// each whole file, and a file killed by it names none of its tests.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const limit = Number(process.env.TEST_TIMEOUT_MS);
if (Number.isFinite(limit) && limit > 0) {
  const nodeTest = createRequire(import.meta.url)('node:test');
  // test(name?, options?, fn?) and hook(fn?, options?): options given win, including a timeout.
  const forTests = (fn) => Object.assign((...args) => {
    const at = args.findIndex((a) => typeof a === 'function');
    const options = args.find((a, i) => a && typeof a === 'object' && (at < 0 || i < at));
    if (options) return fn(...args.map((a) => (a === options ? { timeout: limit, ...a } : a)));
    return fn(...(typeof args[0] === 'string' ? [args[0], { timeout: limit }, ...args.slice(1)] : [{ timeout: limit }, ...args]));
  }, { skip: fn.skip, todo: fn.todo, only: fn.only });
  const forHooks = (fn) => (hook, options) => fn(hook, { timeout: limit, ...options });
  for (const name of ['test', 'it']) nodeTest[name] = forTests(nodeTest[name]);
  for (const name of ['before', 'after', 'beforeEach', 'afterEach']) nodeTest[name] = forHooks(nodeTest[name]);
  syncBuiltinESMExports();
}
