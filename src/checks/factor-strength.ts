/**
 * How strong each Okta factor type is (OKTA-API.md §6.1). Okta names only FIDO2 WebAuthn and Okta FastPass
 * (`signed_nonce`) as phishing-resistant; Okta Verify push and OTP do not meet that bar. A security question is a
 * `knowledge` factor: beside a password it is not a second kind of factor at all (mfa-factor-rules.ts).
 */
export const FACTOR_STRENGTHS = ['knowledge', 'weak', 'strong', 'phishing-resistant'] as const;
export type FactorStrength = (typeof FACTOR_STRENGTHS)[number] | 'unknown';

const STRENGTH_BY_TYPE: Readonly<Record<string, FactorStrength>> = {
  webauthn: 'phishing-resistant',
  signed_nonce: 'phishing-resistant',
  push: 'strong',
  'token:software:totp': 'strong',
  'token:hardware': 'strong',
  token: 'strong',
  'token:hotp': 'strong',
  // U2F is origin-bound like WebAuthn, but Okta's phishing-resistance page names only WebAuthn and FastPass
  // (OKTA-API.md §6.1, UNCERTAIN), so it is counted as strong rather than phishing-resistant until Okta says otherwise.
  u2f: 'strong',
  // Duo Security (`web`): a push or OTP through Duo, not phishing-resistant.
  web: 'strong',
  sms: 'weak',
  call: 'weak',
  email: 'weak',
  question: 'knowledge',
};

/** A factor type Okta adds later is `unknown`: it still counts as enrolled MFA, above a knowledge factor only. */
export function factorStrength(factorType: string): FactorStrength {
  return STRENGTH_BY_TYPE[factorType] ?? 'unknown';
}

const RANK: Record<FactorStrength, number> = { knowledge: 0, unknown: 1, weak: 2, strong: 3, 'phishing-resistant': 4 };

/** The strongest of the factor types, or undefined for none. Ties keep the first. */
export function strongestFactor(factorTypes: readonly string[]): { factorType: string; strength: FactorStrength } | undefined {
  let best: { factorType: string; strength: FactorStrength } | undefined;
  for (const factorType of factorTypes) {
    const strength = factorStrength(factorType);
    if (best === undefined || RANK[strength] > RANK[best.strength]) best = { factorType, strength };
  }
  return best;
}

/** The known factor types of one strength (the API filters users by their strongest factor with it). */
export function factorTypesOfStrength(strength: (typeof FACTOR_STRENGTHS)[number]): string[] {
  return Object.entries(STRENGTH_BY_TYPE)
    .filter(([, known]) => known === strength)
    .map(([type]) => type);
}
