import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { makeApp, makeAppAssignment, makeFactor, makePolicy, makePolicyRule, makeUser, newOrg } from '../store/testing/fixtures.js';
import { testBackends } from '../store/testing/test-backends.js';
import type { DatasetStatus } from '../store/types.js';
import { loadSnapshotView } from './snapshot-view.js';

const backends = testBackends(process.env.TEST_DATABASE_URL);
afterAll(() => Promise.all(backends.map((backend) => backend.dispose())));

describe.each(backends.map((backend) => [backend.name, backend] as const))('loading a snapshot view on %s', (_name, backend) => {
  let store: Store;
  beforeAll(async () => {
    ({ store } = await backend.open());
  });

  async function promoted(org: string, datasets: DatasetStatus[]) {
    const snapshot = await store.snapshots.begin(org, { syncId: 'sync-7' });
    await store.entities.upsert('users', snapshot.id, [makeUser({ id: '00u1' }), makeUser({ id: '00u2' })]);
    await store.entities.upsert('factors', snapshot.id, [makeFactor({ userId: '00u1', id: 'f1' }), makeFactor({ userId: '00u1', id: 'f2', factorType: 'sms' })]);
    await store.entities.upsert('policies', snapshot.id, [makePolicy({ id: '00p1', type: 'PASSWORD' })]);
    await store.entities.upsert('policyRules', snapshot.id, [makePolicyRule({ policyId: '00p1', id: 'r1' }), makePolicyRule({ policyId: '00p1', id: 'r2' })]);
    await store.entities.upsert('apps', snapshot.id, [makeApp({ id: '0oa1' })]);
    await store.entities.upsert('appAssignments', snapshot.id, [makeAppAssignment({ appId: '0oa1', userId: '00u1' }), makeAppAssignment({ appId: '0oa1', userId: '00u2' })]);
    await store.entities.upsert('collectionErrors', snapshot.id, [{ dataset: 'factors', entityId: '00u2', message: 'factor #1: bad' }]);
    await store.progress.markVerified(snapshot.id, 'factors', ['00u1'], new Date('2025-06-01T00:00:00Z'));
    await store.progress.markVerified(snapshot.id, 'appAssignments', ['0oa1'], new Date('2025-06-01T00:00:00Z'));
    await store.snapshots.promote(org, snapshot.id, { datasets });
    return (await store.snapshots.current(org))!;
  }

  it('indexes every record the checks read, with reviews, collection errors and per-entity progress', async () => {
    const org = newOrg();
    const snapshot = await promoted(org, [
      { dataset: 'users', state: 'complete', count: 2 },
      { dataset: 'factors', state: 'partial', count: 2, reason: 'budget' },
    ]);
    await store.accessReviews.record({
      org, appId: '0oa1', appLabel: 'App', reviewerEmail: 'r@example.com', attestedAt: new Date('2025-06-02T00:00:00Z'), note: null, snapshotId: snapshot.id, assignments: [],
    });
    const view = await loadSnapshotView(store, snapshot);
    expect(view).toMatchObject({ org, snapshotId: snapshot.id, syncId: 'sync-7' });
    expect(view.users.map((user) => user.id)).toEqual(['00u1', '00u2']);
    expect(view.usersById.get('00u2')?.login).toBe('00u2@example.com');
    expect(view.factorsByUser.get('00u1')?.map((factor) => factor.factorType)).toEqual(['token:software:totp', 'sms']);
    expect(view.factorsByUser.has('00u2')).toBe(false);
    expect(view.rulesByPolicy.get('00p1')).toHaveLength(2);
    expect(view.assignmentsByApp.get('0oa1')).toHaveLength(2);
    expect(view.latestReviewByApp.get('0oa1')).toMatchObject({ reviewerEmail: 'r@example.com', assignmentCount: 0 });
    expect(view.collectionErrors.get('factors')?.get('00u2')).toBe('factor #1: bad');
    expect(view.datasets.get('factors')?.state).toBe('partial');
    // Progress is read for the incomplete per-entity datasets only: appAssignments has no status, so it is not complete.
    expect([...(view.verified.get('factors') ?? [])]).toEqual(['00u1']);
    expect([...(view.verified.get('appAssignments') ?? [])]).toEqual(['0oa1']);
  });

  it('skips progress for per-entity datasets that are complete', async () => {
    const snapshot = await promoted(newOrg(), [
      { dataset: 'factors', state: 'complete', count: 2 },
      { dataset: 'appAssignments', state: 'complete', count: 2 },
    ]);
    expect((await loadSnapshotView(store, snapshot)).verified.size).toBe(0);
  });
});
