import { describe, expect, it } from 'vitest';
import { CallerConcurrency, PointsPerMinute, PrimaryLimiter } from './limits.js';

const T0 = Date.parse('2026-06-15T12:00:00.250Z');

describe('PrimaryLimiter', () => {
  it('counts from the first request, refuses without charging, and resets after the window', () => {
    const limiter = new PrimaryLimiter(3_600_000);
    expect(limiter.charge('u', 3, 1, T0)).toEqual({ admitted: true, state: { limit: 3, used: 1, remaining: 2, reset: Math.ceil((T0 + 3_600_000) / 1000) } });
    expect(limiter.charge('u', 3, 2, T0 + 1000).state.remaining).toBe(0);
    const refused = limiter.charge('u', 3, 1, T0 + 2000);
    expect(refused.admitted).toBe(false);
    expect(refused.state.used).toBe(3);
    expect(limiter.peek('u', 3, T0 + 3_600_000).used).toBe(0);
    expect(limiter.charge('u', 3, 1, T0 + 3_600_000).admitted).toBe(true);
  });

  it('keeps callers apart and does not count a peek', () => {
    const limiter = new PrimaryLimiter(1000);
    limiter.charge('a', 5, 5, T0);
    expect(limiter.peek('b', 5, T0)).toMatchObject({ used: 0, remaining: 5 });
    expect(limiter.peek('b', 5, T0)).toMatchObject({ used: 0 });
  });
});

describe('PointsPerMinute', () => {
  it('refuses points over the limit with the seconds left in the window', () => {
    const points = new PointsPerMinute(60_000);
    expect(points.take('k', 5, 6, T0)).toEqual({ admitted: true });
    expect(points.take('k', 5, 6, T0 + 20_000)).toEqual({ admitted: false, retryAfterSeconds: 40 });
    expect(points.take('k', 5, 6, T0 + 60_000)).toEqual({ admitted: true });
  });
});

describe('CallerConcurrency', () => {
  it('caps each caller and releases once', () => {
    const gate = new CallerConcurrency();
    const first = gate.tryAcquire('a', 2);
    const second = gate.tryAcquire('a', 2);
    expect(gate.tryAcquire('a', 2)).toBeNull();
    expect(gate.tryAcquire('b', 2)).not.toBeNull();
    first?.();
    first?.();
    expect(gate.current).toBe(2);
    expect(gate.tryAcquire('a', 2)).not.toBeNull();
    second?.();
    expect(gate.peak).toBe(3);
  });
});
