import { describe, expect, it } from 'vitest';
import { makeUser } from '../store/testing/fixtures.js';
import type { UserRecord } from '../store/types.js';
import { inactiveUserAccounts } from './inactive-user-accounts.js';
import { NOW, daysAgo, makeContext, makeView, resultFor } from './testing/view-builder.js';

const USER = '00u1';

function judge(user: Partial<UserRecord>, settings: { inactiveDays?: number } = {}) {
  const results = inactiveUserAccounts.evaluate(makeView({ users: [makeUser({ id: USER, ...user })] }), makeContext(settings));
  return resultFor(results, USER);
}

describe('inactive-user-accounts', () => {
  it.each([
    ['signed in 10 days ago', { lastLogin: daysAgo(10) }, 'pass', 10, 'lastLogin'],
    ['signed in exactly 90 days ago (the limit is allowed)', { lastLogin: daysAgo(90) }, 'pass', 90, 'lastLogin'],
    ['signed in 90 days and 23 hours ago (more than 90 days)', { lastLogin: new Date(daysAgo(91).getTime() + 3_600_000) }, 'fail', 90, 'lastLogin'],
    ['signed in 90 days and 1 ms ago', { lastLogin: new Date(daysAgo(90).getTime() - 1) }, 'fail', 90, 'lastLogin'],
    ['signed in 1 ms less than 90 days ago', { lastLogin: new Date(daysAgo(90).getTime() + 1) }, 'pass', 89, 'lastLogin'],
    ['signed in 91 days ago', { lastLogin: daysAgo(91) }, 'fail', 91, 'lastLogin'],
    ['never signed in, activated 120 days ago', { lastLogin: null, activated: daysAgo(120) }, 'fail', 120, 'activated'],
    ['never signed in, activated 5 days ago', { lastLogin: null, activated: daysAgo(5) }, 'pass', 5, 'activated'],
    ['never signed in nor activated, created 30 days ago', { lastLogin: null, activated: null, created: daysAgo(30) }, 'pass', 30, 'created'],
    ['never signed in nor activated, created 400 days ago', { lastLogin: null, activated: null, created: daysAgo(400) }, 'fail', 400, 'created'],
    ['a sign-in in the future (clock skew)', { lastLogin: new Date(NOW.getTime() + 60_000) }, 'pass', 0, 'lastLogin'],
    ['locked out, last seen 200 days ago', { status: 'LOCKED_OUT', lastLogin: daysAgo(200) }, 'fail', 200, 'lastLogin'],
    ['password expired, last seen 100 days ago', { status: 'PASSWORD_EXPIRED', lastLogin: daysAgo(100) }, 'fail', 100, 'lastLogin'],
    ['in recovery, last seen 1 day ago', { status: 'RECOVERY', lastLogin: daysAgo(1) }, 'pass', 1, 'lastLogin'],
  ] as const)('%s → %s', (_name, user, status, days, basis) => {
    const result = judge(user);
    expect(result.status).toBe(status);
    expect(result.fields).toMatchObject({ inactiveDays: days, basis, thresholdDays: 90 });
  });

  it.each(['STAGED', 'PROVISIONED', 'SUSPENDED', 'DEPROVISIONED'])('a %s user cannot sign in → not applicable', (status) => {
    expect(judge({ status, lastLogin: daysAgo(1000) }).status).toBe('not_applicable');
  });

  it('says "never signed in" when there is no last login, and what to do', () => {
    expect(judge({ lastLogin: null, activated: daysAgo(120) }).reason).toBe(
      'Never signed in; activated 120 days ago (2025-03-02), over the 90-day limit: disable or deprovision the account, or confirm it is still needed.',
    );
    expect(judge({ lastLogin: daysAgo(1) }).reason).toBe('Last signed in 1 day ago (2025-06-29), within the 90-day limit.');
  });

  it('says why 90 days and 23 hours is over a 90-day limit', () => {
    expect(judge({ lastLogin: new Date(daysAgo(91).getTime() + 3_600_000) }).reason).toBe(
      'Last signed in 90 days and 23 hours ago (2025-03-31), over the 90-day limit: disable or deprovision the account, or confirm it is still needed.',
    );
    expect(judge({ lastLogin: new Date(daysAgo(90).getTime() - 1) }).reason).toMatch(/^Last signed in more than 90 days ago/);
  });

  it.each([
    // NOW is 2025-06-30T12:00:00Z; 90 days before is 2025-04-01T12:00:00Z, written here in other offsets.
    ['+05:30, exactly at the limit', '2025-04-01T17:30:00.000+05:30', 'pass'],
    ['+05:30, 1 ms over', '2025-04-01T17:29:59.999+05:30', 'fail'],
    ['-08:00, exactly at the limit', '2025-04-01T04:00:00.000-08:00', 'pass'],
    ['-08:00, 1 ms over', '2025-04-01T03:59:59.999-08:00', 'fail'],
    ['+14:00, on the next calendar day locally, at the limit', '2025-04-02T02:00:00.000+14:00', 'pass'],
  ])('compares instants whatever the time zone (%s)', (_name, lastLogin, status) => {
    expect(judge({ lastLogin: new Date(lastLogin) }).status).toBe(status);
  });

  it('judges the same instant "now" written in another time zone the same way', () => {
    const lastLogin = new Date('2025-04-01T12:00:00.000Z');
    const inTokyo = new Date('2025-06-30T21:00:00.000+09:00');
    const later = new Date('2025-06-30T21:00:00.001+09:00');
    const view = makeView({ users: [makeUser({ id: USER, lastLogin })] });
    expect(resultFor(inactiveUserAccounts.evaluate(view, makeContext({}, inTokyo)), USER).status).toBe('pass');
    expect(resultFor(inactiveUserAccounts.evaluate(view, makeContext({}, later)), USER).status).toBe('fail');
  });

  it('reports error when no date at all is recorded', () => {
    expect(judge({ lastLogin: null, activated: null, created: null }).status).toBe('error');
  });

  it.each([
    [35, 35, 'pass'],
    [35, 36, 'fail'],
    [1, 1, 'pass'],
    [1, 2, 'fail'],
    [3650, 3651, 'fail'],
  ])('threshold %i days: %i days inactive → %s', (inactiveDays, days, status) => {
    expect(judge({ lastLogin: daysAgo(days) }, { inactiveDays }).status).toBe(status);
  });

  it('reports an incomplete user inventory as a dataset error', () => {
    const view = makeView({ users: [makeUser({ id: USER, lastLogin: daysAgo(1) })], datasets: { users: { state: 'failed', reason: 'HTTP 500' } } });
    const results = inactiveUserAccounts.evaluate(view, makeContext());
    expect(resultFor(results, 'users', 'dataset').status).toBe('error');
    expect(resultFor(results, USER).status).toBe('pass');
  });
});
