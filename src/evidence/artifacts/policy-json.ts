import type { PolicyRecord, PolicyRuleRecord } from '../../store/types.js';
import type { SnapshotSource } from '../artifact.js';
import { isoDate } from '../artifact.js';
import { conditionGroups, namesOf, type NamedEntity } from './lookups.js';

/**
 * A policy as the policy artifacts show it: settings and conditions exactly as Okta returned them, and beside the
 * conditions the groups they name with each group's name (`groups`).
 */
export function policyJson(policy: PolicyRecord, groups: ReadonlyMap<string, NamedEntity>): Record<string, unknown> {
  return {
    id: policy.id,
    type: policy.type,
    name: policy.name,
    status: policy.status,
    priority: policy.priority,
    system: policy.system,
    conditions: policy.conditions,
    groups: conditionGroups(policy.conditions, groups),
    settings: policy.settings,
    created: isoDate(policy.created),
    lastUpdated: isoDate(policy.lastUpdated),
  };
}

export function ruleJson(rule: PolicyRuleRecord, groups: ReadonlyMap<string, NamedEntity>): Record<string, unknown> {
  return {
    id: rule.id,
    type: rule.type,
    name: rule.name,
    status: rule.status,
    priority: rule.priority,
    system: rule.system,
    conditions: rule.conditions,
    groups: conditionGroups(rule.conditions, groups),
    actions: rule.actions,
  };
}

/**
 * The snapshot's policies of one type with their rules, one policy at a time. Policies are few (tens, at most a few
 * thousand app sign-in policies), and each policy's rules are read by its own indexed query.
 */
export async function* policiesOfType(
  source: SnapshotSource,
  type: string,
): AsyncGenerator<{ policy: PolicyRecord; rules: PolicyRuleRecord[]; groups: ReadonlyMap<string, NamedEntity> }> {
  const groups = await namesOf(source, 'groups');
  for await (const policy of source.entities.stream('policies', source.snapshotId)) {
    if (policy.type !== type) continue;
    const rules: PolicyRuleRecord[] = [];
    for await (const rule of source.entities.stream('policyRules', source.snapshotId, { parentId: policy.id })) rules.push(rule);
    // Okta evaluates rules by priority; ties (and missing priorities) keep id order.
    rules.sort((a, b) => (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER));
    yield { policy, rules, groups };
  }
}
