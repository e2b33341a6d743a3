/**
 * Password baselines as data, from ../shared/BASELINES.md ("Password policy profiles"). Baselines disagree (NIST
 * forbids what DISA requires), so the user picks one profile; every policy is also reported against the others.
 * A reviewer should be able to check this file against the sources without reading any code.
 */

export const PASSWORD_PROFILE_IDS = ['pci-dss-v4', 'nist-800-63b', 'disa-stig', 'okta-healthinsight'] as const;
export type PasswordProfileId = (typeof PASSWORD_PROFILE_IDS)[number];

/** The PASSWORD policy settings the profiles judge (OKTA-API.md §9.2), as parsed from `settings.password`. */
export interface PasswordSettings {
  minLength: number | null;
  /** Composition settings are 0/1 flags, not counts. */
  minLowerCase: number | null;
  minUpperCase: number | null;
  minNumber: number | null;
  minSymbol: number | null;
  /** `complexity.dictionary.common.exclude`: refuse common passwords. */
  commonPasswordCheck: boolean | null;
  historyCount: number | null;
  /** 0 = passwords never expire. */
  maxAgeDays: number | null;
  minAgeMinutes: number | null;
  /** 0 = no limit on failed attempts. */
  maxAttempts: number | null;
  /** 0 = never unlocked automatically: an admin must unlock. */
  autoUnlockMinutes: number | null;
}

export type NumericPasswordSetting = Exclude<keyof PasswordSettings, 'commonPasswordCheck'>;

/** How each setting is named to people, with the Okta field so they can find it. */
export const PASSWORD_SETTING_LABELS: Record<keyof PasswordSettings, { label: string; field: string; unit: string }> = {
  minLength: { label: 'minimum length', field: 'complexity.minLength', unit: 'characters' },
  // Composition settings are flags: the unit `flag` makes a reason say "a digit is required / not required".
  minLowerCase: { label: 'a lower-case letter', field: 'complexity.minLowerCase', unit: 'flag' },
  minUpperCase: { label: 'an upper-case letter', field: 'complexity.minUpperCase', unit: 'flag' },
  minNumber: { label: 'a digit', field: 'complexity.minNumber', unit: 'flag' },
  minSymbol: { label: 'a symbol', field: 'complexity.minSymbol', unit: 'flag' },
  commonPasswordCheck: { label: 'common password check', field: 'complexity.dictionary.common.exclude', unit: 'flag' },
  historyCount: { label: 'password history', field: 'age.historyCount', unit: 'passwords' },
  maxAgeDays: { label: 'maximum age', field: 'age.maxAgeDays', unit: 'days' },
  minAgeMinutes: { label: 'minimum age', field: 'age.minAgeMinutes', unit: 'minutes' },
  maxAttempts: { label: 'lockout after failed attempts', field: 'lockout.maxAttempts', unit: 'attempts' },
  autoUnlockMinutes: { label: 'lockout duration', field: 'lockout.autoUnlockMinutes', unit: 'minutes' },
};

/**
 * When a requirement applies. Some baselines are stricter when the password is the only factor; how the check
 * decides that is in password-policy-compliance.ts (`passwordIsOnlyFactor`).
 */
export type RequirementCondition = 'always' | 'password-only' | 'with-mfa';

interface RequirementBase {
  /** The clause of the source, e.g. `8.3.6` or `V-273195`. */
  readonly source: string;
  readonly when?: RequirementCondition;
}

/**
 * A numeric setting of 0 or null is "not set", and a requirement on a value is then not met — except where
 * `zeroMeets` names what 0 means and why it satisfies the requirement (lockout duration 0 = admin unlock).
 */
export type PasswordRequirement = RequirementBase &
  (
    | { readonly kind: 'at-least'; readonly setting: NumericPasswordSetting; readonly value: number; readonly zeroMeets?: string }
    | { readonly kind: 'at-most'; readonly setting: NumericPasswordSetting; readonly value: number }
    /** At least one of the settings is set (≥ 1): "letters" is a lower- or an upper-case letter. */
    | { readonly kind: 'any-of'; readonly settings: readonly NumericPasswordSetting[]; readonly label: string }
    /** None of the settings may be set: NIST forbids composition rules and forced rotation. */
    | { readonly kind: 'none-of'; readonly settings: readonly NumericPasswordSetting[]; readonly label: string }
    | { readonly kind: 'enabled'; readonly setting: 'commonPasswordCheck' }
  );

export interface PasswordProfile {
  readonly id: PasswordProfileId;
  readonly name: string;
  readonly requirements: readonly PasswordRequirement[];
}

const COMPOSITION: readonly NumericPasswordSetting[] = ['minLowerCase', 'minUpperCase', 'minNumber', 'minSymbol'];

export const PASSWORD_PROFILES: Record<PasswordProfileId, PasswordProfile> = {
  'pci-dss-v4': {
    id: 'pci-dss-v4',
    name: 'PCI DSS v4.0',
    requirements: [
      { kind: 'at-least', setting: 'minLength', value: 12, source: '8.3.6' },
      { kind: 'any-of', settings: ['minLowerCase', 'minUpperCase'], label: 'a letter', source: '8.3.6' },
      { kind: 'at-least', setting: 'minNumber', value: 1, source: '8.3.6' },
      { kind: 'at-least', setting: 'historyCount', value: 4, source: '8.3.7' },
      // 8.3.9: rotation is required only where the password is the only factor.
      { kind: 'at-most', setting: 'maxAgeDays', value: 90, source: '8.3.9', when: 'password-only' },
      { kind: 'at-most', setting: 'maxAttempts', value: 10, source: '8.3.4' },
      // "At least 30 minutes or until the identity is confirmed": 0 means only an admin unlocks.
      { kind: 'at-least', setting: 'autoUnlockMinutes', value: 30, source: '8.3.4', zeroMeets: 'admin unlock' },
    ],
  },
  'nist-800-63b': {
    id: 'nist-800-63b',
    name: 'NIST SP 800-63B rev 4',
    requirements: [
      { kind: 'at-least', setting: 'minLength', value: 15, source: '§3.1.1', when: 'password-only' },
      { kind: 'at-least', setting: 'minLength', value: 8, source: '§3.1.1', when: 'with-mfa' },
      { kind: 'none-of', settings: COMPOSITION, label: 'composition rules', source: '§3.1.1' },
      { kind: 'none-of', settings: ['maxAgeDays'], label: 'forced rotation', source: '§3.1.1' },
      { kind: 'enabled', setting: 'commonPasswordCheck', source: '§3.1.1' },
      // "Rate limiting required": 800-63B allows at most 100 consecutive failed attempts.
      { kind: 'at-most', setting: 'maxAttempts', value: 100, source: '§3.2.2' },
    ],
  },
  'disa-stig': {
    id: 'disa-stig',
    name: 'DISA Okta IDaaS STIG V1R2',
    requirements: [
      { kind: 'at-least', setting: 'minLength', value: 15, source: 'V-273195' },
      { kind: 'at-least', setting: 'minUpperCase', value: 1, source: 'V-273196' },
      { kind: 'at-least', setting: 'minLowerCase', value: 1, source: 'V-273197' },
      { kind: 'at-least', setting: 'minNumber', value: 1, source: 'V-273198' },
      { kind: 'at-least', setting: 'minSymbol', value: 1, source: 'V-273199' },
      { kind: 'at-least', setting: 'minAgeMinutes', value: 24 * 60, source: 'V-273200' },
      { kind: 'at-most', setting: 'maxAgeDays', value: 60, source: 'V-273201' },
      { kind: 'at-least', setting: 'historyCount', value: 5, source: 'V-273209' },
      { kind: 'at-most', setting: 'maxAttempts', value: 3, source: 'V-273189' },
      { kind: 'enabled', setting: 'commonPasswordCheck', source: 'V-273208' },
    ],
  },
  'okta-healthinsight': {
    id: 'okta-healthinsight',
    name: 'Okta HealthInsight',
    requirements: [
      { kind: 'at-least', setting: 'minLength', value: 12, source: 'strong passwords' },
      { kind: 'at-least', setting: 'historyCount', value: 24, source: 'strong passwords' },
      { kind: 'at-least', setting: 'minAgeMinutes', value: 60, source: 'strong passwords' },
      // "Lockout enabled": any limit on failed attempts.
      { kind: 'at-least', setting: 'maxAttempts', value: 1, source: 'lockout enabled' },
      { kind: 'enabled', setting: 'commonPasswordCheck', source: 'strong passwords' },
    ],
  },
};
