// Independent TC3-HMAC-SHA256 implementation (node:crypto only), used by the local
// Tencent Cloud API stand-in to verify what a client actually put on the wire.
// It deliberately shares no code with the connector under test or with Tencent's SDK,
// so that agreement between them means something.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'TC3-HMAC-SHA256';
export const MAX_SKEW_SECONDS = 300;

export const sha256Hex = (data) => createHash('sha256').update(data).digest('hex');
const hmac = (key, msg) => createHmac('sha256', key).update(msg, 'utf8').digest();

/** UTC calendar date of a Unix timestamp: the credential-scope Date (never local time). */
export function utcDate(timestamp) {
  return new Date(Number(timestamp) * 1000).toISOString().slice(0, 10);
}

/** SecretDate → SecretService → SecretSigning, chained as raw 32-byte digests. */
export function deriveSigningKey(secretKey, date, service) {
  const secretDate = hmac(Buffer.from('TC3' + secretKey, 'utf8'), date);
  const secretService = hmac(secretDate, service);
  return hmac(secretService, 'tc3_request');
}

// Tencent lower-cases signed header values, but the official SDK signs Content-Type verbatim
// (and rejects nothing else), so we do the same to stay compatible with real clients.
function canonicalValue(name, value) {
  const v = String(value ?? '').trim();
  return name === 'content-type' ? v : v.toLowerCase();
}

/** Case-insensitive header lookup over a plain object (node lower-cases; vectors do not). */
export function headerValue(headers, name) {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === want) return Array.isArray(v) ? v.join(', ') : v;
  }
  return undefined;
}

/**
 * Build the canonical request from received headers.
 * `signedHeaders` (names, any case) defaults to every header given. Names are lower-cased
 * and ASCII-sorted, as the spec says; a client that signs them unsorted will not match.
 * `body` is the raw bytes (Buffer/Uint8Array) or a string (hashed as UTF-8).
 * Returns { canonicalRequest, signedHeaders (the `a;b` string), hashedPayload }.
 */
export function canonicalize({ method = 'POST', uri = '/', query = '', headers = {}, signedHeaders, body = '' }) {
  const names = [...new Set((signedHeaders ?? Object.keys(headers)).map((n) => n.toLowerCase()))].sort();
  const lines = names.map((n) => `${n}:${canonicalValue(n, headerValue(headers, n))}\n`).join('');
  // Optional documented mode: the payload hash covers the literal string, not the body.
  const unsigned = String(headerValue(headers, 'x-tc-content-sha256') ?? '').trim() === 'UNSIGNED-PAYLOAD';
  const hashedPayload = sha256Hex(unsigned ? 'UNSIGNED-PAYLOAD' : typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  const signed = names.join(';');
  const canonicalRequest = [method.toUpperCase(), uri, query, lines, signed, hashedPayload].join('\n');
  return { canonicalRequest, signedHeaders: signed, hashedPayload };
}

export function stringToSign({ timestamp, date, service, canonicalRequest }) {
  return [ALGORITHM, String(timestamp), `${date}/${service}/tc3_request`, sha256Hex(canonicalRequest)].join('\n');
}

export function signature({ secretKey, date, service, stringToSign: sts }) {
  return createHmac('sha256', deriveSigningKey(secretKey, date, service)).update(sts, 'utf8').digest('hex');
}

// Exactly the documented shape: one space after the algorithm, ", " separators.
const AUTH_RE =
  /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9-]+)\/tc3_request, SignedHeaders=([A-Za-z0-9-]+(?:;[A-Za-z0-9-]+)*), Signature=([0-9a-fA-F]+)$/;

export function parseAuthorization(value) {
  const m = AUTH_RE.exec(String(value ?? ''));
  if (!m) return undefined;
  const [, secretId, date, service, signed, sig] = m;
  return { secretId, date, service, signedHeaders: signed.toLowerCase().split(';'), signature: sig };
}

const fail = (code, message) => ({ ok: false, code, message });

/**
 * Verify a received request. `headers` as received (node's req.headers is fine),
 * `bodyBytes` the raw body, `now` in seconds. `service`, when given, must match the scope.
 */
export function verifyTc3({ method = 'POST', uri = '/', query = '', headers, bodyBytes, secretKeyFor, now, service }) {
  const auth = parseAuthorization(headerValue(headers, 'authorization'));
  if (!auth) {
    return fail('AuthFailure.InvalidAuthorization', 'Authorization header is missing or malformed (expected TC3-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...).');
  }
  for (const required of ['content-type', 'host']) {
    if (!auth.signedHeaders.includes(required)) {
      return fail('AuthFailure.InvalidAuthorization', `SignedHeaders must include ${required}.`);
    }
  }
  for (const name of auth.signedHeaders) {
    if (headerValue(headers, name) === undefined) {
      return fail('AuthFailure.InvalidAuthorization', `Signed header ${name} is not present in the request.`);
    }
  }
  const secretKey = secretKeyFor(auth.secretId);
  if (typeof secretKey !== 'string') {
    return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');
  }
  const tsText = String(headerValue(headers, 'x-tc-timestamp') ?? '').trim();
  if (!/^\d{1,12}$/.test(tsText)) {
    return fail('AuthFailure.InvalidAuthorization', 'X-TC-Timestamp is missing or not an integer number of seconds.');
  }
  const timestamp = Number(tsText);
  if (Math.abs(timestamp - now) > MAX_SKEW_SECONDS) {
    return fail('AuthFailure.SignatureExpire', `Signature expired: X-TC-Timestamp ${timestamp} is more than ${MAX_SKEW_SECONDS}s away from server time ${Math.floor(now)}.`);
  }
  // The credential date must be the UTC date; a local-time (UTC+8) date is the classic bug.
  if (auth.date !== utcDate(timestamp)) {
    return fail('AuthFailure.SignatureFailure', `The provided credentials could not be validated: credential date ${auth.date} is not the UTC date ${utcDate(timestamp)} of X-TC-Timestamp.`);
  }
  if (service !== undefined && auth.service !== service) {
    return fail('AuthFailure.SignatureFailure', `The provided credentials could not be validated: credential service ${auth.service} should be ${service}.`);
  }
  const { canonicalRequest } = canonicalize({ method, uri, query, headers, signedHeaders: auth.signedHeaders, body: bodyBytes ?? Buffer.alloc(0) });
  const sts = stringToSign({ timestamp, date: auth.date, service: auth.service, canonicalRequest });
  const expected = Buffer.from(signature({ secretKey, date: auth.date, service: auth.service, stringToSign: sts }), 'hex');
  const got = Buffer.from(auth.signature.length === 64 ? auth.signature : '', 'hex');
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
    return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
  }
  return { ok: true, secretId: auth.secretId, date: auth.date, service: auth.service };
}

/**
 * Test helper: sign a request with the same primitives. `extraHeaders` are sent AND signed.
 * Returns the headers to send (Host is left to the HTTP client, which derives it from the URL)
 * plus the intermediate strings for known-answer checks.
 */
export function signTc3ForTest({ secretId, secretKey, service = 'sms', host, timestamp, body = '', contentType = 'application/json', extraHeaders = {} }) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const toSign = { 'Content-Type': contentType, Host: host, ...extraHeaders };
  const { canonicalRequest, signedHeaders } = canonicalize({ headers: toSign, body: bytes });
  const date = utcDate(timestamp);
  const sts = stringToSign({ timestamp, date, service, canonicalRequest });
  const sig = signature({ secretKey, date, service, stringToSign: sts });
  const authorization = `${ALGORITHM} Credential=${secretId}/${date}/${service}/tc3_request, SignedHeaders=${signedHeaders}, Signature=${sig}`;
  const headers = { 'Content-Type': contentType, 'X-TC-Timestamp': String(timestamp), ...extraHeaders, Authorization: authorization };
  return { headers, authorization, canonicalRequest, stringToSign: sts, signature: sig, date };
}
