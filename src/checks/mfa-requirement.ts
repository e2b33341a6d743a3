/**
 * Whether a sign-on rule makes users present a second factor, read from the rule's actions as Okta shapes them:
 * - Global session policy (OKTA_SIGN_ON) rules: `actions.signon.requireFactor`
 *   (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Policy/#tag/Policy/operation/createPolicyRule).
 * - App sign-in (ACCESS_POLICY) rules: `actions.appSignOn.verificationMethod.factorMode` `2FA` for the ASSURANCE type;
 *   for AUTH_METHOD_CHAIN, every chain must have a second step (`next`).
 * A DENY rule requires no factor: it refuses sign-in. Anything we cannot read is `unknown`, never a guess.
 */

export const MFA_EFFECTS = ['mfa', 'no-mfa', 'deny', 'unknown'] as const;
export type MfaEffect = (typeof MFA_EFFECTS)[number];

export interface MfaRequirement {
  effect: MfaEffect;
  /** The setting the effect was read from, for a person to check. */
  basis: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function signOnRequirement(actions: Record<string, unknown> | undefined): MfaRequirement {
  const signon = record(actions?.signon);
  if (signon === undefined) return { effect: 'unknown', basis: 'the rule has no actions.signon' };
  if (signon.access === 'DENY') return { effect: 'deny', basis: 'actions.signon.access = DENY' };
  if (signon.requireFactor === true) {
    const prompt = typeof signon.factorPromptMode === 'string' ? ` (factorPromptMode ${signon.factorPromptMode})` : '';
    return { effect: 'mfa', basis: `actions.signon.requireFactor = true${prompt}` };
  }
  if (signon.requireFactor === false) return { effect: 'no-mfa', basis: 'actions.signon.requireFactor = false' };
  return { effect: 'unknown', basis: 'actions.signon.requireFactor is not set' };
}

function appSignOnRequirement(actions: Record<string, unknown> | undefined): MfaRequirement {
  const appSignOn = record(actions?.appSignOn);
  if (appSignOn === undefined) return { effect: 'unknown', basis: 'the rule has no actions.appSignOn' };
  if (appSignOn.access === 'DENY') return { effect: 'deny', basis: 'actions.appSignOn.access = DENY' };
  const method = record(appSignOn.verificationMethod);
  if (method?.type === 'AUTH_METHOD_CHAIN') {
    const chains = Array.isArray(method.chains) ? method.chains.map(record) : [];
    const allTwoStep = chains.length > 0 && chains.every((chain) => Array.isArray(chain?.next) && chain.next.length > 0);
    return allTwoStep
      ? { effect: 'mfa', basis: 'every authentication method chain has a second step' }
      : { effect: 'no-mfa', basis: 'an authentication method chain has a single step' };
  }
  if (method?.factorMode === '2FA') return { effect: 'mfa', basis: 'actions.appSignOn.verificationMethod.factorMode = 2FA' };
  if (method?.factorMode === '1FA') return { effect: 'no-mfa', basis: 'actions.appSignOn.verificationMethod.factorMode = 1FA' };
  return { effect: 'unknown', basis: 'actions.appSignOn.verificationMethod.factorMode is not set' };
}

export function mfaRequirement(policyType: string, actions: unknown): MfaRequirement {
  switch (policyType) {
    case 'OKTA_SIGN_ON':
      return signOnRequirement(record(actions));
    case 'ACCESS_POLICY':
      return appSignOnRequirement(record(actions));
    default:
      return { effect: 'unknown', basis: `${policyType} rules do not decide sign-on factors` };
  }
}
