import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable } from './printable.js';

describe('printable', () => {
  it('escapes ANSI sequences, forged lines and bidirectional overrides', () => {
    expect(printable('Bad\u001b[31m red\u001b[0m')).toBe('Bad\\x1b[31m red\\x1b[0m');
    expect(printable('ok\nerror: forged line\r')).toBe('ok\\x0aerror: forged line\\x0d');
    expect(printable('a\u202eb\u0085c\u0000')).toBe('a\\u202eb\\x85c\\x00');
    expect(printable('plain, ünïcode & emoji 🙂')).toBe('plain, ünïcode & emoji 🙂');
  });

  it('cuts long input and says how much', () => {
    expect(printable('x'.repeat(10), 4)).toBe('xxxx… (6 more characters)');
  });

  it('never lets a control character through, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        // eslint-disable-next-line no-control-regex -- the property under test
        expect(printable(text, 200)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      }),
    );
  });
});
