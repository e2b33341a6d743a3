import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonStructureProblem } from './strict-json.js';

describe('jsonStructureProblem', () => {
  it('names a duplicate member and where it is, after unescaping', () => {
    expect(jsonStructureProblem('{"org":"evil.okta.com","a":1,"org":"acme.okta.com"}', 64)).toMatch(/^duplicate member "org" at \$:/);
    expect(jsonStructureProblem('{"files":[{"path":"a"},{"path":"b","\\u0070ath":"c"}]}', 64)).toMatch(/^duplicate member "path" at \$\.files\[1\]/);
    expect(jsonStructureProblem('{"a":{"x":1},"b":{"x":1}}', 64)).toBeUndefined();
    expect(jsonStructureProblem('{"a":"{\\"a\\":1,\\"a\\":2}"}', 64)).toBeUndefined();
  });

  it('names nesting deeper than allowed without recursing', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonStructureProblem(deep, 64)).toMatch(/^nesting deeper than 64 levels at \$\[0\]/);
    expect(jsonStructureProblem('[[[]]]', 3)).toBeUndefined();
    expect(jsonStructureProblem('[[[[]]]]', 3)).toMatch(/deeper than 3/);
  });

  it('finds nothing in any JSON that JSON.stringify writes (no duplicates by construction)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(jsonStructureProblem(JSON.stringify(value), 16)).toBeUndefined();
      }),
    );
  });

  it('finds an injected duplicate in any object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1 }), fc.jsonValue({ maxDepth: 2 }), (object, extra) => {
        const key = Object.keys(object)[0]!;
        const text = `${JSON.stringify(object).slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(extra)}}`;
        expect(jsonStructureProblem(text, 16)).toContain(`duplicate member ${JSON.stringify(key)} at $`);
      }),
    );
  });
});
