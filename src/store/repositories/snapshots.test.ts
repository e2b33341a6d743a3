import { expect, it } from 'vitest';
import { isStoreError } from '../errors.js';
import type { EntityKind, EntityRecords } from '../store.js';
import { collect, describeEachBackend } from '../testing/backend-suite.js';
import {
  makeAdminRole,
  makeApp,
  makeAppAssignment,
  makeAppGroupAssignment,
  makeFactor,
  makeGroup,
  makePolicy,
  makePolicyRule,
  makeUser,
  newOrg,
} from '../testing/fixtures.js';
import type { DatasetStatus } from '../types.js';
import { ENTITY_KINDS } from './entity-tables.js';

const COMPLETE: DatasetStatus[] = [{ dataset: 'users', state: 'complete', count: 2 }];

describeEachBackend('snapshots on %s', ({ store, org }) => {
  /** A promoted snapshot with one row of every kind. */
  async function promotedInventory(): Promise<string> {
    const snapshot = await store().snapshots.begin(org());
    const write = <K extends EntityKind>(kind: K, records: EntityRecords[K][]) => store().entities.upsert(kind, snapshot.id, records);
    await write('users', [makeUser({ id: '00u1' }), makeUser({ id: '00u2', status: 'SUSPENDED' })]);
    await write('factors', [makeFactor({ userId: '00u1', id: 'fac1' }), makeFactor({ userId: '00u1', id: 'fac2', factorType: 'sms', profileSummary: 'phone ***37' })]);
    await write('groups', [makeGroup({ id: '00g1' })]);
    await write('groupMemberships', [{ groupId: '00g1', userId: '00u1' }]);
    await write('apps', [makeApp({ id: '0oa1', accessPolicyId: 'rst1' })]);
    await write('appAssignments', [makeAppAssignment({ appId: '0oa1', userId: '00u1', scope: 'GROUP', viaGroupIds: ['00g1'] })]);
    await write('appGroupAssignments', [makeAppGroupAssignment({ appId: '0oa1', groupId: '00g1' })]);
    await write('policies', [makePolicy({ id: '00p1' })]);
    await write('policyRules', [makePolicyRule({ policyId: '00p1', id: '0pr1' })]);
    await write('adminRoles', [makeAdminRole({ userId: '00u1', id: 'ra1' })]);
    await write('collectionErrors', [{ dataset: 'users', entityId: '00u9', message: 'profile.login missing' }]);
    await store().progress.markVerified(snapshot.id, 'factors', ['00u1'], new Date('2024-05-01T00:00:00Z'));
    await store().snapshots.promote(org(), snapshot.id, { datasets: COMPLETE });
    return snapshot.id;
  }

  async function contents(snapshotId: string): Promise<Record<string, unknown[]>> {
    const result: Record<string, unknown[]> = {};
    for (const kind of ENTITY_KINDS) result[kind] = await collect(store().entities.stream(kind, snapshotId));
    return result;
  }

  it('keeps a building snapshot out of sight until it is promoted', async () => {
    const first = await store().snapshots.begin(org(), { syncId: 'sync-1' });
    expect(first).toMatchObject({ org: org(), syncId: 'sync-1', state: 'building', copiedFrom: null, datasets: [] });
    await store().entities.upsert('users', first.id, [makeUser({ id: '00u1' })]);
    expect(await store().snapshots.current(org())).toBeUndefined();

    await store().snapshots.promote(org(), first.id, { datasets: COMPLETE });
    expect(await store().snapshots.current(org())).toMatchObject({ id: first.id, state: 'current', datasets: COMPLETE });
    expect((await store().checkpoints.getOrgState(org())).currentSnapshotId).toBe(first.id);

    const second = await store().snapshots.begin(org());
    await store().snapshots.promote(org(), second.id);
    expect((await store().snapshots.current(org()))?.id).toBe(second.id);
    expect((await store().snapshots.get(first.id))?.state).toBe('superseded');
    expect((await store().snapshots.list(org())).map((snapshot) => snapshot.state)).toEqual(['current', 'superseded']);
  });

  it('lists the orgs that have a current snapshot', async () => {
    const building = await store().snapshots.begin(org());
    expect(await store().snapshots.currentOrgs()).not.toContain(org());
    await store().snapshots.promote(org(), building.id);
    const orgs = await store().snapshots.currentOrgs();
    expect(orgs).toContain(org());
    expect(orgs).toEqual([...orgs].sort());
  });

  it('promotes in one transaction: a failure after promote inside it leaves the previous snapshot current', async () => {
    const current = await promotedInventory();
    const next = await store().snapshots.begin(org());
    const failure = await store()
      .transaction(async (tx) => {
        await tx.snapshots.promote(org(), next.id);
        await tx.syncs.update('no-such-sync', { status: 'succeeded' });
      })
      .catch((error: unknown) => error);
    expect(isStoreError(failure, 'STORE_INVALID_STATE')).toBe(true);
    expect((await store().snapshots.current(org()))?.id).toBe(current);
    expect((await store().snapshots.get(next.id))?.state).toBe('building');
  });

  it('never lets a failed sync touch the current snapshot: its writes go to staging and are discarded', async () => {
    const current = await promotedInventory();
    const before = await contents(current);

    const staging = await store().snapshots.begin(org(), { copyFrom: current });
    await store().entities.remove('users', staging.id, { id: '00u1' });
    await store().entities.upsert('users', staging.id, [makeUser({ id: '00u3' })]);
    await store().snapshots.discard(staging.id);

    expect((await store().snapshots.current(org()))?.id).toBe(current);
    expect(await contents(current)).toEqual(before);
    expect((await store().snapshots.get(staging.id))?.state).toBe('discarded');
    expect(await store().entities.count('users', staging.id)).toBe(0);
  });

  it('refuses writes into a snapshot that is not building, and refuses to discard the current one', async () => {
    const current = await promotedInventory();
    const codeOf = (promise: Promise<unknown>) => promise.then(() => 'no error', (error: unknown) => (isStoreError(error) ? error.code : error));
    expect(await codeOf(store().entities.upsert('users', current, [makeUser({ id: '00u7' })]))).toBe('STORE_INVALID_STATE');
    expect(await codeOf(store().entities.remove('users', current, { id: '00u1' }))).toBe('STORE_INVALID_STATE');
    expect(await codeOf(store().progress.markVerified(current, 'factors', ['00u2'], new Date()))).toBe('STORE_INVALID_STATE');
    expect(await codeOf(store().snapshots.discard(current))).toBe('STORE_INVALID_STATE');
    expect(await codeOf(store().snapshots.promote(org(), current))).toBe('STORE_INVALID_STATE');
    expect(await codeOf(store().entities.upsert('users', 'no-such-snapshot', []))).toBe('STORE_INVALID_STATE');

    const elsewhere = await store().snapshots.begin(newOrg());
    expect(await codeOf(store().snapshots.promote(org(), elsewhere.id))).toBe('STORE_INVALID_STATE');
    expect(await codeOf(store().snapshots.begin(newOrg(), { copyFrom: current }))).toBe('STORE_INVALID_STATE');
    expect(await codeOf(store().snapshots.begin(org(), { copyFrom: elsewhere.id }))).toBe('STORE_INVALID_STATE');
    expect(await store().entities.count('users', current)).toBe(2);
  });

  it('copies a snapshot row for row, then applies an incremental change to one user only', async () => {
    const current = await promotedInventory();
    const copy = await store().snapshots.begin(org(), { copyFrom: current });
    expect(copy).toMatchObject({ copiedFrom: current, datasets: COMPLETE, state: 'building' });
    expect(await contents(copy.id)).toEqual(await contents(current));
    expect(await store().progress.isVerified(copy.id, 'factors', '00u1')).toBe(true);

    const reEnrolled = [makeFactor({ userId: '00u1', id: 'fac3', factorType: 'signed_nonce', provider: 'OKTA' })];
    await store().entities.replaceChildren('factors', copy.id, '00u1', reEnrolled);
    await store().snapshots.promote(org(), copy.id);

    expect(await collect(store().entities.stream('factors', copy.id))).toEqual(reEnrolled);
    expect((await collect(store().entities.stream('factors', current))).map((factor) => factor.id)).toEqual(['fac1', 'fac2']);
    expect(await store().entities.count('users', copy.id)).toBe(2);
  });

  it('prunes old, discarded and abandoned snapshots but keeps the current, the backfill and live staging', async () => {
    const oldest = await promotedInventory();
    const older = await store().snapshots.begin(org(), { copyFrom: oldest });
    await store().snapshots.promote(org(), older.id);
    const newer = await store().snapshots.begin(org(), { copyFrom: older.id });
    await store().snapshots.promote(org(), newer.id);
    const current = await store().snapshots.begin(org(), { copyFrom: newer.id });
    await store().snapshots.promote(org(), current.id);

    const discarded = await store().snapshots.begin(org());
    await store().snapshots.discard(discarded.id);
    const deadSync = await store().syncs.start({ org: org(), trigger: 'cli', startedAt: new Date() });
    await store().syncs.update(deadSync.id, { status: 'timed_out' });
    const abandoned = await store().snapshots.begin(org(), { syncId: deadSync.id });
    const liveSync = await store().syncs.start({ org: org(), trigger: 'cli', startedAt: new Date() });
    const live = await store().snapshots.begin(org(), { syncId: liveSync.id });
    const backfill = await store().snapshots.begin(org(), { syncId: deadSync.id });
    await store().checkpoints.setBuildingSnapshot(org(), backfill.id);

    const pruned = await store().snapshots.prune(org(), 2);
    expect(new Set(pruned)).toEqual(new Set([oldest, older.id, discarded.id, abandoned.id]));
    expect((await store().snapshots.list(org())).map((snapshot) => snapshot.id).sort()).toEqual(
      [current.id, newer.id, live.id, backfill.id].sort(),
    );
    expect(await store().entities.count('users', oldest)).toBe(0);
    expect(await store().entities.count('users', current.id)).toBe(2);

    expect(await store().snapshots.prune(org(), 1)).toEqual([newer.id]);
    expect((await store().snapshots.current(org()))?.id).toBe(current.id);
    await expect(store().snapshots.prune(org(), 0)).rejects.toMatchObject({ code: 'STORE_INVALID_INPUT' });
  });

  it('clears the backfill pointer when the backfill snapshot is promoted or discarded', async () => {
    const backfill = await store().snapshots.begin(org());
    await store().checkpoints.setBuildingSnapshot(org(), backfill.id);
    await store().snapshots.promote(org(), backfill.id);
    expect(await store().checkpoints.getOrgState(org())).toMatchObject({ currentSnapshotId: backfill.id, buildingSnapshotId: null });

    const next = await store().snapshots.begin(org());
    await store().checkpoints.setBuildingSnapshot(org(), next.id);
    await store().snapshots.discard(next.id);
    expect((await store().checkpoints.getOrgState(org())).buildingSnapshotId).toBeNull();
  });
});
