import {
  PASSWORD_SETTING_LABELS,
  type NumericPasswordSetting,
  type PasswordProfile,
  type PasswordRequirement,
  type PasswordSettings,
} from './password-profiles.js';

/** One requirement judged against one policy's settings. */
export interface RequirementOutcome {
  readonly requirement: PasswordRequirement;
  readonly met: boolean;
  /** Actual against required, e.g. `minimum length is 8 characters, required ≥ 12 (PCI DSS v4.0 8.3.6)`. */
  readonly text: string;
}

/** Null and 0 both mean "not set" (OKTA-API.md §9.2: 0 = never / no limit / not required). */
function valueOf(settings: PasswordSettings, setting: NumericPasswordSetting): number | null {
  const value = settings[setting];
  return value === null || value === 0 ? null : value;
}

/** `minimum length is 8 characters`, `maximum age is not set`, `a digit is not required`. */
function actual(setting: NumericPasswordSetting, value: number | null): string {
  const { label, unit } = PASSWORD_SETTING_LABELS[setting];
  if (unit === 'flag') return `${label} is ${value === null ? 'not required' : 'required'}`;
  return `${label} is ${value === null ? 'not set' : `${value} ${unit}`}`;
}

function required(setting: NumericPasswordSetting, comparison: '≥' | '≤', bound: number): string {
  const { unit } = PASSWORD_SETTING_LABELS[setting];
  return unit === 'flag' ? 'it must be required' : `required ${comparison} ${bound} ${unit}`;
}

export function judgeRequirement(requirement: PasswordRequirement, settings: PasswordSettings, profile: PasswordProfile): RequirementOutcome {
  const outcome = (met: boolean, text: string): RequirementOutcome => ({ requirement, met, text: `${text} (${profile.name} ${requirement.source})` });
  switch (requirement.kind) {
    case 'at-least': {
      const { setting, value: bound, zeroMeets } = requirement;
      if (settings[setting] === 0 && zeroMeets !== undefined) return outcome(true, `${PASSWORD_SETTING_LABELS[setting].label} is 0: ${zeroMeets}`);
      const value = valueOf(settings, setting);
      const alternative = zeroMeets === undefined ? '' : ` or 0 (${zeroMeets})`;
      return outcome(value !== null && value >= bound, `${actual(setting, value)}, ${required(setting, '≥', bound)}${alternative}`);
    }
    case 'at-most': {
      const { setting, value: bound } = requirement;
      const value = valueOf(settings, setting);
      return outcome(value !== null && value <= bound, `${actual(setting, value)}, ${required(setting, '≤', bound)}`);
    }
    case 'any-of': {
      const set = requirement.settings.filter((setting) => valueOf(settings, setting) !== null);
      const options = requirement.settings.map((setting) => PASSWORD_SETTING_LABELS[setting].label).join(' or ');
      return outcome(set.length > 0, set.length > 0 ? `${requirement.label} is required` : `${requirement.label} is not required (${options}); it must be required`);
    }
    case 'none-of': {
      const set = requirement.settings.filter((setting) => valueOf(settings, setting) !== null);
      const listed = set.map((setting) => `${PASSWORD_SETTING_LABELS[setting].field} = ${String(settings[setting])}`).join(', ');
      return outcome(set.length === 0, set.length === 0 ? `no ${requirement.label}` : `${requirement.label} set (${listed}), which must not be required`);
    }
    case 'enabled': {
      const value = settings[requirement.setting];
      const { label } = PASSWORD_SETTING_LABELS[requirement.setting];
      return outcome(value === true, `${label} is ${value === null ? 'not set' : value ? 'on' : 'off'}, required on`);
    }
  }
}

/** Judges the requirements that apply, given whether the password is the only factor. */
export function judgeProfile(profile: PasswordProfile, settings: PasswordSettings, passwordOnly: boolean): RequirementOutcome[] {
  return profile.requirements
    .filter(({ when = 'always' }) => when === 'always' || (when === 'password-only') === passwordOnly)
    .map((requirement) => judgeRequirement(requirement, settings, profile));
}
