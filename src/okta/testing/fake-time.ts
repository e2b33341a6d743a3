import type { Clock, Sleep } from '../../config/runtime.js';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** Lets every pending promise callback run (one macrotask turn drains all microtasks). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Virtual time for tests: `clock` and `sleep` to inject. With `autoAdvance` (the default) a sleep moves the clock
 * forward at once and resolves, which suits one request at a time. Without it, sleeps wait for `advance`/`run`, so
 * concurrent tasks interleave in time order.
 */
export class FakeTime {
  now: number;
  /** Every sleep asked for, in order, in ms. */
  readonly sleeps: number[] = [];
  private timers: Timer[] = [];
  private seq = 0;

  constructor(
    start = Date.UTC(2026, 0, 1),
    private readonly autoAdvance = true,
  ) {
    this.now = start;
  }

  readonly clock: Clock = () => this.now;

  readonly sleep: Sleep = (ms, signal) => {
    this.sleeps.push(ms);
    if (signal?.aborted === true) return Promise.reject(new Error('aborted'));
    if (this.autoAdvance) {
      this.now += Math.max(0, ms);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const timer: Timer = { at: this.now + Math.max(0, ms), seq: this.seq++, resolve: () => resolve() };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(new Error('aborted'));
        },
        { once: true },
      );
    });
  };

  /** Fires the earliest timer, moving the clock to it. False when none is pending. */
  private fireNext(): boolean {
    if (this.timers.length === 0) return false;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const timer = this.timers.shift();
    if (timer === undefined) return false;
    this.now = Math.max(this.now, timer.at);
    timer.resolve();
    return true;
  }

  /** Runs timers in time order until `done` settles; throws if everything waits and no timer is pending. */
  async run<T>(done: Promise<T>): Promise<T> {
    const state = { finished: false };
    const tracked = done.finally(() => {
      state.finished = true;
    });
    tracked.catch(() => undefined);
    for (;;) {
      await settle();
      if (state.finished) return tracked;
      if (!this.fireNext()) throw new Error('deadlock: nothing is pending on the fake clock');
    }
  }
}
