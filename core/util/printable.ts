/**
 * Text from outside (a Redis record, a job's error, a file name) made safe to print on a
 * terminal: C0 and C1 control characters and DEL, which would let the text move the cursor,
 * retitle the window or hide lines (ESC sequences), are shown as \u{…} escapes instead. Tabs
 * are kept; newlines too when `keepNewlines` (multi-line error messages).
 */
export function printable(text: string, keepNewlines = false): string {
  return String(text).replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) =>
    char === '\t' || (keepNewlines && char === '\n') ? char : `\\u{${char.charCodeAt(0).toString(16)}}`,
  );
}
