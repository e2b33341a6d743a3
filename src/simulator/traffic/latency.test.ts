import { describe, expect, it } from 'vitest';
import { latencyFor } from './latency.js';
import { seededRandom } from './prng.js';

describe('latencyFor', () => {
  it('stays within latencyMs ± jitter and repeats for one seed', () => {
    const a = seededRandom(7, 1);
    const b = seededRandom(7, 1);
    const first = Array.from({ length: 200 }, () => latencyFor({ latencyMs: 100, latencyJitter: 0.25 }, a));
    const second = Array.from({ length: 200 }, () => latencyFor({ latencyMs: 100, latencyJitter: 0.25 }, b));
    expect(first).toEqual(second);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(75);
    expect(Math.max(...first)).toBeLessThanOrEqual(125);
    expect(new Set(first).size).toBeGreaterThan(20);
  });

  it('draws nothing when latency is off', () => {
    let draws = 0;
    const random = (): number => {
      draws++;
      return 0.5;
    };
    expect(latencyFor({ latencyMs: 0, latencyJitter: 0.25 }, random)).toBe(0);
    expect(draws).toBe(0);
    expect(latencyFor({ latencyMs: 40, latencyJitter: 0 }, random)).toBe(40);
  });
});

describe('seededRandom', () => {
  it('gives different streams for one seed, and values in [0, 1)', () => {
    const latency = seededRandom(1, 1);
    const faults = seededRandom(1, 2);
    const xs = Array.from({ length: 1000 }, latency);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(faults()).not.toBe(seededRandom(1, 1)());
  });
});
