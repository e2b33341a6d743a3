/** The primary-limit resources the simulator serves (`x-ratelimit-resource`). */
export type GhResource = 'core' | 'graphql';

export interface PrimaryState {
  limit: number;
  used: number;
  remaining: number;
  /** UTC epoch seconds when the window ends. */
  reset: number;
}

interface Window {
  start: number;
  used: number;
}

/**
 * GitHub's primary limits: a budget per caller and resource per hour (D-RL). The window starts at the caller's first
 * counted request and `x-ratelimit-reset` is its end in epoch seconds, rounded up; a refused request consumes nothing.
 * `timeScale` K shortens the hour to 60/K minutes with the same budget (a test of exhaustion need not wait an hour).
 */
export class PrimaryLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly windowMs: number) {}

  /** The caller's state without counting (`GET /rate_limit` does not count, D-RL). */
  peek(key: string, limit: number, now: number): PrimaryState {
    const window = this.current(key, now);
    return this.state(window ?? { start: now, used: 0 }, limit);
  }

  /** Charges `cost` when the budget has room for it; otherwise charges nothing. */
  charge(key: string, limit: number, cost: number, now: number): { admitted: boolean; state: PrimaryState } {
    let window = this.current(key, now);
    if (window === undefined) {
      window = { start: now, used: 0 };
      this.windows.set(key, window);
    }
    if (window.used + cost > limit) return { admitted: false, state: this.state(window, limit) };
    window.used += cost;
    return { admitted: true, state: this.state(window, limit) };
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window === undefined || now >= window.start + this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private state(window: Window, limit: number): PrimaryState {
    const used = Math.min(window.used, limit);
    return { limit, used, remaining: limit - used, reset: Math.ceil((window.start + this.windowMs) / 1000) };
  }
}

/**
 * Secondary limits (D-SEC): points per minute per caller and endpoint (REST) or per caller (GraphQL), in fixed
 * windows from the first request. No API reports them; a refusal carries `retry-after` (when configured) instead.
 */
export class PointsPerMinute {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly windowMs: number) {}

  /** Adds `points` when they fit under `limit`; returns the seconds until the window ends when they do not. */
  take(key: string, points: number, limit: number, now: number): { admitted: true } | { admitted: false; retryAfterSeconds: number } {
    let window = this.windows.get(key);
    if (window === undefined || now >= window.start + this.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(key, window);
    }
    if (window.used + points > limit) return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) };
    window.used += points;
    return { admitted: true };
  }
}

/** Requests in flight per caller; GitHub allows 100 at once, shared by REST and GraphQL (D-SEC). */
export class CallerConcurrency {
  private readonly inFlight = new Map<string, number>();
  private total = 0;
  peak = 0;

  get current(): number {
    return this.total;
  }

  /** Admits a request and returns its release (safe to call twice), or null when the caller is at `limit`. */
  tryAcquire(key: string, limit: number): (() => void) | null {
    const n = this.inFlight.get(key) ?? 0;
    if (n >= limit) return null;
    this.inFlight.set(key, n + 1);
    this.total++;
    this.peak = Math.max(this.peak, this.total);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left <= 0) this.inFlight.delete(key);
      else this.inFlight.set(key, left);
    };
  }
}
