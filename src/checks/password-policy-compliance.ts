import { z } from 'zod';
import { CHECK_CONTROLS } from '../frameworks/mapping.js';
import type { PolicyRecord } from '../store/types.js';
import { defineCheck, type CheckEntityResult } from './check.js';
import { datasetGap, sentence } from './data-coverage.js';
import { PASSWORD_PROFILE_IDS, PASSWORD_PROFILES, type PasswordProfile } from './password-profiles.js';
import { judgeProfile } from './password-requirements.js';
import { parsePasswordSettings } from './password-settings.js';
import type { SnapshotView } from './snapshot-view.js';

/**
 * Each active PASSWORD policy meets the selected baseline profile (password-profiles.ts), and the org passes only when
 * every active policy does. One result per policy plus one for the organization.
 */
export const passwordPolicyCompliance = defineCheck({
  id: 'password-policy-compliance',
  title: 'Password Policy Compliance',
  severity: 'high',
  appliesTo: 'the organization and each active password policy',
  controls: CHECK_CONTROLS['password-policy-compliance'],
  evaluate(view, { settings }) {
    const profile = PASSWORD_PROFILES[settings.profile];
    const mfa = mfaRequiredForEveryone(view);
    const policies = view.policies.filter((policy) => policy.type === 'PASSWORD');
    const results = policies.map((policy) => judgePolicy(policy, profile, mfa));
    return [summarize(view, profile, mfa, results), ...results];
  },
});

/**
 * Some baselines are stricter when the password is the only factor (PCI DSS 8.3.9 maximum age, NIST minimum
 * length). Deciding that per user would need every authentication policy's conditions; this check keeps it simple
 * and conservative: MFA counts as required for everyone only when the org has an active global session policy
 * (OKTA_SIGN_ON) and every active allowing rule of every such policy sets `requireFactor: true` (OKTA-API.md §9.4).
 * Otherwise the password is treated as possibly the only factor. App sign-in (ACCESS_POLICY) rules are not credited.
 */
export interface MfaJudgement {
  readonly requiredForEveryone: boolean;
  readonly why: string;
}

const signOnActionsSchema = z.object({
  signon: z.object({ access: z.string().nullish(), requireFactor: z.boolean().nullish() }).nullish(),
});

export function mfaRequiredForEveryone(view: SnapshotView): MfaJudgement {
  const gap = datasetGap(view, 'policies');
  if (gap !== undefined) return { requiredForEveryone: false, why: `treated as the only factor because ${gap}` };
  const signOnPolicies = view.policies.filter((policy) => policy.type === 'OKTA_SIGN_ON' && policy.status === 'ACTIVE');
  if (signOnPolicies.length === 0) return { requiredForEveryone: false, why: 'treated as the only factor: no active global session policy was found' };
  for (const policy of signOnPolicies) {
    for (const rule of view.rulesByPolicy.get(policy.id) ?? []) {
      if (rule.status !== 'ACTIVE') continue;
      const actions = signOnActionsSchema.safeParse(rule.actions);
      const signon = actions.success ? actions.data.signon : undefined;
      if (signon?.access === 'DENY') continue;
      if (signon?.requireFactor !== true) {
        return { requiredForEveryone: false, why: `treated as the only factor: global session rule "${rule.name}" of "${policy.name}" does not require MFA` };
      }
    }
  }
  return { requiredForEveryone: true, why: 'MFA required: every active global session policy rule requires a second factor' };
}

function judgePolicy(policy: PolicyRecord, profile: PasswordProfile, mfa: MfaJudgement): CheckEntityResult {
  const base = { entityType: 'policy', entityId: policy.id, entityName: policy.name } as const;
  if (policy.status !== 'ACTIVE') {
    return { ...base, status: 'not_applicable', reason: `The policy is ${policy.status}; it applies to nobody.`, fields: { status: policy.status } };
  }
  const provider = authProvider(policy);
  if (provider !== 'OKTA') {
    const reason = `Passwords of this policy's users are managed by ${provider}, not Okta; check that directory's password policy.`;
    return { ...base, status: 'not_applicable', reason, fields: { status: policy.status, authProvider: provider } };
  }
  const settings = parsePasswordSettings(policy.settings);
  if (settings === undefined) {
    return { ...base, status: 'error', reason: 'The policy has no password settings in the snapshot; run `okta-evidence sync` again.', fields: { status: policy.status } };
  }
  const passwordOnly = !mfa.requiredForEveryone;
  const failures = judgeProfile(profile, settings, passwordOnly).filter((outcome) => !outcome.met);
  const otherProfiles = PASSWORD_PROFILE_IDS.filter((id) => id !== profile.id);
  const alsoMeets = otherProfiles.filter((id) => judgeProfile(PASSWORD_PROFILES[id], settings, passwordOnly).every((outcome) => outcome.met));
  const fields = { status: policy.status, priority: policy.priority, ...settings, passwordOnlyFactor: passwordOnly, profile: profile.id, alsoMeets };
  const also = alsoMeets.length === 0 ? '' : ` Also meets: ${alsoMeets.map((id) => PASSWORD_PROFILES[id].name).join(', ')}.`;
  const factor = sentence(`password ${mfa.why}`);
  if (failures.length === 0) {
    return { ...base, status: 'pass', reason: `Meets ${profile.name}. ${factor}${also}`, fields };
  }
  const listed = failures.map((outcome) => outcome.text).join('; ');
  return { ...base, status: 'fail', reason: `Does not meet ${profile.name}: ${listed}. Change these settings in the policy. ${factor}${also}`, fields };
}

const authProviderSchema = z.object({ authProvider: z.object({ provider: z.string() }) });

/** Which system holds the passwords (`conditions.authProvider.provider`); Okta when the condition is absent. */
function authProvider(policy: PolicyRecord): string {
  const parsed = authProviderSchema.safeParse(policy.conditions);
  return parsed.success ? parsed.data.authProvider.provider : 'OKTA';
}

/** The organization fails if any active policy fails; it errors when a policy or the policy list itself is unknown. */
function summarize(view: SnapshotView, profile: PasswordProfile, mfa: MfaJudgement, results: readonly CheckEntityResult[]): CheckEntityResult {
  const base = { entityType: 'organization', entityId: view.org, entityName: view.org } as const;
  const judged = results.filter((result) => result.status !== 'not_applicable');
  const failing = judged.filter((result) => result.status === 'fail');
  const erroring = judged.filter((result) => result.status === 'error');
  const gap = datasetGap(view, 'policies');
  const fields = {
    profile: profile.id,
    activePolicies: judged.length,
    failingPolicies: failing.map((result) => result.entityName),
    mfaRequiredForEveryone: mfa.requiredForEveryone,
    policiesDataset: view.datasets.get('policies')?.state ?? 'not_started',
  };
  const names = (list: readonly CheckEntityResult[]) => list.map((result) => `"${result.entityName}"`).join(', ');
  if (failing.length > 0) {
    return { ...base, status: 'fail', reason: `${failing.length} of ${judged.length} active password ${judged.length === 1 ? 'policy does' : 'policies do'} not meet ${profile.name}: ${names(failing)}.`, fields };
  }
  if (gap !== undefined) return { ...base, status: 'error', reason: `${sentence(gap)} Policies missing from the snapshot have not been tested.`, fields };
  if (erroring.length > 0) return { ...base, status: 'error', reason: `Could not judge ${names(erroring)}; see each policy's result.`, fields };
  if (judged.length === 0) {
    // Every Okta org has a Default Policy (system: true), so none means the policy data is missing, not compliant.
    return { ...base, status: 'error', reason: 'No active Okta-managed password policy was found in the snapshot; run `okta-evidence sync` again.', fields };
  }
  return { ...base, status: 'pass', reason: `All ${judged.length} active password ${judged.length === 1 ? 'policy meets' : 'policies meet'} ${profile.name}.`, fields };
}
