import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { makeApp, makeAppAssignment, makeUser, newOrg, paddedId } from '../store/testing/fixtures.js';
import { testBackends } from '../store/testing/test-backends.js';
import type { DatasetStatus } from '../store/types.js';
import { attestAccessReview, isReviewError } from './attest.js';

const backends = testBackends(process.env.TEST_DATABASE_URL);
afterAll(() => Promise.all(backends.map((backend) => backend.dispose())));

const NOW = new Date('2025-06-30T12:00:00.000Z');

describe.each(backends.map((backend) => [backend.name, backend] as const))('attesting an access review on %s', (_name, backend) => {
  let store: Store;
  let org: string;
  beforeAll(async () => {
    ({ store } = await backend.open());
  });
  beforeEach(() => {
    org = newOrg();
  });

  async function syncedOrg(datasets: DatasetStatus[] = [{ dataset: 'appAssignments', state: 'complete', count: 3 }], userCount = 2): Promise<string> {
    const snapshot = await store.snapshots.begin(org);
    const users = [makeUser({ id: '00ua', login: 'ada@example.com' }), makeUser({ id: '00ub', login: 'bob@example.com', status: 'DEPROVISIONED' })];
    for (let n = 2; n < userCount; n += 1) users.push(makeUser({ id: paddedId('00uz', n) }));
    await store.entities.upsert('users', snapshot.id, users);
    await store.entities.upsert('apps', snapshot.id, [makeApp({ id: '0oa1', label: 'Payroll' }), makeApp({ id: '0oa2' })]);
    await store.entities.upsert('appAssignments', snapshot.id, [
      ...users.map((user) => makeAppAssignment({ appId: '0oa1', userId: user.id })),
      makeAppAssignment({ appId: '0oa1', userId: '00uGone', scope: 'GROUP', status: null }),
    ]);
    await store.snapshots.promote(org, snapshot.id, { datasets });
    return snapshot.id;
  }

  it('records who attested, when, the note, and the assignment list of the current snapshot', async () => {
    const snapshotId = await syncedOrg();
    const { review, orphaned, warnings } = await attestAccessReview(store, { org, appId: '0oa1', reviewerEmail: ' jane.doe@example.com ', note: ' Q2 review ', now: NOW });
    expect(review).toMatchObject({ org, appId: '0oa1', appLabel: 'Payroll', reviewerEmail: 'jane.doe@example.com', attestedAt: NOW, note: 'Q2 review', snapshotId });
    // In id byte order, as the store streams them.
    expect(review.assignments).toEqual([
      { userId: '00uGone', login: null, userStatus: null, scope: 'GROUP', assignmentStatus: null },
      { userId: '00ua', login: 'ada@example.com', userStatus: 'ACTIVE', scope: 'USER', assignmentStatus: 'ACTIVE' },
      { userId: '00ub', login: 'bob@example.com', userStatus: 'DEPROVISIONED', scope: 'USER', assignmentStatus: 'ACTIVE' },
    ]);
    expect(orphaned.map((entry) => entry.login)).toEqual(['bob@example.com']);
    expect(warnings).toEqual([]);
    expect(await store.accessReviews.list(org)).toEqual([review]);
  });

  it('reads assignees in one pass for a large app', async () => {
    await syncedOrg(undefined, 600);
    const { review } = await attestAccessReview(store, { org, appId: '0oa1', reviewerEmail: 'jane@example.com', now: NOW });
    expect(review.assignments).toHaveLength(601);
    expect(review.assignments.filter((entry) => entry.login === null)).toHaveLength(1);
    expect(review.note).toBeNull();
  });

  it('warns when the last sync did not finish reading the app’s assignments', async () => {
    await syncedOrg([{ dataset: 'appAssignments', state: 'partial', count: 1 }]);
    const { warnings } = await attestAccessReview(store, { org, appId: '0oa1', reviewerEmail: 'jane@example.com', now: NOW });
    expect(warnings).toEqual([expect.stringContaining('may be incomplete')]);
  });

  it.each([
    ['an address without @', { reviewerEmail: 'jane' }, 'REVIEW_INVALID_INPUT', '--reviewer must be the reviewer'],
    ['an address with a space', { reviewerEmail: 'jane doe@example.com' }, 'REVIEW_INVALID_INPUT', '--reviewer'],
    ['a note that is too long', { note: 'x'.repeat(2_001) }, 'REVIEW_INVALID_INPUT', '--note must be at most 2000 characters'],
    ['an app not in the snapshot', { appId: '0oaMissing' }, 'REVIEW_APP_NOT_FOUND', 'app "0oaMissing" is not in the current snapshot'],
  ] as const)('refuses %s', async (_name, change, code, message) => {
    await syncedOrg();
    const failure = await attestAccessReview(store, { org, appId: '0oa1', reviewerEmail: 'jane@example.com', now: NOW, ...change }).catch((error: unknown) => error);
    expect(isReviewError(failure, code)).toBe(true);
    expect((failure as Error).message).toContain(message);
    expect(await store.accessReviews.list(org)).toEqual([]);
  });

  it('refuses before any sync', async () => {
    const failure = await attestAccessReview(store, { org, appId: '0oa1', reviewerEmail: 'jane@example.com', now: NOW }).catch((error: unknown) => error);
    expect(isReviewError(failure, 'REVIEW_NO_SNAPSHOT')).toBe(true);
  });
});
