import { expect, it } from 'vitest';
import { collect, describeEachBackend } from '../testing/backend-suite.js';
import { makeUser, paddedId } from '../testing/fixtures.js';

describeEachBackend('resume state on %s', ({ store, org }) => {
  it('resumes a backfill across syncs from the users whose factors are not done yet', async () => {
    const backfill = await store().snapshots.begin(org());
    await store().checkpoints.setBuildingSnapshot(org(), backfill.id);
    const users = Array.from({ length: 30 }, (_, n) => makeUser({ id: paddedId('00u', n), status: n % 10 === 9 ? 'DEPROVISIONED' : 'ACTIVE' }));
    await store().entities.upsert('users', backfill.id, users);

    // First sync: the budget runs out after ten users, marked while the stream is still being read.
    let done = 0;
    for await (const userId of store().progress.streamPendingUsers(backfill.id, 'factors', { statuses: ['ACTIVE'], batchSize: 4 })) {
      await store().progress.markVerified(backfill.id, 'factors', [userId], new Date(Date.UTC(2024, 4, 1, 0, 0, done)));
      done += 1;
      if (done === 10) break;
    }
    await store().checkpoints.saveCheckpoint(org(), { usersCursor: null, phase: 'factors' });

    // Next sync: finds the same snapshot and continues with the remaining sign-in-capable users only.
    const state = await store().checkpoints.getOrgState(org());
    expect(state).toMatchObject({ buildingSnapshotId: backfill.id, checkpoint: { usersCursor: null, phase: 'factors' } });
    const pending = await collect(store().progress.streamPendingUsers(backfill.id, 'factors', { statuses: ['ACTIVE'], batchSize: 4 }));
    expect(pending).toEqual(users.filter((user) => user.status === 'ACTIVE').slice(10).map((user) => user.id));
    expect(await store().progress.countVerified(backfill.id, 'factors')).toBe(10);
    expect(await collect(store().progress.streamPendingUsers(backfill.id, 'factors'))).toHaveLength(20);
    expect(await collect(store().progress.streamPendingUsers(backfill.id, 'factors', { statuses: [] }))).toEqual([]);
  });

  it('keeps verification times through a copy and lists the oldest-verified first', async () => {
    const first = await store().snapshots.begin(org());
    await store().progress.markVerified(first.id, 'factors', ['00u1', '00u2'], new Date('2024-05-01T00:00:00Z'));
    await store().progress.markVerified(first.id, 'factors', ['00u3'], new Date('2024-04-01T00:00:00Z'));
    await store().snapshots.promote(org(), first.id);

    const next = await store().snapshots.begin(org(), { copyFrom: first.id });
    await store().progress.markVerified(next.id, 'factors', ['00u1'], new Date('2024-06-01T00:00:00Z'));
    expect(await store().progress.oldestVerified(next.id, 'factors', 2)).toEqual([
      { entityId: '00u3', verifiedAt: new Date('2024-04-01T00:00:00Z') },
      { entityId: '00u2', verifiedAt: new Date('2024-05-01T00:00:00Z') },
    ]);
    expect((await store().progress.oldestVerified(first.id, 'factors', 3)).map((row) => row.entityId)).toEqual(['00u3', '00u1', '00u2']);

    await store().progress.clear(next.id, 'factors');
    expect(await store().progress.countVerified(next.id, 'factors')).toBe(0);
    expect(await store().progress.countVerified(first.id, 'factors')).toBe(3);
  });

  it('streams the entities verified for one dataset, in id order, page by page', async () => {
    const snapshot = await store().snapshots.begin(org());
    await store().progress.markVerified(snapshot.id, 'factors', ['00u3', '00u1', '00u2'], new Date('2024-05-01T00:00:00Z'));
    await store().progress.markVerified(snapshot.id, 'appAssignments', ['0oa1'], new Date('2024-05-01T00:00:00Z'));
    expect(await collect(store().progress.streamVerified(snapshot.id, 'factors', { batchSize: 2 }))).toEqual(['00u1', '00u2', '00u3']);
    expect(await collect(store().progress.streamVerified(snapshot.id, 'appAssignments'))).toEqual(['0oa1']);
    expect(await collect(store().progress.streamVerified(snapshot.id, 'groupMemberships'))).toEqual([]);
  });

  it('keeps the org state: log cursor, checkpoint JSON, sync times; an unknown org reads as empty', async () => {
    expect(await store().checkpoints.getOrgState(org())).toEqual({
      org: org(),
      currentSnapshotId: null,
      buildingSnapshotId: null,
      checkpoint: null,
      logCursor: null,
      lastFullSyncAt: null,
      lastSyncAt: null,
    });
    const cursor = { until: new Date('2024-05-01T10:00:00.456Z'), lastUuids: ['e1', 'e2'] };
    await store().checkpoints.saveLogCursor(org(), cursor);
    await store().checkpoints.saveCheckpoint(org(), { apps: { after: '0oa9' }, list: [1, 2], text: 'ünïcode' });
    await store().checkpoints.recordSyncTimes(org(), { lastSyncAt: new Date('2024-05-01T10:05:00Z'), lastFullSyncAt: new Date('2024-05-01T09:00:00Z') });
    await store().checkpoints.recordSyncTimes(org(), { lastSyncAt: new Date('2024-05-02T10:05:00Z') });

    expect(await store().checkpoints.getOrgState(org())).toMatchObject({
      logCursor: cursor,
      checkpoint: { apps: { after: '0oa9' }, list: [1, 2], text: 'ünïcode' },
      lastSyncAt: new Date('2024-05-02T10:05:00Z'),
      lastFullSyncAt: new Date('2024-05-01T09:00:00Z'),
    });
    await store().checkpoints.saveLogCursor(org(), null);
    await store().checkpoints.saveCheckpoint(org(), null);
    expect(await store().checkpoints.getOrgState(org())).toMatchObject({ logCursor: null, checkpoint: null });
  });
});
