import { describe, expect, it } from 'vitest';
import { startBudget } from './budget.js';
import { summarizePlan, reverifyAllowance } from './incremental.js';
import { emptyPlan } from './change-plan.js';

function allowance(share: number, timeoutMs = 300_000) {
  let now = 0;
  const clock = () => now;
  const budget = startBudget({ timeoutMs, clock, schedule: () => () => undefined });
  const timers: { at: number; fire: () => void }[] = [];
  const schedule = (fire: () => void, ms: number) => {
    timers.push({ at: now + ms, fire });
    return () => undefined;
  };
  const { canContinue, signal } = reverifyAllowance({ budget, timeoutMs, reverifyShare: share, clock, schedule });
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers) if (timer.at <= now) timer.fire();
  };
  return { canContinue, signal, advance };
}

describe('re-verification’s share of the budget', () => {
  it('runs for its share of the budget from when it starts, not from the start of the sync', () => {
    const a = allowance(0.1);
    a.advance(60_000); // the change-driven reads took a minute
    expect(a.canContinue()).toBe(true);
    a.advance(29_999);
    expect(a.canContinue()).toBe(true);
    a.advance(1);
    expect(a.canContinue()).toBe(false);
  });

  it('aborts its signal when the share is up, without being asked, so requests still waiting for a slot are withdrawn', () => {
    const a = allowance(0.02); // 6 s of a 300 s budget
    expect(a.canContinue()).toBe(true);
    a.advance(5_999);
    expect(a.signal.aborted).toBe(false);
    a.advance(1);
    expect(a.signal.aborted).toBe(true);
    expect(a.canContinue()).toBe(false);
  });

  it('aborts its signal at the reserve when that comes before the share ends', () => {
    const a = allowance(0.8);
    a.advance(200_000);
    expect(a.canContinue()).toBe(true);
    a.advance(39_999);
    expect(a.signal.aborted).toBe(false);
    a.advance(1); // 60 s left: the reserve
    expect(a.signal.aborted).toBe(true);
  });

  it('never eats into the reserve the sync keeps to finish and promote', () => {
    const a = allowance(0.8);
    a.advance(230_000);
    expect(a.canContinue()).toBe(true);
    a.advance(10_001); // 59,999 ms left: under the 20 % reserve
    expect(a.canContinue()).toBe(false);
  });

  it('re-verifies nothing with a share of 0', () => {
    const a = allowance(0);
    expect(a.canContinue()).toBe(false);
    expect(a.signal.aborted).toBe(true);
  });
});

describe('the change summary', () => {
  it('counts the plan by kind and says how far the System Log was read', () => {
    const plan = emptyPlan();
    plan.userIds.add('00u1').add('00u2');
    plan.userIdsForFactors.add('00u3');
    plan.groupIds.add('00g1');
    plan.appUserChanges.push({ appId: '0oa1', user: { id: '00u1' }, removal: false });
    plan.policies = true;
    const cutoff = new Date('2026-12-02T07:00:00Z');
    expect(summarizePlan(plan, cutoff, true)).toEqual({ users: 2, factors: 1, groupMemberships: 1, apps: 0, appAssignments: 1, policies: 1, logCutoff: cutoff, logComplete: true });
  });
});
