import { describe, expect, it } from 'vitest';
import { applyChanges } from './changes.js';
import { planChurn } from './churn.js';
import { generateOrg } from './generate.js';

const NOW = Date.UTC(2026, 5, 1, 12);

describe('planChurn', () => {
  it('gives the share of users one change each, of every kind, plus a policy edit, deterministically', () => {
    const org = generateOrg({ users: 500, seed: 4, now: NOW, logEventsPerUserPerDay: 0 });
    const changes = planChurn(org, 0.02, 9);
    expect(changes).toEqual(planChurn(org, 0.02, 9));
    expect(changes.length).toBeGreaterThanOrEqual(10);
    expect(changes.length).toBeLessThanOrEqual(11);
    expect(new Set(changes.map((c) => c.kind)).size).toBeGreaterThanOrEqual(9);
    const before = org.logs.size;
    expect(() => applyChanges(org, changes, NOW)).not.toThrow();
    expect(org.logs.size).toBeGreaterThan(before + changes.length - 1);
  });

  it('hires under logins no user holds, so the same seed planned twice still applies', () => {
    const org = generateOrg({ users: 200, seed: 4, now: NOW, logEventsPerUserPerDay: 0 });
    applyChanges(org, planChurn(org, 0.1, 9), NOW);
    expect(() => applyChanges(org, planChurn(org, 0.1, 9), NOW)).not.toThrow();
    const logins = org.users.map((u) => u.profile.login);
    expect(new Set(logins).size).toBe(logins.length);
  });
});
