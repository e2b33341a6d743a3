/**
 * The pacing decision for one rate-limit bucket, as pure functions of a small state and the time, so they can be
 * tested with a fake clock. `pacer.ts` does the waiting.
 *
 * Model (https://developer.okta.com/docs/reference/rate-limits/): a bucket allows `Limit` requests per window of
 * about a minute, not aligned to wall-clock minutes; every response reports `Limit`, `Remaining` and `Reset`.
 * The client knows no limits up front. Per bucket:
 *
 * - **Budget.** Usable now = lowest Remaining seen in the window − requests in flight − a reserve (the headroom).
 *   In-flight requests are subtracted even if the server has already counted some of them: pessimistic by at most
 *   the concurrency, and exact again once their responses arrive. Nothing is sent when the budget is below one.
 * - **Spreading.** Within the budget, requests are spread evenly over the time left in the window: a token bucket
 *   that refills at (budget ÷ time left) and holds at most a small burst. A fresh window starts full, so short jobs
 *   are not slowed; long ones settle at exactly the rate that spends the budget by the reset. The client slows down
 *   before the limit instead of after it, and leaves room for other apps sharing the org bucket.
 * - **Window edges.** When the (skew-corrected) Reset has passed, one probe request goes alone; its headers show the
 *   new window before anything else is sent. A probe that finds the old window (a Reset rounded down) uses a reserve
 *   slot, and the next probe waits until Reset + 1 s, Okta's own 429 formula. Unknown buckets probe the same way.
 * - **Ceilings.** Okta caps each token/app at a share of a bucket (50 % by default) and which ceiling the headers
 *   report is UNCERTAIN (OKTA-API.md §4.1). A window is kept per reported Limit (responses of one bucket id that
 *   report different ceilings are really different counters: each must admit the request); and a 429 while Remaining
 *   claimed room teaches the window a hidden cap equal to what it had admitted.
 */

export interface PacingConfig {
  /** Share of each window's ceiling kept in reserve (never less than one request). */
  headroom: number;
  /** Share of each window's ceiling that may go out back to back before spacing applies (at least one). */
  burst: number;
}

export const DEFAULT_PACING: PacingConfig = { headroom: 0.05, burst: 0.1 };

/** One server-side counter as seen through response headers. */
export interface RateWindow {
  /** `X-Rate-Limit-Limit` for this counter. */
  limit: number;
  /** A ceiling learned from a 429 that arrived while Remaining claimed room; kept across windows. */
  hiddenCap?: number;
  /** The lowest `X-Rate-Limit-Remaining` seen in this window. */
  remaining: number;
  /** Responses counted in this window (to apply `hiddenCap`). */
  admitted: number;
  /** `X-Rate-Limit-Reset` of this window, epoch seconds (server clock). */
  serverReset: number;
  /** Local time after which the window is over and a probe may go. */
  resetAt: number;
  /** Send credit (token bucket): refills at budget ÷ time left, holds at most the burst size. */
  tokens: number;
  /** Local time `tokens` was last brought up to date. */
  refilledAt: number;
}

export interface BucketState {
  windows: RateWindow[];
  inFlight: number;
  /** The last response carried no rate-limit headers: nothing to pace on (e.g. a simulator with limits off). */
  unmetered: boolean;
}

/** What a response said about the bucket, with Reset already converted to local time. */
export interface WindowObservation {
  limit: number;
  remaining: number;
  serverReset: number;
  resetAtLocal: number;
  /** The response was a 429 for this counter (not a concurrency 429). */
  throttled: boolean;
  /** Local time the request was booked; absent = the response time. */
  sentAt?: number;
}

/** Returned by `delayBeforeNext` when only a response in flight can unblock the bucket. */
export const UNTIL_A_RESPONSE = Number.POSITIVE_INFINITY;

/** One second past Reset: Okta's margin for sub-second clock differences (okta-sdk-nodejs `getRetryDelayMs`). */
const RESET_MARGIN_MS = 1000;

export function newBucketState(): BucketState {
  return { windows: [], inFlight: 0, unmetered: false };
}

function ceilingOf(w: RateWindow): number {
  return Math.min(w.limit, w.hiddenCap ?? Number.POSITIVE_INFINITY);
}

export function reserveFor(ceiling: number, config: PacingConfig): number {
  return Math.max(1, Math.ceil(ceiling * config.headroom));
}

/** Requests this window can still take now, after in-flight requests and the reserve. */
export function budgetOf(w: RateWindow, inFlight: number, config: PacingConfig): number {
  const room = Math.min(w.remaining, (w.hiddenCap ?? Number.POSITIVE_INFINITY) - w.admitted);
  return room - inFlight - reserveFor(ceilingOf(w), config);
}

function burstOf(w: RateWindow, config: PacingConfig): number {
  return Math.max(1, Math.ceil(ceilingOf(w) * config.burst));
}

/** Send credit now: the stored credit plus what the time since accrued at the rate that spends `budget` by the reset. */
function creditOf(w: RateWindow, budget: number, now: number, config: PacingConfig): { credit: number; ratePerMs: number } {
  const ratePerMs = budget / Math.max(1, w.resetAt - now);
  const credit = Math.min(burstOf(w, config), w.tokens + Math.max(0, now - w.refilledAt) * ratePerMs);
  return { credit, ratePerMs };
}

function isExpired(w: RateWindow, now: number): boolean {
  return now >= w.resetAt;
}

/**
 * Milliseconds to wait before the next request of this bucket may start: 0 = now, `UNTIL_A_RESPONSE` = wait for a
 * response in flight. The caller re-asks after waiting; the answer depends only on the state and `now`.
 */
export function delayBeforeNext(state: BucketState, now: number, config: PacingConfig = DEFAULT_PACING): number {
  if (state.windows.length === 0) return state.unmetered || state.inFlight === 0 ? 0 : UNTIL_A_RESPONSE;
  let delay = 0;
  for (const w of state.windows) {
    if (isExpired(w, now)) {
      if (state.inFlight > 0) return UNTIL_A_RESPONSE; // the probe goes alone
      continue;
    }
    const budget = budgetOf(w, state.inFlight, config);
    if (budget < 1) {
      // Out of budget: wait for the window to end (or for an in-flight response to free a slot, whichever first).
      delay = Math.max(delay, w.resetAt - now);
      continue;
    }
    const { credit, ratePerMs } = creditOf(w, budget, now, config);
    if (credit < 1) delay = Math.max(delay, Math.ceil((1 - credit) / ratePerMs));
  }
  return Math.max(0, delay);
}

/** Books a request that starts now (call only when `delayBeforeNext` said 0). */
export function reserveSlot(state: BucketState, now: number, config: PacingConfig = DEFAULT_PACING): void {
  for (const w of state.windows) {
    if (isExpired(w, now)) continue;
    const budget = budgetOf(w, state.inFlight, config);
    if (budget < 1) continue;
    w.tokens = Math.max(0, creditOf(w, budget, now, config).credit - 1);
    w.refilledAt = now;
  }
  state.inFlight++;
}

/**
 * How an in-flight request ended, for the bucket's books: `window` = a response with rate-limit headers;
 * `unmetered` = a response without them; `not-counted` = refused before counting (a concurrency 429);
 * `lost` = no response (timeout, reset), which the server may well have counted.
 */
export type SlotOutcome =
  | { kind: 'window'; observation: WindowObservation }
  | { kind: 'unmetered' }
  | { kind: 'not-counted' }
  | { kind: 'lost' };

/** Ends one in-flight request and learns from its outcome. */
export function releaseSlot(state: BucketState, outcome: SlotOutcome, now: number, config: PacingConfig = DEFAULT_PACING): void {
  state.inFlight = Math.max(0, state.inFlight - 1);
  switch (outcome.kind) {
    case 'window':
      state.unmetered = false;
      recordObservation(state, outcome.observation, now, config);
      return;
    case 'unmetered':
      if (state.windows.length === 0) state.unmetered = true;
      return;
    case 'lost':
      for (const w of state.windows) if (!isExpired(w, now)) w.remaining = Math.max(0, w.remaining - 1);
      return;
    case 'not-counted':
      return;
  }
}

function recordObservation(state: BucketState, o: WindowObservation, now: number, config: PacingConfig): void {
  let w = state.windows.find((x) => x.limit === o.limit);
  // A response with another ceiling shows the expired windows of other ceilings were stale: drop them.
  state.windows = state.windows.filter((x) => x === w || !isExpired(x, now));
  if (w === undefined) {
    w = { limit: o.limit, remaining: o.remaining, admitted: 0, serverReset: o.serverReset, resetAt: o.resetAtLocal, tokens: 0, refilledAt: now };
    w.tokens = burstOf(w, config);
    state.windows.push(w);
  } else if (o.serverReset > w.serverReset) {
    Object.assign(w, { remaining: o.remaining, admitted: 0, serverReset: o.serverReset, resetAt: o.resetAtLocal, refilledAt: now });
    w.tokens = burstOf(w, config);
  } else if (o.serverReset === w.serverReset) {
    w.remaining = Math.min(w.remaining, o.remaining);
    // A request sent after we thought the window over still found it open: the Reset was rounded down. Next probe
    // at Reset + 1 s. (A request sent before that moment proves nothing.) The end of a window only ever moves later.
    const probedLate = isExpired(w, o.sentAt ?? now);
    w.resetAt = Math.max(w.resetAt, probedLate ? o.resetAtLocal + RESET_MARGIN_MS : o.resetAtLocal);
  } else {
    return; // a late response from an earlier window
  }
  if (!o.throttled) {
    w.admitted++;
    return;
  }
  // Throttled while Remaining claimed room: the headers describe a wider counter than the one that binds us.
  if (o.remaining > 0 && w.admitted > 0) w.hiddenCap = w.admitted;
  w.remaining = 0;
  w.resetAt = Math.max(w.resetAt, o.resetAtLocal + RESET_MARGIN_MS);
}
