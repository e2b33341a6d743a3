import { isOktaClientError } from '../okta/errors.js';
import { oktaPolicyRuleSchema, oktaPolicySchema, type OktaPolicy, type OktaPolicyRule } from '../okta/schemas/policy.js';
import type { PolicyRecord, PolicyRuleRecord } from '../store/types.js';
import { changePlan } from './change-scope.js';
import { defineCollector, type CollectContext, type CollectResult } from './collector.js';
import { DatasetReport, plural } from './dataset-report.js';
import { isNotFound, listItems, parseRecords, segment } from './read.js';
import { removeUnseen, replaceCollectionErrors } from './snapshot-writes.js';
import { forEachConcurrently } from './worker-pool.js';
import { POLICIES_DATASET } from './datasets.js';

/**
 * The policy types the checks read (OKTA-API.md §9): password rules, authenticator enrollment (both the Classic
 * `settings.factors` and the Identity Engine `settings.authenticators` shape, kept as-is), the global session policy
 * and app sign-in (authentication) policies. `type` is required on the list call.
 */
export const POLICY_TYPES = ['PASSWORD', 'MFA_ENROLL', 'OKTA_SIGN_ON', 'ACCESS_POLICY'] as const;

/** SPEC gives `limit` for policies and rules but no default or maximum (OKTA-API.md §3); Okta pages rules too. */
const PAGE_LIMIT = 200;

export function toPolicyRecord(policy: OktaPolicy): PolicyRecord {
  return {
    id: policy.id,
    type: policy.type,
    name: policy.name,
    status: policy.status,
    priority: policy.priority,
    system: policy.system,
    conditions: policy.conditions,
    settings: policy.settings,
    created: policy.created,
    lastUpdated: policy.lastUpdated,
  };
}

export function toPolicyRuleRecord(policyId: string, rule: OktaPolicyRule): PolicyRuleRecord {
  return {
    policyId,
    id: rule.id,
    type: rule.type,
    name: rule.name,
    status: rule.status,
    priority: rule.priority,
    system: rule.system,
    conditions: rule.conditions,
    actions: rule.actions,
  };
}

/**
 * Lists one policy type. A 400 for the type (e.g. ACCESS_POLICY on an org without Identity Engine, whose exact
 * answer is UNCERTAIN) leaves that type out and says so, rather than failing the whole sync.
 */
async function readPolicyType(ctx: CollectContext, report: DatasetReport, type: string, seen: Set<string>): Promise<void> {
  const request = { label: `the ${type} policy list`, path: '/api/v1/policies', query: { type, limit: PAGE_LIMIT } };
  const policies = parseRecords(listItems(ctx, request, report), { schema: oktaPolicySchema, map: toPolicyRecord, report, onRecord: (p) => seen.add(p.id) });
  try {
    await ctx.store.entities.upsert('policies', ctx.snapshotId, policies);
  } catch (error) {
    if (!isOktaClientError(error, 'OKTA_BAD_REQUEST')) throw error;
    report.incomplete(`Okta refused to list ${type} policies (${error.oktaErrorCode ?? 'HTTP 400'}); this org may not have that policy type`);
  }
}

/** One policy's rules, replaced in one transaction (a policy has a handful). */
async function readRules(ctx: CollectContext, report: DatasetReport, policyId: string): Promise<'read' | 'deleted'> {
  const request = { label: `the rules of policy ${policyId}`, path: `/api/v1/policies/${segment(policyId)}/rules`, query: { limit: PAGE_LIMIT } };
  const rules: PolicyRuleRecord[] = [];
  try {
    const parsed = parseRecords(listItems(ctx, request, report), {
      schema: oktaPolicyRuleSchema,
      map: (rule) => toPolicyRuleRecord(policyId, rule),
      report,
      errorIdPrefix: `${policyId}/`,
    });
    for await (const rule of parsed) rules.push(rule);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await ctx.store.entities.remove('policies', ctx.snapshotId, { id: policyId });
    return 'deleted';
  }
  await ctx.store.entities.replaceChildren('policyRules', ctx.snapshotId, policyId, rules);
  return 'read';
}

async function collectPolicies(ctx: CollectContext): Promise<CollectResult> {
  const report = new DatasetReport('policies');
  if (ctx.options.changes !== undefined) {
    // Incremental: every policy or rule change is logged (policy.lifecycle.*, policy.rule.*); without one, the
    // copied policies are current. With one, or when the log was not read to the end, all are read again.
    const { plan, complete } = await changePlan(ctx, ctx.options.changes);
    if (complete && !plan.policies) {
      report.note('no policy changed since the last sync');
      return { datasets: [report.toStatus(await ctx.store.entities.count('policies', ctx.snapshotId))], errors: [] };
    }
  }
  const seen = new Set<string>();
  for (const type of POLICY_TYPES) await readPolicyType(ctx, report, type, seen);
  ctx.progress('policies', { count: seen.size, total: seen.size });
  if (report.readToEnd) await removeUnseen(ctx.store, ctx.snapshotId, 'policies', seen);

  let deleted = 0;
  await forEachConcurrently([...seen], ctx.options.perEntityConcurrency, async (policyId) => {
    if ((await readRules(ctx, report, policyId)) === 'deleted') deleted++;
  });
  if (deleted > 0) report.note(`${plural(deleted, 'policy', 'policies')} deleted in Okta during the sync ${deleted === 1 ? 'was' : 'were'} removed from the snapshot`);

  await replaceCollectionErrors(ctx.store, ctx.snapshotId, report);
  const count = await ctx.store.entities.count('policies', ctx.snapshotId);
  return { datasets: [report.toStatus(count)], errors: report.errors };
}

/** Policies of the four types the checks use, with their rules (OKTA-API.md §9). */
export const policiesCollector = defineCollector({
  id: 'policies',
  declares: [POLICIES_DATASET],
  dependsOn: [],
  // Incremental: reads the change plan (`changePlan`) built from this sync's System Log read.
  waitsFor: ['system-log'],
  collect: collectPolicies,
});
