/**
 * JSON.parse for the text of a file, with an error that names the file and where the text goes
 * wrong (line and column) but never quotes it: V8's own messages show the first characters
 * (`Unexpected token 'r', "root:*:202"...`), which would hand any readable file's start to
 * whoever can ask the app to open it.
 */
export function parseJsonText(text: string, describe: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${describe} is not valid JSON (${jsonErrorWhere(text)}).`);
  }
}

/** "unexpected character at line L, column C" or "ends early at line L, column C"; the text itself never appears. */
export function jsonErrorWhere(text: string): string {
  const offset = jsonErrorOffset(text);
  const at = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  if (text.trim() === '') return 'the file is empty';
  return `${offset >= text.length ? 'ends early' : 'unexpected character'} at line ${line}, column ${column}`;
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** Offset of the first character that makes `text` invalid JSON (text.length when it ends early; -1 when valid). */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const stack: string[] = [];
  const skip = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i += 1;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    for (i += 1; i < n; ) {
      const code = text.charCodeAt(i);
      if (code === 0x22) return ((i += 1), true);
      if (code < 0x20) return false;
      if (code !== 0x5c) i += 1;
      else if (((ESCAPE.lastIndex = i), ESCAPE.test(text))) i = ESCAPE.lastIndex;
      else return false;
    }
    return false;
  };
  const key = (): boolean => {
    skip();
    if (!string()) return false;
    skip();
    return text[i] === ':' ? ((i += 1), true) : false;
  };
  for (;;) {
    skip();
    const c = text[i];
    if (c === '[' || c === '{') {
      i += 1;
      skip();
      if (text[i] !== (c === '[' ? ']' : '}')) {
        stack.push(c);
        if (c === '{' && !key()) return i;
        continue;
      }
      i += 1;
    } else if (c === '"') {
      if (!string()) return i;
    } else {
      LITERAL.lastIndex = i;
      if (!LITERAL.test(text)) return i;
      i = LITERAL.lastIndex;
    }
    for (;;) {
      skip();
      const top = stack.at(-1);
      if (!top) return i < n ? i : -1;
      if (text[i] === ',') {
        i += 1;
        if (top === '{' && !key()) return i;
        break;
      }
      if (text[i] !== (top === '[' ? ']' : '}')) return i;
      stack.pop();
      i += 1;
    }
  }
}
