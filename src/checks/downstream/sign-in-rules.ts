import type { AppRecord, PolicyRecord, UserRecord } from '../../store/types.js';
import { datasetGap } from '../data-coverage.js';
import { mfaRequirement, type MfaEffect } from '../mfa-requirement.js';
import { orgEngine } from '../org-kind.js';
import { governingPolicy, policiesInEvaluationOrder, reachOfRules, type PolicyReach } from '../policy-reach.js';
import type { SnapshotView } from '../snapshot-view.js';
import type { ChainLink } from './passthrough-types.js';

/*
 * The sign-in rules that apply to each user for one app, with the same machinery as "MFA enforced at sign-in"
 * (policy-reach.ts for who a rule reaches, mfa-requirement.ts for what it requires): on Identity Engine the app's
 * authentication policy (`_links.accessPolicy`, OKTA-API.md §7.1, §9.5); on Classic the user's global session policy
 * (§9.4). Evaluated once for every user of an evaluation, then read per user.
 */

export interface RuleFinding {
  policyId: string;
  policy: string;
  ruleId: string;
  rule: string;
  effect: MfaEffect;
  basis: string;
}

interface UserRules {
  findings: RuleFinding[];
  /** Rules whose people conditions could not be evaluated for the user, with why. */
  undetermined: string[];
}

export type SignInRules = { error: string } | { engine: 'identity-engine' | 'classic'; byUser: Map<string, UserRules> };

export function signInRulesFor(view: SnapshotView, app: AppRecord, users: readonly UserRecord[]): SignInRules {
  const policiesGap = datasetGap(view, 'policies');
  if (policiesGap !== undefined) return { error: `Sign-in rules cannot be judged: ${policiesGap}.` };
  const engine = orgEngine(view);
  if (engine === 'unknown') return { error: 'Cannot tell whether the Okta org runs Identity Engine or Classic (no org metadata, no policies in the snapshot); run `okta-evidence sync` again.' };
  const byUser = new Map<string, UserRules>(users.map((user) => [user.id, { findings: [], undetermined: [] }]));
  if (engine === 'identity-engine') {
    if (app.accessPolicyId === null) return { error: `The app ${app.label} names no authentication policy (_links.accessPolicy) in the snapshot; run \`okta-evidence sync\` again.` };
    const policy = view.policies.find((candidate) => candidate.id === app.accessPolicyId);
    if (policy === undefined) return { error: `The authentication policy ${app.accessPolicyId} of ${app.label} is not in the snapshot; run \`okta-evidence sync\` again.` };
    addReach(byUser, policy, reachOfRules(view, policy, users));
    return { engine, byUser };
  }
  const ordered = policiesInEvaluationOrder(view, 'OKTA_SIGN_ON');
  const governed = new Map<string, { policy: PolicyRecord; users: UserRecord[] }>();
  for (const user of users) {
    const governing = governingPolicy(ordered, user, view);
    if ('unknown' in governing) byUser.get(user.id)?.undetermined.push(`which global session policy applies: ${governing.unknown}`);
    else if ('none' in governing) byUser.get(user.id)?.undetermined.push('no active global session policy applies to the user in the snapshot');
    else {
      const entry = governed.get(governing.policy.id) ?? { policy: governing.policy, users: [] };
      entry.users.push(user);
      governed.set(governing.policy.id, entry);
    }
  }
  for (const { policy, users: governedUsers } of governed.values()) addReach(byUser, policy, reachOfRules(view, policy, governedUsers));
  return { engine, byUser };
}

function addReach(byUser: Map<string, UserRules>, policy: PolicyRecord, reach: PolicyReach): void {
  for (const { rule, users } of reach.reached) {
    const requirement = mfaRequirement(policy.type, rule.actions);
    const finding: RuleFinding = { policyId: policy.id, policy: policy.name, ruleId: rule.id, rule: rule.name, effect: requirement.effect, basis: requirement.basis };
    for (const user of users) byUser.get(user.id)?.findings.push(finding);
  }
  for (const { rule, reason, users } of reach.undetermined) {
    for (const user of users) byUser.get(user.id)?.undetermined.push(`rule "${rule.name}" of "${policy.name}": ${reason}`);
  }
}

/** The sign-in-policy link of one user: proven when every rule that can decide a sign-in requires two factors. */
export function signInPolicyLink(rules: SignInRules, userId: string): ChainLink {
  if ('error' in rules) return { link: 'sign-in-policy', state: 'unknown', detail: rules.error, source: {} };
  const userRules = rules.byUser.get(userId) ?? { findings: [], undetermined: ['the user was not evaluated'] };
  const source = { engine: rules.engine, rules: userRules.findings };
  const oneFactor = userRules.findings.filter((finding) => finding.effect === 'no-mfa');
  if (oneFactor.length > 0) {
    const named = oneFactor.map((finding) => `rule "${finding.rule}" of "${finding.policy}" (${finding.basis})`).join('; ');
    return { link: 'sign-in-policy', state: 'broken', failure: 'one-factor-rule', detail: `A one-factor rule applies to the user: ${named}.`, source };
  }
  const unreadable = userRules.findings.filter((finding) => finding.effect === 'unknown').map((finding) => `rule "${finding.rule}" of "${finding.policy}": ${finding.basis}`);
  const unknown = [...userRules.undetermined, ...unreadable];
  if (unknown.length > 0) return { link: 'sign-in-policy', state: 'unknown', detail: `Cannot tell whether two factors are required: ${unknown.join('; ')}.`, source };
  if (userRules.findings.length === 0) return { link: 'sign-in-policy', state: 'unknown', detail: 'No active rule of the policy applies to the user in the snapshot.', source };
  const requiring = userRules.findings.filter((finding) => finding.effect === 'mfa');
  if (requiring.length === 0) return { link: 'sign-in-policy', state: 'broken', failure: 'sign-in-denied', detail: 'Every rule that applies to the user denies sign-in: the account cannot reach the service through Okta.', source };
  const names = requiring.map((finding) => `rule "${finding.rule}" of "${finding.policy}" (${finding.basis})`).join('; ');
  return { link: 'sign-in-policy', state: 'proven', detail: `Every rule that can decide the user's sign-in requires two factors or denies access: ${names}.`, source };
}
