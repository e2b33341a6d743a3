/** What the client did, for sync history and for asserting good behaviour against the simulator. */
export interface StatsSnapshot {
  /** Requests sent (every attempt). */
  requests: number;
  requestsByBucket: Record<string, number>;
  /** 429 responses, concurrency ones included. */
  throttled: number;
  throttledByBucket: Record<string, number>;
  /** 429s with `X-Rate-Limit-Limit: 0`. */
  concurrencyThrottled: number;
  /** Attempts after the first (not counting auth challenges). */
  retries: number;
  /** Requests resent once because the auth strategy answered a 400/401 challenge (DPoP nonce, expired token). */
  challenges: number;
  /** The most requests in flight at once. */
  peakConcurrency: number;
  /** The concurrency limit in force now (lower than configured after concurrency 429s, until it recovers). */
  concurrencyLimit: number;
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export class TransportStats {
  private requests = 0;
  private readonly byBucket = new Map<string, number>();
  private throttled = 0;
  private readonly throttledByBucket = new Map<string, number>();
  private concurrencyThrottled = 0;
  private retries = 0;
  private challenges = 0;

  request(bucket: string): void {
    this.requests++;
    bump(this.byBucket, bucket);
  }

  throttle(bucket: string, concurrency: boolean): void {
    this.throttled++;
    bump(this.throttledByBucket, bucket);
    if (concurrency) this.concurrencyThrottled++;
  }

  retry(): void {
    this.retries++;
  }

  challenge(): void {
    this.challenges++;
  }

  snapshot(live: { peakConcurrency: number; concurrencyLimit: number }): StatsSnapshot {
    return {
      requests: this.requests,
      requestsByBucket: Object.fromEntries(this.byBucket),
      throttled: this.throttled,
      throttledByBucket: Object.fromEntries(this.throttledByBucket),
      concurrencyThrottled: this.concurrencyThrottled,
      retries: this.retries,
      challenges: this.challenges,
      ...live,
    };
  }
}
