// The bugs scripts/planted-bugs.mjs plants in the built shim, one at a time. Each is a bug we
// fear or once had: `replace` holds [search, replacement] pairs (each search must occur exactly
// once in pkg/lib/index.js), `catches` the tests of `suite` that must fail on it.
const FAULTS = 'tests/js/faults.test.mjs';
const FETCH_LINE = "    const response = await globalThis.fetch(url, { method, headers, body, redirect: 'manual', signal });\n";
const TIMEOUT_LINE = '    const signal = AbortSignal.timeout(timeoutMs);\n';
const CAP_LINE = '    if (size > limit) return { body: new Uint8Array(0), truncated: true };\n';

export const BUGS = [
  {
    id: 'no-response-cap',
    what: 'the 64 KiB response cap removed',
    replace: [[CAP_LINE, '']],
    suite: FAULTS,
    catches: [
      'a success answer padded to 2 000 000 bytes → invalid_response, and the client hangs up within 2 s (deadline 10 s)',
      'a success answer that never ends → invalid_response, and the client hangs up within 2 s (deadline 10 s)',
    ],
  },
  {
    id: 'cap-off-by-one',
    what: 'the cap refuses a body of exactly 64 KiB',
    replace: [['if (size > limit)', 'if (size >= limit)']],
    suite: FAULTS,
    catches: ['a success answer of exactly 65536 bytes is delivered'],
  },
  {
    id: 'cap-one-byte-late',
    what: 'the cap lets one byte more through',
    replace: [['if (size > limit)', 'if (size > limit + 1)']],
    suite: FAULTS,
    catches: ['a success answer of 65537 bytes, one past the cap → invalid_response'],
  },
  {
    id: 'authorization-in-refused-error',
    what: 'the signed Authorization appended to the error of a refused connection',
    replace: [
      ['    const { url, method, headers, body, timeoutMs, maxResponseBytes } = JSON.parse(requestJson);', '    var { url, method, headers, body, timeoutMs, maxResponseBytes } = JSON.parse(requestJson);'],
      ["{ kind: 'network', reason: reasonOf(error) }", "{ kind: 'network', reason: reasonOf(error) === 'ECONNREFUSED' ? `ECONNREFUSED ${headers.Authorization}` : reasonOf(error) }"],
    ],
    suite: 'tests/js/secrets.test.mjs',
    catches: ['connection refused (endpoint on a closed port): nothing handed to fetch leaks'],
  },
  {
    id: 'authorization-in-network-errors',
    what: 'the signed Authorization appended to the error of any request that reached no server',
    replace: [
      ['    const { url, method, headers, body, timeoutMs, maxResponseBytes } = JSON.parse(requestJson);', '    var { url, method, headers, body, timeoutMs, maxResponseBytes } = JSON.parse(requestJson);'],
      ["{ kind: 'network', reason: reasonOf(error) }", "{ kind: 'network', reason: `${reasonOf(error)} ${headers.Authorization}` }"],
    ],
    suite: 'tests/js/secrets.test.mjs',
    catches: [
      'no such host (DNS failure for a .invalid name): nothing handed to fetch leaks',
      'TLS failure (https to a plain-HTTP server): nothing handed to fetch leaks',
      'TLS failure (a self-signed certificate): nothing handed to fetch leaks',
    ],
  },
  {
    id: 'leftover-timer',
    what: 'a process-holding timer left after every send',
    replace: [[TIMEOUT_LINE, `${TIMEOUT_LINE}    setTimeout(() => {}, timeoutMs);\n`]],
    suite: 'tests/js/leftovers.test.mjs',
    catches: ['a delivered send (timeoutMs 30000) lets the process exit within 2000 ms'],
  },
  {
    id: 'leftover-timer-after-timeout',
    what: 'a process-holding timer left after a send that timed out',
    replace: [["error?.name === 'TimeoutError' ? { kind: 'timeout' }", "error?.name === 'TimeoutError' ? (setTimeout(() => {}, 10_000), { kind: 'timeout' })"]],
    suite: 'tests/js/leftovers.test.mjs',
    catches: [
      'a hang (answer after 30 s), timed out at 1500 ms, lets the process exit within 2000 ms',
      'a body that trickles forever, timed out at 1500 ms, lets the process exit within 2000 ms',
    ],
  },
  {
    id: 'signal-not-passed',
    what: 'the abort signal never passed to fetch',
    replace: [[FETCH_LINE, FETCH_LINE.replace(", signal }", ' }')]],
    suite: FAULTS,
    catches: [
      'a hang (answer after 5 s, timeoutMs 500) → general "did not answer" within timeout + 1 s',
      'a body that trickles forever → the timeout error within timeout + 1 s',
    ],
  },
  {
    id: 'deadline-cleared-at-headers',
    what: 'the deadline cleared once the headers arrive',
    replace: [[TIMEOUT_LINE + FETCH_LINE, [
      '    const deadline = new AbortController();\n',
      "    const timer = setTimeout(() => deadline.abort(new DOMException('deadline', 'TimeoutError')), timeoutMs);\n",
      '    const signal = deadline.signal;\n',
      FETCH_LINE,
      '    clearTimeout(timer);\n',
    ].join('')]],
    suite: FAULTS,
    catches: ['a body that trickles forever → the timeout error within timeout + 1 s'],
  },
  {
    id: 'redirect-followed',
    what: 'redirects followed, taking the signed request elsewhere',
    replace: [["redirect: 'manual'", "redirect: 'follow'"]],
    suite: FAULTS,
    catches: ['a redirect is never followed: the server at Location receives nothing'],
  },
  {
    id: 'timeout-as-network-error',
    what: 'a timeout reported as a network failure',
    replace: [["error?.name === 'TimeoutError'", "error?.name === 'AbortError'"]],
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
    replace: [['depth > MAX_DEPTH', 'depth > MAX_DEPTH + 1']],
    suite: 'tests/js/bounds.test.mjs',
    catches: ['the plain copy keeps an object at depth 64 and cuts the one at depth 65'],
  },
  {
    id: 'plain-copy-bigger',
    what: 'the plain copy takes one node past its 10 000',
    replace: [['--budget < 0 ||', '--budget < -1 ||']],
    suite: 'tests/js/bounds.test.mjs',
    catches: ['the plain copy keeps 10 000 objects and cuts the 10 001st'],
  },
];
