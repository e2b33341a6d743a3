import { judgeRequirement } from '../../checks/password-requirements.js';
import {
  PASSWORD_PROFILE_IDS,
  PASSWORD_PROFILES,
  PASSWORD_SETTING_LABELS,
  type PasswordProfileId,
  type PasswordRequirement,
  type PasswordSettings,
} from '../../checks/password-profiles.js';
import type { CheckStatus } from '../../store/index.js';
import type { ServerStore } from './context.js';
import { NotFoundError } from './errors.js';

const CHECK_ID = 'password-policy-compliance';
const SETTING_KEYS = Object.keys(PASSWORD_SETTING_LABELS) as (keyof PasswordSettings)[];

/** One requirement of one profile against one policy: what the profile asks, what the policy has, met or not. */
export interface RequirementRow {
  source: string;
  /** `minimum length ≥ 12 characters`. */
  required: string;
  /** `8 characters`, `not set`, `required`. */
  actual: string;
  /** Okta's field names, so a reader can find the setting in the Admin Console. */
  fields: string[];
  met: boolean;
}

export interface ProfileCompliance {
  profileId: PasswordProfileId;
  name: string;
  /** The profile the check judged by (the others are reported beside it, as the check's reason does). */
  chosen: boolean;
  met: boolean;
  requirements: RequirementRow[];
}

export interface PolicyCompliance {
  policyId: string;
  policy: string;
  status: CheckStatus;
  /** The requirements that apply differ when the password is the only factor (PCI DSS 8.3.9, NIST §3.1.1). */
  passwordOnlyFactor: boolean;
  governedUsers: number;
  profiles: ProfileCompliance[];
}

/**
 * Password policy compliance as a table: each Okta-managed password policy the latest run judged, against every
 * profile, one row per requirement with actual against required. It re-judges the settings the check recorded with
 * the check's own functions (`judgeRequirement`), so it cannot disagree with the check's verdict.
 */
export async function passwordCompliance(store: ServerStore, org: string): Promise<{ runId: string; evaluatedAt: Date; policies: PolicyCompliance[] }> {
  const run = await store.checkResults.latestSummary(org);
  if (run === undefined) throw new NotFoundError(`No security test results for ${org} yet: they run after each successful sync.`);
  const policies: PolicyCompliance[] = [];
  let after: string[] | undefined;
  do {
    const page = await store.pages.checkEntities(run.id, { checkId: CHECK_ID, entityType: 'policy' }, after === undefined ? { limit: 200 } : { limit: 200, after });
    for (const result of page.items) {
      const judged = judgedPolicy(result.fields);
      if (judged === undefined) continue;
      policies.push({ policyId: result.entityId, policy: result.entityName, status: result.status, ...judged });
    }
    after = page.nextKey ?? undefined;
  } while (after !== undefined);
  return { runId: run.id, evaluatedAt: run.evaluatedAt, policies };
}

/** Only policies the check judged carry their settings (an inactive or unused policy has none to compare). */
function judgedPolicy(fields: Record<string, unknown>): Omit<PolicyCompliance, 'policyId' | 'policy' | 'status'> | undefined {
  if (typeof fields.profile !== 'string' || typeof fields.passwordOnlyFactor !== 'boolean') return undefined;
  const settings = Object.fromEntries(SETTING_KEYS.map((key) => [key, settingValue(fields[key])])) as unknown as PasswordSettings;
  const passwordOnly = fields.passwordOnlyFactor;
  const profiles = PASSWORD_PROFILE_IDS.map((id): ProfileCompliance => {
    const profile = PASSWORD_PROFILES[id];
    const requirements = profile.requirements
      .filter(({ when = 'always' }) => when === 'always' || (when === 'password-only') === passwordOnly)
      .map((requirement) => ({ ...describe(requirement, settings), source: requirement.source, met: judgeRequirement(requirement, settings, profile).met }));
    return { profileId: id, name: profile.name, chosen: id === fields.profile, met: requirements.every((row) => row.met), requirements };
  });
  return { passwordOnlyFactor: passwordOnly, governedUsers: typeof fields.governedUsers === 'number' ? fields.governedUsers : 0, profiles };
}

function settingValue(value: unknown): number | boolean | null {
  return typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function shown(settings: PasswordSettings, setting: keyof PasswordSettings): string {
  const value = settings[setting];
  const { unit } = PASSWORD_SETTING_LABELS[setting];
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (value === null || value === 0) return unit === 'flag' ? 'not required' : value === 0 ? '0 (not set)' : 'not set';
  return unit === 'flag' ? 'required' : `${value} ${unit}`;
}

function describe(requirement: PasswordRequirement, settings: PasswordSettings): { required: string; actual: string; fields: string[] } {
  const field = (setting: keyof PasswordSettings) => PASSWORD_SETTING_LABELS[setting].field;
  switch (requirement.kind) {
    case 'at-least':
    case 'at-most': {
      const { label, unit } = PASSWORD_SETTING_LABELS[requirement.setting];
      const comparison = requirement.kind === 'at-least' ? '≥' : '≤';
      const bound = unit === 'flag' ? 'required' : `${comparison} ${requirement.value} ${unit}`;
      const zero = requirement.kind === 'at-least' && requirement.zeroMeets !== undefined ? ` or 0 (${requirement.zeroMeets})` : '';
      return { required: `${label} ${bound}${zero}`, actual: shown(settings, requirement.setting), fields: [field(requirement.setting)] };
    }
    case 'any-of':
    case 'none-of': {
      const actual = requirement.settings.map((setting) => `${PASSWORD_SETTING_LABELS[setting].label}: ${shown(settings, setting)}`).join('; ');
      return { required: requirement.kind === 'any-of' ? `${requirement.label} required` : `no ${requirement.label}`, actual, fields: requirement.settings.map(field) };
    }
    case 'enabled':
      return { required: `${PASSWORD_SETTING_LABELS[requirement.setting].label} on`, actual: shown(settings, requirement.setting), fields: [field(requirement.setting)] };
  }
}
