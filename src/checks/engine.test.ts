import { describe, expect, it } from 'vitest';
import { CHECK_CONTROLS, CHECK_IDS } from '../frameworks/mapping.js';
import { makeApp, makeFactor, makeUser } from '../store/testing/fixtures.js';
import { ALL_CHECKS } from './all-checks.js';
import { defineCheck, type CheckEntityResult, type CheckStatus } from './check.js';
import { evaluateChecks, overallStatus } from './engine.js';
import { CheckSettingsError, parseCheckSettings } from './settings.js';
import { NOW, daysAgo, makePasswordPolicy, makeReview, makeView } from './testing/view-builder.js';

function fixedCheck(id: (typeof CHECK_IDS)[number], entities: Partial<CheckEntityResult>[]) {
  return defineCheck({
    id,
    title: `Fixed ${id}`,
    severity: 'low',
    appliesTo: 'test entities',
    controls: CHECK_CONTROLS[id],
    evaluate: () =>
      entities.map((entity, i) => ({ entityType: 'user', entityId: `e${i}`, entityName: `e${i}`, status: 'pass', reason: 'r', fields: {}, ...entity })),
  });
}

describe('evaluateChecks', () => {
  it('runs every mapped check once, with its controls, over the view', () => {
    const run = evaluateChecks(makeView(), {}, { now: NOW });
    expect(ALL_CHECKS.map((check) => check.id).sort()).toEqual([...CHECK_IDS].sort());
    expect(run).toMatchObject({ org: 'acme.okta.com', snapshotId: 'snap-1', syncId: 'sync-1', evaluatedAt: NOW });
    expect(run.settings).toEqual({ profile: 'pci-dss-v4', inactiveDays: 90, reviewPeriodDays: 90 });
    for (const result of run.results) expect(result.controls).toEqual(CHECK_CONTROLS[result.id]);
  });

  it.each<[string, CheckStatus[], CheckStatus]>([
    ['error outranks fail', ['pass', 'fail', 'error', 'not_applicable'], 'error'],
    ['fail outranks pass', ['pass', 'fail', 'not_applicable'], 'fail'],
    ['pass with some not applicable', ['pass', 'not_applicable'], 'pass'],
    ['all not applicable', ['not_applicable', 'not_applicable'], 'not_applicable'],
    ['no entities', [], 'not_applicable'],
  ])('%s', (_name, statuses, expected) => {
    const check = fixedCheck('mfa-enabled-all-users', statuses.map((status) => ({ status })));
    const [result] = evaluateChecks(makeView(), {}, { now: NOW, checks: [check] }).results;
    expect(result?.status).toBe(expected);
    expect(result && Object.values(result.counts).reduce((a, b) => a + b, 0)).toBe(statuses.length);
    expect(overallStatus({ pass: 0, fail: 0, error: 0, not_applicable: 0 })).toBe('not_applicable');
  });

  it('counts entities per status and sorts them by type and id', () => {
    const check = fixedCheck('mfa-enabled-all-users', [
      { entityId: 'b', status: 'fail' },
      { entityId: 'a', status: 'pass' },
      { entityType: 'dataset', entityId: 'users', status: 'error' },
      { entityId: 'B', status: 'not_applicable' },
    ]);
    const [result] = evaluateChecks(makeView(), {}, { now: NOW, checks: [check] }).results;
    expect(result?.counts).toEqual({ pass: 1, fail: 1, not_applicable: 1, error: 1 });
    expect(result?.entities.map((entity) => `${entity.entityType}:${entity.entityId}`)).toEqual(['dataset:users', 'user:B', 'user:a', 'user:b']);
  });

  it('turns a check that throws into one error result and runs the others', () => {
    const broken = defineCheck({ ...fixedCheck('inactive-user-accounts', []), evaluate: () => { throw new Error('boom'); } });
    const duplicate = fixedCheck('application-access-review', [{ entityId: 'x' }, { entityId: 'x' }]);
    const healthy = fixedCheck('mfa-enabled-all-users', [{}]);
    const run = evaluateChecks(makeView(), {}, { now: NOW, checks: [broken, duplicate, healthy] });
    expect(run.results.map((result) => result.status)).toEqual(['error', 'error', 'pass']);
    expect(run.results[0]?.entities[0]).toMatchObject({ entityType: 'check', entityId: 'inactive-user-accounts', reason: expect.stringContaining('boom') as unknown });
    expect(run.results[1]?.entities[0]?.reason).toContain('two results for user x');
  });

  it('never passes a check over data the sync did not finish', () => {
    const users = [makeUser({ id: '00u1', lastLogin: daysAgo(1) }), makeUser({ id: '00u2', lastLogin: daysAgo(1) })];
    const factors = users.map((user) => makeFactor({ userId: user.id, id: `f-${user.id}`, factorType: 'webauthn' }));
    const view = makeView({
      users,
      factors,
      apps: [makeApp({ id: '0oa1' })],
      reviews: [makeReview('0oa1', daysAgo(1))],
      policies: [makePasswordPolicy('00p1', { complexity: { minLength: 12, minLowerCase: 1, minNumber: 1 }, age: { maxAgeDays: 90, historyCount: 4 }, lockout: { maxAttempts: 5, autoUnlockMinutes: 30 } })],
      datasets: {
        factors: { state: 'partial', reason: 'factors read for 1 of 2 users' },
        appAssignments: { state: 'failed', reason: 'HTTP 500' },
        policies: { state: 'not_permitted', permissionNeeded: 'okta.policies.read' },
      },
      verified: { factors: ['00u1'] },
    });
    const run = evaluateChecks(view, {}, { now: NOW });
    const byId = new Map(run.results.map((result) => [result.id, result]));
    expect(byId.get('mfa-enabled-all-users')).toMatchObject({ status: 'error', counts: { pass: 1, error: 1 } });
    expect(byId.get('password-policy-compliance')?.status).toBe('error');
    expect(byId.get('application-access-review')?.status).toBe('error');
    // Complete data is still judged normally.
    expect(byId.get('inactive-user-accounts')?.status).toBe('pass');
  });

  it('applies the settings it is given', () => {
    const view = makeView({ users: [makeUser({ id: '00u1', lastLogin: daysAgo(40) })] });
    const check = ALL_CHECKS.find((c) => c.id === 'inactive-user-accounts');
    expect(evaluateChecks(view, { inactiveDays: 35 }, { now: NOW, checks: check ? [check] : [] }).results[0]?.status).toBe('fail');
    expect(evaluateChecks(view, { inactiveDays: 45 }, { now: NOW, checks: check ? [check] : [] }).results[0]?.status).toBe('pass');
  });
});

describe('check settings', () => {
  it('fills defaults and accepts every profile', () => {
    expect(parseCheckSettings(undefined)).toEqual({ profile: 'pci-dss-v4', inactiveDays: 90, reviewPeriodDays: 90 });
    for (const profile of ['pci-dss-v4', 'nist-800-63b', 'disa-stig', 'okta-healthinsight']) expect(parseCheckSettings({ profile }).profile).toBe(profile);
    expect(parseCheckSettings({ inactiveDays: 1, reviewPeriodDays: 3650 })).toMatchObject({ inactiveDays: 1, reviewPeriodDays: 3650 });
  });

  it.each([
    [{ inactiveDays: 0 }, 'invalid check settings: inactiveDays must be a whole number of days from 1 to 3650 (got 0)'],
    [{ inactiveDays: 3651 }, 'inactiveDays must be a whole number of days from 1 to 3650 (got 3651)'],
    [{ inactiveDays: 1.5 }, 'inactiveDays must be a whole number of days from 1 to 3650 (got 1.5)'],
    [{ reviewPeriodDays: '90' }, 'reviewPeriodDays must be a whole number of days from 1 to 3650 (got "90")'],
    [{ profile: 'hipaa' }, 'profile must be one of pci-dss-v4, nist-800-63b, disa-stig, okta-healthinsight (got "hipaa")'],
    [{ inactivedays: 30 }, 'unknown setting inactivedays'],
    [{ inactiveDays: 0, profile: 'x' }, '; '],
  ])('refuses %o with a clear message', (input, message) => {
    expect(() => parseCheckSettings(input)).toThrow(CheckSettingsError);
    expect(() => parseCheckSettings(input)).toThrow(message);
  });

  it('is validated before any check runs', () => {
    expect(() => evaluateChecks(makeView(), { profile: 'nope' }, { now: NOW })).toThrow(CheckSettingsError);
  });
});
