import { beforeEach, expect, it } from 'vitest';
import { isStoreError } from '../errors.js';
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
  paddedId,
} from '../testing/fixtures.js';
import type { UserRecord } from '../types.js';

describeEachBackend('entities on %s', ({ store }) => {
  let snapshotId: string;
  beforeEach(async () => {
    snapshotId = (await store().snapshots.begin(newOrg())).id;
  });

  it('finds the memberships of some users in some groups, past one statement’s worth of ids on either list', async () => {
    const userIds = Array.from({ length: 1_100 }, (_, i) => paddedId('00u', i));
    await store().entities.upsert('groupMemberships', snapshotId, [
      ...userIds.map((userId) => ({ groupId: '00gall', userId })),
      ...userIds.filter((_, i) => i % 100 === 0).map((userId) => ({ groupId: '00gfew', userId })),
      { groupId: '00gother', userId: userIds[5] ?? '' },
    ]);
    // 600 groups asked for (most of them empty), a user no group holds, and users of other groups left out.
    const groupIds = ['00gall', '00gfew', ...Array.from({ length: 598 }, (_, i) => paddedId('00gnone', i))];
    const found = await store().entities.memberships(snapshotId, groupIds, [...userIds.slice(0, 1_050), '00unobody']);
    const key = (m: { groupId: string; userId: string }) => `${m.groupId}/${m.userId}`;
    expect(found.map(key).sort()).toEqual([
      ...userIds.slice(0, 1_050).map((userId) => `00gall/${userId}`),
      ...userIds.slice(0, 1_050).filter((_, i) => i % 100 === 0).map((userId) => `00gfew/${userId}`),
    ].sort());
    expect(await store().entities.memberships(snapshotId, groupIds, [])).toEqual([]);
    expect(await store().entities.memberships(snapshotId, [], userIds)).toEqual([]);
  });

  it('round-trips every kind: nulls, dates with ms, booleans, nested JSON and unicode', async () => {
    const user = makeUser({
      id: '00u1',
      email: null,
      displayName: 'Zoë Ørsted-Łukasz 山田',
      created: new Date('1999-12-31T23:59:59.999Z'),
      lastLogin: null,
      passwordChanged: new Date('2024-02-29T00:00:00.001Z'),
    });
    const policy = makePolicy({
      id: '00p1',
      system: true,
      priority: null,
      conditions: { people: { users: { exclude: [] } }, note: 'quote " and \\ backslash', n: 1.5, flag: false, nothing: null },
      settings: 'a JSON string, not an object',
    });
    const rule = makePolicyRule({ policyId: '00p1', id: '0pr1', system: false, conditions: null, actions: [1, 'two', { three: 3 }] });
    const assignment = makeAppAssignment({ appId: '0oa1', userId: '00u1', scope: 'GROUP', status: null, viaGroupIds: ['00g1', '00g2'] });
    await store().entities.upsert('users', snapshotId, [user]);
    await store().entities.upsert('policies', snapshotId, [policy]);
    await store().entities.upsert('policyRules', snapshotId, [rule]);
    await store().entities.upsert('appAssignments', snapshotId, [assignment]);
    await store().entities.upsert('appGroupAssignments', snapshotId, [makeAppGroupAssignment({ appId: '0oa1', groupId: '00g1', priority: null })]);
    await store().entities.upsert('collectionErrors', snapshotId, [{ dataset: 'factors', entityId: '00u1', message: 'unparseable factor' }]);

    expect(await store().entities.find('users', snapshotId, { id: '00u1' })).toEqual(user);
    expect(await store().entities.find('policies', snapshotId, { id: '00p1' })).toEqual(policy);
    expect(await store().entities.find('policyRules', snapshotId, { policyId: '00p1', id: '0pr1' })).toEqual(rule);
    expect(await store().entities.find('appAssignments', snapshotId, { appId: '0oa1', userId: '00u1' })).toEqual(assignment);
    expect(await store().entities.find('appGroupAssignments', snapshotId, { appId: '0oa1', groupId: '00g1' })).toMatchObject({ priority: null });
    expect(await store().entities.find('collectionErrors', snapshotId, { dataset: 'factors', entityId: '00u1' })).toMatchObject({ message: 'unparseable factor' });
    expect(await store().entities.find('users', snapshotId, { id: 'missing' })).toBeUndefined();
  });

  it('upserts by key, and keeps the last copy when a batch repeats a key', async () => {
    await store().entities.upsert('users', snapshotId, [makeUser({ id: '00u1', status: 'STAGED' })]);
    const written = await store().entities.upsert('users', snapshotId, [
      makeUser({ id: '00u1', status: 'ACTIVE' }),
      makeUser({ id: '00u2' }),
      makeUser({ id: '00u1', status: 'SUSPENDED' }),
    ]);
    expect(written).toBe(2);
    expect((await store().entities.find('users', snapshotId, { id: '00u1' }))?.status).toBe('SUSPENDED');
    expect(await store().entities.count('users', snapshotId)).toBe(2);
    // A kind whose columns are all key columns: a repeat is simply ignored.
    await store().entities.upsert('groupMemberships', snapshotId, [{ groupId: '00g1', userId: '00u1' }, { groupId: '00g1', userId: '00u1' }]);
    expect(await store().entities.count('groupMemberships', snapshotId)).toBe(1);
  });

  it('removes a user together with the rows that hang off it, and nobody else’s', async () => {
    await store().entities.upsert('users', snapshotId, [makeUser({ id: '00u1' }), makeUser({ id: '00u2' })]);
    for (const userId of ['00u1', '00u2']) {
      await store().entities.upsert('factors', snapshotId, [makeFactor({ userId, id: `fac-${userId}` })]);
      await store().entities.upsert('groupMemberships', snapshotId, [{ groupId: '00g1', userId }]);
      await store().entities.upsert('appAssignments', snapshotId, [makeAppAssignment({ appId: '0oa1', userId })]);
      await store().entities.upsert('adminRoles', snapshotId, [makeAdminRole({ userId, id: `role-${userId}` })]);
    }
    await store().progress.markVerified(snapshotId, 'factors', ['00u1', '00u2'], new Date());

    await store().entities.remove('users', snapshotId, { id: '00u1' });

    for (const kind of ['users', 'factors', 'groupMemberships', 'appAssignments', 'adminRoles'] as const) {
      expect(await store().entities.count(kind, snapshotId), kind).toBe(1);
    }
    expect(await store().progress.isVerified(snapshotId, 'factors', '00u1')).toBe(false);
    expect(await store().progress.isVerified(snapshotId, 'factors', '00u2')).toBe(true);

    await store().entities.upsert('groups', snapshotId, [makeGroup({ id: '00g1' })]);
    await store().entities.upsert('apps', snapshotId, [makeApp({ id: '0oa1' })]);
    await store().entities.remove('groups', snapshotId, { id: '00g1' });
    await store().entities.remove('apps', snapshotId, { id: '0oa1' });
    expect(await store().entities.count('groupMemberships', snapshotId)).toBe(0);
    expect(await store().entities.count('appAssignments', snapshotId)).toBe(0);
    await store().entities.remove('factors', snapshotId, { userId: '00u2', id: 'fac-00u2' });
    expect(await store().entities.count('factors', snapshotId)).toBe(0);
  });

  it('replaces one parent’s children only, and rejects a child filed under another parent', async () => {
    await store().entities.upsert('groupMemberships', snapshotId, [
      { groupId: '00g1', userId: '00u1' },
      { groupId: '00g1', userId: '00u2' },
      { groupId: '00g2', userId: '00u1' },
    ]);
    await store().entities.replaceChildren('groupMemberships', snapshotId, '00g1', [{ groupId: '00g1', userId: '00u3' }]);
    expect(await collect(store().entities.stream('groupMemberships', snapshotId))).toEqual([
      { groupId: '00g1', userId: '00u3' },
      { groupId: '00g2', userId: '00u1' },
    ]);
    expect(await collect(store().entities.stream('groupMemberships', snapshotId, { parentId: '00g2' }))).toEqual([{ groupId: '00g2', userId: '00u1' }]);
    expect(await store().entities.count('groupMemberships', snapshotId, { parentId: '00g1' })).toBe(1);

    const failure = await store().entities
      .replaceChildren('groupMemberships', snapshotId, '00g1', [{ groupId: '00g2', userId: '00u9' }])
      .catch((error: unknown) => error);
    expect(isStoreError(failure, 'STORE_INVALID_INPUT')).toBe(true);
    expect(await store().entities.count('groupMemberships', snapshotId, { parentId: '00g1' })).toBe(1);
  });

  it('streams in byte order of ids on every database (00uB before 00ua)', async () => {
    await store().entities.upsert('users', snapshotId, ['00ua', '00uB', '00u_', '00uA', '00u0'].map((id) => makeUser({ id })));
    const ids = (await collect(store().entities.stream('users', snapshotId, { batchSize: 2 }))).map((user) => user.id);
    expect(ids).toEqual(['00u0', '00uA', '00uB', '00u_', '00ua']);
  });

  it('writes 50,000 users from a generator and streams them back in order', async () => {
    const total = 50_000;
    function* users(): Generator<UserRecord> {
      for (let n = total - 1; n >= 0; n -= 1) yield makeUser({ id: paddedId('00u', n), department: `dept-${n % 17}` });
    }
    expect(await store().entities.upsert('users', snapshotId, users())).toBe(total);
    expect(await store().entities.count('users', snapshotId)).toBe(total);

    let expected = 0;
    for await (const user of store().entities.stream('users', snapshotId)) {
      expect(user.id).toBe(paddedId('00u', expected));
      expected += 1;
    }
    expect(expected).toBe(total);
  });
});
