import { describe, expect, it } from 'vitest';
import { makeFactor, makeUser } from '../store/testing/fixtures.js';
import type { FactorRecord } from '../store/types.js';
import { factorStrength, strongestFactor } from './factor-strength.js';
import { mfaEnabledAllUsers } from './mfa-enabled-all-users.js';
import { makeContext, makeView, resultFor, type ViewInput } from './testing/view-builder.js';

const USER = '00u1';

function factor(factorType: string, status = 'ACTIVE', id = `${factorType}-${status}`): FactorRecord {
  return makeFactor({ userId: USER, id, factorType, status });
}

function judge(userStatus: string, factors: FactorRecord[], view: ViewInput = {}) {
  const results = mfaEnabledAllUsers.evaluate(makeView({ users: [makeUser({ id: USER, status: userStatus })], factors, ...view }), makeContext());
  return resultFor(results, USER);
}

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
    expect(judge('ACTIVE', []).reason).toMatch(/^No MFA factor enrolled: have the user enroll/);
    expect(judge('ACTIVE', [factor('token:software:totp', 'PENDING_ACTIVATION')]).reason).toContain('token:software:totp is PENDING_ACTIVATION');
    expect(judge('ACTIVE', [factor('sms')]).reason).toContain('Only weak factors');
    expect(judge('ACTIVE', [factor('webauthn'), factor('push')]).reason).toBe('2 active MFA factors; strongest: webauthn (phishing-resistant).');
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
    ['question', 'weak'],
    ['something_new', 'unknown'],
  ])('%s is %s', (factorType, strength) => {
    expect(factorStrength(factorType)).toBe(strength);
  });

  it('picks the strongest, keeping the first of equals', () => {
    expect(strongestFactor(['sms', 'push', 'token:software:totp', 'call'])).toEqual({ factorType: 'push', strength: 'strong' });
    expect(strongestFactor([])).toBeUndefined();
  });
});
