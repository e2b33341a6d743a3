import { describe, expect, it } from 'vitest';
import { startBudget } from './budget.js';
import { summarizePlan, reverifyAllowance } from './incremental.js';
import { emptyPlan } from './change-plan.js';

function allowance(share: number, timeoutMs = 300_000) {
  let now = 0;
  const clock = () => now;
  const budget = startBudget({ timeoutMs, clock, schedule: () => () => undefined });
  return { canContinue: reverifyAllowance({ budget, timeoutMs, reverifyShare: share, clock }), advance: (ms: number) => (now += ms) };
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

  it('never eats into the reserve the sync keeps to finish and promote', () => {
    const a = allowance(0.8);
    a.advance(230_000);
    expect(a.canContinue()).toBe(true);
    a.advance(10_001); // 59,999 ms left: under the 20 % reserve
    expect(a.canContinue()).toBe(false);
  });

  it('re-verifies nothing with a share of 0', () => {
    expect(allowance(0).canContinue()).toBe(false);
  });
});

describe('the change summary', () => {
  it('counts the plan by kind and says how far the System Log was read', () => {
    const plan = emptyPlan();
    plan.userIds.add('00u1').add('00u2');
    plan.userIdsForFactors.add('00u3');
    plan.groupIds.add('00g1');
    plan.appUserChanges.push({ appId: '0oa1', user: { id: '00u1' } });
    plan.policies = true;
    const cutoff = new Date('2026-12-02T07:00:00Z');
    expect(summarizePlan(plan, cutoff, true)).toEqual({ users: 2, factors: 1, groupMemberships: 1, apps: 0, appAssignments: 1, policies: 1, logCutoff: cutoff, logComplete: true });
  });
});
