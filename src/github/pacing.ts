/*
 * Pacing by GitHub's own rate-limit headers (GITHUB-API.md §5): each answer says how many requests are left in its
 * resource (`x-ratelimit-resource`: core, graphql…) and when the window resets. When none are left, the next request
 * of that resource waits for the reset instead of being sent to collect a 403; after a secondary-limit refusal every
 * request waits out its `retry-after` (or 60 s without one), so a refusal never turns into a storm of them.
 * @octokit/plugin-throttling stays underneath as the reactive net (it retries a refusal after the advised wait).
 */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

interface ResourceState {
  remaining: number;
  /** Epoch ms at which the window resets, by the server's clock. */
  resetAtMs: number;
}

export interface PacingStats {
  requests: number;
  requestsByResource: Record<string, number>;
  /** Waits for a primary window to reset before a request was sent. */
  primaryWaits: number;
  /** Refusals for a secondary rate limit (403/429 naming one). */
  secondaryLimitRefusals: number;
  /** Refusals for the primary limit (remaining 0). */
  primaryLimitRefusals: number;
  waitedMs: number;
}

export interface Pacer {
  /** Resolves when a request to `resource` may be sent. */
  beforeRequest(resource: string, signal?: AbortSignal): Promise<void>;
  /** Reads the rate-limit headers of an answer (success or refusal). */
  observe(resource: string, headers: Record<string, string | number | undefined>): void;
  /** A secondary limit was hit: nothing is sent for `seconds`. */
  pauseAll(seconds: number): void;
  readonly stats: PacingStats;
}

/** The resource a request counts against, before its answer says so. */
export function resourceOf(url: string): string {
  const { pathname } = new URL(url, 'http://github.invalid');
  return /\/graphql$/.test(pathname) ? 'graphql' : 'core';
}

export function createPacer(options: { now: () => number; sleep: Sleep; marginMs?: number }): Pacer {
  const states = new Map<string, ResourceState>();
  const marginMs = options.marginMs ?? 1_000;
  let pausedUntil = 0;
  /** Server clock minus ours, from `date` headers: a reset is in the server's time. */
  let skewMs = 0;
  const stats: PacingStats = { requests: 0, requestsByResource: {}, primaryWaits: 0, secondaryLimitRefusals: 0, primaryLimitRefusals: 0, waitedMs: 0 };

  async function waitUntil(at: number, signal: AbortSignal | undefined): Promise<void> {
    const ms = at - options.now();
    if (ms <= 0) return;
    stats.waitedMs += ms;
    await options.sleep(ms, signal);
  }

  return {
    stats,
    async beforeRequest(resource, signal) {
      await waitUntil(pausedUntil, signal);
      const state = states.get(resource);
      if (state !== undefined && state.remaining <= 0) {
        const resumeAt = state.resetAtMs - skewMs + marginMs;
        if (resumeAt > options.now()) {
          stats.primaryWaits += 1;
          await waitUntil(resumeAt, signal);
        }
        // The window has reset: the next answer says how much the new one holds.
        states.delete(resource);
      }
      stats.requests += 1;
      stats.requestsByResource[resource] = (stats.requestsByResource[resource] ?? 0) + 1;
      if (state !== undefined && state.remaining > 0) state.remaining -= 1;
    },
    observe(resource, headers) {
      const date = Date.parse(String(headers.date ?? ''));
      if (Number.isFinite(date)) skewMs = date - options.now();
      const remaining = Number(headers['x-ratelimit-remaining']);
      const reset = Number(headers['x-ratelimit-reset']);
      // GitHub Enterprise Server may run without rate limits and send none of these: nothing to pace by then.
      if (headers['x-ratelimit-remaining'] === undefined || !Number.isFinite(remaining) || !Number.isFinite(reset)) return;
      const name = typeof headers['x-ratelimit-resource'] === 'string' ? headers['x-ratelimit-resource'] : resource;
      states.set(name, { remaining, resetAtMs: reset * 1000 });
    },
    pauseAll(seconds) {
      pausedUntil = Math.max(pausedUntil, options.now() + seconds * 1000);
    },
  };
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
