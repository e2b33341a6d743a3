import { describe, expect, it } from 'vitest';
import type { EntityKind } from '../store/store.js';
import { readsGroupSide } from './app-group-plan.js';
import { appsCollector, appsCollectorWith } from './apps.js';
import { groupsCollector } from './groups.js';
import { all, craftOrg, simUser, startHarness, type Harness } from './testing/collect-kit.js';

const NOW = Date.UTC(2026, 5, 1, 12);
const APPS_BUCKET = '/api/v1/apps*';
const GROUPS_BUCKET = '/api/v1/groups*';
const COMPARED: readonly EntityKind[] = ['apps', 'appAssignments', 'appGroupAssignments', 'groups', 'groupMemberships'];

describe('readsGroupSide', () => {
  it.each([
    [14, 40, true], // the simulator's 1,000-user org: 14 group reads instead of 40 app reads
    [199, 40, true],
    [200, 40, false], // 200 requests at 250 a window take as long as 40 at 50
    [5000, 300, false], // many groups, few apps: per app
    [3, 0, false],
  ])('%i groups, %i ACTIVE apps → %s', (groups, apps, expected) => {
    expect(readsGroupSide(groups, apps)).toBe(expected);
  });
});

async function syncAppsOf(h: Harness, groupSide: boolean): Promise<Record<string, unknown[]>> {
  await groupsCollector.collect(h.context());
  await appsCollectorWith({ groupSide }).collect(h.context());
  const out: Record<string, unknown[]> = {};
  for (const kind of COMPARED) out[kind] = await all(h.store.entities.stream(kind, h.snapshotId));
  return out;
}

describe('app group assignments read from the groups’ side', () => {
  it('store the same snapshot as reading every app’s groups, with far fewer requests in the apps bucket', async () => {
    const clock = () => NOW;
    const perApp = await startHarness({ sim: { users: 600, seed: 11 }, clock });
    const groupSide = await startHarness({ sim: { users: 600, seed: 11 }, clock });
    const before = await syncAppsOf(perApp, false);
    const after = await syncAppsOf(groupSide, true);

    expect(after).toEqual(before);
    // The proof is not vacuous: apps with and without groups, priorities, group-derived rows.
    const appGroups = before.appGroupAssignments as { appId: string; priority: number | null }[];
    expect(new Set(appGroups.map((g) => g.appId)).size).toBeLessThan(before.apps!.length);
    expect(appGroups.some((g) => g.priority === 1)).toBe(true);
    expect((before.appAssignments as { scope: string }[]).some((a) => a.scope === 'GROUP')).toBe(true);

    const perAppTraffic = perApp.sim.stats().requestsByBucket;
    const groupSideTraffic = groupSide.sim.stats().requestsByBucket;
    const withGroups = new Set(appGroups.map((g) => g.appId));
    const activeWithout = (before.apps as { id: string; status: string }[]).filter((a) => a.status === 'ACTIVE' && !withGroups.has(a.id));
    const groups = before.groups!.length;
    expect(activeWithout.length).toBeGreaterThan(5);
    // INACTIVE apps are still read per app (whether a group's apps include them is UNCERTAIN).
    expect(groupSideTraffic[APPS_BUCKET]).toBe(perAppTraffic[APPS_BUCKET]! - activeWithout.length);
    // The group list once more and every group's apps (one page each here).
    expect(groupSideTraffic[GROUPS_BUCKET]).toBe(perAppTraffic[GROUPS_BUCKET]! + 1 + groups);
  });

  it('reads per app when the org has too many groups for the groups’ side to pay', async () => {
    const groups = Array.from({ length: 6 }, (_, i) => ({
      id: `00gMANY${i}`,
      created: '2024-01-01T00:00:00.000Z',
      lastUpdated: '2024-01-01T00:00:00.000Z',
      lastMembershipUpdated: '2024-01-01T00:00:00.000Z',
      objectClass: ['okta:user_group'],
      type: 'OKTA_GROUP' as const,
      profile: { name: `Team ${i}`, description: null },
    }));
    const app = { id: '0oaONLY1', name: 'oidc_client', label: 'Only', status: 'ACTIVE' as const, signOnMode: 'OPENID_CONNECT', created: '2024-01-01T00:00:00.000Z', lastUpdated: '2024-01-01T00:00:00.000Z', accessPolicyId: null, features: [], settings: {} };
    const h = await startHarness({ org: craftOrg({ users: [simUser('00uONE1')], groups, groupMembers: {}, apps: [app], appUsers: {}, appGroups: {} }) });
    await groupsCollector.collect(h.context());
    const groupsBefore = h.sim.stats().requestsByBucket[GROUPS_BUCKET]!;
    await appsCollector.collect(h.context());
    // 6 groups ≥ 5 × 1 app: the list read stops at the fifth group and no group's apps are read.
    expect(h.sim.stats().requestsByBucket[GROUPS_BUCKET]).toBe(groupsBefore + 1);
    // Both app list passes, the app's groups, the app's users.
    expect(h.sim.stats().requestsByBucket[APPS_BUCKET]).toBe(4);
  });
});
