import { describe, expect, it } from 'vitest';
import type { Bucket } from './buckets.js';
import { callerCeiling, RateLimiter, scaledLimit, windowMsFor } from './rate-limiter.js';

const logs: Bucket = { id: '/api/v1/logs', limitPerMinute: 120 };
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 250);

function admitMany(limiter: RateLimiter, bucket: Bucket, caller: string | null, n: number, now: number): boolean[] {
  return Array.from({ length: n }, () => limiter.admit(bucket, caller, now).admitted);
}

describe('RateLimiter', () => {
  it('caps one token at 50 % of the bucket and reports its ceiling, remaining and reset', () => {
    const limiter = new RateLimiter({ timeScale: 1, tokenShare: 0.5 });
    const first = limiter.admit(logs, 't1', T0);
    expect(first).toEqual({ admitted: true, limit: 60, remaining: 59, resetEpochSeconds: Math.ceil((T0 + 60_000) / 1000) });
    expect(admitMany(limiter, logs, 't1', 59, T0 + 1000).every(Boolean)).toBe(true);
    expect(limiter.admit(logs, 't1', T0 + 2000)).toEqual({
      admitted: false,
      limit: 60,
      remaining: 0,
      resetEpochSeconds: Math.ceil((T0 + 60_000) / 1000),
    });
  });

  it('refuses every token once the org-wide counter is spent', () => {
    const limiter = new RateLimiter({ timeScale: 1, tokenShare: 0.5 });
    expect(admitMany(limiter, logs, 't1', 60, T0).every(Boolean)).toBe(true);
    expect(admitMany(limiter, logs, 't2', 60, T0).every(Boolean)).toBe(true);
    const third = limiter.admit(logs, 't3', T0);
    expect(third.admitted).toBe(false);
    expect(third.limit).toBe(60);
    expect(third.remaining).toBe(0);
  });

  it('reports the smaller room of the org and the token counters as Remaining', () => {
    const limiter = new RateLimiter({ timeScale: 1, tokenShare: 0.5 });
    admitMany(limiter, logs, 't1', 60, T0);
    admitMany(limiter, logs, 't2', 50, T0);
    expect(limiter.admit(logs, 't3', T0)).toMatchObject({ admitted: true, limit: 60, remaining: 9 });
  });

  it('gives requests without a caller the org-wide ceiling', () => {
    const limiter = new RateLimiter({ timeScale: 1, tokenShare: 0.5 });
    expect(limiter.admit(logs, null, T0)).toMatchObject({ admitted: true, limit: 120, remaining: 119 });
  });

  it('starts a window at the first request and a new one at the first request after it ends', () => {
    const limiter = new RateLimiter({ timeScale: 1, tokenShare: 0.5 });
    admitMany(limiter, logs, 't1', 60, T0);
    const refused = limiter.admit(logs, 't1', T0 + 59_999);
    expect(refused.admitted).toBe(false);
    const later = T0 + 60_000 + 12_345;
    expect(limiter.admit(logs, 't1', later)).toEqual({
      admitted: true,
      limit: 60,
      remaining: 59,
      resetEpochSeconds: Math.ceil((later + 60_000) / 1000),
    });
  });

  it('keeps windows per bucket', () => {
    const limiter = new RateLimiter({ timeScale: 1, tokenShare: 0.5 });
    admitMany(limiter, logs, 't1', 60, T0);
    const users: Bucket = { id: 'GET /api/v1/users', limitPerMinute: 600 };
    expect(limiter.admit(users, 't1', T0 + 5000)).toMatchObject({ admitted: true, limit: 300, resetEpochSeconds: Math.ceil((T0 + 65_000) / 1000) });
  });

  it('divides limits and the window by the time scale: 60 → 1 s windows with limit/60', () => {
    const limiter = new RateLimiter({ timeScale: 60, tokenShare: 0.5 });
    // logs 120/min → 2 per second org-wide, 1 per token.
    expect(limiter.admit(logs, 't1', T0)).toEqual({ admitted: true, limit: 1, remaining: 0, resetEpochSeconds: Math.ceil((T0 + 1000) / 1000) });
    expect(limiter.admit(logs, 't1', T0 + 10).admitted).toBe(false);
    expect(limiter.admit(logs, 't2', T0 + 20).admitted).toBe(true);
    expect(limiter.admit(logs, 't3', T0 + 30).admitted).toBe(false);
    expect(limiter.admit(logs, 't1', T0 + 1000).admitted).toBe(true);
  });

  it('never throttles a client that waits until X-Rate-Limit-Reset, at any time scale', () => {
    for (const timeScale of [1, 7, 60, 250, 600]) {
      for (const offset of [0, 1, 499, 999]) {
        const limiter = new RateLimiter({ timeScale, tokenShare: 0.5 });
        let now = T0 - 250 + offset;
        for (let i = 0; i < 500; i++) {
          const decision = limiter.admit(logs, 't1', now);
          expect(decision.admitted, `timeScale ${timeScale} offset ${offset} request ${i}`).toBe(true);
          now = decision.remaining === 0 ? decision.resetEpochSeconds * 1000 : now + 1;
        }
      }
    }
  });
});

describe('limit arithmetic', () => {
  it('rounds scaled limits and never goes below one request', () => {
    expect(scaledLimit(600, 1)).toBe(600);
    expect(scaledLimit(600, 60)).toBe(10);
    expect(scaledLimit(100, 60)).toBe(2);
    expect(scaledLimit(20, 600)).toBe(1);
    expect(callerCeiling(120, 0.5)).toBe(60);
    expect(callerCeiling(3, 0.5)).toBe(1);
    expect(callerCeiling(1, 0.5)).toBe(1);
    expect(windowMsFor(60)).toBe(1000);
  });
});
