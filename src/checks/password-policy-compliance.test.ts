import { describe, expect, it } from 'vitest';
import { makeApp, makeAppAssignment, makeGroup, makePolicy, makePolicyRule, makeUser } from '../store/testing/fixtures.js';
import type { PolicyRecord, PolicyRuleRecord } from '../store/types.js';
import { passwordOnlyContext, passwordOnlyFor } from './password-only-factor.js';
import type { PasswordProfileId } from './password-profiles.js';
import { passwordPolicyCompliance } from './password-policy-compliance.js';
import { makeContext, makePasswordPolicy, makeView, resultFor, type PasswordSettingsInput, type ViewInput } from './testing/view-builder.js';

const ORG = 'acme.okta.com';

/** A policy that meets each profile exactly (password treated as the only factor). */
const COMPLIANT: Record<PasswordProfileId, PasswordSettingsInput> = {
  'pci-dss-v4': {
    complexity: { minLength: 12, minLowerCase: 1, minUpperCase: 0, minNumber: 1, minSymbol: 0 },
    age: { maxAgeDays: 90, historyCount: 4 },
    lockout: { maxAttempts: 10, autoUnlockMinutes: 30 },
  },
  'nist-800-63b': {
    complexity: { minLength: 15, minLowerCase: 0, minUpperCase: 0, minNumber: 0, minSymbol: 0, dictionary: { common: { exclude: true } } },
    age: { maxAgeDays: 0 },
    lockout: { maxAttempts: 100 },
  },
  'disa-stig': {
    complexity: { minLength: 15, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 1, dictionary: { common: { exclude: true } } },
    age: { maxAgeDays: 60, minAgeMinutes: 1440, historyCount: 5 },
    lockout: { maxAttempts: 3, autoUnlockMinutes: 0 },
  },
  'okta-healthinsight': {
    complexity: { minLength: 12, dictionary: { common: { exclude: true } } },
    age: { minAgeMinutes: 60, historyCount: 24 },
    lockout: { maxAttempts: 10 },
  },
};

/** Every active global session rule requires MFA. */
const MFA_FOR_EVERYONE: Pick<ViewInput, 'policies' | 'policyRules'> = {
  policies: [makePolicy({ id: 'gsp1', type: 'OKTA_SIGN_ON', name: 'Default Policy', settings: null })],
  policyRules: [makeSignOnRule('gsp1', 'r1', { access: 'ALLOW', requireFactor: true }), makeSignOnRule('gsp1', 'r2', { access: 'DENY' })],
};

function makeSignOnRule(policyId: string, id: string, signon: Record<string, unknown>, status = 'ACTIVE'): PolicyRuleRecord {
  return makePolicyRule({ policyId, id, type: 'SIGN_ON', name: `Rule ${id}`, status, actions: { signon } });
}

/** Pat is in Everyone (and in 00g1, the group makePolicy targets by default); Cody is also a contractor. */
const PAT = makeUser({ id: '00uP', login: 'pat@example.com' });
const CODY = makeUser({ id: '00uC', login: 'cody@example.com' });
const CONTRACTORS = '00gContr';
const PEOPLE: ViewInput = {
  users: [PAT, CODY],
  groups: [makeGroup({ id: '00g1everyone', name: 'Everyone' }), makeGroup({ id: CONTRACTORS, name: 'Contractors' })],
  groupMemberships: [
    { groupId: '00g1everyone', userId: PAT.id },
    { groupId: '00g1', userId: PAT.id },
    { groupId: '00g1everyone', userId: CODY.id },
    { groupId: '00g1', userId: CODY.id },
    { groupId: CONTRACTORS, userId: CODY.id },
  ],
};

function evaluate(policies: PolicyRecord[], profile: PasswordProfileId = 'pci-dss-v4', view: ViewInput = {}) {
  const extra = view.policies ?? [];
  return passwordPolicyCompliance.evaluate(makeView({ ...PEOPLE, ...view, policies: [...policies, ...extra] }), makeContext({ profile }));
}

const contractorsOnly = { people: { groups: { include: [CONTRACTORS] } }, authProvider: { provider: 'OKTA' } };

function judge(password: PasswordSettingsInput, profile: PasswordProfileId = 'pci-dss-v4', view: ViewInput = {}) {
  return resultFor(evaluate([makePasswordPolicy('00p1', password)], profile, view), '00p1');
}

/** `COMPLIANT[profile]` with one group's settings changed. */
function changed(profile: PasswordProfileId, group: keyof PasswordSettingsInput, values: Record<string, unknown>): PasswordSettingsInput {
  const base = COMPLIANT[profile];
  return { ...base, [group]: { ...base[group], ...values } };
}

describe('password-policy-compliance', () => {
  it.each(Object.keys(COMPLIANT) as PasswordProfileId[])('a policy built to %s passes it', (profile) => {
    const result = judge(COMPLIANT[profile], profile);
    expect(result.status).toBe('pass');
    expect(result.fields).toMatchObject({ profile, passwordOnlyFactor: true });
  });

  it.each([
    ['pci-dss-v4', 'complexity', { minLength: 11 }, 'minimum length is 11 characters, required ≥ 12 characters (PCI DSS v4.0 8.3.6)'],
    ['pci-dss-v4', 'complexity', { minLowerCase: 0, minUpperCase: null }, 'a letter is not required (a lower-case letter or an upper-case letter); it must be required (PCI DSS v4.0 8.3.6)'],
    ['pci-dss-v4', 'complexity', { minNumber: null }, 'a digit is not required, it must be required (PCI DSS v4.0 8.3.6)'],
    ['pci-dss-v4', 'age', { historyCount: 3 }, 'password history is 3 passwords, required ≥ 4 passwords (PCI DSS v4.0 8.3.7)'],
    ['pci-dss-v4', 'age', { maxAgeDays: 91 }, 'maximum age is 91 days, required ≤ 90 days (PCI DSS v4.0 8.3.9)'],
    ['pci-dss-v4', 'age', { maxAgeDays: 0 }, 'maximum age is not set, required ≤ 90 days'],
    ['pci-dss-v4', 'lockout', { maxAttempts: 0 }, 'lockout after failed attempts is not set, required ≤ 10 attempts (PCI DSS v4.0 8.3.4)'],
    ['pci-dss-v4', 'lockout', { maxAttempts: 11 }, 'lockout after failed attempts is 11 attempts'],
    ['pci-dss-v4', 'lockout', { autoUnlockMinutes: 29 }, 'lockout duration is 29 minutes, required ≥ 30 minutes or 0 (admin unlock) (PCI DSS v4.0 8.3.4)'],
    ['pci-dss-v4', 'lockout', { autoUnlockMinutes: null }, 'lockout duration is not set'],
    ['nist-800-63b', 'complexity', { minLength: 14 }, 'minimum length is 14 characters, required ≥ 15 characters (NIST SP 800-63B rev 4 §3.1.1)'],
    ['nist-800-63b', 'complexity', { minSymbol: 1, minNumber: 1 }, 'composition rules set (complexity.minNumber = 1, complexity.minSymbol = 1), which must not be required'],
    ['nist-800-63b', 'age', { maxAgeDays: 90 }, 'forced rotation set (age.maxAgeDays = 90)'],
    ['nist-800-63b', 'complexity', { dictionary: { common: { exclude: false } } }, 'common password check is off, required on'],
    ['nist-800-63b', 'complexity', { dictionary: null }, 'common password check is not set, required on'],
    ['nist-800-63b', 'lockout', { maxAttempts: 0 }, 'lockout after failed attempts is not set, required ≤ 100 attempts'],
    ['disa-stig', 'complexity', { minLength: 14 }, 'required ≥ 15 characters (DISA Okta IDaaS STIG V1R2 V-273195)'],
    ['disa-stig', 'complexity', { minUpperCase: 0 }, 'an upper-case letter is not required, it must be required (DISA Okta IDaaS STIG V1R2 V-273196)'],
    ['disa-stig', 'complexity', { minSymbol: null }, 'a symbol is not required'],
    ['disa-stig', 'age', { minAgeMinutes: 60 }, 'minimum age is 60 minutes, required ≥ 1440 minutes (DISA Okta IDaaS STIG V1R2 V-273200)'],
    ['disa-stig', 'age', { maxAgeDays: 61 }, 'maximum age is 61 days, required ≤ 60 days'],
    ['disa-stig', 'age', { historyCount: 4 }, 'password history is 4 passwords, required ≥ 5 passwords'],
    ['disa-stig', 'lockout', { maxAttempts: 4 }, 'lockout after failed attempts is 4 attempts, required ≤ 3 attempts (DISA Okta IDaaS STIG V1R2 V-273189)'],
    ['okta-healthinsight', 'age', { historyCount: 23 }, 'password history is 23 passwords, required ≥ 24 passwords'],
    ['okta-healthinsight', 'age', { minAgeMinutes: 0 }, 'minimum age is not set, required ≥ 60 minutes'],
    ['okta-healthinsight', 'lockout', { maxAttempts: 0 }, 'lockout after failed attempts is not set, required ≥ 1 attempts'],
  ] as const)('%s: %s %o fails with "%s"', (profile, group, values, text) => {
    const result = judge(changed(profile, group, values), profile);
    expect(result.status).toBe('fail');
    expect(result.reason).toContain(text);
  });

  it('reads null, missing and 0 as "not set" and names every failing setting', () => {
    const result = judge({ complexity: { minLength: null, minNumber: null }, age: {}, lockout: { maxAttempts: 0 } });
    expect(result.status).toBe('fail');
    for (const text of ['minimum length is not set', 'a digit is not required', 'password history is not set', 'maximum age is not set', 'lockout after failed attempts is not set', 'lockout duration is not set']) {
      expect(result.reason).toContain(text);
    }
    expect(result.fields).toMatchObject({ minLength: null, maxAttempts: 0, historyCount: null, commonPasswordCheck: null });
  });

  it('accepts a lockout duration of 0 (admin unlock) for PCI DSS', () => {
    expect(judge(changed('pci-dss-v4', 'lockout', { autoUnlockMinutes: 0 })).status).toBe('pass');
  });

  it('reads a value of the wrong type as not set', () => {
    expect(judge(changed('pci-dss-v4', 'complexity', { minLength: '12' })).reason).toContain('minimum length is not set');
  });

  describe('when the password is the only factor', () => {
    it('PCI DSS requires a maximum age only without MFA for everyone', () => {
      const noRotation = changed('pci-dss-v4', 'age', { maxAgeDays: 0 });
      expect(judge(noRotation).status).toBe('fail');
      const withMfa = judge(noRotation, 'pci-dss-v4', MFA_FOR_EVERYONE);
      expect(withMfa.status).toBe('pass');
      expect(withMfa.reason).toContain('MFA required for all 2 users it governs');
      expect(withMfa.fields).toMatchObject({ passwordOnlyFactor: false });
    });

    it('NIST asks for 15 characters without MFA and 8 with it', () => {
      const eight = changed('nist-800-63b', 'complexity', { minLength: 8 });
      expect(judge(eight, 'nist-800-63b').status).toBe('fail');
      expect(judge(eight, 'nist-800-63b', MFA_FOR_EVERYONE).status).toBe('pass');
      expect(judge(changed('nist-800-63b', 'complexity', { minLength: 7 }), 'nist-800-63b', MFA_FOR_EVERYONE).reason).toContain('required ≥ 8 characters');
    });

    it.each([
      ['no global session policy', [], [], false],
      ['a rule without requireFactor', [makePolicy({ id: 'g', type: 'OKTA_SIGN_ON', settings: null })], [makeSignOnRule('g', 'r', { access: 'ALLOW' })], false],
      ['requireFactor false', [makePolicy({ id: 'g', type: 'OKTA_SIGN_ON', settings: null })], [makeSignOnRule('g', 'r', { access: 'ALLOW', requireFactor: false })], false],
      ['only an inactive weak rule', [makePolicy({ id: 'g', type: 'OKTA_SIGN_ON', settings: null })], [makeSignOnRule('g', 'r', { requireFactor: true }), makeSignOnRule('g', 'x', {}, 'INACTIVE')], true],
      ['a weak rule in an inactive policy', [makePolicy({ id: 'g', type: 'OKTA_SIGN_ON', settings: null }), makePolicy({ id: 'h', type: 'OKTA_SIGN_ON', status: 'INACTIVE', settings: null })], [makeSignOnRule('g', 'r', { requireFactor: true }), makeSignOnRule('h', 'x', {})], true],
      ['rules with unreadable actions', [makePolicy({ id: 'g', type: 'OKTA_SIGN_ON', settings: null })], [makePolicyRule({ policyId: 'g', id: 'r', actions: 'garbage' })], false],
    ])('%s → MFA required: %s', (_name, policies, policyRules, expected) => {
      const view = makeView({ ...PEOPLE, policies, policyRules });
      expect(passwordOnlyFor(view, passwordOnlyContext(view), PAT).passwordOnly).toBe(!expected);
    });

    it('does not credit MFA when the policy list is incomplete', () => {
      const view = makeView({ ...PEOPLE, ...MFA_FOR_EVERYONE, datasets: { policies: { state: 'partial' } } });
      const judgement = passwordOnlyFor(view, passwordOnlyContext(view), PAT);
      expect(judgement.passwordOnly).toBe(true);
      expect(judgement.why).toContain('policies is partial');
    });

    it('judges the session policy that governs each user: MFA for contractors only leaves the others password-only', () => {
      const contractorsSession = makePolicy({ id: 'gspC', type: 'OKTA_SIGN_ON', name: 'Contractors session', priority: 1, settings: null, conditions: { people: { groups: { include: [CONTRACTORS] } } } });
      const defaultSession = makePolicy({ id: 'gspD', type: 'OKTA_SIGN_ON', name: 'Default Policy', priority: 2, system: true, settings: null, conditions: null });
      const policyRules = [makeSignOnRule('gspC', 'rC', { access: 'ALLOW', requireFactor: true }), makeSignOnRule('gspD', 'rD', { access: 'ALLOW', requireFactor: false })];
      const view = makeView({ ...PEOPLE, policies: [contractorsSession, defaultSession], policyRules });
      const context = passwordOnlyContext(view);
      expect(passwordOnlyFor(view, context, CODY).passwordOnly).toBe(false);
      expect(passwordOnlyFor(view, context, PAT)).toMatchObject({ passwordOnly: true, why: expect.stringContaining('rule "Rule rD" of "Default Policy"') as unknown });
    });

    it('on Identity Engine counts the apps\' authentication policies: two factors at every app the user has means MFA', () => {
      const session = makePolicy({ id: 'gsp1', type: 'OKTA_SIGN_ON', name: 'Default Policy', settings: null, conditions: null });
      const access = (id: string) => makePolicy({ id, type: 'ACCESS_POLICY', name: `Auth ${id}`, settings: null, conditions: null });
      const appRule = (policyId: string, factorMode: string) =>
        makePolicyRule({ policyId, id: `${policyId}-r`, type: 'ACCESS_POLICY', name: 'Catch-all Rule', actions: { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode } } } });
      const input = (factorMode: string): ViewInput => ({
        ...PEOPLE,
        policies: [session, access('rstA')],
        policyRules: [makeSignOnRule('gsp1', 'r1', { access: 'ALLOW', requireFactor: false }), appRule('rstA', factorMode)],
        apps: [makeApp({ id: '0oaA', label: 'Payroll', accessPolicyId: 'rstA' })],
        appAssignments: [makeAppAssignment({ appId: '0oaA', userId: PAT.id })],
      });
      const twoFactors = makeView(input('2FA'));
      expect(passwordOnlyFor(twoFactors, passwordOnlyContext(twoFactors), PAT).passwordOnly).toBe(false);
      const oneFactor = makeView(input('1FA'));
      expect(passwordOnlyFor(oneFactor, passwordOnlyContext(oneFactor), PAT)).toMatchObject({ passwordOnly: true, why: expect.stringContaining('for app "Payroll"') as unknown });
      // Cody has no app: the session rule alone decides.
      expect(passwordOnlyFor(twoFactors, passwordOnlyContext(twoFactors), CODY).passwordOnly).toBe(true);
    });
  });

  it.each([
    ['an inactive policy', { status: 'INACTIVE' }, 'not_applicable', 'The policy is INACTIVE'],
    ['a policy for Active Directory users', { conditions: { authProvider: { provider: 'ACTIVE_DIRECTORY' } } }, 'not_applicable', 'managed by ACTIVE_DIRECTORY'],
    ['a policy without password settings', { settings: { recovery: {} } }, 'error', 'no password settings'],
    ['a policy whose settings are null', { settings: null }, 'error', 'no password settings'],
  ] as const)('%s → %s', (_name, overrides, status, text) => {
    const result = resultFor(evaluate([makePasswordPolicy('00p1', {}, overrides)]), '00p1');
    expect(result.status).toBe(status);
    expect(result.reason).toContain(text);
  });

  it('ignores policies of other types', () => {
    const results = evaluate([makePolicy({ id: 'mfa1', type: 'MFA_ENROLL' })]);
    expect(results.map((result) => result.entityId)).toEqual([ORG]);
  });

  it('reports which other profiles a policy meets', () => {
    const strict = {
      complexity: { minLength: 15, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 1, dictionary: { common: { exclude: true } } },
      age: { maxAgeDays: 60, minAgeMinutes: 1440, historyCount: 24 },
      lockout: { maxAttempts: 3, autoUnlockMinutes: 30 },
    };
    const result = judge(strict);
    expect(result.fields).toMatchObject({ alsoMeets: ['disa-stig', 'okta-healthinsight'] });
    expect(result.reason).toContain('Also meets: DISA Okta IDaaS STIG V1R2, Okta HealthInsight.');
  });

  describe('which policy governs whom', () => {
    const contractors = makePasswordPolicy('00pC', COMPLIANT['pci-dss-v4'], { name: 'Contractors', priority: 1, conditions: contractorsOnly });
    const fallback = makePasswordPolicy('00pD', changed('pci-dss-v4', 'complexity', { minLength: 8 }), { name: 'Default Policy', priority: 2, system: true });

    it('applies the first active policy by priority whose groups include the user, the default last, and counts whom each governs', () => {
      const results = evaluate([fallback, contractors]);
      expect(resultFor(results, '00pC')).toMatchObject({ status: 'pass', fields: { governedUsers: 1 } });
      expect(resultFor(results, '00pD')).toMatchObject({ status: 'fail', fields: { governedUsers: 1 } });
      expect(resultFor(results, '00pC').reason).toContain('Governs 1 user.');
    });

    it('a policy shadowed by a higher-priority one governs nobody: not applicable, never an org-wide failure', () => {
      const shadowed = makePasswordPolicy('00pS', {}, { name: 'Old contractors', priority: 3, conditions: contractorsOnly });
      const results = evaluate([contractors, shadowed, makePasswordPolicy('00pG', COMPLIANT['pci-dss-v4'], { name: 'Default Policy', priority: 9, system: true })]);
      expect(resultFor(results, '00pS')).toMatchObject({ status: 'not_applicable', reason: 'The policy governs nobody: every member of its groups is governed by the higher-priority "Contractors".' });
      expect(resultFor(results, ORG, 'organization').status).toBe('pass');
    });

    it('a policy that targets no group, or groups without members, governs nobody', () => {
      const empty = makePasswordPolicy('00pE', {}, { name: 'Empty', conditions: { people: { groups: { include: [] } } } });
      const noMembers = makePasswordPolicy('00pN', {}, { name: 'Nobody', conditions: { people: { groups: { include: ['00gNone'] } } } });
      const results = evaluate([empty, noMembers]);
      expect(resultFor(results, '00pE').reason).toBe('The policy governs nobody: it targets no group.');
      expect(resultFor(results, '00pN').reason).toBe('The policy governs nobody: its groups (00gNone) have no member who can sign in.');
    });

    it('leaves federated users out: they hold no Okta password', () => {
      const federated = makeUser({ id: '00uF', providerType: 'FEDERATION', providerName: 'FEDERATION' });
      const results = evaluate([contractors], 'pci-dss-v4', { users: [federated], groupMemberships: [{ groupId: CONTRACTORS, userId: federated.id }] });
      expect(resultFor(results, '00pC').status).toBe('not_applicable');
    });
  });

  describe('the organization', () => {
    const good = makePasswordPolicy('00pA', COMPLIANT['pci-dss-v4'], { name: 'Default Policy', priority: 2, system: true });
    const bad = makePasswordPolicy('00pB', changed('pci-dss-v4', 'complexity', { minLength: 8 }), { name: 'Contractors', priority: 1, conditions: contractorsOnly });
    const inactiveBad = makePasswordPolicy('00pC', {}, { status: 'INACTIVE' });

    it.each([
      ['every governing policy passes', [good, inactiveBad], {}, 'pass', 'All 1 governing password policy meets PCI DSS v4.0.'],
      ['one governing policy fails', [good, bad, inactiveBad], {}, 'fail', '1 of 2 governing password policies do not meet PCI DSS v4.0: "Contractors".'],
      ['a failure outweighs missing data', [bad], { datasets: { policies: { state: 'partial' } } }, 'fail', '"Contractors"'],
      ['the policy list is partial', [good], { datasets: { policies: { state: 'partial', reason: 'page 2 failed' } } }, 'error', 'page 2 failed'],
      ['policies were not permitted', [], { datasets: { policies: { state: 'not_permitted', permissionNeeded: 'okta.policies.read' } } }, 'error', 'okta.policies.read'],
      ['a policy could not be judged', [good, makePasswordPolicy('00pD', {}, { settings: null, name: 'Broken', priority: 1, conditions: contractorsOnly })], {}, 'error', 'Could not judge "Broken"'],
      ['no active Okta password policy', [inactiveBad], {}, 'error', 'No active Okta-managed password policy'],
    ] as const)('%s → %s', (_name, policies, view, status, text) => {
      const org = resultFor(evaluate([...policies], 'pci-dss-v4', view), ORG, 'organization');
      expect(org.status).toBe(status);
      expect(org.reason).toContain(text);
    });
  });
});
