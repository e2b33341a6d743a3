import type { PasswordProfileId } from './password-profiles.js';

/**
 * Which Okta factor types count towards MFA, per baseline profile, from ../shared/BASELINES.md ("Which factors count
 * as MFA, per profile"). It sits beside the password profiles and is chosen by the same `profile` setting. MFA needs
 * two independent kinds of factor (PCI SSC FAQ 1426; PCI DSS v4.0 8.4/8.5; NIST SP 800-63B §5): the password is
 * something the user knows, so a second knowledge factor (a security question) adds nothing.
 */

/** What a factor is: something the user knows, or something the user has (possession, sometimes with biometrics). */
export type FactorKind = 'knowledge' | 'possession';

/**
 * How a factor counts under a profile:
 * - `counts`: a second factor;
 * - `counts-warn`: accepted, with a warning (email: the mailbox is often reached with the same password);
 * - `restricted`: NIST SP 800-63B §5.1.3.3 "restricted authenticator" (SMS, voice): accepted, with a warning;
 * - `does-not-count`: not a second factor under this profile.
 */
export const FACTOR_COUNTINGS = ['counts', 'counts-warn', 'restricted', 'does-not-count'] as const;
export type FactorCounting = (typeof FACTOR_COUNTINGS)[number];

export interface FactorRule {
  readonly kind: FactorKind;
  readonly counting: FactorCounting;
  /** Why, for the reason text: the source clause or the weakness. */
  readonly why?: string;
}

const KNOWLEDGE: FactorRule = { kind: 'knowledge', counting: 'does-not-count', why: 'a second thing the user knows is not a second factor (PCI SSC FAQ 1426, NIST SP 800-63B §5)' };
const COUNTS: FactorRule = { kind: 'possession', counting: 'counts' };
const EMAIL_WARN: FactorRule = { kind: 'possession', counting: 'counts-warn', why: 'the mailbox is often reachable with the same password, so email is not independent of it' };
const PSTN_WARN: FactorRule = { kind: 'possession', counting: 'counts-warn', why: 'SMS and voice codes can be intercepted or redirected (SIM swap)' };
const PSTN_RESTRICTED: FactorRule = { kind: 'possession', counting: 'restricted', why: 'SMS and voice are restricted authenticators (NIST SP 800-63B §5.1.3.3)' };
const EMAIL_NIST: FactorRule = {
  kind: 'possession',
  counting: 'does-not-count',
  why: 'email does not prove possession of a specific device and cannot be an out-of-band channel (NIST SP 800-63B §5.1.3.1)',
};

/** The factor types every profile treats alike (Okta Verify, OTP apps and tokens, Duo, FIDO, FastPass). */
const POSSESSION_TYPES = ['push', 'token:software:totp', 'token:hotp', 'token', 'token:hardware', 'web', 'u2f', 'webauthn', 'signed_nonce'] as const;

function rules(overrides: Readonly<Record<'question' | 'email' | 'sms' | 'call', FactorRule>>): Readonly<Record<string, FactorRule>> {
  return { ...Object.fromEntries(POSSESSION_TYPES.map((type) => [type, COUNTS])), ...overrides };
}

export const MFA_FACTOR_RULES: Readonly<Record<PasswordProfileId, Readonly<Record<string, FactorRule>>>> = {
  'pci-dss-v4': rules({ question: KNOWLEDGE, email: EMAIL_WARN, sms: COUNTS, call: COUNTS }),
  'nist-800-63b': rules({ question: KNOWLEDGE, email: EMAIL_NIST, sms: PSTN_RESTRICTED, call: PSTN_RESTRICTED }),
  'disa-stig': rules({ question: KNOWLEDGE, email: EMAIL_WARN, sms: PSTN_WARN, call: PSTN_WARN }),
  'okta-healthinsight': rules({ question: KNOWLEDGE, email: EMAIL_WARN, sms: PSTN_WARN, call: PSTN_WARN }),
};

/** A factor type Okta adds later counts (it is enrolled MFA), but the result says it is not known to this version. */
const UNKNOWN_TYPE: FactorRule = { kind: 'possession', counting: 'counts', why: 'a factor type this version of okta-evidence does not know' };

export function factorRule(profile: PasswordProfileId, factorType: string): FactorRule {
  return MFA_FACTOR_RULES[profile][factorType] ?? UNKNOWN_TYPE;
}

/** Whether a factor type is a second factor under the profile (with or without a warning). */
export function countsAsMfa(rule: FactorRule): boolean {
  return rule.counting !== 'does-not-count';
}
