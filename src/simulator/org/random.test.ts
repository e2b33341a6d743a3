import { describe, expect, it } from 'vitest';
import { createRng, mix32, Rng, uuidFromWords } from './random.js';
import { IsoFormatter, Timeline } from './time.js';

describe('Rng', () => {
  it('repeats for the same seed and stream, and differs across streams', () => {
    const draw = (rng: Rng) => Array.from({ length: 5 }, () => rng.uint32());
    expect(draw(createRng(7, 'users'))).toEqual(draw(createRng(7, 'users')));
    expect(draw(createRng(7, 'users'))).not.toEqual(draw(createRng(7, 'apps')));
    expect(draw(createRng(7, 'users'))).not.toEqual(draw(createRng(8, 'users')));
  });

  it('keeps int, below and between in range', () => {
    const rng = new Rng(1);
    const ints = new Set<number>();
    let outside = 0;
    for (let i = 0; i < 10_000; i++) {
      ints.add(rng.int(3, 5));
      const f = rng.between(2, 3);
      if (f < 2 || f >= 3) outside++;
    }
    expect([...ints].sort()).toEqual([3, 4, 5]);
    expect(outside).toBe(0);
  });

  it('makes Okta-shaped ids: prefix plus 17 base62 characters', () => {
    const id = new Rng(1).id('00u');
    expect(id).toMatch(/^00u[0-9A-Za-z]{17}$/);
  });

  it('samples distinct items and follows weights roughly', () => {
    const rng = new Rng(2);
    const picked = rng.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(picked).size).toBe(4);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (rng.weighted([['a', 9], ['b', 1]] as const) === 'a') heavy++;
    expect(heavy).toBeGreaterThan(8_500);
    expect(heavy).toBeLessThan(9_500);
  });

  it('mix32 is collision-free on a run of inputs (it is a bijection)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(mix32(i));
    expect(seen.size).toBe(100_000);
  });

  it('shapes uuids as version 4', () => {
    const uuid = uuidFromWords(0xdeadbeef, 0x01234567, 0x89abcdef, 0xfedcba98);
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('IsoFormatter', () => {
  it('formats exactly like Date#toISOString', () => {
    const format = new IsoFormatter();
    const rng = new Rng(3);
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(rng.next() * 4e12);
      if (format.millis(ms) !== new Date(ms).toISOString()) wrong.push(format.millis(ms));
      const whole = Math.floor(ms / 1000) * 1000;
      if (format.seconds(whole) !== new Date(whole).toISOString()) wrong.push(format.seconds(whole));
    }
    expect(wrong).toEqual([]);
  });

  it('Timeline gives whole-second timestamps relative to a floored now', () => {
    const time = new Timeline(Date.parse('2026-05-15T12:00:00.750Z'));
    expect(time.iso(0)).toBe('2026-05-15T12:00:00.000Z');
    expect(time.iso(1)).toBe('2026-05-15T11:59:59.000Z');
    expect(time.iso(86_400_000)).toBe('2026-05-14T12:00:00.000Z');
  });
});
