// One-shot fault behaviours for the local Tencent API stand-in. Each describes what a real
// network / gateway / Tencent backend can do to a client, so connector tests can prove they
// cope (timeouts, bounded reads, non-JSON bodies, redirects that must not be followed, ...).
import { randomUUID } from 'node:crypto';

export const TRICKLE_INTERVAL_MS = 200;
// A client that reads this much of an `endless` body has no cap of its own: the connection is
// cut there, so a broken client fails fast instead of filling its memory.
export const ENDLESS_LIMIT_BYTES = 64 * 1024 * 1024;

// kind → the extra keys it may carry.
const KINDS = {
  error: ['afterMs'], statusCode: ['message'], http: ['body', 'contentType'], rawBody: [], emptyBody: [],
  delayMs: [], drop: [], trickle: [], hugeBody: [], endless: [], invalidUtf8: [], redirect: [],
};

/** Validate a behaviour up front so a typo fails the test that wrote it, not a later one. */
export function faultKind(behaviour) {
  const keys = Object.keys(behaviour ?? {});
  const kind = keys.find((k) => k in KINDS);
  const extras = keys.filter((k) => k !== kind);
  if (!kind || extras.some((k) => !KINDS[kind].includes(k))) {
    throw new TypeError(`script(): unknown behaviour ${JSON.stringify(behaviour)}; expected one of ${Object.keys(KINDS).join(', ')}`);
  }
  const v = behaviour[kind];
  const bad =
    (kind === 'error' && (typeof v?.code !== 'string' || typeof v?.message !== 'string')) ||
    (behaviour.afterMs !== undefined && !(Number.isInteger(behaviour.afterMs) && behaviour.afterMs >= 0)) ||
    (kind === 'statusCode' && typeof v !== 'string') ||
    (kind === 'http' && !Number.isInteger(v)) ||
    (kind === 'rawBody' && typeof v !== 'string') ||
    (['delayMs', 'hugeBody'].includes(kind) && !(Number.isInteger(v) && v >= 0)) ||
    (kind === 'redirect' && typeof v !== 'string');
  if (bad) throw new TypeError(`script(): bad value for ${kind}: ${JSON.stringify(v)}`);
  return kind;
}

function write(res, status, headers, body) {
  if (res.destroyed || res.writableEnded) return; // the client went away: nothing to do
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body ?? '', 'utf8');
  res.writeHead(status, { ...headers, 'Content-Length': buf.length });
  res.end(buf);
}

export const sendJson = (res, obj) => write(res, 200, { 'Content-Type': 'application/json' }, JSON.stringify(obj));

/**
 * A success answer (every number `Ok`) whose JSON starts like Tencent's and never has to end:
 * the head, then padding inside a string. Only a size cap can refuse it, so a body over the cap
 * that would otherwise read as a delivery tells a capped client from an uncapped one.
 */
function successHead(outcome, requestId) {
  if (outcome.read) { // a read's own answer, left open for the padding
    const text = JSON.stringify({ Response: { ...outcome.response.Response, RequestId: requestId } });
    return Buffer.from(`${text.slice(0, -2)},"Padding":"`);
  }
  const set = outcome.ok ? outcome.response.Response.SendStatusSet
    : [{ SerialNo: '2640:0', PhoneNumber: '+8613012345678', Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }];
  return Buffer.from(`{"Response":{"SendStatusSet":${JSON.stringify(set)},"RequestId":"${requestId}","Padding":"`);
}

/** That success answer as valid JSON of exactly `size` bytes (or the minimum it can be). */
function paddedSuccess(outcome, requestId, size) {
  const head = successHead(outcome, requestId);
  const tail = Buffer.from('"}}');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 'x'), tail]);
}

/** Writes the success head, then padding as fast as the client takes it, until it leaves. */
function endless(req, res, head, record) {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const chunk = Buffer.alloc(16 * 1024, 'x');
  record.bytesSent = 0;
  const pump = () => {
    while (!res.destroyed) {
      if (record.bytesSent >= ENDLESS_LIMIT_BYTES) return req.socket.destroy();
      const piece = record.bytesSent === 0 ? head : chunk;
      record.bytesSent += piece.length;
      if (!res.write(piece)) return res.once('drain', pump);
    }
  };
  pump();
}

/**
 * Apply `fault` to `res`. `outcome` is what the request would normally get:
 * { response (object), ok (request-level success), body (parsed request or undefined), commit() }.
 * `ctx.timers` collects timers so close() can cancel them; `ctx.failedStatuses` builds per-number failures;
 * `ctx.record` is the request's record, where a streaming fault notes how much it wrote.
 */
export function runFault(fault, { req, res, outcome, timers, failedStatuses, record }) {
  const kind = faultKind(fault);
  const v = fault[kind];
  const requestId = randomUUID();
  switch (kind) {
    case 'error': {
      const answer = () => sendJson(res, { Response: { Error: { Code: v.code, Message: v.message }, RequestId: requestId } });
      if (!fault.afterMs) return answer();
      // A slow refusal: the error arrives late, using up part of the client's deadline.
      const t = setTimeout(() => { timers.delete(t); answer(); }, fault.afterMs);
      timers.add(t);
      res.on('close', () => { clearTimeout(t); timers.delete(t); });
      return;
    }
    case 'statusCode':
      // Per-number failure needs a valid request to enumerate numbers; otherwise the real error stands.
      if (!outcome.ok || !outcome.body?.PhoneNumberSet) return sendJson(res, outcome.response);
      return sendJson(res, { Response: { SendStatusSet: failedStatuses(outcome.body, v, fault.message), RequestId: requestId } });
    case 'http':
      return write(res, v, { 'Content-Type': fault.contentType ?? 'text/html' }, fault.body ?? '');
    case 'rawBody':
      return write(res, 200, { 'Content-Type': 'application/json' }, v);
    case 'emptyBody':
      return write(res, 200, { 'Content-Type': 'application/json' }, '');
    case 'hugeBody':
      outcome.commit(); // a success answer: Tencent sent the SMS, however long its answer
      return write(res, 200, { 'Content-Type': 'application/json' }, paddedSuccess(outcome, requestId, v));
    case 'endless':
      outcome.commit();
      return endless(req, res, successHead(outcome, requestId), record);
    case 'invalidUtf8':
      return write(res, 200, { 'Content-Type': 'application/json' }, Buffer.concat([
        Buffer.from('{"Response":{"Error":{"Code":"InternalError","Message":"'),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), // bad continuation, 0xFF, UTF-16 surrogate
        Buffer.from(`"},"RequestId":"${requestId}"}}`),
      ]));
    case 'redirect':
      return write(res, 307, { Location: v, 'Content-Type': 'text/plain' }, '');
    case 'drop':
      return req.socket.destroy();
    case 'delayMs': {
      // Tencent has already processed (and delivered) the message; only the answer is late.
      // This is what makes a client-side timeout + retry deliver twice.
      outcome.commit();
      const t = setTimeout(() => { timers.delete(t); sendJson(res, outcome.response); }, v);
      timers.add(t);
      res.on('close', () => { clearTimeout(t); timers.delete(t); });
      return;
    }
    case 'trickle': {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      // A response that never finishes: the prefix of a real one, then JSON whitespace forever.
      const prefix = Buffer.from('{"Response":{"SendStatusSet":[');
      let i = 0;
      const t = setInterval(() => {
        if (res.destroyed) return stop();
        res.write(i < prefix.length ? prefix.subarray(i, i + 1) : ' ');
        i++;
      }, TRICKLE_INTERVAL_MS);
      const stop = () => { clearInterval(t); timers.delete(t); };
      timers.add(t);
      res.on('close', stop);
      return;
    }
  }
}
