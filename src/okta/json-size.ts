/**
 * How many JSON values (objects, arrays and scalars) a response body holds, counted without parsing it and without
 * allocating: `JSON.parse` of a 20 MB body of ten million `{}` builds ten million objects and can exhaust the heap
 * before anything downstream gets a say. Counting stops as soon as `limit` is passed. Commas and opening brackets
 * outside strings are counted, so the figure is exact for valid JSON (one more than the separators, plus one per
 * container) and merely an estimate for invalid JSON, which the parser refuses anyway.
 */
export function jsonValuesExceed(text: string, limit: number): boolean {
  let values = text.trim() === '' ? 0 : 1;
  let inString = false;
  for (let at = 0; at < text.length; at += 1) {
    const c = text.charCodeAt(at);
    if (inString) {
      if (c === 0x5c /* \ */) at += 1;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x2c /* , */ || c === 0x5b /* [ */ || c === 0x7b /* { */) {
      values += 1;
      if (values > limit) return true;
    }
  }
  return false;
}
