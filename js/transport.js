/**
 * The only I/O, shared by the connector and the CLI's account reads: the host's fetch, one
 * request with one deadline for the whole exchange (headers and body). A redirect rejects
 * (`redirect: 'error'`) rather than coming back as a 3xx (`'manual'`): Rust words it the same,
 * and undici then skips cloning the request, about 45 µs of CPU a send. The headers come as one
 * JSON text (one crossing instead of one per header). Rust reads the Response, or the
 * rejection, decides everything else (retries and waits included), and calls `done` once it
 * has read the body, which clears the deadline's timer: a finished send leaves no timer
 * behind, not even an unref'd one.
 */
export const transport = (url, method, headers, body, timeoutMs) => {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException('The operation timed out.', 'TimeoutError')), timeoutMs);
  timer.unref?.(); // like AbortSignal.timeout: a deadline alone never holds the process
  const response = globalThis.fetch(url, { method, headers: JSON.parse(headers), body, redirect: 'error', signal: deadline.signal });
  return [response, () => clearTimeout(timer)];
};
