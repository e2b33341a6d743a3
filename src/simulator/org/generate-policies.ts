import { policyDrafts, type PolicyGroups } from './policy-drafts.js';
import type { Rng } from './random.js';
import { DAY, type Timeline } from './time.js';
import type { SimPolicy, SimPolicyRule } from './types.js';

export interface GeneratedPolicies {
  policies: SimPolicy[];
  /** policyId → rules. */
  rules: Record<string, SimPolicyRule[]>;
  /** The app sign-in policies apps can point `accessPolicyId` at. */
  accessPolicies: SimPolicy[];
}

/** OKTA_SIGN_ON policies hold rules of type SIGN_ON; every other type's rules share the policy type (SPEC PolicyRule). */
function ruleType(policyType: string): string {
  return policyType === 'OKTA_SIGN_ON' ? 'SIGN_ON' : policyType;
}

/**
 * Turns the drafts into wire-shaped policies with ids, priorities per type and timestamps. Drafts share constant
 * sub-objects, so each policy gets its own deep copy and a route that edits one cannot change another.
 */
export function generatePolicies(groups: PolicyGroups, rng: Rng, time: Timeline): GeneratedPolicies {
  // A network zone id for the "off the corporate network" rule; the zone itself is not served.
  const zoneId = rng.id('nzo');
  const policies: SimPolicy[] = [];
  const rules: Record<string, SimPolicyRule[]> = {};
  const priorityByType = new Map<string, number>();

  for (const draft of policyDrafts(groups, zoneId)) {
    const priority = (priorityByType.get(draft.type) ?? 0) + 1;
    priorityByType.set(draft.type, priority);
    // App sign-in policies and their rules carry `rst`/`rul` ids in Okta; the others `00p`/`0pr`.
    const access = draft.type === 'ACCESS_POLICY';
    const created = rng.between(300 * DAY, 1500 * DAY);
    const policy: SimPolicy = {
      id: rng.id(access ? 'rst' : '00p'),
      type: draft.type,
      name: draft.name,
      description: draft.description,
      status: draft.status ?? 'ACTIVE',
      priority,
      system: draft.system ?? false,
      conditions: draft.include === undefined ? null : { people: { groups: { include: [...draft.include] } }, ...structuredClone(draft.conditions) },
      settings: structuredClone(draft.settings),
      created: time.iso(created),
      lastUpdated: time.iso(rng.between(0, created)),
    };
    policies.push(policy);
    rules[policy.id] = draft.rules.map((rule, k) => {
      const ruleCreated = rng.between(0, created);
      return {
        id: rng.id(access ? 'rul' : '0pr'),
        type: ruleType(draft.type),
        name: rule.name,
        priority: rule.priority ?? k + 1,
        status: rule.status ?? 'ACTIVE',
        system: rule.system ?? false,
        ...(rule.conditions !== undefined ? { conditions: structuredClone(rule.conditions) } : {}),
        actions: structuredClone(rule.actions),
        created: time.iso(ruleCreated),
        lastUpdated: time.iso(rng.between(0, ruleCreated)),
      };
    });
  }
  return { policies, rules, accessPolicies: policies.filter((p) => p.type === 'ACCESS_POLICY') };
}
