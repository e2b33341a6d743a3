import { expect, it } from 'vitest';
import { describeEachBackend } from '../testing/backend-suite.js';
import { newOrg } from '../testing/fixtures.js';
import type { AccessReviewRecord } from '../types.js';

function review(org: string, appId: string, day: number, reviewerEmail = 'reviewer@example.com'): Omit<AccessReviewRecord, 'id'> {
  return {
    org,
    appId,
    appLabel: `App ${appId}`,
    reviewerEmail,
    attestedAt: new Date(Date.UTC(2025, 5, day, 9, 30, 0, 250)),
    note: day % 2 === 0 ? null : 'Quarterly review — ünïcode note',
    snapshotId: 'snap-1',
    assignments: [
      { userId: '00u1', login: 'ada@example.com', userStatus: 'ACTIVE', scope: 'USER', assignmentStatus: 'ACTIVE' },
      { userId: '00u2', login: null, userStatus: null, scope: 'GROUP', assignmentStatus: null },
    ],
  };
}

describeEachBackend('access reviews on %s', ({ store, org }) => {
  it('records an attestation with the assignment list the reviewer saw', async () => {
    const recorded = await store().accessReviews.record(review(org(), '0oa1', 1));
    expect(recorded.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(await store().accessReviews.list(org())).toEqual([recorded]);
  });

  it('keeps every review and returns the newest per app without the assignment lists', async () => {
    await store().accessReviews.record(review(org(), '0oa1', 1, 'first@example.com'));
    const newest = await store().accessReviews.record(review(org(), '0oa1', 20, 'second@example.com'));
    const other = await store().accessReviews.record(review(org(), '0oa2', 5));
    await store().accessReviews.record(review(newOrg(), '0oa1', 30));

    const latest = await store().accessReviews.latestPerApp(org());
    const { assignments: _newestAssignments, ...newestSummary } = newest;
    const { assignments: _otherAssignments, ...otherSummary } = other;
    expect(latest).toEqual([
      { ...newestSummary, assignmentCount: 2 },
      { ...otherSummary, assignmentCount: 2 },
    ]);
    expect((await store().accessReviews.list(org(), { appId: '0oa1' })).map((r) => r.reviewerEmail)).toEqual(['second@example.com', 'first@example.com']);
    expect(await store().accessReviews.list(org(), { limit: 1 })).toEqual([newest]);
    expect(await store().accessReviews.latestPerApp('nobody.example.com')).toEqual([]);
    // The newest review per app, with the assignment list it attested (what "unreviewed since" is judged against).
    expect(await store().accessReviews.latestPerAppWithAssignments(org())).toEqual([newest, other]);
    expect(await store().accessReviews.latestPerAppWithAssignments('nobody.example.com')).toEqual([]);
  });
});
