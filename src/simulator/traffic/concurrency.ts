import type { RateLimitPreset } from '../options.js';

/**
 * Org concurrency caps (https://developer.okta.com/docs/reference/rl2-concurrency/): Workforce 75, Integrator Free 35
 * (the pre-Dec-2025 page said 15 for Integrator Free). An explicit `concurrencyLimit` wins, even with preset `off`.
 */
export function concurrencyLimitFor(preset: RateLimitPreset, override: number | undefined): number | null {
  if (override !== undefined) return override;
  switch (preset) {
    case 'workforce':
      return 75;
    case 'developer':
      return 35;
    case 'off':
      return null;
  }
}

/** Counts requests in flight; `null` limit means unlimited (still counted). */
export class ConcurrencyGate {
  private current = 0;
  private highest = 0;

  constructor(readonly limit: number | null) {}

  get inFlight(): number {
    return this.current;
  }

  /** The most requests admitted at once; refused requests are never in flight and don't count. */
  get peak(): number {
    return this.highest;
  }

  /** Admits a request and returns its release function (safe to call more than once), or null when full. */
  tryAcquire(): (() => void) | null {
    if (this.limit !== null && this.current >= this.limit) return null;
    this.current++;
    this.highest = Math.max(this.highest, this.current);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.current--;
    };
  }
}
