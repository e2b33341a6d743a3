import { describe, expect, it } from 'vitest';
import { ClockSkew } from './clock-skew.js';
import {
  budgetOf,
  delayBeforeNext,
  newBucketState,
  releaseSlot,
  reserveSlot,
  UNTIL_A_RESPONSE,
  EARLY_PROBE_LEAD_MS,
  windowAllowance,
  type BucketState,
  type PacingConfig,
  type WindowObservation,
} from './schedule.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const CONFIG: PacingConfig = { headroom: 0.05 };

function window(over: Partial<WindowObservation> & { resetInMs?: number } = {}): WindowObservation {
  const resetAtLocal = over.resetAtLocal ?? T0 + (over.resetInMs ?? 60_000);
  return { limit: 100, remaining: 99, serverReset: Math.ceil(resetAtLocal / 1000), resetAtLocal, throttled: false, ...over };
}

/** A state that has seen one response. */
function seeded(observation: WindowObservation, now = T0): BucketState {
  const state = newBucketState();
  reserveSlot(state, now, CONFIG);
  releaseSlot(state, { kind: 'window', observation }, now);
  return state;
}

/** Sends as fast as the schedule allows, answering each request at once with a decremented Remaining. */
function drive(state: BucketState, start: number, until: number, obs: WindowObservation): number[] {
  const sent: number[] = [];
  let now = start;
  let remaining = obs.remaining;
  for (;;) {
    const delay = delayBeforeNext(state, now, CONFIG);
    if (delay === UNTIL_A_RESPONSE || now + delay >= until) return sent;
    now += delay;
    reserveSlot(state, now, CONFIG);
    sent.push(now);
    remaining--;
    releaseSlot(state, { kind: 'window', observation: { ...obs, remaining } }, now);
  }
}

describe('delayBeforeNext', () => {
  it('sends one probe alone to a bucket it knows nothing about', () => {
    const state = newBucketState();
    expect(delayBeforeNext(state, T0, CONFIG)).toBe(0);
    reserveSlot(state, T0, CONFIG);
    expect(delayBeforeNext(state, T0, CONFIG)).toBe(UNTIL_A_RESPONSE);
    releaseSlot(state, { kind: 'window', observation: window() }, T0 + 50);
    expect(delayBeforeNext(state, T0 + 50, CONFIG)).toBe(0);
  });

  it('does not pace a bucket whose responses carry no rate-limit headers', () => {
    const state = newBucketState();
    reserveSlot(state, T0, CONFIG);
    releaseSlot(state, { kind: 'unmetered' }, T0);
    for (let i = 0; i < 20; i++) reserveSlot(state, T0, CONFIG);
    expect(delayBeforeNext(state, T0, CONFIG)).toBe(0);
  });

  it('spends the whole budget at once, then waits for the reset (a fixed window: what is held back is lost)', () => {
    const obs = window({ limit: 100, remaining: 99 });
    const state = seeded(obs);
    const sent = drive(state, T0, T0 + 59_000, obs);
    // 99 remaining − 5 reserve = 94 more requests in this window, all at once.
    expect(sent).toHaveLength(94);
    expect(sent.every((t) => t === T0)).toBe(true);
    // The reserve is left: the next request is the early probe, half a second before the reset.
    expect(delayBeforeNext(state, T0, CONFIG)).toBe(60_000 - EARLY_PROBE_LEAD_MS);
  });

  it('sends the budget as fast as responses come back when requests are in flight, never past it', () => {
    const state = seeded(window({ limit: 100, remaining: 99 }));
    for (let i = 0; i < 94; i++) {
      expect(delayBeforeNext(state, T0, CONFIG)).toBe(0);
      reserveSlot(state, T0, CONFIG);
    }
    // 94 in flight: the budget is spent until their answers or the window's end.
    expect(delayBeforeNext(state, T0, CONFIG)).toBe(60_000);
  });

  it('never books more than Remaining minus the reserve, counting requests in flight', () => {
    const state = seeded(window({ limit: 100, remaining: 12 }));
    let booked = 0;
    let now = T0;
    while (delayBeforeNext(state, now, CONFIG) < 60_000 - (now - T0)) {
      now += delayBeforeNext(state, now, CONFIG);
      reserveSlot(state, now, CONFIG); // never answered: all stay in flight
      booked++;
    }
    expect(booked).toBe(12 - 5);
    expect(budgetOf(state.windows[0]!, state.inFlight, CONFIG)).toBe(0);
    expect(delayBeforeNext(state, now, CONFIG)).toBe(T0 + 60_000 - now);
  });

  it('waits for the window to end when the budget is spent, then probes alone', () => {
    const state = seeded(window({ remaining: 5 }));
    // Only the reserve is left: the early probe half a second before the reset is the next request.
    expect(delayBeforeNext(state, T0 + 1000, CONFIG)).toBe(59_000 - EARLY_PROBE_LEAD_MS);
    expect(delayBeforeNext(state, T0 + 60_000, CONFIG)).toBe(0); // window over: a probe may go
    reserveSlot(state, T0 + 60_000, CONFIG);
    expect(delayBeforeNext(state, T0 + 60_000, CONFIG)).toBe(UNTIL_A_RESPONSE);
    const fresh = window({ remaining: 99, resetAtLocal: T0 + 120_100 });
    releaseSlot(state, { kind: 'window', observation: fresh }, T0 + 60_100);
    expect(state.windows).toHaveLength(1);
    expect(state.windows[0]).toMatchObject({ remaining: 99, serverReset: fresh.serverReset });
    expect(delayBeforeNext(state, T0 + 60_100, CONFIG)).toBe(0);
  });

  it('sends one early probe before the reset when the old window has room for it, and wins the new window early', () => {
    const state = seeded(window({ remaining: 3 }));
    const early = T0 + 60_000 - EARLY_PROBE_LEAD_MS;
    expect(delayBeforeNext(state, early - 1, CONFIG)).toBe(1);
    expect(delayBeforeNext(state, early, CONFIG)).toBe(0);
    reserveSlot(state, early, CONFIG);
    // The probe goes alone: nothing else before the reset, nor after it while the probe is out.
    expect(delayBeforeNext(state, early, CONFIG)).toBe(EARLY_PROBE_LEAD_MS);
    expect(delayBeforeNext(state, T0 + 60_000, CONFIG)).toBe(UNTIL_A_RESPONSE);
    const fresh = window({ remaining: 99, resetAtLocal: T0 + 119_600 });
    releaseSlot(state, { kind: 'window', observation: { ...fresh, sentAt: early } }, early + 40);
    expect(delayBeforeNext(state, early + 40, CONFIG)).toBe(0);
    expect(budgetOf(state.windows[0]!, 0, CONFIG)).toBe(99 - 5);
  });

  it('waits for the reset after an early probe that was counted in the old window, without a second early probe', () => {
    const obs = window({ remaining: 3 });
    const state = seeded(obs);
    const early = T0 + 60_000 - EARLY_PROBE_LEAD_MS;
    reserveSlot(state, early, CONFIG);
    releaseSlot(state, { kind: 'window', observation: { ...obs, remaining: 2, sentAt: early } }, early + 40);
    expect(state.windows[0]?.resetAt).toBe(T0 + 60_000); // sent before Reset: proves nothing about rounding
    expect(delayBeforeNext(state, early + 40, CONFIG)).toBe(EARLY_PROBE_LEAD_MS - 40);
  });

  it('sends no early probe when the old window has no room left: that request would be a 429', () => {
    const state = seeded(window({ remaining: 0 }));
    expect(delayBeforeNext(state, T0 + 59_600, CONFIG)).toBe(400);
  });

  it('waits until Reset + 1 s when a probe finds the old window still open (Reset rounded down)', () => {
    const obs = window({ remaining: 5 }); // exactly the reserve left: nothing more to send in this window
    const state = seeded(obs);
    expect(delayBeforeNext(state, T0 + 60_000, CONFIG)).toBe(0); // our clock says the window is over: probe
    reserveSlot(state, T0 + 60_000, CONFIG);
    releaseSlot(state, { kind: 'window', observation: { ...obs, remaining: 4, sentAt: T0 + 60_000 } }, T0 + 60_050);
    expect(state.windows[0]?.resetAt).toBe(T0 + 61_000);
    expect(delayBeforeNext(state, T0 + 60_050, CONFIG)).toBe(950);
  });

  it('does not take a late answer to a request sent before the reset as a sign the window is still open', () => {
    const obs = window({ remaining: 40 });
    const state = seeded(obs);
    reserveSlot(state, T0 + 59_900, CONFIG);
    releaseSlot(state, { kind: 'window', observation: { ...obs, remaining: 39, sentAt: T0 + 59_900 } }, T0 + 60_100);
    expect(state.windows[0]?.resetAt).toBe(T0 + 60_000);
    expect(delayBeforeNext(state, T0 + 60_100, CONFIG)).toBe(0); // probe now
  });

  it('treats a 429 as an exhausted window until Reset + 1 s', () => {
    const obs = window({ remaining: 50 });
    const state = seeded(obs);
    reserveSlot(state, T0 + 10, CONFIG);
    reserveSlot(state, T0 + 10, CONFIG);
    releaseSlot(state, { kind: 'window', observation: { ...obs, remaining: 0, throttled: true } }, T0 + 20);
    expect(delayBeforeNext(state, T0 + 20, CONFIG)).toBe(60_000 + 1000 - 20);
    // A slower answer from the same window does not bring the end back earlier.
    releaseSlot(state, { kind: 'window', observation: { ...obs, remaining: 3 } }, T0 + 30);
    expect(delayBeforeNext(state, T0 + 30, CONFIG)).toBe(60_000 + 1000 - 30);
  });

  it('learns a hidden per-token cap from a 429 that arrives while Remaining claims room', () => {
    const obs = window({ limit: 600, remaining: 590 });
    const state = seeded(obs); // one admitted
    for (let i = 0; i < 3; i++) {
      reserveSlot(state, T0, CONFIG);
      releaseSlot(state, { kind: 'window', observation: { ...obs, remaining: 589 - i } }, T0);
    }
    reserveSlot(state, T0, CONFIG);
    releaseSlot(state, { kind: 'window', observation: { ...obs, remaining: 500, throttled: true } }, T0);
    expect(state.windows[0]?.hiddenCap).toBe(4);
    // Next window: the cap (4) binds, not Limit (600): 4 − reserve 1 = 3 requests.
    const next = window({ limit: 600, remaining: 599, resetAtLocal: T0 + 200_000 });
    reserveSlot(state, T0 + 61_000, CONFIG);
    releaseSlot(state, { kind: 'window', observation: next }, T0 + 61_000);
    expect(budgetOf(state.windows[0]!, 0, CONFIG)).toBe(4 - 1 - 1);
  });

  it('keeps one window per reported ceiling and lets the tighter one decide', () => {
    const state = seeded(window({ limit: 300, remaining: 10 }));
    reserveSlot(state, T0, CONFIG);
    releaseSlot(state, { kind: 'window', observation: window({ limit: 1000, remaining: 990 }) }, T0);
    expect(state.windows.map((w) => w.limit)).toEqual([300, 1000]);
    // The 300 window has 10 left − a reserve of 15 < 1: it blocks although the 1000 window has room.
    expect(delayBeforeNext(state, T0, CONFIG)).toBe(60_000);
  });

  it('ignores late responses from an earlier window', () => {
    const state = seeded(window({ remaining: 80, resetAtLocal: T0 + 120_000 }));
    releaseSlot(state, { kind: 'window', observation: window({ remaining: 3, resetAtLocal: T0 + 60_000 }) }, T0);
    expect(state.windows[0]?.remaining).toBe(80);
  });

  it('assumes a lost request was counted, and a concurrency-refused one was not', () => {
    const state = seeded(window({ remaining: 50 }));
    reserveSlot(state, T0, CONFIG);
    releaseSlot(state, { kind: 'lost' }, T0);
    expect(state.windows[0]?.remaining).toBe(49);
    reserveSlot(state, T0, CONFIG);
    releaseSlot(state, { kind: 'not-counted' }, T0);
    expect(state.windows[0]?.remaining).toBe(49);
    expect(state.inFlight).toBe(0);
  });
});

describe('ClockSkew', () => {
  it('converts the server’s Reset to local time from Date headers, erring late', () => {
    const skew = new ClockSkew();
    // Server clock 10.4 s ahead of ours; Date has one-second resolution.
    const serverNow = (local: number) => local + 10_400;
    for (let local = T0; local < T0 + 5000; local += 130) {
      skew.observe(Math.floor(serverNow(local) / 1000) * 1000, local + 20);
    }
    const offset = skew.offsetMs(T0 + 5000);
    expect(offset).toBeLessThanOrEqual(10_400);
    expect(offset).toBeGreaterThan(10_400 - 200);
    const reset = Math.ceil(serverNow(T0 + 30_000) / 1000) * 1000;
    expect(skew.toLocal(reset, T0 + 5000)).toBeGreaterThanOrEqual(reset - 10_400);
  });

  it('forgets old samples so a local clock step does not stick', () => {
    const skew = new ClockSkew(60_000);
    skew.observe(T0 + 30_000, T0);
    expect(skew.offsetMs(T0)).toBe(30_000);
    skew.observe(T0 + 70_000, T0 + 70_000);
    expect(skew.offsetMs(T0 + 70_000)).toBe(0);
  });
});

describe('windowAllowance', () => {
  it('is what the current window still takes after the reserve, with the requests in flight apart', () => {
    const state = seeded(window({ remaining: 40 }));
    reserveSlot(state, T0, CONFIG);
    expect(windowAllowance(state, T0, CONFIG)).toEqual({ requests: 35, inFlight: 1 }); // 40 − 5 % of 100
  });

  it('counts a window past its Reset as a fresh one of the same ceiling', () => {
    const state = seeded(window({ remaining: 2, resetInMs: 1_000 }));
    expect(windowAllowance(state, T0, CONFIG)?.requests).toBe(0);
    expect(windowAllowance(state, T0 + 1_000, CONFIG)?.requests).toBe(95);
  });

  it('is unknown before any response and for a bucket without rate-limit headers', () => {
    expect(windowAllowance(newBucketState(), T0, CONFIG)).toBeUndefined();
    const state = newBucketState();
    reserveSlot(state, T0, CONFIG);
    releaseSlot(state, { kind: 'unmetered' }, T0);
    expect(windowAllowance(state, T0, CONFIG)).toBeUndefined();
  });
});
