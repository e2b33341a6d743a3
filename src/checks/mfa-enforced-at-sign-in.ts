import { CHECK_CONTROLS } from '../frameworks/mapping.js';
import type { AppRecord, PolicyRecord, UserRecord } from '../store/types.js';
import { defineCheck, type CheckEntityResult } from './check.js';
import { datasetErrorResult, datasetGap, entityGap, sentence } from './data-coverage.js';
import { mfaRequirement } from './mfa-requirement.js';
import { orgEngine } from './org-kind.js';
import { governingPolicy, policiesInEvaluationOrder, reachOfRules, type Governing, type PolicyReach } from './policy-reach.js';
import type { SnapshotView } from './snapshot-view.js';
import { canSignIn } from './users.js';

/** Users and groups named per rule in a reason; the full lists are in the fields. */
const NAMED = 5;

/**
 * Enrollment is not enforcement: an app whose sign-in rules allow one factor lets enrolled users in with a password.
 * For each active app, every rule that can decide a sign-in of one of its assigned users must require two factors:
 * on Identity Engine the app's authentication policy (`_links.accessPolicy`, OKTA-API.md §7.1, §9.5); on Classic the
 * global session policy (§9.4; Classic per-app sign-on rules are not read). A rule's effect comes from
 * mfa-requirement.ts, the same reading the mfa-policies artifact shows; who a rule can reach from policy-reach.ts.
 */
export const mfaEnforcedAtSignIn = defineCheck({
  id: 'mfa-enforced-at-sign-in',
  title: 'MFA Enforced at Sign-in',
  severity: 'high',
  appliesTo: 'each active application',
  controls: CHECK_CONTROLS['mfa-enforced-at-sign-in'],
  evaluate(view) {
    const engine = orgEngine(view);
    const results = view.apps.map((app) => judgeApp(view, app, engine === 'identity-engine'));
    const missing = [
      datasetErrorResult(view, 'apps', 'Apps missing from the snapshot have not been tested.'),
      datasetErrorResult(view, 'policies', 'Sign-in rules missing from the snapshot cannot be judged.'),
    ].filter((result) => result !== undefined);
    return [...missing, ...results];
  },
});

function judgeApp(view: SnapshotView, app: AppRecord, identityEngine: boolean): CheckEntityResult {
  const base = { entityType: 'app', entityId: app.id, entityName: app.label } as const;
  const fields: Record<string, unknown> = { status: app.status, engine: identityEngine ? 'identity-engine' : 'classic', accessPolicyId: app.accessPolicyId };
  if (app.status !== 'ACTIVE') return { ...base, status: 'not_applicable', reason: `The app is ${app.status}; nobody can sign in to it.`, fields };
  const gap = entityGap(view, 'appAssignments', app.id, 'app') ?? sentenceOr(datasetGap(view, 'policies'));
  if (gap !== undefined) return { ...base, status: 'error', reason: gap, fields };

  const users = assignedUsers(view, app);
  fields.assignedUsers = users.length;
  if (users.length === 0) return { ...base, status: 'not_applicable', reason: 'Nobody who can sign in is assigned to the app.', fields };

  const reaches = identityEngine ? appPolicyReach(view, app, users, fields) : sessionPolicyReach(view, users, fields);
  if ('error' in reaches) return { ...base, status: 'error', reason: reaches.error, fields };
  const oneFactor: RuleFinding[] = [];
  const unknown: string[] = [];
  const judged: RuleFinding[] = [];
  for (const { policy, reach } of reaches) {
    for (const { rule, users: reached } of reach.reached) {
      const requirement = mfaRequirement(policy.type, rule.actions);
      const finding = { policy: policy.name, policyId: policy.id, rule: rule.name, ruleId: rule.id, effect: requirement.effect, basis: requirement.basis, users: reached.map(userRef), groups: groupsOf(view, rule.conditions) };
      judged.push(finding);
      if (requirement.effect === 'no-mfa') oneFactor.push(finding);
      if (requirement.effect === 'unknown') unknown.push(`rule "${rule.name}" of "${policy.name}": ${requirement.basis}`);
    }
    for (const { rule, reason, users: undetermined } of reach.undetermined) {
      unknown.push(`rule "${rule.name}" of "${policy.name}" for ${countOf(undetermined.length, 'user')}: ${reason}`);
    }
  }
  fields.rules = judged;
  if (oneFactor.length > 0) {
    const named = oneFactor.map((finding) => `rule "${finding.rule}" of "${finding.policy}" (${finding.basis}) lets ${describe(finding)}`);
    return { ...base, status: 'fail', reason: `${sentence(named.join('; '))} Require two factors in ${oneFactor.length === 1 ? 'that rule' : 'those rules'}.`, fields };
  }
  if (unknown.length > 0) return { ...base, status: 'error', reason: `Cannot tell whether MFA is enforced: ${unknown.join('; ')}.`, fields };
  const names = reaches.map(({ policy }) => `"${policy.name}"`).join(', ');
  const where = identityEngine ? `authentication policy ${names}` : `global session policy ${names} (Classic per-app sign-on rules are not read)`;
  return { ...base, status: 'pass', reason: `Every rule of ${where} that can decide a sign-in of the ${countOf(users.length, 'assigned user')} requires two factors or denies access.`, fields };
}

interface RuleFinding {
  policy: string;
  policyId: string;
  rule: string;
  ruleId: string;
  effect: string;
  basis: string;
  users: { id: string; login: string }[];
  groups: { id: string; name: string | null }[];
}

/** The policies that decide the app's sign-ins, each with the rules its users can reach; or why that is unknown. */
type Reaches = { error: string } | { policy: PolicyRecord; reach: PolicyReach }[];

function appPolicyReach(view: SnapshotView, app: AppRecord, users: readonly UserRecord[], fields: Record<string, unknown>): Reaches {
  if (app.accessPolicyId === null) return { error: 'The app names no authentication policy (_links.accessPolicy) in the snapshot, so its sign-in rules cannot be judged; run `okta-evidence sync` again.' };
  const policy = view.policies.find((candidate) => candidate.id === app.accessPolicyId);
  if (policy === undefined) return { error: `The app's authentication policy ${app.accessPolicyId} is not in the snapshot; run \`okta-evidence sync\` again.` };
  fields.accessPolicyName = policy.name;
  return [{ policy, reach: reachOfRules(view, policy, users) }];
}

/**
 * Each user's global session policy, decided once per view: a user assigned to many apps would otherwise be matched
 * against every session policy again for each app (175,000 times for 50,000 users).
 */
const sessionPolicies = new WeakMap<SnapshotView, { ordered: PolicyRecord[]; byUser: Map<string, Governing> }>();

function sessionPolicyOf(view: SnapshotView, user: UserRecord): Governing {
  let known = sessionPolicies.get(view);
  if (known === undefined) sessionPolicies.set(view, (known = { ordered: policiesInEvaluationOrder(view, 'OKTA_SIGN_ON'), byUser: new Map() }));
  let governing = known.byUser.get(user.id);
  if (governing === undefined) known.byUser.set(user.id, (governing = governingPolicy(known.ordered, user, view)));
  return governing;
}

/** Classic: each user's global session policy is the first by priority whose groups include the user. */
function sessionPolicyReach(view: SnapshotView, users: readonly UserRecord[], fields: Record<string, unknown>): Reaches {
  if (policiesInEvaluationOrder(view, 'OKTA_SIGN_ON').length === 0) return { error: 'No active global session policy is in the snapshot; run `okta-evidence sync` again.' };
  const governed = new Map<string, { policy: PolicyRecord; users: UserRecord[] }>();
  for (const user of users) {
    const governing = sessionPolicyOf(view, user);
    if ('unknown' in governing) return { error: `Cannot tell which global session policy applies to ${user.login}: ${governing.unknown}.` };
    if ('none' in governing) continue;
    const entry = governed.get(governing.policy.id) ?? { policy: governing.policy, users: [] };
    entry.users.push(user);
    governed.set(governing.policy.id, entry);
  }
  fields.sessionPolicies = [...governed.values()].map(({ policy, users: governedUsers }) => ({ id: policy.id, name: policy.name, users: governedUsers.length }));
  return [...governed.values()].map(({ policy, users: governedUsers }) => ({ policy, reach: reachOfRules(view, policy, governedUsers) }));
}

function assignedUsers(view: SnapshotView, app: AppRecord): UserRecord[] {
  const users: UserRecord[] = [];
  for (const assignment of view.assignmentsByApp.get(app.id) ?? []) {
    const user = view.usersById.get(assignment.userId);
    if (user !== undefined && canSignIn(user)) users.push(user);
  }
  return users;
}

function groupsOf(view: SnapshotView, conditions: unknown): { id: string; name: string | null }[] {
  const include = (conditions as { people?: { groups?: { include?: unknown } } } | null | undefined)?.people?.groups?.include;
  if (!Array.isArray(include)) return [];
  return include.filter((id): id is string => typeof id === 'string').map((id) => ({ id, name: view.groupsById.get(id)?.name ?? null }));
}

function describe(finding: RuleFinding): string {
  const users = finding.users.slice(0, NAMED).map((user) => user.login);
  const more = finding.users.length > NAMED ? ` and ${finding.users.length - NAMED} more` : '';
  const groups = finding.groups.length === 0 ? '' : ` (groups ${finding.groups.map((group) => group.name ?? group.id).join(', ')})`;
  return `${countOf(finding.users.length, 'assigned user')}${groups} in with one factor: ${users.join(', ')}${more}`;
}

function userRef(user: UserRecord): { id: string; login: string } {
  return { id: user.id, login: user.login };
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function sentenceOr(clause: string | undefined): string | undefined {
  return clause === undefined ? undefined : sentence(clause);
}
