import { describe, expect, it } from 'vitest';
import { DpopNonces } from './dpop-nonces.js';

describe('DpopNonces', () => {
  it('keeps one nonce for 24 h and accepts each for 3 days', () => {
    const nonces = new DpopNonces();
    const day = 24 * 3600_000;
    const first = nonces.current(0);
    expect(nonces.current(day - 1)).toBe(first);
    const second = nonces.current(day);
    expect(second).not.toBe(first);
    expect(nonces.isValid(first, 3 * day - 1)).toBe(true);
    expect(nonces.isValid(first, 3 * day)).toBe(false);
    expect(nonces.isValid('unknown', 0)).toBe(false);
  });
});
