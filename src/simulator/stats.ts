/** What `GET /__sim/stats` reports: enough to assert a client behaved well. */
export interface SimStats {
  requests: number;
  requestsByBucket: Record<string, number>;
  throttledByBucket: Record<string, number>;
  throttled: number;
  concurrencyThrottled: number;
  inFlight: number;
  peakConcurrency: number;
  logPollingRequests: number;
  tokenRequests: number;
  /** Client mistakes a real Okta would reject or punish, e.g. a DPoP `htu` carrying a query string. */
  protocolViolations: { kind: string; detail: string; at: string }[];
}

export function newStats(): SimStats {
  return {
    requests: 0,
    requestsByBucket: {},
    throttledByBucket: {},
    throttled: 0,
    concurrencyThrottled: 0,
    inFlight: 0,
    peakConcurrency: 0,
    logPollingRequests: 0,
    tokenRequests: 0,
    protocolViolations: [],
  };
}

const MAX_VIOLATIONS_KEPT = 1000;

export function recordViolation(stats: SimStats, kind: string, detail: string, now: number): void {
  if (stats.protocolViolations.length < MAX_VIOLATIONS_KEPT) {
    stats.protocolViolations.push({ kind, detail, at: new Date(now).toISOString() });
  }
}
