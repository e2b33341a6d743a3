import { BUCKET_LIMITS } from '../src/simulator/traffic/buckets.js';
import { callerCeiling, scaledLimit, windowMsFor } from '../src/simulator/traffic/rate-limiter.js';

/** How the client sends: requests in flight at once and the simulator's mean latency, for the last burst. */
export interface BurstModel {
  concurrency: number;
  latencyMs: number;
}

/** The bench's client: the Okta client's default concurrency, the simulator's 40 ms. */
export const DEFAULT_BURST: BurstModel = { concurrency: 10, latencyMs: 40 };

export interface RateLimitFloor {
  ms: number;
  /** The bucket whose floor is the sync's. */
  bucket: string;
  /** Every bucket's floor, for the report. */
  byBucket: Record<string, number>;
}

/**
 * The least time one bucket's n requests can take when the token may make c per fixed window: every window's
 * allowance used at once, so n needs ⌈n / c⌉ windows, of which all but the last are waited out whole; the last is a
 * burst of the remaining r = n − (⌈n / c⌉ − 1) × c requests, ⌈r / concurrency⌉ round trips.
 */
export function bucketFloorMs(n: number, perWindow: number, windowMs: number, burst: BurstModel = DEFAULT_BURST): number {
  if (n <= 0) return 0;
  const windows = Math.ceil(n / perWindow);
  const last = n - (windows - 1) * perWindow;
  return (windows - 1) * windowMs + Math.ceil(last / burst.concurrency) * burst.latencyMs;
}

/**
 * The rate-limit floor of the requests a sync made: a bucket lets the token make c = ⌊round(limit / K) × share⌋
 * requests per window of 60/K s (time scale K), buckets are paced independently and run side by side, so the floor is
 * the slowest bucket's `bucketFloorMs`. Windows are fixed (`X-Rate-Limit-Reset` is when the count starts again), so
 * n / c × window — the floor before issue 13 — was too low by up to a window less a burst per bucket. Dependencies
 * between reads (factors after the user list) and the sync's own work are not in it; `ratio` = wall / floor.
 */
export function rateLimitFloorMs(requestsByBucket: Record<string, number>, timeScale: number, tokenShare: number, burst: BurstModel = DEFAULT_BURST): RateLimitFloor {
  const floor: RateLimitFloor = { ms: 0, bucket: '', byBucket: {} };
  for (const [bucket, n] of Object.entries(requestsByBucket)) {
    const limits = (BUCKET_LIMITS as Record<string, { workforce: number } | undefined>)[bucket];
    if (limits === undefined) continue;
    const perWindow = callerCeiling(scaledLimit(limits.workforce, timeScale), tokenShare);
    const ms = bucketFloorMs(n, perWindow, windowMsFor(timeScale), burst);
    floor.byBucket[bucket] = ms;
    if (ms > floor.ms) Object.assign(floor, { ms, bucket });
  }
  return floor;
}
