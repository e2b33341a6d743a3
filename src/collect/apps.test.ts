import { describe, expect, it } from 'vitest';
import type { SimApp, SimAppUser, SimGroup } from '../simulator/org/types.js';
import { appsCollector } from './apps.js';
import { groupsCollector } from './groups.js';
import { all, craftOrg, simUser, startHarness } from './testing/collect-kit.js';

const AT = '2024-05-01T12:00:00.000Z';

function simApp(id: string, overrides: Partial<SimApp> = {}): SimApp {
  return { id, name: 'oidc_client', label: `App ${id}`, status: 'ACTIVE', signOnMode: 'OPENID_CONNECT', created: AT, lastUpdated: AT, accessPolicyId: null, features: [], settings: {}, ...overrides };
}

function appUser(id: string, scope: 'USER' | 'GROUP'): SimAppUser {
  return { id, scope, status: 'ACTIVE', syncState: 'DISABLED', externalId: null, created: AT, lastUpdated: AT, statusChanged: AT, credentials: { userName: `${id}@example.com` }, profile: {} };
}

function simGroup(id: string): SimGroup {
  return { id, created: AT, lastUpdated: AT, lastMembershipUpdated: AT, objectClass: ['okta:user_group'], type: 'OKTA_GROUP', profile: { name: `Group ${id}`, description: null } };
}

function craftedAppsOrg() {
  return craftOrg({
    users: ['00uA1', '00uA2', '00uA3'].map((id) => simUser(id)),
    groups: [simGroup('00gG1'), simGroup('00gG2'), simGroup('00gG3')],
    groupMembers: { '00gG1': ['00uA2'], '00gG2': ['00uA2', '00uA3'], '00gG3': ['00uA3'] },
    apps: [simApp('0oaX1', { accessPolicyId: 'rstPOLICY1', signOnMode: 'SAML_2_0' }), simApp('0oaY1', { status: 'INACTIVE' })],
    appUsers: { '0oaX1': [appUser('00uA1', 'USER'), appUser('00uA2', 'GROUP'), appUser('00uA3', 'GROUP')] },
    appGroups: {
      '0oaX1': [
        { id: '00gG1', priority: 0, lastUpdated: AT, profile: {} },
        { id: '00gG2', priority: 1, lastUpdated: AT, profile: {} },
      ],
    },
  });
}

describe('apps collector', () => {
  it('stores ACTIVE and INACTIVE apps, direct and group assignments with the groups they come through', async () => {
    const h = await startHarness({ org: craftedAppsOrg() });
    await groupsCollector.collect(h.context());

    const result = await appsCollector.collect(h.context());

    expect(result.datasets).toEqual([
      { dataset: 'apps', state: 'complete', count: 2 },
      { dataset: 'appAssignments', state: 'complete', count: 3 },
    ]);
    expect(await all(h.store.entities.stream('apps', h.snapshotId))).toEqual([
      { id: '0oaX1', name: 'oidc_client', label: 'App 0oaX1', status: 'ACTIVE', signOnMode: 'SAML_2_0', created: new Date(AT), lastUpdated: new Date(AT), accessPolicyId: 'rstPOLICY1' },
      { id: '0oaY1', name: 'oidc_client', label: 'App 0oaY1', status: 'INACTIVE', signOnMode: 'OPENID_CONNECT', created: new Date(AT), lastUpdated: new Date(AT), accessPolicyId: null },
    ]);
    const assignments = await all(h.store.entities.stream('appAssignments', h.snapshotId));
    expect(assignments.map((a) => [a.userId, a.scope, a.viaGroupIds])).toEqual([
      ['00uA1', 'USER', []],
      ['00uA2', 'GROUP', ['00gG1', '00gG2']],
      // 00uA3 is in 00gG3 too, but only the app's own groups count.
      ['00uA3', 'GROUP', ['00gG2']],
    ]);
    expect(await all(h.store.entities.stream('appGroupAssignments', h.snapshotId))).toEqual([
      { appId: '0oaX1', groupId: '00gG1', priority: 0 },
      { appId: '0oaX1', groupId: '00gG2', priority: 1 },
    ]);
  });

  it('leaves viaGroupIds empty when the memberships were not collected', async () => {
    const h = await startHarness({ org: craftedAppsOrg() });

    await appsCollector.collect(h.context());

    const assignments = await all(h.store.entities.stream('appAssignments', h.snapshotId));
    expect(assignments.map((a) => a.viaGroupIds)).toEqual([[], [], []]);
  });

  it('matches a generated org: every app, every user and group assignment', async () => {
    const h = await startHarness({ sim: { users: 1_200, seed: 9 } });
    await groupsCollector.collect(h.context());

    const result = await appsCollector.collect(h.context());

    const userAssignments = [...h.sim.org.appUsers].flatMap(([appId, rows]) => rows.map((r) => `${appId}/${r.id}/${r.scope}`)).sort();
    const groupAssignments = [...h.sim.org.appGroups].flatMap(([appId, rows]) => rows.map((r) => `${appId}/${r.id}`)).sort();
    expect(result.datasets).toEqual([
      { dataset: 'apps', state: 'complete', count: h.sim.org.apps.length },
      { dataset: 'appAssignments', state: 'complete', count: userAssignments.length },
    ]);
    const stored = await all(h.store.entities.stream('appAssignments', h.snapshotId));
    expect(stored.map((a) => `${a.appId}/${a.userId}/${a.scope}`).sort()).toEqual(userAssignments);
    expect((await all(h.store.entities.stream('appGroupAssignments', h.snapshotId))).map((a) => `${a.appId}/${a.groupId}`).sort()).toEqual(groupAssignments);
    const viaGroup = stored.filter((a) => a.scope === 'GROUP');
    expect(viaGroup.length).toBeGreaterThan(0);
    // Each GROUP assignment names exactly the app's groups its user is in, in the app's group order.
    const groupsOfApp = (appId: string) => (h.sim.org.appGroups.get(appId) ?? []).map((group) => group.id).sort();
    for (const a of viaGroup) {
      const expected = groupsOfApp(a.appId).filter((groupId) => h.sim.org.groupMembers.get(groupId)?.includes(a.userId) === true);
      expect(a.viaGroupIds, `${a.appId}/${a.userId}`).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    }
    // Some app holds more GROUP assignments than one membership read covers (500): the chunks meet without a gap.
    const perApp = new Map<string, number>();
    for (const a of viaGroup) perApp.set(a.appId, (perApp.get(a.appId) ?? 0) + 1);
    expect(Math.max(...perApp.values())).toBeGreaterThan(500);
    const withPolicy = h.sim.org.apps.filter((a) => a.accessPolicyId !== null);
    for (const app of withPolicy) expect((await h.store.entities.find('apps', h.snapshotId, { id: app.id }))?.accessPolicyId).toBe(app.accessPolicyId);
  });

  it('drops an app deleted in Okta between the list and its assignments (404)', async () => {
    const org = craftedAppsOrg();
    const h = await startHarness({ org });

    const result = await appsCollector.collect(
      h.context({
        options: { perEntityConcurrency: 1 },
        progress: (dataset) => {
          if (dataset === 'apps') org.appsById.delete('0oaX1');
        },
      }),
    );

    expect(result.datasets[0]).toMatchObject({ dataset: 'apps', state: 'complete', count: 1, reason: '1 app deleted in Okta during the sync was removed from the snapshot' });
    expect(await h.store.entities.count('appAssignments', h.snapshotId)).toBe(0);
    expect(await h.store.entities.count('appGroupAssignments', h.snapshotId)).toBe(0);
  });

  it('with resume, reads the assignments of apps not yet verified in the snapshot only', async () => {
    const h = await startHarness({ org: craftedAppsOrg() });
    await h.store.progress.markVerified(h.snapshotId, 'appAssignments', ['0oaX1'], new Date());

    const before = h.requests();
    await appsCollector.collect(h.context({ options: { resume: true } }));

    // Two list passes, then the groups and users of 0oaY1 only.
    expect(h.requests() - before).toBe(4);
    expect(await h.store.progress.isVerified(h.snapshotId, 'appAssignments', '0oaY1')).toBe(true);
  });
});
