/**
 * Text that came from outside (an Okta `errorSummary`, a ZIP entry name, a file name in an export) made safe to print
 * on a terminal or store in a message: control characters (C0, DEL, C1 — ANSI escape sequences start with ESC or
 * CSI), line and paragraph separators and the bidirectional overrides that reorder what a reader sees are written as
 * `\xHH` / `\uHHHH` escapes, so no input can colour, move the cursor, forge an extra line or hide text. Long input is
 * cut to `maxLength` characters with a note of how much was left out.
 */
export function printable(text: string, maxLength = 2000): string {
  const cut = text.length > maxLength ? text.slice(0, maxLength) : text;
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const escaped = cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return cut.length === text.length ? escaped : `${escaped}… (${text.length - maxLength} more characters)`;
}
