import { describe, expect, it } from 'vitest';
import { makeApp, makeAppAssignment, makeFactor, makeGroup, makeLogEvent, makePolicy, makePolicyRule, makeUser } from '../../store/testing/fixtures.js';
import type { DownstreamAccount, DownstreamSnapshot } from '../../store/downstream-types.js';
import type { PolicyRuleRecord } from '../../store/types.js';
import { makeView, NOW, type ViewInput } from '../testing/view-builder.js';
import { evaluateDownstreamMfa, type DownstreamMfaInput } from './downstream-mfa.js';
import type { DownstreamAccountResult } from './passthrough-types.js';
import { makeAccount, makeDownstreamSnapshot } from './testing/downstream-builder.js';

const APP = '0oaGH';
const ENG = makeGroup({ id: '00gEng', name: 'Engineering' });
const alice = makeUser({ id: '00ualice', login: 'alice@example.com', email: 'alice@example.com' });
const bob = makeUser({ id: '00ubob', login: 'bob@example.com', email: 'bob@example.com' });
const carol = makeUser({ id: '00ucarol', login: 'carol@example.com', email: 'carol@example.com' });
const dave = makeUser({ id: '00udave', login: 'dave@example.com', email: 'dave@example.com' });
const erin = makeUser({ id: '00uerin', login: 'erin@example.com', email: 'erin@example.com', status: 'DEPROVISIONED' });

const appSignOn = (factorMode: '1FA' | '2FA') => ({ appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode, constraints: [] } } });

function rule(id: string, priority: number, actions: unknown, conditions: unknown, name: string): PolicyRuleRecord {
  return makePolicyRule({ policyId: 'rstGH', id, name, type: 'ACCESS_POLICY', priority, conditions, actions });
}

/** Identity Engine: GitHub's authentication policy requires 2FA for Engineering and lets everyone else in with a password. */
function oktaOrg(input: ViewInput = {}): ViewInput {
  return {
    pipeline: 'idx',
    users: [alice, bob, carol, dave, erin],
    groups: [ENG],
    groupMemberships: [alice, dave].map((user) => ({ groupId: ENG.id, userId: user.id })),
    factors: [makeFactor({ userId: alice.id, id: 'ufaAlice', factorType: 'push' }), makeFactor({ userId: bob.id, id: 'ufaBob', factorType: 'push' }), makeFactor({ userId: carol.id, id: 'ufaCarol', factorType: 'webauthn' }), makeFactor({ userId: dave.id, id: 'ufaDave', factorType: 'question' })],
    apps: [makeApp({ id: APP, label: 'GitHub Enterprise Cloud', signOnMode: 'SAML_2_0', accessPolicyId: 'rstGH' })],
    appAssignments: [
      makeAppAssignment({ appId: APP, userId: alice.id, scope: 'GROUP', viaGroupIds: [ENG.id] }),
      makeAppAssignment({ appId: APP, userId: bob.id }),
      makeAppAssignment({ appId: APP, userId: dave.id, scope: 'GROUP', viaGroupIds: [ENG.id] }),
      makeAppAssignment({ appId: APP, userId: erin.id }),
    ],
    policies: [makePolicy({ id: 'rstGH', type: 'ACCESS_POLICY', name: 'GitHub sign-in', conditions: null })],
    policyRules: [rule('rulEng', 1, appSignOn('2FA'), { people: { groups: { include: [ENG.id] } } }, 'Engineers: 2FA'), rule('rulAll', 99, appSignOn('1FA'), null, 'Catch-all Rule')],
    ...input,
  };
}

const members = {
  alice: makeAccount({ login: 'alice' }),
  bob: makeAccount({ login: 'bob' }),
  carol: makeAccount({ login: 'carol' }),
  dave: makeAccount({ login: 'dave' }),
  erin: makeAccount({ login: 'erin' }),
  frank: makeAccount({ login: 'frank', samlNameId: null }),
  ghost: makeAccount({ login: 'ghost' }),
};

function evaluate(accounts: DownstreamAccount[], options: { snapshot?: Partial<DownstreamSnapshot>; view?: ViewInput; input?: Partial<DownstreamMfaInput> } = {}) {
  return evaluateDownstreamMfa({ snapshot: makeDownstreamSnapshot(accounts, options.snapshot), view: makeView(oktaOrg(options.view)), profile: 'pci-dss-v4', now: NOW, ...options.input });
}

function only(accounts: DownstreamAccount[], options: Parameters<typeof evaluate>[1] = {}): DownstreamAccountResult {
  const [result] = evaluate(accounts, options).accounts;
  if (result === undefined) throw new Error('no result');
  return result;
}

describe('downstream MFA: pass by passthrough', () => {
  it('passes a member without own 2FA through a proven chain, storing each link with its source', () => {
    const result = only([members.alice]);
    expect(result).toMatchObject({ status: 'pass', basis: 'passthrough', failures: [], oktaUser: { id: alice.id, login: alice.login } });
    expect(result.chain.map((link) => [link.link, link.state])).toEqual([
      ['okta-app', 'proven'], ['sso-enforced', 'proven'], ['saml-identity', 'proven'], ['okta-user', 'proven'],
      ['app-assignment', 'proven'], ['sign-in-policy', 'proven'], ['mfa-factor', 'proven'],
    ]);
    const byLink = Object.fromEntries(result.chain.map((link) => [link.link, link]));
    expect(byLink['okta-app']?.source).toMatchObject({ oktaAppId: APP, appLabel: 'GitHub Enterprise Cloud' });
    expect(byLink['sso-enforced']?.source).toMatchObject({ source: 'api' });
    expect(byLink['okta-user']?.source).toMatchObject({ matchedBy: 'login', userId: alice.id });
    expect(byLink['app-assignment']?.source).toMatchObject({ scope: 'GROUP', groups: [{ id: ENG.id, name: 'Engineering' }] });
    expect(byLink['sign-in-policy']?.source).toMatchObject({ engine: 'identity-engine', rules: [{ policy: 'GitHub sign-in', rule: 'Engineers: 2FA', effect: 'mfa', ruleId: 'rulEng' }] });
    expect(byLink['mfa-factor']?.source).toMatchObject({ factorId: 'ufaAlice', factorType: 'push', strength: 'strong' });
    expect(result.reason).toContain('Covered by Okta through SSO');
  });

  it("passes on the service's own MFA without needing the chain", () => {
    const result = only([makeAccount({ login: 'own', ownMfa: 'enabled', samlNameId: null })]);
    expect(result).toMatchObject({ status: 'pass', basis: 'own-mfa' });
  });

  it('passes through a Classic org whose global session policy requires a factor', () => {
    const view: ViewInput = {
      pipeline: 'v1',
      policies: [makePolicy({ id: 'polGSP', type: 'OKTA_SIGN_ON', name: 'Default session policy', priority: 1, conditions: { people: { groups: { include: [ENG.id] } } } })],
      policyRules: [makePolicyRule({ policyId: 'polGSP', id: 'rulMfa', name: 'MFA everywhere', type: 'SIGN_ON', priority: 1, actions: { signon: { access: 'ALLOW', requireFactor: true } } })],
    };
    const result = only([members.alice], { view });
    expect(result).toMatchObject({ status: 'pass', basis: 'passthrough' });
    expect(result.chain.find((link) => link.link === 'sign-in-policy')?.source).toMatchObject({ engine: 'classic', rules: [{ policy: 'Default session policy', basis: 'actions.signon.requireFactor = true' }] });
  });

  it('matches the NameID by email when the service says the app sends emails', () => {
    const renamed = makeUser({ ...alice, login: 'alice.l' });
    const result = only([members.alice], { view: { users: [renamed, bob] }, input: { nameIdFormat: { format: 'email', source: 'attested by admin@example.com' } } });
    expect(result).toMatchObject({ status: 'pass', basis: 'passthrough' });
    expect(result.chain.find((link) => link.link === 'okta-user')?.source).toMatchObject({ matchedBy: 'email', userId: alice.id });
  });

  it('stores recent SSO sign-ins of the user to the app with the MFA challenge seen in the same session', () => {
    const session = { authenticationContext: { rootSessionId: 'idxS1' }, transaction: { id: 'tx1' } };
    const events = [
      makeLogEvent({ uuid: 'e-mfa', published: new Date('2025-06-30T09:00:00Z'), eventType: 'policy.evaluate_sign_on', outcomeResult: 'CHALLENGE', actorId: alice.id, raw: session }),
      makeLogEvent({ uuid: 'e-sso', published: new Date('2025-06-30T09:00:05Z'), eventType: 'user.authentication.sso', outcomeResult: 'SUCCESS', actorId: alice.id, targetIds: [APP], raw: session }),
      makeLogEvent({ uuid: 'e-other', published: new Date('2025-06-30T09:00:06Z'), eventType: 'user.authentication.sso', outcomeResult: 'SUCCESS', actorId: alice.id, targetIds: ['0oaOther'], raw: session }),
    ];
    const result = only([members.alice], { input: { signInEvents: events } });
    expect(result.signIns).toEqual([{ eventId: 'e-sso', at: '2025-06-30T09:00:05.000Z', outcome: 'SUCCESS', mfa: { eventId: 'e-mfa', eventType: 'policy.evaluate_sign_on', at: '2025-06-30T09:00:00.000Z', correlation: 'session' } }]);
  });
});

describe('downstream MFA: each broken link is named', () => {
  it.each([
    ['no SAML identity', members.frank, 'no-saml-identity', 'no linked SAML identity'],
    ['a NameID that maps to no Okta user', members.ghost, 'no-okta-user', 'No Okta user has the login ghost@example.com'],
    ['an Okta user who cannot sign in', members.erin, 'okta-user-cannot-sign-in', 'DEPROVISIONED'],
    ['not assigned in Okta', members.carol, 'not-assigned', 'not assigned to GitHub Enterprise Cloud'],
    ['a 1FA rule applies', members.bob, 'one-factor-rule', 'rule "Catch-all Rule" of "GitHub sign-in"'],
    ['no factor that counts', members.dave, 'no-factor', 'only factors that do not count under pci-dss-v4 (question)'],
  ] as const)('fails on %s', (_name, account, failure, text) => {
    const result = only([account]);
    expect(result.status).toBe('fail');
    expect(result.basis).toBeNull();
    expect(result.failures).toEqual([failure]);
    expect(result.reason).toContain(text);
    expect(result.reason).toContain("The service's own MFA: disabled on the service.");
  });

  it('fails when SSO enforcement is unverified, and still shows the rest of the chain', () => {
    const result = only([members.alice], { snapshot: { ssoEnforced: { source: 'unverified', value: null, why: 'GitHub shows no enforcement field for a standalone organization' } } });
    expect(result).toMatchObject({ status: 'fail', failures: ['sso-unverified'] });
    expect(result.reason).toContain('okta-evidence services attest');
    expect(result.chain.filter((link) => link.state === 'proven').map((link) => link.link)).toEqual(['okta-app', 'saml-identity', 'okta-user', 'app-assignment', 'sign-in-policy', 'mfa-factor']);
  });

  it('passes when a named admin attested SSO enforcement, keeping who, when and what', () => {
    const attested = { source: 'attested' as const, value: true, by: 'admin@example.com', at: '2025-06-01T10:00:00.000Z', statement: 'SAML SSO is enforced in the organization settings' };
    const result = only([members.alice], { snapshot: { ssoEnforced: attested } });
    expect(result).toMatchObject({ status: 'pass', basis: 'passthrough' });
    expect(result.chain[1]).toMatchObject({ link: 'sso-enforced', state: 'proven', source: { source: 'attested', by: 'admin@example.com', at: attested.at, statement: attested.statement } });
  });

  it('fails when the service says SSO is not enforced, and says passthrough cannot apply without SAML', () => {
    const result = only([members.alice], { snapshot: { ssoEnforced: { source: 'api', value: false, detail: 'no identity provider' }, samlConfigured: false } });
    expect(result).toMatchObject({ status: 'fail', failures: ['sso-not-enforced'] });
    expect(result.reason).toContain('passthrough cannot apply');
  });

  it('fails every account of a service that is not mapped to an Okta app, or whose app is inactive', () => {
    expect(only([members.alice], { snapshot: { service: { id: 's', kind: 'imported', name: 'Datadog', oktaOrg: 'acme.okta.com', oktaAppId: null } } }).failures).toEqual(['app-not-mapped']);
    const inactive = only([members.alice], { view: { apps: [makeApp({ id: APP, label: 'GitHub', status: 'INACTIVE', accessPolicyId: 'rstGH' })] } });
    expect(inactive).toMatchObject({ status: 'fail', failures: ['app-not-mapped'] });
    expect(inactive.reason).toContain('INACTIVE');
  });

  it('fails an ambiguous email match instead of picking one user', () => {
    const twin = makeUser({ id: '00utwin', login: 'alice.twin@example.com', email: 'alice@example.com' });
    const result = only([members.alice], { view: { users: [alice, twin] }, input: { nameIdFormat: { format: 'email', source: 'test' } } });
    expect(result).toMatchObject({ status: 'fail', failures: ['ambiguous-okta-user'] });
  });

  it('fails when every applying rule denies sign-in: the account cannot reach the service through Okta', () => {
    const deny = { appSignOn: { access: 'DENY' } };
    const result = only([members.bob], { view: { policyRules: [rule('rulAll', 99, deny, null, 'Deny all')] } });
    expect(result).toMatchObject({ status: 'fail', failures: ['sign-in-denied'] });
  });
});

describe('downstream MFA: SMS-only own MFA follows the baseline profile', () => {
  const sms = makeAccount({ login: 'sms', ownMfa: 'insecure', samlNameId: null });

  it('passes on SMS-only own MFA with a warning when passthrough is not proven (pci-dss-v4 counts SMS)', () => {
    const result = only([sms]);
    expect(result).toMatchObject({ status: 'pass', basis: 'own-mfa-weak' });
    expect(result.warnings.join(' ')).toContain('Passthrough is not proven');
  });

  it('names the restriction under nist-800-63b', () => {
    const result = only([sms], { input: { profile: 'nist-800-63b' } });
    expect(result.reason).toContain('restricted authenticators (NIST SP 800-63B §5.1.3.3)');
  });

  it('prefers a proven passthrough over SMS', () => {
    expect(only([makeAccount({ login: 'alice', ownMfa: 'insecure' })]).basis).toBe('passthrough');
  });
});

describe('downstream MFA: incomplete data is said, never passed', () => {
  it('is an error when the SAML identities were not read in full and the account has none', () => {
    const result = only([members.frank], { snapshot: { completeness: { accounts: true, ownMfa: true, samlIdentities: false, credentials: true, notes: ['externalIdentities stopped at page 3'] } } });
    expect(result.status).toBe('error');
    expect(result.reason).toContain('externalIdentities stopped at page 3');
  });

  it("does not trust an 'enabled' own MFA read from an incomplete list", () => {
    const result = only([makeAccount({ login: 'frank', ownMfa: 'enabled', samlNameId: null })], { snapshot: { completeness: { accounts: true, ownMfa: false, samlIdentities: true, credentials: true, notes: [] } } });
    expect(result.status).toBe('error');
    expect(result.reason).toContain('was not read in full');
  });

  it("is an error when the user's factors were not collected", () => {
    const result = only([members.alice], { view: { factors: [], datasets: { factors: { state: 'partial', reason: 'budget ran out' } } } });
    expect(result.status).toBe('error');
    expect(result.chain.at(-1)).toMatchObject({ link: 'mfa-factor', state: 'unknown' });
  });

  it('is an error when an unmatched NameID meets an incomplete user inventory', () => {
    const result = only([members.ghost], { view: { datasets: { users: { state: 'partial' } } } });
    expect(result.status).toBe('error');
  });

  it('is an error when a rule condition cannot be evaluated for the user', () => {
    const result = only([members.alice], { view: { policyRules: [rule('rulType', 1, appSignOn('2FA'), { userType: { include: ['oty1'] } }, 'Contractors')] } });
    expect(result.status).toBe('error');
    expect(result.reason).toContain('userType');
  });

  it('is an error when the policies were not read, and lists the gaps of the evaluation', () => {
    const evaluation = evaluate([members.alice], { view: { datasets: { policies: { state: 'not_permitted', permissionNeeded: 'okta.policies.read' } } } });
    expect(evaluation.accounts[0]?.status).toBe('error');
    expect(evaluation.gaps.join(' ')).toContain('okta.policies.read');
  });
});

describe('downstream MFA: reported apart', () => {
  it('judges outside collaborators on their own MFA only, apart from the members', () => {
    const evaluation = evaluate([
      members.alice,
      makeAccount({ login: 'oc-none', kind: 'outside_collaborator', ownMfa: 'disabled', samlNameId: null }),
      makeAccount({ login: 'oc-2fa', kind: 'outside_collaborator', ownMfa: 'enabled', samlNameId: null }),
      // A linked identity does not make an outside collaborator SSO-covered: SAML does not apply to them.
      makeAccount({ login: 'alice2', kind: 'outside_collaborator', ownMfa: 'disabled', samlNameId: 'alice@example.com' }),
    ]);
    expect(evaluation.accounts.map((result) => result.login)).toEqual(['alice']);
    expect(evaluation.outsideCollaborators.map((result) => [result.login, result.status, result.failures[0] ?? null])).toEqual([
      ['oc-none', 'fail', 'outside-collaborator-without-mfa'],
      ['oc-2fa', 'pass', null],
      ['alice2', 'fail', 'outside-collaborator-without-mfa'],
    ]);
    expect(evaluation.counts).toMatchObject({ pass: 2, fail: 2, passByPassthrough: 1, passByOwnMfa: 1 });
  });

  it('reports SSO-bypass credentials apart and warns on a passthrough pass that they skip Okta', () => {
    const pat = { login: 'Alice', credentialId: '11', credentialType: 'personal access token', authorizedAt: '2025-01-01T00:00:00Z', lastAccessedAt: null, expiresAt: null };
    const evaluation = evaluate([members.alice], { snapshot: { credentials: [pat] } });
    expect(evaluation.bypassCredentials).toEqual([pat]);
    const [result] = evaluation.accounts;
    expect(result).toMatchObject({ status: 'pass', bypassCredentials: [pat] });
    expect(result?.warnings.join(' ')).toContain('1 SSO-authorized credential (personal access token)');
  });
});
