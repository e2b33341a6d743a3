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
    ['signed in 90 days and 23 hours ago (whole days count)', { lastLogin: new Date(daysAgo(91).getTime() + 3_600_000) }, 'pass', 90, 'lastLogin'],
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
