import type { AppRecord, PolicyRecord, UserRecord } from '../store/types.js';
import { datasetGap } from './data-coverage.js';
import { mfaRequirement } from './mfa-requirement.js';
import { orgEngine } from './org-kind.js';
import { appliesToEverySignIn, governingPolicy, matchesPeople, policiesInEvaluationOrder, rulesInEvaluationOrder } from './policy-reach.js';
import type { SnapshotView } from './snapshot-view.js';

/**
 * Whether a user's password can be the only factor of a sign-in (which makes PCI DSS 8.3.9 rotation and NIST's
 * 15-character minimum apply), from the sign-in policies that actually apply to the user:
 * - the global session policy that governs the user (the first OKTA_SIGN_ON policy by priority whose groups include
 *   the user) and its rules that can decide one of the user's sign-ins (OKTA-API.md §9.4);
 * - on Identity Engine, also the authentication policy of each app the user is assigned to (§9.5): a session
 *   established with one factor still meets an app that asks for two, so the password is the only factor only
 *   where both the session rule and some app's rule allow one factor.
 * A rule whose effect cannot be read counts as allowing one factor (conservative), and the reason says so.
 */
export interface PasswordOnlyJudgement {
  readonly passwordOnly: boolean;
  readonly why: string;
}

export interface PasswordOnlyContext {
  readonly identityEngine: boolean;
  readonly sessionPolicies: readonly PolicyRecord[];
  readonly appsByUser: ReadonlyMap<string, readonly AppRecord[]>;
  readonly policiesById: ReadonlyMap<string, PolicyRecord>;
  readonly gap: string | undefined;
}

/** Built once per evaluation: indexes the apps each user is assigned to. */
export function passwordOnlyContext(view: SnapshotView): PasswordOnlyContext {
  const appsByUser = new Map<string, AppRecord[]>();
  for (const app of view.apps) {
    if (app.status !== 'ACTIVE') continue;
    for (const assignment of view.assignmentsByApp.get(app.id) ?? []) {
      const apps = appsByUser.get(assignment.userId);
      if (apps === undefined) appsByUser.set(assignment.userId, [app]);
      else apps.push(app);
    }
  }
  return {
    identityEngine: orgEngine(view) === 'identity-engine',
    sessionPolicies: policiesInEvaluationOrder(view, 'OKTA_SIGN_ON'),
    appsByUser,
    policiesById: new Map(view.policies.map((policy) => [policy.id, policy])),
    gap: datasetGap(view, 'policies'),
  };
}

export function passwordOnlyFor(view: SnapshotView, context: PasswordOnlyContext, user: UserRecord): PasswordOnlyJudgement {
  if (context.gap !== undefined) return { passwordOnly: true, why: `treated as the only factor because ${context.gap}` };
  const session = oneFactorRule(view, context.sessionPolicies, user);
  if (session === undefined) return { passwordOnly: false, why: 'MFA required: every global session rule that applies requires a second factor' };
  if (!context.identityEngine) return { passwordOnly: true, why: `the only factor: ${session}` };
  const apps = context.appsByUser.get(user.id) ?? [];
  for (const app of apps) {
    const policy = app.accessPolicyId === null ? undefined : context.policiesById.get(app.accessPolicyId);
    if (policy === undefined) return { passwordOnly: true, why: `the only factor: ${session}, and the authentication policy of app "${app.label}" is not in the snapshot` };
    const appRule = oneFactorRule(view, [policy], user);
    if (appRule !== undefined) return { passwordOnly: true, why: `the only factor: ${session}, and ${appRule} for app "${app.label}"` };
  }
  if (apps.length === 0) return { passwordOnly: true, why: `the only factor: ${session}` };
  return { passwordOnly: false, why: 'MFA required: the global session allows one factor, but every app the user is assigned to requires two' };
}

/** The first rule (as words) that can let the user in with one factor under the governing policy, or undefined. */
function oneFactorRule(view: SnapshotView, ordered: readonly PolicyRecord[], user: UserRecord): string | undefined {
  if (ordered.length === 0) return 'no active sign-in policy applies';
  const governing = governingPolicy(ordered, user, view);
  if ('none' in governing) return 'no sign-in policy includes the user';
  if ('unknown' in governing) return `which "${governing.policy.name}" rule applies is unknown (${governing.unknown})`;
  // The rules in priority order that can decide one of this user's sign-ins (as reachOfRules, for one user, without
  // building its lists: this runs for every user the password policies govern).
  for (const rule of rulesInEvaluationOrder(view, governing.policy.id)) {
    const match = matchesPeople(rule.conditions, user, view);
    if (match === 'no') continue;
    if (match !== 'yes') return `rule "${rule.name}" of "${governing.policy.name}" may apply (${match.unknown})`;
    const requirement = mfaRequirement(governing.policy.type, rule.actions);
    if (requirement.effect === 'no-mfa' || requirement.effect === 'unknown') return `rule "${rule.name}" of "${governing.policy.name}" (${requirement.basis})`;
    if (appliesToEverySignIn(rule.conditions)) return undefined;
  }
  return undefined;
}
