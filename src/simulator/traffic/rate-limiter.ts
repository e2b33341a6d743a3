import type { Bucket } from './buckets.js';

/** How the per-minute table is applied: `timeScale` K shortens the window to 60/K s and divides limits by K. */
export interface RateLimiterSettings {
  timeScale: number;
  /** Share of a bucket one caller (token or OAuth app) may use; Okta's default is 0.5. */
  tokenShare: number;
}

/** The verdict for one request, with the values of its `X-Rate-Limit-*` headers. */
export interface RateDecision {
  admitted: boolean;
  limit: number;
  remaining: number;
  /** UTC epoch seconds at or after which the bucket's window has ended. */
  resetEpochSeconds: number;
}

interface BucketWindow {
  start: number;
  count: number;
  byCaller: Map<string, number>;
}

export function windowMsFor(timeScale: number): number {
  return 60_000 / timeScale;
}

/** The org-wide ceiling of a bucket for one (scaled) window; never below one request. */
export function scaledLimit(limitPerMinute: number, timeScale: number): number {
  return Math.max(1, Math.round(limitPerMinute / timeScale));
}

/** One caller's ceiling: 50 % by default, e.g. 120/min logs → 60 per token (https://developer.okta.com/docs/reference/rl2-token-oauth/). */
export function callerCeiling(limit: number, tokenShare: number): number {
  return Math.max(1, Math.floor(limit * tokenShare));
}

/**
 * Per-bucket fixed windows that start at the bucket's first request, not on wall-clock minutes
 * (https://developer.okta.com/docs/reference/rate-limits/); the next window starts at the first request after the
 * previous one ended. Within a window a request is admitted when both the org-wide counter and its caller's counter
 * have room; a refused request consumes nothing. Callers share their bucket's window (UNCERTAIN: Okta may keep a
 * separate window per token).
 *
 * `X-Rate-Limit-Reset` is the window end rounded UP to whole seconds. So a client that waits until Reset (or, with
 * Okta's formula, Reset − Date + 1 s) always finds the window over and never sees a 429 for it, whatever the time
 * scale. With a large time scale a window can be shorter than a second; the reset then overstates the wait by up to
 * one second. We accept that over fractional resets: Okta's value is an integer and SDKs parse it as one, and a
 * conservative reset only slows a well-behaved client, it never throttles it.
 */
export class RateLimiter {
  private readonly windows = new Map<string, BucketWindow>();
  private readonly windowMs: number;

  constructor(private readonly settings: RateLimiterSettings) {
    this.windowMs = windowMsFor(settings.timeScale);
  }

  /** Counts the request when admitted. `caller` is null for requests without a principal (the token endpoint). */
  admit(bucket: Bucket, caller: string | null, now: number): RateDecision {
    const window = this.windowFor(bucket.id, now);
    const orgLimit = scaledLimit(bucket.limitPerMinute, this.settings.timeScale);
    const callerLimit = caller === null ? orgLimit : callerCeiling(orgLimit, this.settings.tokenShare);
    const callerCount = caller === null ? window.count : (window.byCaller.get(caller) ?? 0);
    const resetEpochSeconds = Math.ceil((window.start + this.windowMs) / 1000);
    // UNCERTAIN (OKTA-API.md §4.1): which ceiling the headers report once a token has its own cap. We report the
    // caller's ceiling, the one that binds a single client, and Remaining as the smaller of the two counters' room,
    // so a client pacing on these headers alone respects both.
    const room = Math.min(orgLimit - window.count, callerLimit - callerCount);
    if (room <= 0) return { admitted: false, limit: callerLimit, remaining: 0, resetEpochSeconds };
    window.count++;
    if (caller !== null) window.byCaller.set(caller, callerCount + 1);
    return { admitted: true, limit: callerLimit, remaining: room - 1, resetEpochSeconds };
  }

  private windowFor(bucketId: string, now: number): BucketWindow {
    const current = this.windows.get(bucketId);
    if (current !== undefined && now < current.start + this.windowMs) return current;
    const fresh: BucketWindow = { start: now, count: 0, byCaller: new Map() };
    this.windows.set(bucketId, fresh);
    return fresh;
  }
}
