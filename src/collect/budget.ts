import type { Clock } from '../config/runtime.js';

/** Calls `callback` once after `ms`; returns a function that cancels it. Injected so tests decide when time is up. */
export type Schedule = (callback: () => void, ms: number) => () => void;

export const realSchedule: Schedule = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

/** Why a budget's signal fired: its time ran out, or the caller cancelled the sync (Ctrl-C, server shutdown). */
export type BudgetStop = 'timed_out' | 'cancelled';

/**
 * A sync's time budget. Its `signal` goes to every collector and, through them, to every request: when the time is
 * up, whatever is in flight (a request, a pacing wait, a retry back-off) stops at once.
 */
export interface Budget {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** Milliseconds left, never negative. */
  remainingMs(): number;
  /** Why the signal fired, or undefined while the sync may go on. */
  stopped(): BudgetStop | undefined;
  /** Cancels the timer; call once the sync has ended. */
  dispose(): void;
}

export interface BudgetOptions {
  timeoutMs: number;
  clock: Clock;
  schedule?: Schedule | undefined;
  /** The caller's own cancellation, folded into the same signal. */
  cancel?: AbortSignal | undefined;
}

export function startBudget({ timeoutMs, clock, schedule = realSchedule, cancel }: BudgetOptions): Budget {
  const controller = new AbortController();
  const deadline = clock() + timeoutMs;
  let stop: BudgetStop | undefined;
  const abort = (why: BudgetStop): void => {
    if (stop !== undefined) return;
    stop = why;
    controller.abort(new Error(why === 'timed_out' ? `the sync ran out of its ${timeoutMs} ms budget` : 'the sync was cancelled'));
  };
  const cancelTimer = schedule(() => abort('timed_out'), timeoutMs);
  const onCancel = (): void => abort('cancelled');
  if (cancel?.aborted === true) onCancel();
  else cancel?.addEventListener('abort', onCancel, { once: true });
  return {
    signal: controller.signal,
    timeoutMs,
    remainingMs: () => (stop === undefined ? Math.max(0, deadline - clock()) : 0),
    stopped: () => stop,
    dispose: () => {
      cancelTimer();
      cancel?.removeEventListener('abort', onCancel);
    },
  };
}
