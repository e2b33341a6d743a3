import { describe, expect, it } from 'vitest';
import { ReplayCache } from './replay-cache.js';

describe('ReplayCache', () => {
  it('refuses an id until it lapses', () => {
    const cache = new ReplayCache();
    expect(cache.use('a', 1_000, 0)).toBe(true);
    expect(cache.use('a', 1_000, 999)).toBe(false);
    expect(cache.use('a', 5_000, 1_000)).toBe(true);
  });

  it('forgets lapsed ids so memory stays bounded', () => {
    const cache = new ReplayCache();
    for (let i = 0; i < 100; i++) cache.use(`id-${i}`, 1_000, 0);
    cache.use('later', 200_000, 120_000);
    expect(cache.size).toBe(1);
  });
});
