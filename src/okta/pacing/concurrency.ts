import type { Clock } from '../../config/runtime.js';

/** Thrown by `acquire` when its signal aborts while waiting. */
export class ConcurrencyAborted extends Error {
  constructor() {
    super('aborted while waiting for a concurrency slot');
    this.name = 'ConcurrencyAborted';
  }
}

export interface ConcurrencyOptions {
  /** The configured ceiling (default 10: well under Okta's org limit of 75, or 35 on developer orgs). */
  max: number;
  clock: Clock;
  /** After a concurrency 429 the limit halves; it then grows by one per this much time without another (default 10 s). */
  recoverEveryMs?: number;
}

/**
 * Requests in flight across all buckets. Okta's concurrency limit is org-wide and shared with every other
 * integration (https://developer.okta.com/docs/reference/rl2-concurrency/), so a 429 with `X-Rate-Limit-Limit: 0`
 * means the org is busy: halve our share, then win it back one slot at a time (additive increase, multiplicative
 * decrease).
 */
export class ConcurrencyLimiter {
  private current: number;
  private active = 0;
  private highest = 0;
  private lastChange: number;
  private readonly waiters: { resolve: (release: () => void) => void }[] = [];
  private readonly recoverEveryMs: number;

  constructor(private readonly options: ConcurrencyOptions) {
    if (!Number.isInteger(options.max) || options.max < 1) throw new RangeError('concurrency must be a positive integer');
    this.current = options.max;
    this.lastChange = options.clock();
    this.recoverEveryMs = options.recoverEveryMs ?? 10_000;
  }

  /** The limit in force now. */
  get limit(): number {
    return this.current;
  }

  get inFlight(): number {
    return this.active;
  }

  /** The most requests ever in flight at once. */
  get peak(): number {
    return this.highest;
  }

  /** Resolves with a release function (idempotent) once a slot is free. */
  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(new ConcurrencyAborted());
    if (this.active < this.current && this.waiters.length === 0) return Promise.resolve(this.admit());
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (release: () => void) => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new ConcurrencyAborted());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** A concurrency 429 happened: halve the limit (at least 1). */
  lower(): void {
    this.current = Math.max(1, Math.floor(this.current / 2));
    this.lastChange = this.options.clock();
  }

  private admit(): () => void {
    this.active++;
    this.highest = Math.max(this.highest, this.active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.recover();
      this.drain();
    };
  }

  private recover(): void {
    const now = this.options.clock();
    if (this.current < this.options.max && now - this.lastChange >= this.recoverEveryMs) {
      this.current++;
      this.lastChange = now;
    }
  }

  private drain(): void {
    while (this.active < this.current) {
      const next = this.waiters.shift();
      if (next === undefined) return;
      next.resolve(this.admit());
    }
  }
}
