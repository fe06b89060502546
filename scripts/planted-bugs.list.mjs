// The bugs scripts/planted-bugs.mjs plants in the built shim, one at a time. Each is a bug we
// fear or once had: `replace` holds [search, replacement] pairs (each search must occur exactly
// once in pkg/lib/index.js, or in lib/<file> when `file` is given), `catches` the tests of
// `suite` that must fail on it.
const FAULTS = 'tests/js/faults.test.mjs';
// The transport (lib/transport.js) is the host's fetch call alone; Rust reads the Response (and caps the
// body: that cap is Rust's, pinned by response::tests and by cargo-mutants, not planted here).
const FETCH_CALL = "  const response = globalThis.fetch(url, { method, headers: JSON.parse(headers), body, redirect: 'error', signal: deadline.signal });\n";
const withCatch = (handler) => FETCH_CALL.replace('});\n', `}).catch(${handler});\n`);
const CLEAR = '  return [response, () => clearTimeout(timer)];\n';

export const BUGS = [
  {
    id: 'authorization-in-refused-error',
    what: 'the signed Authorization appended to the error of a refused connection',
    file: 'transport.js',
    replace: [[FETCH_CALL, withCatch("(e) => { if (e?.cause?.code === 'ECONNREFUSED') e.cause.code += ` ${JSON.parse(headers).Authorization}`; throw e; }")]],
    suite: 'tests/js/secrets.test.mjs',
    catches: ['connection refused (endpoint on a closed port): nothing handed to fetch leaks'],
  },
  {
    id: 'authorization-in-network-errors',
    what: 'the signed Authorization appended to the error of any request that reached no server',
    file: 'transport.js',
    replace: [[FETCH_CALL, withCatch('(e) => { if (e?.cause) e.cause.code = `${e.cause.code} ${JSON.parse(headers).Authorization}`; throw e; }')]],
    suite: 'tests/js/secrets.test.mjs',
    // Not the https-to-plain-HTTP case: a connection closed during the TLS handshake gets a
    // fixed reason from Rust, so nothing of that error reaches a message to leak.
    catches: [
      'no such host (DNS failure for a .invalid name): nothing handed to fetch leaks',
      'TLS failure (a self-signed certificate): nothing handed to fetch leaks',
    ],
  },
  {
    id: 'leftover-timer',
    what: 'a process-holding timer left after every send',
    file: 'transport.js',
    replace: [[FETCH_CALL, FETCH_CALL.replace('globalThis.fetch(url,', '(setTimeout(() => {}, timeoutMs), globalThis.fetch)(url,')]],
    suite: 'tests/js/leftovers.test.mjs',
    catches: ['a delivered send (timeoutMs 30000) lets the process exit within 2000 ms'],
  },
  {
    id: 'leftover-timer-after-timeout',
    what: 'a process-holding timer left after a send that timed out',
    file: 'transport.js',
    replace: [[FETCH_CALL, FETCH_CALL.replace('deadline.signal', "(deadline.signal.addEventListener('abort', () => setTimeout(() => {}, 10_000)), deadline.signal)")]],
    suite: 'tests/js/leftovers.test.mjs',
    catches: [
      'a hang (answer after 30 s), timed out at 1500 ms, lets the process exit within 2000 ms',
      'a body that trickles forever, timed out at 1500 ms, lets the process exit within 2000 ms',
    ],
  },
  {
    id: 'signal-not-passed',
    what: 'the abort signal never passed to fetch',
    file: 'transport.js',
    replace: [[", signal: deadline.signal }", ' }']],
    suite: FAULTS,
    catches: [
      'a hang (answer after 5 s, timeoutMs 500) → general "did not answer" within timeout + 1 s',
      'a body that trickles forever → the timeout error within timeout + 1 s',
    ],
  },
  {
    id: 'deadline-cleared-at-headers',
    what: 'the deadline cleared once the headers arrive',
    file: 'transport.js',
    replace: [[CLEAR, '  response.then(() => clearTimeout(timer), () => {});\n' + CLEAR]],
    suite: FAULTS,
    catches: ['a body that trickles forever → the timeout error within timeout + 1 s'],
  },
  {
    id: 'deadline-never-released',
    what: "each exchange's deadline timer left armed after its body was read",
    file: 'transport.js',
    replace: [[CLEAR, '  return [response, () => {}];\n']],
    suite: 'tests/js/e2e.test.mjs',
    catches: ["each exchange's deadline timer is cleared once its body is read: a finished send keeps none alive"],
  },
  {
    id: 'redirect-followed',
    what: 'redirects followed, taking the signed request elsewhere',
    file: 'transport.js',
    replace: [["redirect: 'error', signal", "redirect: 'follow', signal"]],
    suite: FAULTS,
    catches: ['a redirect is never followed: the server at Location receives nothing'],
  },
  {
    id: 'timeout-as-network-error',
    what: 'a timeout reported as a network failure',
    file: 'transport.js',
    replace: [[FETCH_CALL, withCatch("(e) => { throw e?.name === 'TimeoutError' ? new TypeError('fetch failed') : e; }")]],
    suite: FAULTS,
    catches: ['a hang (answer after 5 s, timeoutMs 500) → general "did not answer" within timeout + 1 s'],
  },
  {
    // Still a documented difference from the official (`Error codes`): only the pinned outcome sees it.
    id: 'rate-limit-as-usage-limit',
    what: 'a rate limit reported as a usage limit',
    replace: [['knownCodes.has(code) ? code :', "knownCodes.has(code) && code !== 'rate_limit_exceeded' ? code :"],
      ['ConnectorErrorCodes.General, data)', "code === 'rate_limit_exceeded' ? ConnectorErrorCodes.UsageLimitExceeded : ConnectorErrorCodes.General, data)"]],
    suite: 'tests/js/conformance.test.mjs',
    catches: ['response: HTTP 200 LimitExceeded.PhoneNumberDailyLimit'],
  },
  {
    id: 'plain-copy-deeper',
    what: 'the plain copy goes one level past depth 64',
    replace: [['depth > MAX_DEPTH || ancestors', 'depth > MAX_DEPTH + 1 || ancestors']],
    suite: 'tests/js/bounds.test.mjs',
    catches: ['the plain copy keeps an object at depth 64 and cuts the one at depth 65'],
  },
  {
    id: 'plain-copy-bigger',
    what: 'the plain copy takes one node past its 10 000',
    replace: [['--budget < 0 || depth > MAX_DEPTH || ancestors', '--budget < -1 || depth > MAX_DEPTH || ancestors']],
    suite: 'tests/js/bounds.test.mjs',
    catches: ['the plain copy keeps 10 000 objects and cuts the 10 001st'],
  },
  {
    id: 'plain-data-walk-unbounded',
    what: "the walk that lets plain data skip the replacer has no node budget or depth",
    replace: [["if (--budget < 0 || depth > MAX_DEPTH || 'toJSON' in v) return false;", "if ('toJSON' in v) return false;"]],
    suite: 'tests/js/hostile.test.mjs',
    catches: ['a 10-level DAG whose 8 fields per level share one child is refused within a second'],
  },
  {
    id: 'live-half-read-key-ignored',
    what: 'one of the two read-key variables set alone silently falls back to the config key',
    file: 'live.js',
    replace: [["if (!id || !key) throw new Error(`set both ${READ_KEY_ENV.join(' and ')}, or neither`);", 'if (!id || !key) return undefined;']],
    suite: 'tests/js/live.test.mjs',
    catches: ['a send-only key gets the CAM policy and exit 2; a read-only key from the environment reads'],
  },
  {
    id: 'live-json-without-exit-code',
    what: "check --live --json leaves out the exit code machines act on",
    file: 'live.js',
    replace: [['JSON.stringify({ ...report, exitCode }, null, 2)', 'JSON.stringify(report, null, 2)']],
    suite: 'tests/js/live.test.mjs',
    catches: ['--json gives the same findings for machines'],
  },
  {
    id: 'cli-check-exit-needs-two-errors',
    what: "check's exit status 1 only from two errors on (> 1 where > 0 belongs)",
    file: 'cli.js',
    replace: [['process.exit(errors.length ? 1 : 0);', 'process.exit(errors.length > 1 ? 1 : 0);']],
    suite: 'tests/js/cli.test.mjs',
    catches: ['check exits 1 for exactly one error, as for many, and 0 for warnings alone'],
  },
  {
    id: 'cli-output-unredacted',
    what: "the CLI's stdout written without the redactor",
    file: 'cli.js',
    replace: [['const out = (text) => console.log(redact(text));', 'const out = (text) => console.log(text);']],
    suite: 'tests/js/cli-secrets.test.mjs',
    catches: ['a key-shaped value in a text field is hidden and warned about even when it is not the secret'],
  },
  {
    id: 'cli-quotes-json-error',
    what: "Node's JSON.parse message (which quotes the text around the fault) in the CLI's error",
    file: 'cli.js',
    replace: [['  } catch {\n    exit(2, `Cannot read ${name}: not valid JSON', '  } catch (e) {\n    exit(2, `Cannot read ${name}: ${e.message} not valid JSON']],
    suite: 'tests/js/cli-secrets.test.mjs',
    catches: ['a file that is not JSON is reported by line and column, quoting nothing of it'],
  },
];
