// Where JSON text first breaks the grammar, and what is wrong there, without quoting the text:
// Node's own JSON.parse message quotes the text around the fault, which can be a secret (an
// unquoted or single-quoted accessKeySecret). Iterative, so any depth of nesting is fine.
const WS = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** What a character that cannot start a value looks like, in words. */
const unexpected = (c) => {
  if (c === "'") return 'a single quote where a value belongs (JSON strings use double quotes)';
  if (/\p{L}/u.test(c)) return 'a bare word where a value belongs (JSON strings need double quotes; true, false and null are lowercase)';
  if (c === '}' || c === ']') return 'a closing bracket where a value belongs (a trailing comma?)';
  return 'a character that cannot start a JSON value';
};

/** The offset and reason of the first fault in `text`, or null when it is valid JSON. */
export const findFault = (text) => {
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i])) i += 1;
  };
  const fault = (reason, at = i) => ({ offset: at, reason });
  const end = () => fault('the file ends before the JSON value does');
  // Reads one string at text[i] === '"'; returns a fault or null.
  const string = () => {
    i += 1;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i += 1;
        return null;
      }
      if (c < ' ') return fault('a control character (such as a line break or tab) inside a string; write it as an escape');
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) return end();
        if (e === 'u') {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) return fault('a \\u escape needs four hex digits');
          i += 6;
          continue;
        }
        if (!ESCAPES.has(e)) return fault('an escape sequence JSON does not have');
        i += 2;
        continue;
      }
      i += 1;
    }
    return fault('a string that is never closed (a missing double quote)');
  };
  // Reads a scalar or opens a container; returns a fault, or null, or a new container.
  const value = () => {
    skip();
    if (i >= text.length) return end();
    const c = text[i];
    if (c === '{' || c === '[') {
      i += 1;
      return { container: c, first: true };
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return null;
      }
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return fault('a number JSON cannot read');
      i += m[0].length;
      return null;
    }
    return fault(unexpected(c));
  };
  const stack = [];
  let result = value();
  for (;;) {
    if (result && 'offset' in result) return result;
    if (result) stack.push({ close: result.container === '{' ? '}' : ']', object: result.container === '{', empty: true });
    if (stack.length === 0) {
      skip();
      return i < text.length ? fault('more text after the JSON value ends') : null;
    }
    const top = stack[stack.length - 1];
    skip();
    if (i >= text.length) return end();
    if (text[i] === top.close) {
      // Closing: the parent, if any, now has a whole value and waits for a comma or its close.
      i += 1;
      stack.pop();
      result = null;
      continue;
    }
    if (!top.empty) {
      if (text[i] !== ',') return fault(`a missing comma or ${top.close}`);
      i += 1;
      skip();
      if (text[i] === top.close) return fault(`a trailing comma before ${top.close}`);
    }
    top.empty = false;
    if (top.object) {
      skip();
      if (i >= text.length) return end();
      if (text[i] !== '"') return fault(text[i] === "'" ? 'a single-quoted property name (JSON uses double quotes)' : 'a property name that is not in double quotes');
      const bad = string();
      if (bad) return bad;
      skip();
      if (i >= text.length) return end();
      if (text[i] !== ':') return fault('a missing colon after a property name');
      i += 1;
    }
    result = value();
  }
};

/** Line and column (1-based, in characters) of an offset. */
export const lineAndColumn = (text, offset) => {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return { line, column };
};

/** `line L, column C: reason` for text that is not JSON; null for text that is. */
export const describeFault = (text) => {
  const found = findFault(text);
  if (!found) return null;
  const { line, column } = lineAndColumn(text, found.offset);
  return `line ${line}, column ${column}: ${found.reason}`;
};
