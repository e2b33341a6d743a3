import { z } from 'zod';
import { CHECK_CONTROLS } from '../frameworks/mapping.js';
import type { PolicyRecord, UserRecord } from '../store/types.js';
import { defineCheck, type CheckEntityResult } from './check.js';
import { datasetGap, sentence } from './data-coverage.js';
import { passwordOnlyContext, passwordOnlyFor, type PasswordOnlyContext } from './password-only-factor.js';
import { governingPolicy, policiesInEvaluationOrder } from './policy-reach.js';
import { canSignIn } from './users.js';
import { PASSWORD_PROFILE_IDS, PASSWORD_PROFILES, type PasswordProfile } from './password-profiles.js';
import { judgeProfile } from './password-requirements.js';
import { parsePasswordSettings } from './password-settings.js';
import type { SnapshotView } from './snapshot-view.js';

/**
 * Each password policy that governs someone meets the selected baseline profile (password-profiles.ts), and the org
 * passes only when every such policy does. Okta applies PASSWORD policies by priority to the groups they target: a
 * user's policy is the first active one (lowest priority number, the system Default Policy last) whose groups include
 * the user and whose authentication provider is the user's (OKTA-API.md §9.1, §9.2;
 * https://developer.okta.com/docs/concepts/policies/#policy-evaluation). A policy that governs nobody (no groups, or
 * shadowed by a higher one) is `not_applicable`. Whether the password is the only factor is decided per governed user
 * from the sign-in policies that apply to them (password-only-factor.ts). One result per policy plus the organization.
 */
export const passwordPolicyCompliance = defineCheck({
  id: 'password-policy-compliance',
  title: 'Password Policy Compliance',
  severity: 'high',
  appliesTo: 'the organization and each password policy',
  controls: CHECK_CONTROLS['password-policy-compliance'],
  evaluate(view, { settings }) {
    const profile = PASSWORD_PROFILES[settings.profile];
    const governance = governPasswords(view);
    const signIn = passwordOnlyContext(view);
    const policies = view.policies.filter((policy) => policy.type === 'PASSWORD');
    const results = policies.map((policy) => judgePolicy(view, policy, profile, governance, signIn));
    return [summarize(view, profile, results), ...results];
  },
});

/** Users whose passwords a password policy can govern: they can sign in and hold a password (not federated). */
const NO_PASSWORD_PROVIDERS: ReadonlySet<string> = new Set(['FEDERATION', 'SOCIAL']);

/** The provider a user's password lives with, as password policies name it in `conditions.authProvider`. */
function passwordProvider(user: UserRecord): string {
  return user.providerType === 'ACTIVE_DIRECTORY' || user.providerType === 'LDAP' ? user.providerType : 'OKTA';
}

interface Governance {
  /** Policy id → the users it governs. */
  governed: Map<string, UserRecord[]>;
  /** Policy id → users whose governing policy could not be told (a condition that cannot be evaluated) with why. */
  undetermined: Map<string, { users: number; reason: string }>;
  /** User id → the id of the policy that governs the user. */
  policyOfUser: Map<string, string>;
  ordered: PolicyRecord[];
}

function governPasswords(view: SnapshotView): Governance {
  const ordered = policiesInEvaluationOrder(view, 'PASSWORD');
  const byProvider = new Map<string, PolicyRecord[]>();
  for (const policy of ordered) {
    const provider = authProvider(policy);
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), policy]);
  }
  const governed = new Map<string, UserRecord[]>();
  const undetermined = new Map<string, { users: number; reason: string }>();
  const policyOfUser = new Map<string, string>();
  for (const user of view.users) {
    if (!canSignIn(user) || (user.providerType !== null && NO_PASSWORD_PROVIDERS.has(user.providerType))) continue;
    const governing = governingPolicy(byProvider.get(passwordProvider(user)) ?? [], user, view);
    if ('none' in governing) continue;
    if ('unknown' in governing) {
      const entry = undetermined.get(governing.policy.id) ?? { users: 0, reason: governing.unknown };
      entry.users += 1;
      undetermined.set(governing.policy.id, entry);
    }
    policyOfUser.set(user.id, governing.policy.id);
    const list = governed.get(governing.policy.id);
    if (list === undefined) governed.set(governing.policy.id, [user]);
    else list.push(user);
  }
  return { governed, undetermined, policyOfUser, ordered };
}

/** Why a policy governs nobody, for its `not_applicable` reason. */
function whyNobody(view: SnapshotView, policy: PolicyRecord, governance: Governance): string {
  const include = groupIncludes(policy.conditions);
  if (include.length === 0) return 'it targets no group';
  const members = view.users.filter((user) => canSignIn(user) && include.some((id) => view.groupIdsByUser.get(user.id)?.has(id) === true));
  if (members.length === 0) return `its groups (${include.map((id) => view.groupsById.get(id)?.name ?? id).join(', ')}) have no member who can sign in`;
  const shadowing = new Set<string>();
  for (const member of members) {
    const policyId = governance.policyOfUser.get(member.id);
    if (policyId !== undefined && policyId !== policy.id) shadowing.add(policyId);
  }
  const names = governance.ordered.filter((other) => shadowing.has(other.id)).map((other) => `"${other.name}"`);
  return names.length === 0 ? 'no user it targets signs in with its provider' : `every member of its groups is governed by the higher-priority ${names.join(', ')}`;
}

function groupIncludes(conditions: unknown): string[] {
  const include = (conditions as { people?: { groups?: { include?: unknown } } } | null | undefined)?.people?.groups?.include;
  return Array.isArray(include) ? include.filter((id): id is string => typeof id === 'string') : [];
}

/** Whether the password is the only factor for any user the policy governs, and why (from the first such user). */
function passwordOnlyOf(view: SnapshotView, users: readonly UserRecord[], signIn: PasswordOnlyContext): { passwordOnly: boolean; users: number; why: string } {
  let count = 0;
  let first: string | undefined;
  for (const user of users) {
    const judgement = passwordOnlyFor(view, signIn, user);
    if (!judgement.passwordOnly) continue;
    count += 1;
    first ??= `${user.login}: ${judgement.why}`;
  }
  if (first === undefined) return { passwordOnly: false, users: 0, why: `MFA required for all ${users.length} users it governs` };
  return { passwordOnly: true, users: count, why: `treated as the only factor for ${count} of ${users.length} users it governs (e.g. ${first})` };
}

function judgePolicy(view: SnapshotView, policy: PolicyRecord, profile: PasswordProfile, governance: Governance, signIn: PasswordOnlyContext): CheckEntityResult {
  const base = { entityType: 'policy', entityId: policy.id, entityName: policy.name } as const;
  if (policy.status !== 'ACTIVE') {
    return { ...base, status: 'not_applicable', reason: `The policy is ${policy.status}; it applies to nobody.`, fields: { status: policy.status, governedUsers: 0 } };
  }
  const users = governance.governed.get(policy.id) ?? [];
  const provider = authProvider(policy);
  const undetermined = governance.undetermined.get(policy.id);
  const counts = { status: policy.status, priority: policy.priority, authProvider: provider, governedUsers: users.length, undeterminedUsers: undetermined?.users ?? 0 };
  if (provider !== 'OKTA') {
    const reason = `Passwords of this policy's ${users.length} users are managed by ${provider}, not Okta; check that directory's password policy.`;
    return { ...base, status: 'not_applicable', reason, fields: counts };
  }
  if (users.length === 0) {
    return { ...base, status: 'not_applicable', reason: `The policy governs nobody: ${whyNobody(view, policy, governance)}.`, fields: counts };
  }
  const settings = parsePasswordSettings(policy.settings);
  if (settings === undefined) {
    return { ...base, status: 'error', reason: 'The policy has no password settings in the snapshot; run `okta-evidence sync` again.', fields: counts };
  }
  const mfa = passwordOnlyOf(view, users, signIn);
  const passwordOnly = mfa.passwordOnly;
  const failures = judgeProfile(profile, settings, passwordOnly).filter((outcome) => !outcome.met);
  const otherProfiles = PASSWORD_PROFILE_IDS.filter((id) => id !== profile.id);
  const alsoMeets = otherProfiles.filter((id) => judgeProfile(PASSWORD_PROFILES[id], settings, passwordOnly).every((outcome) => outcome.met));
  const fields = { ...counts, ...settings, passwordOnlyFactor: passwordOnly, passwordOnlyUsers: mfa.users, profile: profile.id, alsoMeets };
  const also = alsoMeets.length === 0 ? '' : ` Also meets: ${alsoMeets.map((id) => PASSWORD_PROFILES[id].name).join(', ')}.`;
  const governs = `Governs ${users.length} user${users.length === 1 ? '' : 's'}${undetermined === undefined ? '' : ` (for ${undetermined.users} of them the policy may not apply: ${undetermined.reason})`}.`;
  const factor = sentence(`password ${mfa.why}`);
  if (failures.length === 0) {
    return { ...base, status: 'pass', reason: `Meets ${profile.name}. ${governs} ${factor}${also}`, fields };
  }
  const listed = failures.map((outcome) => outcome.text).join('; ');
  return { ...base, status: 'fail', reason: `Does not meet ${profile.name}: ${listed}. Change these settings in the policy. ${governs} ${factor}${also}`, fields };
}

const authProviderSchema = z.object({ authProvider: z.object({ provider: z.string() }) });

/** Which system holds the passwords (`conditions.authProvider.provider`); Okta when the condition is absent. */
function authProvider(policy: PolicyRecord): string {
  const parsed = authProviderSchema.safeParse(policy.conditions);
  return parsed.success ? parsed.data.authProvider.provider : 'OKTA';
}

/** The organization fails if any governing policy fails; it errors when a policy or the policy list itself is unknown. */
function summarize(view: SnapshotView, profile: PasswordProfile, results: readonly CheckEntityResult[]): CheckEntityResult {
  const base = { entityType: 'organization', entityId: view.org, entityName: view.org } as const;
  const judged = results.filter((result) => result.status !== 'not_applicable');
  const failing = judged.filter((result) => result.status === 'fail');
  const erroring = judged.filter((result) => result.status === 'error');
  const gap = datasetGap(view, 'policies');
  const fields = {
    profile: profile.id,
    activePolicies: judged.length,
    failingPolicies: failing.map((result) => result.entityName),
    governance: results.map((result) => ({ policyId: result.entityId, policy: result.entityName, governedUsers: result.fields.governedUsers ?? 0, status: result.status })),
    policiesDataset: view.datasets.get('policies')?.state ?? 'not_started',
  };
  const names = (list: readonly CheckEntityResult[]) => list.map((result) => `"${result.entityName}"`).join(', ');
  if (failing.length > 0) {
    return { ...base, status: 'fail', reason: `${failing.length} of ${judged.length} governing password ${judged.length === 1 ? 'policy does' : 'policies do'} not meet ${profile.name}: ${names(failing)}.`, fields };
  }
  if (gap !== undefined) return { ...base, status: 'error', reason: `${sentence(gap)} Policies missing from the snapshot have not been tested.`, fields };
  if (erroring.length > 0) return { ...base, status: 'error', reason: `Could not judge ${names(erroring)}; see each policy's result.`, fields };
  if (judged.length === 0) {
    // Every Okta org has a Default Policy (system: true), so none means the policy data is missing, not compliant.
    return { ...base, status: 'error', reason: 'No active Okta-managed password policy governing a user was found in the snapshot; run `okta-evidence sync` again.', fields };
  }
  return { ...base, status: 'pass', reason: `All ${judged.length} governing password ${judged.length === 1 ? 'policy meets' : 'policies meet'} ${profile.name}.`, fields };
}
