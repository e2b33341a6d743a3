import type { Clock, Sleep } from '../../config/runtime.js';
import { ClockSkew } from './clock-skew.js';
import { readRateLimitHeaders, type HeaderMap } from './rate-headers.js';
import {
  DEFAULT_PACING,
  delayBeforeNext,
  newBucketState,
  releaseSlot,
  reserveSlot,
  UNTIL_A_RESPONSE,
  type BucketState,
  type PacingConfig,
  windowAllowance,
  type SlotOutcome,
  type WindowAllowance,
} from './schedule.js';

/**
 * How a paced request ended: its response; `lost` = sent but no usable response (timeout, connection lost, aborted
 * mid-flight), which Okta may have counted; `notSent` = given up before it went out.
 */
export type PacedOutcome = { status: number; headers: HeaderMap; receivedAt: number } | { lost: true } | { notSent: true };

/** A booked slot in a bucket; release it exactly once (later calls are ignored). */
export interface PacingTicket {
  release(outcome: PacedOutcome): void;
}

/** Thrown by `acquire` when its signal aborts while waiting. */
export class PacingAborted extends Error {
  constructor() {
    super('aborted while waiting for rate-limit budget');
    this.name = 'PacingAborted';
  }
}

interface Waiter {
  signal: AbortSignal;
  resolve: (ticket: PacingTicket) => void;
  reject: (error: unknown) => void;
}

/** Turns a response into what the schedule learns from it, converting Reset to local time. */
function outcomeOf(outcome: PacedOutcome, sentAt: number, skew: ClockSkew): SlotOutcome {
  if ('lost' in outcome) return { kind: 'lost' };
  if ('notSent' in outcome) return { kind: 'not-counted' };
  const rate = readRateLimitHeaders(outcome.headers);
  if (rate.serverDateMs !== undefined) skew.observe(rate.serverDateMs, outcome.receivedAt);
  if (rate.limit === 0) return { kind: 'not-counted' }; // concurrency 429: refused before counting (UNCERTAIN)
  if (rate.limit === undefined || rate.remaining === undefined || rate.resetEpochSeconds === undefined) return { kind: 'unmetered' };
  const serverReset = rate.resetEpochSeconds;
  return {
    kind: 'window',
    observation: {
      limit: rate.limit,
      remaining: rate.remaining,
      serverReset,
      resetAtLocal: skew.toLocal(serverReset * 1000, outcome.receivedAt),
      throttled: outcome.status === 429,
      sentAt,
    },
  };
}

/** One bucket's state and its FIFO of waiting requests; only the head waits on the clock. */
class BucketGate {
  readonly state: BucketState = newBucketState();
  private readonly waiters: Waiter[] = [];
  private pumping = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    private readonly skew: ClockSkew,
    private readonly config: PacingConfig,
  ) {}

  acquire(signal: AbortSignal): Promise<PacingTicket> {
    if (signal.aborted) return Promise.reject(new PacingAborted());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { signal, resolve, reject };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index < 0) return;
        this.waiters.splice(index, 1);
        reject(new PacingAborted());
        this.wake?.();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      waiter.resolve = (ticket) => {
        signal.removeEventListener('abort', onAbort);
        resolve(ticket);
      };
      this.waiters.push(waiter);
      void this.pump();
    });
  }

  private ticket(sentAt: number): PacingTicket {
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        releaseSlot(this.state, outcomeOf(outcome, sentAt, this.skew), this.clock());
        this.wake?.();
        void this.pump();
      },
    };
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let head = this.waiters[0]; head !== undefined; head = this.waiters[0]) {
        const now = this.clock();
        const delay = delayBeforeNext(this.state, now, this.config);
        if (delay <= 0) {
          reserveSlot(this.state, now, this.config);
          this.waiters.shift();
          head.resolve(this.ticket(now));
          continue;
        }
        await this.waitForChange(delay);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Sleeps `delay` (forever for UNTIL_A_RESPONSE) or until a release or an abort wakes the pump. */
  private async waitForChange(delay: number): Promise<void> {
    const interrupt = new AbortController();
    this.wake = () => interrupt.abort();
    try {
      if (delay === UNTIL_A_RESPONSE) {
        await new Promise<void>((resolve) => interrupt.signal.addEventListener('abort', () => resolve(), { once: true }));
      } else {
        await this.sleep(delay, interrupt.signal).catch(() => undefined);
      }
    } finally {
      this.wake = undefined;
    }
  }
}

export interface PacerOptions {
  clock: Clock;
  sleep: Sleep;
  config?: Partial<PacingConfig>;
}

/**
 * Paces requests per rate-limit bucket: `acquire` resolves when the bucket's schedule lets a request start and
 * books it as in flight; the ticket's `release` feeds the response headers back. One clock-skew estimate serves all
 * buckets (one server clock).
 */
export class Pacer {
  private readonly gates = new Map<string, BucketGate>();
  private readonly skew = new ClockSkew();
  private readonly config: PacingConfig;

  constructor(private readonly options: PacerOptions) {
    this.config = { ...DEFAULT_PACING, ...options.config };
  }

  acquire(bucket: string, signal: AbortSignal): Promise<PacingTicket> {
    let gate = this.gates.get(bucket);
    if (gate === undefined) {
      gate = new BucketGate(this.options.clock, this.options.sleep, this.skew, this.config);
      this.gates.set(bucket, gate);
    }
    return gate.acquire(signal);
  }

  /** What the bucket's current window still takes (`windowAllowance`); undefined for a bucket never used. */
  allowanceOf(bucket: string): WindowAllowance | undefined {
    const state = this.gates.get(bucket)?.state;
    return state === undefined ? undefined : windowAllowance(state, this.options.clock(), this.config);
  }

  /** A copy of a bucket's state, for stats and tests. */
  stateOf(bucket: string): BucketState | undefined {
    const state = this.gates.get(bucket)?.state;
    return state === undefined ? undefined : structuredClone(state);
  }

  /** Estimated server − local clock offset in ms. */
  clockOffsetMs(): number {
    return this.skew.offsetMs(this.options.clock());
  }
}
