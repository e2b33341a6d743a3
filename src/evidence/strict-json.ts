/**
 * What `JSON.parse` lets through and a verifier must not: an object naming a member twice (`JSON.parse` keeps the
 * last value, other tools the first, so a manifest could say one thing to us and another to an auditor's script, see
 * RFC 8259 §4 and RFC 7493 §2.3), and nesting deep enough to overflow the recursive code that walks the value
 * afterwards (canonical JSON for the signature). One pass over the text, no recursion, no copy of the document.
 */

interface ObjectFrame {
  kind: 'object';
  keys: Set<string>;
  key: string | undefined;
  expectKey: boolean;
}
interface ArrayFrame {
  kind: 'array';
  index: number;
}
type Frame = ObjectFrame | ArrayFrame;

/**
 * The first duplicate member or over-deep nesting in `text`, as a sentence naming where (`$.files[2].path`);
 * undefined when there is none. Call it on text `JSON.parse` accepted: syntax errors are not reported here.
 */
export function jsonStructureProblem(text: string, maxDepth: number): string | undefined {
  const stack: Frame[] = [];
  for (let at = 0; at < text.length; at += 1) {
    const c = text.charCodeAt(at);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, at);
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(at, end + 1)) as string;
        if (top.keys.has(key)) return `duplicate member ${JSON.stringify(key)} at ${pathOf(stack.slice(0, -1))}: a member must appear once (parsers disagree on which value wins)`;
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      at = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) return `nesting deeper than ${maxDepth} levels at ${pathOf(stack)}`;
      stack.push(c === 0x7b ? { kind: 'object', keys: new Set(), key: undefined, expectKey: true } : { kind: 'array', index: 0 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack.at(-1);
      if (top?.kind === 'object') top.expectKey = true;
      else if (top?.kind === 'array') top.index += 1;
    }
  }
  return undefined;
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c === 0x5c /* \ */) at += 2;
    else if (c === 0x22) return at;
    else at += 1;
  }
  return text.length - 1;
}

function pathOf(frames: readonly Frame[]): string {
  let path = '$';
  for (const frame of frames) {
    if (frame.kind === 'array') path += `[${frame.index}]`;
    else if (frame.key !== undefined) path += /^[A-Za-z_$][\w$]*$/.test(frame.key) ? `.${frame.key}` : `[${JSON.stringify(frame.key)}]`;
  }
  return path;
}
