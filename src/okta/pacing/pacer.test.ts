import { describe, expect, it } from 'vitest';
import { FakeTime, settle } from '../testing/fake-time.js';
import { Pacer, PacingAborted } from './pacer.js';
import type { HeaderMap } from './rate-headers.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 250);
const BUCKET = 'GET /api/v1/users';

/**
 * One Okta bucket as the simulator models it (src/simulator/traffic/rate-limiter.ts): a fixed window that starts
 * at the first request after the previous one ended, Reset rounded up to whole seconds, a `Date` header from a
 * server clock that may be skewed, and a 429 once the window's limit is spent.
 */
class FakeBucket {
  admitted = 0;
  throttled = 0;
  private start = Number.NEGATIVE_INFINITY;
  private count = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly skewMs = 0,
  ) {}

  handle(localNow: number): { status: number; headers: HeaderMap } {
    const now = localNow + this.skewMs;
    if (now >= this.start + this.windowMs) {
      this.start = now;
      this.count = 0;
    }
    const ok = this.count < this.limit;
    if (ok) {
      this.count++;
      this.admitted++;
    } else {
      this.throttled++;
    }
    const headers = {
      'x-rate-limit-limit': String(this.limit),
      'x-rate-limit-remaining': String(this.limit - this.count),
      'x-rate-limit-reset': String(Math.ceil((this.start + this.windowMs) / 1000)),
      date: new Date(now).toUTCString(),
    };
    return { status: ok ? 200 : 429, headers };
  }
}

interface Run {
  limit: number;
  windowMs: number;
  durationMs: number;
  workers?: number;
  latencyMs?: number;
  skewMs?: number;
}

/** Workers that always have work, paced by one Pacer against one FakeBucket, all on a fake clock. */
async function saturate(run: Run): Promise<{ bucket: FakeBucket; ratio: number }> {
  const time = new FakeTime(T0, false);
  const pacer = new Pacer({ clock: time.clock, sleep: time.sleep });
  const bucket = new FakeBucket(run.limit, run.windowMs, run.skewMs);
  const latency = run.latencyMs ?? 120;
  const end = T0 + run.durationMs;
  const signal = new AbortController().signal;
  const worker = async (): Promise<void> => {
    while (time.now < end) {
      const ticket = await pacer.acquire(BUCKET, signal);
      await time.sleep(latency / 2);
      const response = bucket.handle(time.now);
      await time.sleep(latency / 2);
      ticket.release({ ...response, receivedAt: time.now });
    }
  };
  await time.run(Promise.all(Array.from({ length: run.workers ?? 10 }, worker)));
  const ideal = (run.limit * run.durationMs) / run.windowMs;
  return { bucket, ratio: bucket.admitted / ideal };
}

describe('Pacer against a rate-limited bucket (fake clock)', () => {
  it('gets at least 90 % of a 300/min token share with zero 429s', async () => {
    const { bucket, ratio } = await saturate({ limit: 300, windowMs: 60_000, durationMs: 10 * 60_000 });
    expect(bucket.throttled).toBe(0);
    expect(ratio).toBeGreaterThanOrEqual(0.9);
  });

  it('gets at least 90 % of the 60/min System Log share with zero 429s', async () => {
    const { bucket, ratio } = await saturate({ limit: 60, windowMs: 60_000, durationMs: 10 * 60_000, workers: 3 });
    expect(bucket.throttled).toBe(0);
    expect(ratio).toBeGreaterThanOrEqual(0.9);
  });

  it.each([7_300, -4_600])('corrects a server clock skewed by %i ms from the Date header: no 429s, full rate', async (skewMs) => {
    const { bucket, ratio } = await saturate({ limit: 300, windowMs: 60_000, durationMs: 5 * 60_000, skewMs });
    expect(bucket.throttled).toBe(0);
    expect(ratio).toBeGreaterThanOrEqual(0.9);
  });

  it('stays under the limit with short windows (a time-scaled simulator)', async () => {
    const { bucket, ratio } = await saturate({ limit: 30, windowMs: 6_000, durationMs: 2 * 60_000, latencyMs: 40 });
    expect(bucket.throttled).toBe(0);
    expect(ratio).toBeGreaterThan(0.7); // Reset is rounded up to whole seconds: up to 1 s of each 6 s is lost
  });

  it('finishes a job in (⌈n / c⌉ − 1) windows plus a burst: 886 requests at 300 per window in about 121 s', async () => {
    const time = new FakeTime(T0, false);
    const pacer = new Pacer({ clock: time.clock, sleep: time.sleep });
    const bucket = new FakeBucket(300, 60_000);
    const signal = new AbortController().signal;
    let left = 886;
    const worker = async (): Promise<void> => {
      while (left > 0) {
        left--;
        const ticket = await pacer.acquire(BUCKET, signal);
        await time.sleep(20);
        const response = bucket.handle(time.now);
        await time.sleep(20);
        ticket.release({ ...response, receivedAt: time.now });
      }
    };
    await time.run(Promise.all(Array.from({ length: 10 }, worker)));
    expect(bucket.throttled).toBe(0);
    expect(bucket.admitted).toBe(886);
    // Two whole windows, then the last 292 requests: 30 rounds of 40 ms at concurrency 10, plus what the reset's
    // one-second resolution costs. Spreading each window's budget over the window needed three whole windows.
    expect(time.now - T0).toBeGreaterThan(120_000);
    expect(time.now - T0).toBeLessThan(120_000 + 1_200 + 2_000);
  });

  it('sends a window’s whole budget at once instead of spreading it', async () => {
    const time = new FakeTime(T0, false);
    const pacer = new Pacer({ clock: time.clock, sleep: time.sleep });
    const bucket = new FakeBucket(100, 60_000);
    const sentAt: number[] = [];
    const signal = new AbortController().signal;
    const worker = async (): Promise<void> => {
      while (time.now < T0 + 59_000) {
        const ticket = await pacer.acquire(BUCKET, signal);
        sentAt.push(time.now - T0);
        ticket.release({ ...bucket.handle(time.now), receivedAt: time.now });
      }
    };
    await time.run(Promise.all([worker(), worker(), worker()]));
    expect(bucket.throttled).toBe(0);
    // 100 less the reserve of one, all in the first instant; the next request waits for the window's end.
    expect(sentAt.filter((t) => t === 0)).toHaveLength(99);
    expect(sentAt.filter((t) => t > 0 && t < 59_000)).toHaveLength(0);
  });
});

describe('Pacer', () => {
  it('sends one probe to an unknown bucket and holds the rest until its headers arrive', async () => {
    const time = new FakeTime(T0, false);
    const pacer = new Pacer({ clock: time.clock, sleep: time.sleep });
    const signal = new AbortController().signal;
    const first = await pacer.acquire(BUCKET, signal);
    let second = false;
    const pending = pacer.acquire(BUCKET, signal).then((t) => {
      second = true;
      return t;
    });
    await settle();
    expect(second).toBe(false);
    first.release({ ...new FakeBucket(600, 60_000).handle(time.now), receivedAt: time.now });
    await settle();
    expect(second).toBe(true);
    (await pending).release({ lost: true });
  });

  it('rejects promptly when aborted while waiting for budget', async () => {
    const time = new FakeTime(T0, false);
    const pacer = new Pacer({ clock: time.clock, sleep: time.sleep });
    const signal = new AbortController().signal;
    const ticket = await pacer.acquire(BUCKET, signal);
    const headers = { 'x-rate-limit-limit': '600', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(T0 / 1000) + 60) };
    ticket.release({ status: 429, headers, receivedAt: time.now });
    const controller = new AbortController();
    const waiting = pacer.acquire(BUCKET, controller.signal);
    await settle();
    expect(time.sleeps.at(-1)).toBeGreaterThan(59_000); // sleeping until the reset …
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(PacingAborted); // … but leaves at once
  });

  it('reports the clock offset it learned from Date headers', () => {
    const time = new FakeTime(T0, false);
    const pacer = new Pacer({ clock: time.clock, sleep: time.sleep });
    return pacer.acquire(BUCKET, new AbortController().signal).then((ticket) => {
      ticket.release({ status: 200, headers: { date: new Date(T0 + 30_000).toUTCString() }, receivedAt: T0 });
      expect(pacer.clockOffsetMs()).toBe(30_000 - 250); // Date drops the 250 ms
    });
  });
});
