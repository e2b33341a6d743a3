import { describe, expect, it } from 'vitest';
import type { SimGroup } from '../simulator/org/types.js';
import { makeGroup } from '../store/testing/fixtures.js';
import { OktaClientError } from '../okta/errors.js';
import { groupsCollector, MEMBER_FALLBACK_LIMIT, MEMBER_PAGE_LIMIT } from './groups.js';
import { all, craftOrg, simUser, startHarness } from './testing/collect-kit.js';
import { scriptedClient } from './testing/scripted-client.js';

function simGroup(id: string, overrides: Partial<SimGroup> = {}): SimGroup {
  const at = '2024-05-01T12:00:00.000Z';
  return { id, created: at, lastUpdated: at, lastMembershipUpdated: at, objectClass: ['okta:user_group'], type: 'OKTA_GROUP', profile: { name: `Group ${id}`, description: null }, ...overrides };
}

describe('groups collector', () => {
  it('stores every group and every membership exactly as the org has them', async () => {
    const h = await startHarness({ sim: { users: 120, seed: 5 } });

    const result = await groupsCollector.collect(h.context());

    const groups = await all(h.store.entities.stream('groups', h.snapshotId));
    expect(groups.map((g) => g.id).sort()).toEqual(h.sim.org.groups.map((g) => g.id).sort());
    const builtIn = h.sim.org.groups.find((g) => g.type === 'BUILT_IN');
    expect(groups.find((g) => g.id === builtIn?.id)).toMatchObject({ type: 'BUILT_IN', name: builtIn?.profile.name });

    const memberships = await all(h.store.entities.stream('groupMemberships', h.snapshotId));
    const expected = [...h.sim.org.groupMembers].flatMap(([groupId, members]) => members.map((userId) => `${groupId}/${userId}`)).sort();
    expect(memberships.map((m) => `${m.groupId}/${m.userId}`).sort()).toEqual(expected);
    expect(result.datasets).toEqual([
      { dataset: 'groups', state: 'complete', count: h.sim.org.groups.length },
      { dataset: 'groupMemberships', state: 'complete', count: expected.length },
    ]);
    expect(await h.store.progress.countVerified(h.snapshotId, 'groupMemberships')).toBe(h.sim.org.groups.length);
  });

  it('names the directory app of an APP_GROUP from its source link', async () => {
    const org = craftOrg({ groups: [simGroup('00gAD1', { type: 'APP_GROUP', sourceAppId: '0oaDIRECTORY1', profile: { name: 'Domain Users', description: 'All domain users' } })] });
    const h = await startHarness({ org });

    await groupsCollector.collect(h.context());

    expect(await h.store.entities.find('groups', h.snapshotId, { id: '00gAD1' })).toMatchObject({
      type: 'APP_GROUP',
      name: 'Domain Users',
      description: 'All domain users',
      sourceAppId: '0oaDIRECTORY1',
      lastMembershipUpdated: new Date('2024-05-01T12:00:00.000Z'),
    });
  });

  it('records a member without a usable id as an error of the memberships, naming the group', async () => {
    const broken = simUser('00uBAD/../x');
    const org = craftOrg({ users: [simUser('00uA1'), broken], groups: [simGroup('00gG1')], groupMembers: { '00gG1': ['00uA1', '00uBAD/../x'] } });
    const h = await startHarness({ org });

    const result = await groupsCollector.collect(h.context());

    expect(result.errors).toEqual([{ dataset: 'groupMemberships', entityId: '00gG1/00uBAD/../x', message: expect.stringContaining('id') as unknown }]);
    expect(result.datasets[1]).toMatchObject({ dataset: 'groupMemberships', state: 'partial', count: 1 });
    // The group stays unverified, so a resumed backfill reads it again.
    expect(await h.store.progress.isVerified(h.snapshotId, 'groupMemberships', '00gG1')).toBe(false);
  });

  it('replaces stale members and removes groups Okta no longer has', async () => {
    const org = craftOrg({ users: [simUser('00uA1'), simUser('00uA2')], groups: [simGroup('00gG1')], groupMembers: { '00gG1': ['00uA1'] } });
    const h = await startHarness({ org });
    await h.store.entities.upsert('groups', h.snapshotId, [makeGroup({ id: '00gGONE' })]);
    await h.store.entities.upsert('groupMemberships', h.snapshotId, [
      { groupId: '00gG1', userId: '00uA2' },
      { groupId: '00gGONE', userId: '00uA1' },
    ]);

    await groupsCollector.collect(h.context());

    expect((await all(h.store.entities.stream('groupMemberships', h.snapshotId))).map((m) => `${m.groupId}/${m.userId}`)).toEqual(['00gG1/00uA1']);
    expect((await all(h.store.entities.stream('groups', h.snapshotId))).map((g) => g.id)).toEqual(['00gG1']);
  });

  it('with resume, skips groups already verified in the snapshot', async () => {
    const org = craftOrg({ users: [simUser('00uA1')], groups: [simGroup('00gG1'), simGroup('00gG2')], groupMembers: { '00gG1': ['00uA1'], '00gG2': ['00uA1'] } });
    const h = await startHarness({ org });
    await h.store.progress.markVerified(h.snapshotId, 'groupMemberships', ['00gG1'], new Date());

    const before = h.requests();
    await groupsCollector.collect(h.context({ options: { resume: true } }));

    // One list request and one member read, for 00gG2 only.
    expect(h.requests() - before).toBe(2);
    expect(await h.store.entities.count('groupMemberships', h.snapshotId, { parentId: '00gG1' })).toBe(0);
    expect(await h.store.entities.count('groupMemberships', h.snapshotId, { parentId: '00gG2' })).toBe(1);
  });

  it('reads a group again with a smaller page when the large page keeps failing with a server error', async () => {
    const h = await startHarness({ org: craftOrg({}) });
    const { client, requests } = scriptedClient((url) => {
      if (url.pathname === '/api/v1/groups') return { body: [{ id: '00gBIG1', type: 'BUILT_IN', profile: { name: 'Everyone' } }] };
      if (url.searchParams.get('limit') === String(MEMBER_PAGE_LIMIT)) return new OktaClientError('OKTA_SERVER_ERROR', 'Okta answered 500');
      return { body: [{ id: '00uA1' }, { id: '00uA2' }] };
    });

    const result = await groupsCollector.collect(h.context({ client }));

    expect(requests.map((u) => `${u.pathname}?limit=${u.searchParams.get('limit') ?? ''}`)).toEqual([
      '/api/v1/groups?limit=200',
      `/api/v1/groups/00gBIG1/users?limit=${MEMBER_PAGE_LIMIT}`,
      `/api/v1/groups/00gBIG1/users?limit=${MEMBER_FALLBACK_LIMIT}`,
    ]);
    expect(result.datasets[1]).toEqual({ dataset: 'groupMemberships', state: 'complete', count: 2 });
  });

  it('lets a server error at the smaller page size propagate: the sync fails with it', async () => {
    const h = await startHarness({ org: craftOrg({}) });
    const { client } = scriptedClient((url) =>
      url.pathname === '/api/v1/groups' ? { body: [{ id: '00gBIG1', type: 'BUILT_IN', profile: { name: 'Everyone' } }] } : new OktaClientError('OKTA_SERVER_ERROR', 'Okta answered 500'),
    );
    await expect(groupsCollector.collect(h.context({ client }))).rejects.toMatchObject({ code: 'OKTA_SERVER_ERROR' });
  });
});
