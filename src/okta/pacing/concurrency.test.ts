import { describe, expect, it } from 'vitest';
import { settle } from '../testing/fake-time.js';
import { ConcurrencyAborted, ConcurrencyLimiter } from './concurrency.js';

const signal = new AbortController().signal;

describe('ConcurrencyLimiter', () => {
  it('admits up to the limit, queues the rest in order, and records the peak', async () => {
    const limiter = new ConcurrencyLimiter({ max: 2, clock: () => 0 });
    const a = await limiter.acquire(signal);
    const b = await limiter.acquire(signal);
    const order: string[] = [];
    const c = limiter.acquire(signal).then((r) => (order.push('c'), r));
    const d = limiter.acquire(signal).then((r) => (order.push('d'), r));
    await settle();
    expect(order).toEqual([]);
    a();
    a(); // idempotent
    await settle();
    expect(order).toEqual(['c']);
    b();
    await settle();
    expect(order).toEqual(['c', 'd']);
    (await c)();
    (await d)();
    expect(limiter.peak).toBe(2);
    expect(limiter.inFlight).toBe(0);
  });

  it('halves on a concurrency 429 and recovers one slot per quiet period', async () => {
    let now = 0;
    const limiter = new ConcurrencyLimiter({ max: 10, clock: () => now, recoverEveryMs: 10_000 });
    limiter.lower();
    expect(limiter.limit).toBe(5);
    limiter.lower();
    limiter.lower();
    limiter.lower();
    expect(limiter.limit).toBe(1);
    const release = await limiter.acquire(signal);
    let second = false;
    void limiter.acquire(signal).then(() => (second = true));
    await settle();
    expect(second).toBe(false);
    now = 5_000;
    release();
    await settle();
    expect(limiter.limit).toBe(1); // too soon to grow
    expect(second).toBe(true);
  });

  it('grows back to the configured maximum, never beyond', async () => {
    let now = 0;
    const limiter = new ConcurrencyLimiter({ max: 3, clock: () => now, recoverEveryMs: 1_000 });
    limiter.lower();
    for (let i = 1; i <= 5; i++) {
      now = i * 1_000;
      (await limiter.acquire(signal))();
    }
    expect(limiter.limit).toBe(3);
  });

  it('rejects a waiter whose signal aborts', async () => {
    const limiter = new ConcurrencyLimiter({ max: 1, clock: () => 0 });
    const release = await limiter.acquire(signal);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(ConcurrencyAborted);
    release();
    expect(limiter.inFlight).toBe(0);
  });
});
