import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts members at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}');
  });

  it('orders keys by UTF-16 code units (RFC 8785), not by locale', () => {
    expect(canonicalJson({ b: 0, B: 0, é: 0, a: 0, '\u20ac': 0, '\ud83d\ude00': 0 })).toBe('{"B":0,"a":0,"b":0,"é":0,"€":0,"😀":0}');
  });

  it('leaves out undefined members as JSON does, and escapes strings as JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 'line\n"q"' })).toBe('{"b":"line\\n\\"q\\""}');
  });

  it('refuses values with no single JSON form', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/plain objects/);
  });
});
