import { describe, expect, it } from 'vitest';
import { makeApp, makeAppAssignment, makeUser, paddedId } from '../store/testing/fixtures.js';
import type { AppAssignmentRecord, CheckStatus, UserRecord } from '../store/types.js';
import { applicationAccessReview } from './application-access-review.js';
import { daysAgo, makeContext, makeReview, makeView, resultFor, type ViewInput } from './testing/view-builder.js';

const APP = '0oa1';
const ALICE = makeUser({ id: '00ua', login: 'alice@example.com' });
const BOB = makeUser({ id: '00ub', login: 'bob@example.com', status: 'DEPROVISIONED' });
const CAROL = makeUser({ id: '00uc', login: 'carol@example.com', status: 'SUSPENDED' });
const DAVE = makeUser({ id: '00ud', login: 'dave@example.com', status: 'STAGED' });

function assigned(...users: UserRecord[]): AppAssignmentRecord[] {
  return users.map((user) => makeAppAssignment({ appId: APP, userId: user.id }));
}

function judge(input: ViewInput & { reviewedDaysAgo?: number }, settings: { reviewPeriodDays?: number } = {}) {
  const { reviewedDaysAgo, ...view } = input;
  const reviews = reviewedDaysAgo === undefined ? [] : [makeReview(APP, daysAgo(reviewedDaysAgo))];
  const results = applicationAccessReview.evaluate(
    makeView({ apps: [makeApp({ id: APP, label: 'Payroll' })], users: [ALICE, BOB, CAROL, DAVE], reviews, ...view }),
    makeContext(settings),
  );
  return resultFor(results, APP);
}

describe('application-access-review', () => {
  it.each<[string, ViewInput & { reviewedDaysAgo?: number }, CheckStatus]>([
    ['reviewed 10 days ago, every assignee can sign in', { reviewedDaysAgo: 10, appAssignments: assigned(ALICE) }, 'pass'],
    ['reviewed exactly 90 days ago (the period is allowed)', { reviewedDaysAgo: 90, appAssignments: assigned(ALICE) }, 'pass'],
    ['reviewed 91 days ago', { reviewedDaysAgo: 91, appAssignments: assigned(ALICE) }, 'fail'],
    ['never reviewed', { appAssignments: assigned(ALICE) }, 'fail'],
    ['never reviewed, nobody assigned', {}, 'fail'],
    ['reviewed, nobody assigned', { reviewedDaysAgo: 1 }, 'pass'],
    ['reviewed, a staged user assigned (not orphaned)', { reviewedDaysAgo: 1, appAssignments: assigned(ALICE, DAVE) }, 'pass'],
    ['reviewed, a deprovisioned user assigned', { reviewedDaysAgo: 1, appAssignments: assigned(ALICE, BOB) }, 'fail'],
    ['reviewed, a suspended user assigned (Okta keeps it on purpose: reported, not failed)', { reviewedDaysAgo: 1, appAssignments: assigned(CAROL) }, 'pass'],
  ])('%s → %s', (_name, view, status) => {
    expect(judge(view).status).toBe(status);
  });

  it('fails deactivated users who still hold assignments, reports suspended ones, and says how to fix both problems', () => {
    const result = judge({ appAssignments: assigned(ALICE, BOB, CAROL) });
    expect(result.reason).toBe(
      '1 deactivated user still holds an assignment (orphaned access; Okta removes assignments on deactivation, so another path left it): bob@example.com; remove it. ' +
        'No access review has been recorded; review who is assigned and record one with `okta-evidence review attest --app 0oa1 --reviewer EMAIL`. ' +
        '1 suspended user keeps an assignment, as Okta does while a user is suspended: carol@example.com; confirm in the review that each suspension is temporary.',
    );
    expect(result.fields).toMatchObject({
      assignedUsers: 3,
      orphanedUsers: [{ userId: '00ub', login: 'bob@example.com', status: 'DEPROVISIONED' }],
      suspendedUsers: [{ userId: '00uc', login: 'carol@example.com', status: 'SUSPENDED' }],
      unreviewedUsers: null,
      lastReviewAt: null,
    });
  });

  it('caps the orphan list in the reason but keeps every orphan in the fields', () => {
    const gone = Array.from({ length: 13 }, (_, i) => makeUser({ id: paddedId('00ux', i), login: `gone${i}@example.com`, status: 'DEPROVISIONED' }));
    const result = judge({ users: gone, appAssignments: assigned(...gone), reviewedDaysAgo: 1 });
    expect(result.reason).toContain('gone9@example.com and 3 more; remove them');
    expect(result.fields.orphanedUsers).toHaveLength(13);
  });

  it('lists assignments added after the last review as unreviewed', () => {
    const ERIN = makeUser({ id: '00ue', login: 'erin@example.com' });
    const reviews = [{ ...makeReview(APP, daysAgo(10)), reviewedUserIds: [ALICE.id] }];
    const result = judge({ users: [ALICE, ERIN], reviews, appAssignments: assigned(ALICE, ERIN) });
    expect(result.status).toBe('pass');
    expect(result.reason).toContain('1 assignment was added after the last review and is unreviewed: erin@example.com.');
    expect(result.fields).toMatchObject({ unreviewedUsers: [{ userId: '00ue', login: 'erin@example.com', status: 'ACTIVE' }] });
    const covered = judge({ users: [ALICE, ERIN], reviews: [{ ...makeReview(APP, daysAgo(10)), reviewedUserIds: [ALICE.id, ERIN.id] }], appAssignments: assigned(ALICE, ERIN) });
    expect(covered.fields).toMatchObject({ unreviewedUsers: [] });
    expect(covered.reason).not.toContain('unreviewed');
  });

  it('names the last review when it is too old', () => {
    expect(judge({ reviewedDaysAgo: 120 }, { reviewPeriodDays: 90 }).reason).toContain(
      'The last access review was 120 days ago (2025-03-02) by reviewer@example.com, over the 90-day review period',
    );
    expect(judge({ reviewedDaysAgo: 120 }, { reviewPeriodDays: 180 }).status).toBe('pass');
  });

  it('judges only the newest review of an app', () => {
    const reviews = [makeReview(APP, daysAgo(200)), makeReview(APP, daysAgo(5), { reviewerEmail: 'new@example.com' }), makeReview('0oaOther', daysAgo(1))];
    const result = judge({ reviews });
    expect(result).toMatchObject({ status: 'pass', fields: { lastReviewer: 'new@example.com', lastReviewAgeDays: 5 } });
  });

  it.each(['INACTIVE', 'DELETED'])('an %s app is not applicable', (status) => {
    const results = applicationAccessReview.evaluate(makeView({ apps: [makeApp({ id: APP, status })], appAssignments: assigned(BOB) }), makeContext());
    expect(resultFor(results, APP).status).toBe('not_applicable');
  });

  describe('over incomplete data', () => {
    const partial = { appAssignments: { state: 'partial', reason: 'budget spent' } } as const;

    it('reports error for an app whose assignments were not read, and fail when its review is missing anyway', () => {
      const unread = judge({ reviewedDaysAgo: 1, appAssignments: assigned(ALICE), datasets: partial });
      expect(unread.status).toBe('error');
      expect(unread.reason).toContain('App assignments not collected for this app in the last sync (the dataset is partial: budget spent)');
      const unreviewed = judge({ appAssignments: assigned(ALICE), datasets: partial });
      expect(unreviewed.status).toBe('fail');
      expect(unreviewed.reason).toContain('App assignments not collected');
    });

    it('judges an app whose assignments were read', () => {
      expect(judge({ reviewedDaysAgo: 1, appAssignments: assigned(ALICE), datasets: partial, verified: { appAssignments: [APP] } }).status).toBe('pass');
    });

    it('reports error for assignees missing from the user inventory', () => {
      const result = judge({ reviewedDaysAgo: 1, appAssignments: [makeAppAssignment({ appId: APP, userId: '00uGhost' })] });
      expect(result.status).toBe('error');
      expect(result.reason).toContain('1 assigned user is not in the user inventory');
      expect(result.fields).toMatchObject({ unknownUserIds: ['00uGhost'] });
    });

    it('reports an incomplete application inventory as a dataset error', () => {
      const results = applicationAccessReview.evaluate(makeView({ datasets: { apps: { state: 'not_started' } } }), makeContext());
      expect(resultFor(results, 'apps', 'dataset')).toMatchObject({ status: 'error', reason: expect.stringContaining('application inventory was not read') as unknown });
    });
  });
});
