// What the CLI hides from every line it writes: the config's credentials, and each value
// `check` finds shaped like one, in every form a line could carry them (as typed, JSON-escaped
// once or twice, as fetch sends it, base64, hex, URL-encoded), whole or any 8+ character piece.
// A value shorter than 8 characters is hidden only whole, and one shorter than 4 not at all:
// such a value cannot be told from the words of a message.
const PIECE = 8;
const WHOLE = 4;
const HIDDEN = '(hidden)';

const escaped = (s) => JSON.stringify(s).slice(1, -1);

/** The forms of one value that a line of output could hold. */
export const forms = (value) => {
  const text = String(value);
  const wellFormed = text.toWellFormed();
  const bytes = Buffer.from(wellFormed, 'utf8');
  let uri = '';
  try {
    uri = encodeURIComponent(wellFormed);
  } catch {}
  return [...new Set([text, wellFormed, escaped(text), escaped(escaped(text)), escaped(wellFormed), escaped(escaped(wellFormed)),
    bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex'), bytes.toString('hex').toUpperCase(), uri])]
    .filter((f) => f.length >= WHOLE);
};

/** A function that hides every form of `values` in a string; the identity when there are none. */
export const redactor = (values) => {
  const pieces = new Set();
  const wholes = new Set();
  for (const value of values) {
    if (typeof value !== 'string' || value.length < WHOLE) continue;
    for (const form of forms(value)) {
      if (form.length < PIECE) wholes.add(form);
      for (let i = 0; i + PIECE <= form.length; i += 1) pieces.add(form.slice(i, i + PIECE));
    }
  }
  if (pieces.size === 0 && wholes.size === 0) return (line) => line;
  // Longest first, so a whole value is not cut by a shorter one inside it.
  const short = [...wholes].sort((a, b) => b.length - a.length);
  return (line) => {
    const text = String(line);
    const covered = new Uint8Array(text.length);
    for (let i = 0; i + PIECE <= text.length; i += 1) {
      if (pieces.has(text.slice(i, i + PIECE))) covered.fill(1, i, i + PIECE);
    }
    for (const whole of short) {
      for (let at = text.indexOf(whole); at !== -1; at = text.indexOf(whole, at + 1)) covered.fill(1, at, at + whole.length);
    }
    let out = '';
    for (let i = 0; i < text.length; i += 1) {
      if (!covered[i]) out += text[i];
      else if (i === 0 || !covered[i - 1]) out += HIDDEN;
    }
    return out;
  };
};

const SECRET_KEYS = /secret|password|token|^accessKeyId$|^secretId$/i;
// A credential's key typed a little wrong (`accessKeId`, `acessKeySecret`) still holds the
// credential: the config may not parse as intended, but its value must stay hidden.
const CREDENTIAL_KEYS = ['accesskeyid', 'accesskeysecret', 'secretid', 'secretkey'];
const MAX_TYPO = 2;

/** Levenshtein distance, stopping early once it is over `limit`. */
const distance = (a, b, limit) => {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (Math.min(...next) > limit) return limit + 1;
    row = next;
  }
  return row[b.length];
};

const namesCredential = (key) =>
  SECRET_KEYS.test(key) || CREDENTIAL_KEYS.some((name) => distance(key.toLowerCase(), name, MAX_TYPO) <= MAX_TYPO);

/** Every string under a key that names a credential (or nearly: a typo), anywhere in a parsed config file. */
export const credentialsIn = (parsed) => {
  const found = [];
  const seen = new Set();
  const stack = [parsed];
  while (stack.length > 0 && seen.size < 100_000) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'string' && namesCredential(key)) found.push(child);
      else stack.push(child);
    }
  }
  return found;
};
