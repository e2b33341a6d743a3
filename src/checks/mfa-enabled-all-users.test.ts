import { describe, expect, it } from 'vitest';
import { makeFactor, makeUser } from '../store/testing/fixtures.js';
import { makePolicy } from '../store/testing/fixtures.js';
import type { FactorRecord, UserRecord } from '../store/types.js';
import { evaluateChecks } from './engine.js';
import type { CheckSettingsInput } from './settings.js';
import { factorStrength, strongestFactor } from './factor-strength.js';
import { mfaEnabledAllUsers } from './mfa-enabled-all-users.js';
import { makeContext, makeView, resultFor, type ViewInput } from './testing/view-builder.js';

const USER = '00u1';

function factor(factorType: string, status = 'ACTIVE', id = `${factorType}-${status}`): FactorRecord {
  return makeFactor({ userId: USER, id, factorType, status });
}

function judge(userStatus: string, factors: FactorRecord[], view: ViewInput = {}, settings: CheckSettingsInput = {}, user: Partial<UserRecord> = {}) {
  const results = mfaEnabledAllUsers.evaluate(makeView({ users: [makeUser({ id: USER, status: userStatus, ...user })], factors, ...view }), makeContext(settings));
  return resultFor(results, USER);
}

/** An Identity Engine org: it has app authentication policies (org-kind.ts). */
const IDENTITY_ENGINE: ViewInput = { policies: [makePolicy({ id: 'rst1', type: 'ACCESS_POLICY', name: 'Default Policy' })] };

describe('mfa-enabled-all-users', () => {
  it.each([
    ['one active push factor', 'ACTIVE', [factor('push')], 'pass', 'push', 'strong'],
    ['WebAuthn beside SMS', 'ACTIVE', [factor('sms'), factor('webauthn')], 'pass', 'webauthn', 'phishing-resistant'],
    ['FastPass (signed_nonce)', 'ACTIVE', [factor('signed_nonce')], 'pass', 'signed_nonce', 'phishing-resistant'],
    ['U2F counted as strong (uncertain)', 'ACTIVE', [factor('u2f')], 'pass', 'u2f', 'strong'],
    ['hardware token', 'ACTIVE', [factor('token:hardware')], 'pass', 'token:hardware', 'strong'],
    ['only SMS', 'ACTIVE', [factor('sms')], 'pass', 'sms', 'weak'],
    ['a factor type Okta added later', 'ACTIVE', [factor('brand_new_type')], 'pass', 'brand_new_type', 'unknown'],
    ['an active factor beside a pending one', 'ACTIVE', [factor('token:software:totp', 'PENDING_ACTIVATION'), factor('email')], 'pass', 'email', 'weak'],
    ['RECOVERY with a factor', 'RECOVERY', [factor('push')], 'pass', 'push', 'strong'],
    ['LOCKED_OUT with a factor', 'LOCKED_OUT', [factor('push')], 'pass', 'push', 'strong'],
    ['PASSWORD_EXPIRED with a factor', 'PASSWORD_EXPIRED', [factor('push')], 'pass', 'push', 'strong'],
    ['only a pending factor', 'ACTIVE', [factor('token:software:totp', 'PENDING_ACTIVATION')], 'fail', null, null],
    ['only an inactive factor', 'LOCKED_OUT', [factor('push', 'INACTIVE')], 'fail', null, null],
    ['no factor at all', 'ACTIVE', [], 'fail', null, null],
    ['no factor, PASSWORD_EXPIRED', 'PASSWORD_EXPIRED', [], 'fail', null, null],
  ])('%s → %s', (_name, userStatus, factors, status, strongest, strength) => {
    const result = judge(userStatus, factors);
    expect(result.status).toBe(status);
    expect(result.fields).toMatchObject({ status: userStatus, strongestFactor: strongest, strongestFactorStrength: strength });
  });

  it.each(['STAGED', 'PROVISIONED', 'SUSPENDED', 'DEPROVISIONED'])('a %s user cannot sign in → not applicable, factors or not', (userStatus) => {
    expect(judge(userStatus, []).status).toBe('not_applicable');
    expect(judge(userStatus, [factor('push')]).reason).toContain(`is ${userStatus}`);
  });

  it('gives reasons a person can act on', () => {
    expect(judge('ACTIVE', []).reason).toMatch(/^MFA failing though enforced: users who have not completed enrollment fail: this user has enrolled no factor/);
    expect(judge('ACTIVE', [factor('token:software:totp', 'PENDING_ACTIVATION')]).reason).toContain('token:software:totp is PENDING_ACTIVATION');
    expect(judge('ACTIVE', [factor('sms')]).reason).toContain('Only weak factors');
    expect(judge('ACTIVE', [factor('webauthn'), factor('push')]).reason).toBe('2 active MFA factors; strongest: webauthn (phishing-resistant).');
  });

  describe('which factors count (issue 12)', () => {
    it('fails a password plus a security question: two knowledge factors are not MFA', () => {
      const result = judge('ACTIVE', [factor('question')]);
      expect(result.status).toBe('fail');
      expect(result.reason).toMatch(/^Only knowledge factors \(question\) beside the password: two things the user knows are not multi-factor \(PCI SSC FAQ 1426/);
      expect(result.fields).toMatchObject({ strongestFactor: 'question', strongestFactorStrength: 'knowledge', strongestFactorKind: 'knowledge', knowledgeOnly: true });
    });

    it('passes a security question beside a possession factor, naming the possession factor', () => {
      expect(judge('ACTIVE', [factor('question'), factor('push')]).fields).toMatchObject({ strongestFactor: 'push', countingFactors: ['push'], knowledgeOnly: false });
    });

    it('under nist-800-63b email alone does not count, SMS counts as restricted with a warning', () => {
      const email = judge('ACTIVE', [factor('email')], {}, { profile: 'nist-800-63b' });
      expect(email.status).toBe('fail');
      expect(email.reason).toContain('No factor that counts as MFA under NIST SP 800-63B rev 4 (email: email does not prove possession');
      expect(email.fields).toMatchObject({ strongestFactor: 'email', strongestFactorStrength: 'weak', countingFactors: [] });
      const sms = judge('ACTIVE', [factor('sms')], {}, { profile: 'nist-800-63b' });
      expect(sms.status).toBe('pass');
      expect(sms.reason).toContain('restricted authenticators (NIST SP 800-63B §5.1.3.3)');
      expect(sms.fields).toMatchObject({ weakFactorPass: true, strongestFactor: 'sms' });
    });

    it('under pci-dss-v4 email counts with a warning, visible as data', () => {
      const result = judge('ACTIVE', [factor('email')]);
      expect(result.status).toBe('pass');
      expect(result.fields).toMatchObject({ weakFactorPass: true, strongestFactorStrength: 'weak', autoEnrolledEmail: false });
      expect(judge('ACTIVE', [factor('push')]).fields).toMatchObject({ weakFactorPass: false });
    });

    it('says so when the only factor is the email Identity Engine enrolls automatically', () => {
      const result = judge('ACTIVE', [factor('email')], IDENTITY_ENGINE);
      expect(result.fields).toMatchObject({ autoEnrolledEmail: true, strongestFactor: 'email', strongestFactorStrength: 'weak' });
      expect(result.reason).toContain('Only email, which Identity Engine enrolls automatically from the primary address');
      expect(judge('ACTIVE', [factor('email'), factor('push')], IDENTITY_ENGINE).fields).toMatchObject({ autoEnrolledEmail: false, strongestFactor: 'push' });
      expect(judge('ACTIVE', [factor('email')], IDENTITY_ENGINE, { profile: 'nist-800-63b' }).reason).toContain('the one Identity Engine enrolls automatically');
    });
  });

  describe('users who sign in at another identity provider', () => {
    it.each([
      ['FEDERATION', 'Partner IdP'],
      ['SOCIAL', 'Google'],
    ])('a %s user without Okta factors is not "No MFA factor enrolled": the result names the provider', (providerType, providerName) => {
      const result = judge('ACTIVE', [], {}, {}, { providerType, providerName });
      expect(result.status).toBe('not_applicable');
      expect(result.reason).not.toContain('No MFA factor enrolled');
      expect(result.reason).toContain(`MFA must be evidenced at "${providerName}"`);
      expect(result.fields).toMatchObject({ providerType, providerName, mfaAtProvider: providerName, strongestFactor: null });
    });

    it('says "the federated identity provider" when Okta names the provider after its type', () => {
      const result = judge('ACTIVE', [], {}, {}, { providerType: 'FEDERATION', providerName: 'FEDERATION' });
      expect(result.reason).toContain('MFA must be evidenced at the federated identity provider');
    });

    it('judges a federated user who does hold an Okta factor on that factor', () => {
      expect(judge('ACTIVE', [factor('push')], {}, {}, { providerType: 'FEDERATION', providerName: 'Partner IdP' }).status).toBe('pass');
    });

    it('counts them apart in the check summary', () => {
      const users = [
        makeUser({ id: '00u1', providerType: 'FEDERATION', providerName: 'Partner IdP' }),
        makeUser({ id: '00u2', providerType: 'SOCIAL', providerName: 'Google' }),
        makeUser({ id: '00u3' }),
        makeUser({ id: '00u4' }),
        makeUser({ id: '00u5', status: 'SUSPENDED' }),
      ];
      const factors = [makeFactor({ userId: '00u4', id: 'f4', factorType: 'sms' })];
      const run = evaluateChecks(makeView({ users, factors }), {}, { now: new Date('2025-06-30T12:00:00.000Z'), checks: [mfaEnabledAllUsers] });
      expect(run.results[0]).toMatchObject({ counts: { pass: 1, fail: 1, not_applicable: 3, error: 0 }, breakdown: { externalIdp: 2, weakFactorPass: 1, knowledgeOnly: 0 } });
    });
  });

  describe('over incomplete factor data', () => {
    const partial = { factors: { state: 'partial', reason: 'factors read for 1 of 2 users' } } as const;

    it('judges users whose factors were read and reports error, never pass, for the others', () => {
      const users = [makeUser({ id: '00u1' }), makeUser({ id: '00u2' })];
      const factors = [makeFactor({ userId: '00u1', id: 'f1' }), makeFactor({ userId: '00u2', id: 'f2' })];
      const results = mfaEnabledAllUsers.evaluate(makeView({ users, factors, datasets: partial, verified: { factors: ['00u1'] } }), makeContext());
      expect(resultFor(results, '00u1').status).toBe('pass');
      const unread = resultFor(results, '00u2');
      expect(unread.status).toBe('error');
      expect(unread.reason).toMatch(/^MFA factors not collected for this user in the last sync \(the dataset is partial: factors read for 1 of 2 users\)/);
    });

    it('quotes the collection error of a user whose factor list did not parse', () => {
      const result = judge('ACTIVE', [factor('push')], {
        datasets: partial,
        verified: { factors: [USER] },
        collectionErrors: [{ dataset: 'factors', entityId: USER, message: 'factor #2: factorType missing' }],
      });
      expect(result).toMatchObject({ status: 'error', reason: expect.stringContaining('factor #2: factorType missing') as unknown });
    });

    it.each(['failed', 'not_started'] as const)('uses what earlier syncs verified when the factors read %s', (state) => {
      expect(judge('ACTIVE', [factor('push')], { datasets: { factors: { state } }, verified: { factors: [USER] } }).status).toBe('pass');
      expect(judge('ACTIVE', [factor('push')], { datasets: { factors: { state } } }).status).toBe('error');
    });

    it('names the permission when factors were not permitted, and still skips users who cannot sign in', () => {
      const datasets = { factors: { state: 'not_permitted', permissionNeeded: 'okta.users.read' } } as const;
      const result = judge('ACTIVE', [], { datasets });
      expect(result.status).toBe('error');
      expect(result.reason).toContain('okta.users.read');
      expect(judge('SUSPENDED', [], { datasets }).status).toBe('not_applicable');
    });

    it('reports an incomplete user inventory as a dataset error', () => {
      const view = makeView({ users: [makeUser({ id: USER })], factors: [factor('push')], datasets: { users: { state: 'partial', reason: 'page 3 refused' } } });
      const results = mfaEnabledAllUsers.evaluate(view, makeContext());
      expect(resultFor(results, 'users', 'dataset')).toMatchObject({ status: 'error', reason: expect.stringContaining('page 3 refused') as unknown });
      expect(resultFor(results, USER).status).toBe('pass');
    });
  });
});

describe('factor strength', () => {
  it.each([
    ['webauthn', 'phishing-resistant'],
    ['signed_nonce', 'phishing-resistant'],
    ['push', 'strong'],
    ['token:software:totp', 'strong'],
    ['token:hardware', 'strong'],
    ['token', 'strong'],
    ['token:hotp', 'strong'],
    ['u2f', 'strong'],
    ['web', 'strong'],
    ['sms', 'weak'],
    ['call', 'weak'],
    ['email', 'weak'],
    ['question', 'knowledge'],
    ['something_new', 'unknown'],
  ])('%s is %s', (factorType, strength) => {
    expect(factorStrength(factorType)).toBe(strength);
  });

  it('picks the strongest, keeping the first of equals', () => {
    expect(strongestFactor(['sms', 'push', 'token:software:totp', 'call'])).toEqual({ factorType: 'push', strength: 'strong' });
    expect(strongestFactor([])).toBeUndefined();
  });
});
