import { describe, expect, it } from 'vitest';
import { mfaRequirement, type MfaEffect } from './mfa-requirement.js';

describe('mfaRequirement', () => {
  it.each<[string, string, unknown, MfaEffect]>([
    ['sign-on rule requiring a factor', 'OKTA_SIGN_ON', { signon: { access: 'ALLOW', requireFactor: true, factorPromptMode: 'ALWAYS' } }, 'mfa'],
    ['sign-on rule without a factor', 'OKTA_SIGN_ON', { signon: { access: 'ALLOW', requireFactor: false } }, 'no-mfa'],
    ['sign-on rule that denies', 'OKTA_SIGN_ON', { signon: { access: 'DENY', requireFactor: true } }, 'deny'],
    ['sign-on rule with requireFactor unset', 'OKTA_SIGN_ON', { signon: { access: 'ALLOW' } }, 'unknown'],
    ['sign-on rule without actions', 'OKTA_SIGN_ON', null, 'unknown'],
    ['app sign-in 2FA', 'ACCESS_POLICY', { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode: '2FA' } } }, 'mfa'],
    ['app sign-in 1FA', 'ACCESS_POLICY', { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode: '1FA' } } }, 'no-mfa'],
    ['app sign-in deny', 'ACCESS_POLICY', { appSignOn: { access: 'DENY', verificationMethod: { factorMode: '2FA' } } }, 'deny'],
    ['app sign-in chain, every chain two steps', 'ACCESS_POLICY', { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'AUTH_METHOD_CHAIN', chains: [{ authenticationMethods: [{ key: 'okta_password' }], next: [{ authenticationMethods: [{ key: 'okta_verify' }] }] }] } } }, 'mfa'],
    ['app sign-in chain with a one-step chain', 'ACCESS_POLICY', { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'AUTH_METHOD_CHAIN', chains: [{ authenticationMethods: [{ key: 'okta_password' }] }] } } }, 'no-mfa'],
    ['app sign-in without a verification method', 'ACCESS_POLICY', { appSignOn: { access: 'ALLOW' } }, 'unknown'],
    ['another policy type', 'PASSWORD', { passwordChange: { access: 'ALLOW' } }, 'unknown'],
  ])('%s → %s', (_name, type, actions, effect) => {
    const requirement = mfaRequirement(type, actions);
    expect(requirement.effect).toBe(effect);
    expect(requirement.basis).not.toBe('');
  });

  it('names the setting it read', () => {
    expect(mfaRequirement('OKTA_SIGN_ON', { signon: { access: 'ALLOW', requireFactor: true, factorPromptMode: 'SESSION' } }).basis).toBe(
      'actions.signon.requireFactor = true (factorPromptMode SESSION)',
    );
  });
});
