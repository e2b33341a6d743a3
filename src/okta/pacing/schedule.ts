/**
 * The pacing decision for one rate-limit bucket, as pure functions of a small state and the time, so they can be
 * tested with a fake clock. `pacer.ts` does the waiting.
 *
 * Model (https://developer.okta.com/docs/reference/rate-limits/): a bucket allows `Limit` requests per fixed window
 * of about a minute, not aligned to wall-clock minutes; `X-Rate-Limit-Reset` is the second the count starts again.
 * The client knows no limits up front. Per bucket:
 *
 * - **Budget.** Usable now = lowest Remaining seen in the window − requests in flight − a reserve (the headroom kept
 *   for other clients of the same token). In-flight requests are subtracted even if the server has already counted
 *   some of them: pessimistic by at most the concurrency, and exact again once their responses arrive.
 * - **Use the window at once.** The window is fixed: a request held back now is not added to a later window, it is
 *   lost. So the whole budget may go as soon as the concurrency cap lets it; nothing is spread over the window. A
 *   bucket that needs 886 requests at 300 per window thus takes two windows and a burst (about 121 s), not three
 *   whole windows (177 s) as when each window's budget was spread evenly (issue 13). Other apps of the org are
 *   protected by Okta's per-token cap (50 % of each bucket), not by our spreading.
 * - **Window edges.** When the (skew-corrected) Reset has passed, one probe request goes alone; its headers show the
 *   new window before anything else is sent. Reset has one-second resolution, so the window may really have ended up
 *   to a second earlier: when the old window still has room for one request (its reserve), one early probe goes
 *   `EARLY_PROBE_LEAD_MS` before Reset. Either it finds the new window (won back up to that lead), or it is counted in
 *   the old one, within its Remaining, so never a 429; the next probe then waits for Reset. A probe sent at or after
 *   Reset that still finds the old window (a Reset rounded down) makes the next probe wait until Reset + 1 s,
 *   Okta's own 429 formula. Unknown buckets probe the same way.
 * - **Ceilings.** Okta caps each token/app at a share of a bucket (50 % by default) and which ceiling the headers
 *   report is UNCERTAIN (OKTA-API.md §4.1). A window is kept per reported Limit (responses of one bucket id that
 *   report different ceilings are really different counters: each must admit the request); and a 429 while Remaining
 *   claimed room teaches the window a hidden cap equal to what it had admitted.
 */

export interface PacingConfig {
  /** Share of each window's ceiling kept in reserve for other clients of the token (never less than one request). */
  headroom: number;
}

/**
 * 1 %: 3 of the 300 requests a token may make per window in the users bucket, 1 of 50 in the apps bucket. Okta's
 * per-token cap already keeps half of every bucket for the org's other apps; the reserve is only for another tool
 * sharing this token. It was 5 %, which costs a whole window whenever a job fits n windows at 100 % but not at 95 %:
 * a 1,000-user org's 886 requests in the users bucket need 3 × 296, not 4 × 285 (docs/performance.md).
 */
export const DEFAULT_PACING: PacingConfig = { headroom: 0.01 };

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
  /** The early probe of this window went (at most one per window). */
  earlyProbed: boolean;
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

/**
 * How long before Reset the early probe goes. Where a window really ends within Reset's last second is unknown: if
 * it is anywhere in that second, half a second wins back the most on average (a quarter of a second per window);
 * if windows start at the first request after the last one ended (as in the simulator), the early probe finds the
 * new window every other window and wins back about half a second each time.
 */
export const EARLY_PROBE_LEAD_MS = 500;

export function newBucketState(): BucketState {
  return { windows: [], inFlight: 0, unmetered: false };
}

function ceilingOf(w: RateWindow): number {
  return Math.min(w.limit, w.hiddenCap ?? Number.POSITIVE_INFINITY);
}

export function reserveFor(ceiling: number, config: PacingConfig): number {
  return Math.max(1, Math.ceil(ceiling * config.headroom));
}

/** Requests the server would still admit in this window, after those in flight. */
function roomOf(w: RateWindow, inFlight: number): number {
  return Math.min(w.remaining, (w.hiddenCap ?? Number.POSITIVE_INFINITY) - w.admitted) - inFlight;
}

/** Requests this window can still take now, after in-flight requests and the reserve. */
export function budgetOf(w: RateWindow, inFlight: number, config: PacingConfig): number {
  return roomOf(w, inFlight) - reserveFor(ceilingOf(w), config);
}

function isExpired(w: RateWindow, now: number): boolean {
  return now >= w.resetAt;
}

/** When this window, out of budget, lets the next request go: its early probe if it has room for one, else Reset. */
function nextChanceOf(w: RateWindow, inFlight: number): number {
  const early = !w.earlyProbed && inFlight === 0 && roomOf(w, 0) >= 1;
  return early ? w.resetAt - EARLY_PROBE_LEAD_MS : w.resetAt;
}

/** What a bucket's current window can still take (`windowAllowance`). */
export interface WindowAllowance {
  /** Requests the window admits beyond those answered, after the reserve; requests in flight are not subtracted. */
  requests: number;
  /** Requests of the bucket in flight now, which may be counted against `requests` any moment. */
  inFlight: number;
}

/**
 * How many more requests this bucket's current window takes, for a caller that must not begin work it cannot finish
 * before a reset (re-verification in a small share of the budget). Undefined when nothing limits the bucket (no
 * window seen yet, or no rate-limit headers). A window whose Reset has passed counts as a fresh one of the same
 * ceiling: its budget is whole once its probe is answered.
 */
export function windowAllowance(state: BucketState, now: number, config: PacingConfig = DEFAULT_PACING): WindowAllowance | undefined {
  if (state.unmetered || state.windows.length === 0) return undefined;
  const left = state.windows.map((w) => (isExpired(w, now) ? ceilingOf(w) : roomOf(w, 0)) - reserveFor(ceilingOf(w), config));
  return { requests: Math.max(0, Math.min(...left)), inFlight: state.inFlight };
}

/**
 * Milliseconds to wait before the next request of this bucket may start: 0 = now, `UNTIL_A_RESPONSE` = wait for a
 * response in flight. The caller re-asks after waiting (and whenever a response arrives); the answer depends only
 * on the state and `now`.
 */
export function delayBeforeNext(state: BucketState, now: number, config: PacingConfig = DEFAULT_PACING): number {
  if (state.windows.length === 0) return state.unmetered || state.inFlight === 0 ? 0 : UNTIL_A_RESPONSE;
  let delay = 0;
  for (const w of state.windows) {
    if (budgetOf(w, state.inFlight, config) >= 1 && !isExpired(w, now)) continue;
    // Out of budget (or over): the next request is a probe of the next window, and a probe goes alone.
    const at = nextChanceOf(w, 0);
    if (now >= at && state.inFlight > 0) return UNTIL_A_RESPONSE;
    delay = Math.max(delay, nextChanceOf(w, state.inFlight) - now);
  }
  return Math.max(0, delay);
}

/** Books a request that starts now (call only when `delayBeforeNext` said 0). */
export function reserveSlot(state: BucketState, now: number, config: PacingConfig = DEFAULT_PACING): void {
  for (const w of state.windows) {
    // A request that goes while the window is out of budget, before its Reset, is its early probe.
    if (!isExpired(w, now) && budgetOf(w, state.inFlight, config) < 1) w.earlyProbed = true;
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
export function releaseSlot(state: BucketState, outcome: SlotOutcome, now: number): void {
  state.inFlight = Math.max(0, state.inFlight - 1);
  switch (outcome.kind) {
    case 'window':
      state.unmetered = false;
      recordObservation(state, outcome.observation, now);
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

function recordObservation(state: BucketState, o: WindowObservation, now: number): void {
  let w = state.windows.find((x) => x.limit === o.limit);
  // A response with another ceiling shows the expired windows of other ceilings were stale: drop them.
  state.windows = state.windows.filter((x) => x === w || !isExpired(x, now));
  if (w === undefined) {
    w = { limit: o.limit, remaining: o.remaining, admitted: 0, serverReset: o.serverReset, resetAt: o.resetAtLocal, earlyProbed: false };
    state.windows.push(w);
  } else if (o.serverReset > w.serverReset) {
    Object.assign(w, { remaining: o.remaining, admitted: 0, serverReset: o.serverReset, resetAt: o.resetAtLocal, earlyProbed: false });
  } else if (o.serverReset === w.serverReset) {
    w.remaining = Math.min(w.remaining, o.remaining);
    // A request sent after we thought the window over still found it open: the Reset was rounded down. Next probe
    // at Reset + 1 s. (A request sent before that moment proves nothing.) The end of a window only ever moves later.
    const probedLate = isExpired(w, o.sentAt ?? now);
    w.resetAt = Math.max(w.resetAt, probedLate ? o.resetAtLocal + RESET_MARGIN_MS : o.resetAtLocal);
    if (probedLate) w.earlyProbed = true; // the window outlived its Reset: no probe before the new one

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
