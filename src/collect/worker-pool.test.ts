import { describe, expect, it } from 'vitest';
import { forEachConcurrently } from './worker-pool.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('forEachConcurrently', () => {
  it('processes every item with at most `concurrency` in flight, pulling lazily from an async source', async () => {
    let inFlight = 0;
    let peak = 0;
    let pulled = 0;
    async function* source(): AsyncGenerator<number> {
      for (let i = 0; i < 20; i++) {
        await Promise.resolve();
        pulled++;
        yield i;
      }
    }
    const done: number[] = [];
    await forEachConcurrently(source(), 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      expect(pulled - done.length).toBeLessThanOrEqual(3);
      await tick();
      done.push(n);
      inFlight--;
    });
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
  });

  it('stops taking items after the first failure, lets the others finish and throws that failure', async () => {
    const started: number[] = [];
    let closed = false;
    async function* source(): AsyncGenerator<number> {
      try {
        for (let i = 0; i < 100; i++) {
          await Promise.resolve();
          yield i;
        }
      } finally {
        closed = true;
      }
    }
    await expect(
      forEachConcurrently(source(), 2, async (n) => {
        started.push(n);
        await tick();
        if (n === 3) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started.length).toBeLessThan(8);
    expect(closed).toBe(true);
  });

  it('stops taking items once stopWhen says so and returns normally', async () => {
    const done: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5], 1, async (n) => {
      done.push(n);
      await tick();
    }, { stopWhen: () => done.length >= 2 });
    expect(done).toEqual([1, 2]);
  });

  it('treats a concurrency below 1 as 1', async () => {
    const done: number[] = [];
    await forEachConcurrently([1, 2], 0, async (n) => {
      done.push(n);
      await tick();
    });
    expect(done).toEqual([1, 2]);
  });
});
