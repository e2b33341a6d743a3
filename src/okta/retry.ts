import { headerValue, readRateLimitHeaders, type HeaderMap } from './pacing/rate-headers.js';

/** A failure without a response: the request may or may not have reached Okta. */
export type TransportErrorKind = 'timeout' | 'reset' | 'network';

export interface RetryInput {
  /** Attempts made so far, this one included (1 after the first failure). */
  attempt: number;
  method: string;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Set instead of `status` when no response arrived. */
  errorKind?: TransportErrorKind;
  headers: HeaderMap;
  /** Local time (epoch ms). */
  now: number;
  /** The response `Date` header (epoch ms), when present; else `now` stands in for the server clock. */
  serverDate?: number;
  /** Total attempts allowed, the first included. */
  maxAttempts: number;
  /** Backoff base: attempt n waits up to base × 2^(n−1). */
  baseDelayMs: number;
  /** Backoff ceiling (default 30 s). */
  maxDelayMs?: number;
  /** A 429 whose Reset lies further away than this is not waited for (default 2 min: two Okta windows). */
  maxRateLimitWaitMs?: number;
  random: () => number;
}

export interface RetryDecision {
  retry: boolean;
  waitMs: number;
  /** Why, for logs and for the final error message. */
  reason: string;
  /** A concurrency 429: the caller should lower its concurrency. */
  lowerConcurrency?: boolean;
}

/** Okta's margin for sub-second differences between the clocks behind Date and Reset (okta-sdk-nodejs). */
const RESET_MARGIN_MS = 1000;
const RETRYABLE_5XX = new Set([500, 502, 503, 504]);
const CONCURRENCY_MIN_WAIT_MS = 250;

function isIdempotent(method: string): boolean {
  const m = method.toUpperCase();
  return m === 'GET' || m === 'HEAD';
}

/** "Full jitter" exponential backoff (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). */
export function backoffMs(input: Pick<RetryInput, 'attempt' | 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(input.maxDelayMs ?? 30_000, input.baseDelayMs * 2 ** Math.max(0, input.attempt - 1));
  return Math.floor(input.random() * ceiling);
}

/** `Retry-After` in seconds (only the delta-seconds form), in ms. */
function retryAfterMs(headers: HeaderMap): number | undefined {
  const value = headerValue(headers, 'retry-after')?.trim();
  return value !== undefined && /^\d{1,6}$/.test(value) ? Number(value) * 1000 : undefined;
}

function no(reason: string): RetryDecision {
  return { retry: false, waitMs: 0, reason };
}

function decideRateLimited(input: RetryInput): RetryDecision {
  const rate = readRateLimitHeaders(input.headers);
  if (rate.limit === 0) {
    // Concurrency limit (https://developer.okta.com/docs/reference/rl2-concurrency/): Reset is only an estimate,
    // and slots free up as other requests finish. Short wait; fewer requests at once from now on.
    return {
      retry: true,
      waitMs: CONCURRENCY_MIN_WAIT_MS + backoffMs(input),
      reason: 'concurrency limit reached (429 with X-Rate-Limit-Limit: 0)',
      lowerConcurrency: true,
    };
  }
  if (rate.resetEpochSeconds === undefined) {
    return { retry: true, waitMs: backoffMs(input), reason: 'rate limited (429) without a usable X-Rate-Limit-Reset; backing off' };
  }
  // Reset − Date + 1 s: Okta's formula (okta-sdk-golang PR #168, okta-sdk-nodejs getRetryDelayMs), blind backoff
  // wastes the known reset time (OKTA-API.md §4.3, §13 pitfall 8).
  const serverNow = input.serverDate ?? input.now;
  const waitMs = Math.max(0, rate.resetEpochSeconds * 1000 - serverNow) + RESET_MARGIN_MS;
  const limit = input.maxRateLimitWaitMs ?? 120_000;
  if (waitMs > limit) return no(`rate limited (429); the window resets in ${Math.ceil(waitMs / 1000)} s, longer than the ${Math.ceil(limit / 1000)} s we wait`);
  const ambiguity = rate.resetWasAmbiguous ? ' (several Reset values; used the latest)' : '';
  return { retry: true, waitMs, reason: `rate limited (429); waiting for the window to reset${ambiguity}` };
}

/**
 * Whether to try a failed request again, and after how long. Pure: a function of the response (or failure),
 * the attempt count and the clock.
 *
 * - 429: always safe to retry (Okta refused before doing anything). Wait until Reset, or briefly for a concurrency 429.
 * - 500/502/503/504, timeouts and connection resets: exponential backoff with full jitter, GET/HEAD only (a repeated
 *   write could apply twice). `Retry-After`, when sent, is a floor.
 * - Network failures (DNS, refused, TLS): not retried; a wrong domain or a blocked proxy does not heal in seconds.
 * - Any other status: never. A 401/400 challenge (new DPoP nonce, expired access token) is the auth strategy's
 *   `handleChallenge`, once, not a retry.
 */
export function decideRetry(input: RetryInput): RetryDecision {
  if (input.attempt >= input.maxAttempts) return no(`gave up after ${input.attempt} attempt${input.attempt === 1 ? '' : 's'}`);
  if (input.status === 429) return decideRateLimited(input);
  if (input.status !== undefined) {
    if (!RETRYABLE_5XX.has(input.status)) return no(`HTTP ${input.status} is not retryable`);
    if (!isIdempotent(input.method)) return no(`HTTP ${input.status} on ${input.method.toUpperCase()}, which is not idempotent`);
    const waitMs = Math.max(backoffMs(input), Math.min(retryAfterMs(input.headers) ?? 0, input.maxDelayMs ?? 30_000));
    return { retry: true, waitMs, reason: `server error ${input.status}; backing off` };
  }
  switch (input.errorKind) {
    case 'timeout':
    case 'reset':
      if (!isIdempotent(input.method)) return no(`${input.errorKind} on ${input.method.toUpperCase()}, which is not idempotent`);
      return { retry: true, waitMs: backoffMs(input), reason: input.errorKind === 'timeout' ? 'timed out; backing off' : 'connection reset; backing off' };
    case 'network':
      return no('network failure (host unreachable); not retried');
    case undefined:
      return no('nothing to retry');
  }
}
