import { describe, expect, it } from 'vitest';
import { startBudget } from './budget.js';
import { manualSchedule } from './testing/fake-collectors.js';

describe('startBudget', () => {
  it('aborts its signal when the time is up and says so', () => {
    let now = 1_000;
    const timer = manualSchedule();
    const budget = startBudget({ timeoutMs: 5_000, clock: () => now, schedule: timer.schedule });
    now = 3_000;
    expect(budget.remainingMs()).toBe(3_000);
    expect(budget.stopped()).toBeUndefined();
    timer.expire();
    expect(budget.signal.aborted).toBe(true);
    expect(budget.stopped()).toBe('timed_out');
    expect(budget.remainingMs()).toBe(0);
  });

  it('folds the caller’s cancellation into the same signal, once', () => {
    const timer = manualSchedule();
    const cancel = new AbortController();
    const budget = startBudget({ timeoutMs: 5_000, clock: () => 0, schedule: timer.schedule, cancel: cancel.signal });
    cancel.abort();
    timer.expire();
    expect(budget.stopped()).toBe('cancelled');
    expect(startBudget({ timeoutMs: 1, clock: () => 0, schedule: timer.schedule, cancel: cancel.signal }).stopped()).toBe('cancelled');
  });

  it('stops its timer when disposed', async () => {
    const budget = startBudget({ timeoutMs: 5, clock: Date.now });
    budget.dispose();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(budget.signal.aborted).toBe(false);
  });
});
