/**
 * RFC 8288 `Link` header parsing (https://www.rfc-editor.org/rfc/rfc8288#section-3).
 *
 * Okta sends one `Link` header per relation; Node joins repeated headers with ", " (or hands us an array), so the
 * parser reads any number of comma-separated link-values. It is a single left-to-right scan with no regular
 * expressions: every character is looked at a bounded number of times, so a hostile 100 kB header costs
 * microseconds, never a catastrophic backtrack (Octokit's paginate tests open with the same guard).
 */

/** One link-value: its target as written (not resolved) and its parameters, names lower-cased. */
export interface LinkValue {
  /** The URI-Reference between `<` and `>`, unresolved. */
  uri: string;
  /** Relation types from the first `rel` parameter, lower-cased, split on whitespace (`rel="next last"`). */
  rel: string[];
  /** Every parameter by lower-cased name; only the first occurrence of a name counts (RFC 8288 §3.3 for `rel`). */
  params: Record<string, string>;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text.charAt(this.pos);
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length && isWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** Reads up to (not including) the first of `stops`, or to the end. */
  readUntil(stops: string): string {
    const start = this.pos;
    while (this.pos < this.text.length && !stops.includes(this.text.charAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Reads a quoted-string starting at the opening quote; backslash escapes the next character. */
  readQuoted(): string {
    const { text } = this;
    this.pos++; // opening quote
    const parts: string[] = [];
    let start = this.pos;
    while (this.pos < text.length) {
      const ch = text.charCodeAt(this.pos);
      if (ch === 0x22 /* " */) {
        parts.push(text.slice(start, this.pos));
        this.pos++;
        return parts.join('');
      }
      if (ch === 0x5c /* \ */) {
        parts.push(text.slice(start, this.pos));
        start = this.pos + 1; // the escaped character starts the next run
        this.pos += 2;
      } else {
        this.pos++;
      }
    }
    parts.push(text.slice(start, Math.min(this.pos, text.length)));
    this.pos = text.length;
    return parts.join(''); // unterminated: keep what we have
  }

  /** Skips to just after the next top-level comma (outside quotes), ending a malformed link-value. */
  skipPastComma(): void {
    while (!this.atEnd()) {
      const ch = this.peek();
      if (ch === '"') {
        this.readQuoted();
        continue;
      }
      this.pos++;
      if (ch === ',') return;
    }
  }
}

function parseParams(scanner: Scanner): Record<string, string> {
  const params: Record<string, string> = {};
  for (;;) {
    scanner.skipWhitespace();
    if (scanner.atEnd()) return params;
    const ch = scanner.peek();
    if (ch === ',') {
      scanner.pos++;
      return params;
    }
    if (ch !== ';') {
      scanner.skipPastComma();
      return params;
    }
    scanner.pos++;
    scanner.skipWhitespace();
    const name = scanner.readUntil('=;,').trim().toLowerCase();
    let value = '';
    if (scanner.peek() === '=') {
      scanner.pos++;
      scanner.skipWhitespace();
      value = scanner.peek() === '"' ? scanner.readQuoted() : scanner.readUntil(';,').trim();
    }
    if (name !== '' && !Object.hasOwn(params, name)) params[name] = value;
  }
}

/** `rel` holds whitespace-separated relation types, compared case-insensitively. */
function relationTypes(value: string): string[] {
  const types: string[] = [];
  let start = -1;
  for (let i = 0; i <= value.length; i++) {
    const boundary = i === value.length || isWhitespace(value.charCodeAt(i));
    if (boundary && start >= 0) {
      types.push(value.slice(start, i).toLowerCase());
      start = -1;
    } else if (!boundary && start < 0) {
      start = i;
    }
  }
  return types;
}

function parseOne(text: string, out: LinkValue[]): void {
  const scanner = new Scanner(text);
  while (!scanner.atEnd()) {
    scanner.skipWhitespace();
    if (scanner.atEnd()) return;
    if (scanner.peek() !== '<') {
      scanner.skipPastComma();
      continue;
    }
    scanner.pos++;
    // A URI-Reference may contain commas and semicolons but never `>` (RFC 3986), so `>` ends it.
    const close = text.indexOf('>', scanner.pos);
    if (close < 0) return; // unterminated target: not a link
    const uri = text.slice(scanner.pos, close);
    scanner.pos = close + 1;
    const params = parseParams(scanner);
    out.push({ uri: uri.trim(), rel: relationTypes(params.rel ?? ''), params });
  }
}

/** Parses every link-value of one or more `Link` header values. Malformed values are skipped, never thrown on. */
export function parseLinkHeader(header: string | readonly string[] | undefined): LinkValue[] {
  if (header === undefined) return [];
  const out: LinkValue[] = [];
  for (const text of typeof header === 'string' ? [header] : header) parseOne(text, out);
  return out;
}

/** The target of the first link whose relation types include `rel` (case-insensitive), unresolved. */
export function findLink(header: string | readonly string[] | undefined, rel: string): string | undefined {
  const wanted = rel.toLowerCase();
  return parseLinkHeader(header).find((link) => link.rel.includes(wanted))?.uri;
}
