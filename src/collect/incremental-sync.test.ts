import { describe, expect, it } from 'vitest';
import { silentLogger } from '../config/runtime.js';
import type { SimChange } from '../simulator/org/changes.js';
import type { SimOrg, SimUser } from '../simulator/org/types.js';
import type { EntityKind, Store } from '../store/store.js';
import type { AppAssignmentRecord } from '../store/types.js';
import { ALL_COLLECTORS } from './index.js';
import { runSync, type SyncOptions, type SyncProgressListener } from './sync-run.js';
import { all, startHarness, type Harness } from './testing/collect-kit.js';

const MINUTE = 60_000;
const COMPARED: readonly EntityKind[] = ['users', 'factors', 'groups', 'groupMemberships', 'apps', 'appAssignments', 'appGroupAssignments', 'policies', 'policyRules'];

/** A snapshot's rows per kind, in key order, for comparing two snapshots of the same org. */
async function contents(store: Store, snapshotId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const kind of COMPARED) out[kind] = await all(store.entities.stream(kind, snapshotId));
  return out;
}

function pick<T>(items: readonly T[], test: (item: T) => boolean, skip = 0): T {
  const found = items.filter(test)[skip];
  if (found === undefined) throw new Error('the generated org lacks an entity this test needs');
  return found;
}

/** About 1 % churn on a 300-user org, one change of every kind the sync must notice. */
function churn(org: SimOrg): SimChange[] {
  const hasFactors = (u: SimUser) => u.status === 'ACTIVE' && (org.factorsByUser.get(u.id)?.length ?? 0) > 0;
  const active = (u: SimUser) => u.status === 'ACTIVE';
  const department = pick(org.groups, (g) => g.type === 'OKTA_GROUP' && (org.groupMembers.get(g.id)?.length ?? 0) > 1);
  const members = new Set(org.groupMembers.get(department.id));
  const directApp = pick(org.apps, (a) => (org.appUsers.get(a.id) ?? []).some((r) => r.scope === 'USER'));
  const assigned = new Set((org.appUsers.get(directApp.id) ?? []).map((r) => r.id));
  const unassign = pick(org.appUsers.get(directApp.id) ?? [], (r) => r.scope === 'USER');
  const policy = pick(org.policies, (p) => p.type === 'PASSWORD');
  return [
    { kind: 'user.create', profile: { login: 'new.hire@example.com', firstName: 'New', lastName: 'Hire' } },
    { kind: 'user.deactivate', userId: pick(org.users, hasFactors).id },
    { kind: 'user.suspend', userId: pick(org.users, hasFactors, 1).id },
    { kind: 'user.update-profile', userId: pick(org.users, active, 2).id, profile: { title: 'Principal Engineer' } },
    // A sign-in does not bump lastUpdated: only the System Log shows the new lastLogin.
    { kind: 'user.sign-in', userId: pick(org.users, active, 5).id },
    { kind: 'factor.enroll', userId: pick(org.users, active, 3).id, factor: 'webauthn' },
    { kind: 'factor.reset', userId: pick(org.users, hasFactors, 4).id },
    { kind: 'group.add-member', groupId: department.id, userId: pick(org.users, (u) => active(u) && !members.has(u.id)).id },
    { kind: 'group.remove-member', groupId: department.id, userId: pick([...members], () => true) },
    { kind: 'app.assign-user', appId: directApp.id, userId: pick(org.users, (u) => active(u) && !assigned.has(u.id)).id },
    { kind: 'app.unassign-user', appId: directApp.id, userId: unassign.id },
    { kind: 'policy.edit', policyId: policy.id, settings: { password: { complexity: { minLength: 14 } } } },
  ];
}

function syncWith(h: Harness, clock: () => number, options: Partial<SyncOptions> = {}, progress?: SyncProgressListener) {
  return runSync({ store: h.store, client: h.client, org: h.org, collectors: ALL_COLLECTORS, clock, logger: silentLogger, progress }, { trigger: 'cli', timeoutMs: 120_000, reverifyLimit: 0, ...options });
}

describe('incremental sync against the simulator', () => {
  it('after 1 % churn, stores what a fresh full sync stores, with far fewer requests', async () => {
    let now = Date.UTC(2026, 5, 1, 12);
    const clock = () => now;
    const h = await startHarness({ sim: { users: 300, seed: 42 }, clock });

    const first = await syncWith(h, clock);
    expect(first).toMatchObject({ status: 'succeeded', complete: true });
    expect(first.incremental).toBeUndefined();

    now += 10 * MINUTE;
    h.sim.applyChanges(churn(h.sim.org));
    // Past the System Log's persistence delay, so the changes' events are in the window the sync reads.
    now += 5 * MINUTE;

    const before = h.requests();
    const incremental = await syncWith(h, clock);
    const incrementalRequests = h.requests() - before;
    expect(incremental).toMatchObject({ status: 'succeeded', complete: true, errors: [] });
    expect(incremental.incremental?.reverifiedUsers).toBe(0);

    const beforeFull = h.requests();
    const full = await syncWith(h, clock, { incremental: false });
    const fullRequests = h.requests() - beforeFull;
    expect(full).toMatchObject({ status: 'succeeded', complete: true });
    expect(full.incremental).toBeUndefined();

    const changed = await contents(h.store, incremental.snapshotId ?? '');
    const fresh = await contents(h.store, full.snapshotId ?? '');
    // Group-derived assignments of users who moved are derived, not read: all but their status and dates must match.
    const derived = new Set((changed.appAssignments as AppAssignmentRecord[]).filter((row) => row.status === null).map((row) => `${row.appId}/${row.userId}`));
    expect(derived.size).toBeGreaterThan(0);
    fresh.appAssignments = (fresh.appAssignments as AppAssignmentRecord[]).map((row) =>
      derived.has(`${row.appId}/${row.userId}`) ? { ...row, status: null, created: null, lastUpdated: null } : row,
    );
    expect(changed).toEqual(fresh);
    // The churn did change the snapshot (so the equality above is not two copies of the first sync).
    expect(changed).not.toEqual(await contents(h.store, first.snapshotId ?? ''));
    expect(incremental.counts).toEqual(full.counts);
    expect(incrementalRequests).toBeLessThan(fullRequests / 4);
  });

  it('reads one assignment of a large app instead of the whole app, and derives what a group move gives', async () => {
    let now = Date.UTC(2026, 5, 1, 12);
    const clock = () => now;
    const h = await startHarness({ sim: { users: 1200, seed: 8 }, clock });
    expect(await syncWith(h, clock)).toMatchObject({ status: 'succeeded', complete: true });
    const org = h.sim.org;
    const everyone = pick(org.groups, (g) => g.type === 'BUILT_IN');
    // An app assigned to Everyone: 1,200 rows, three pages of /apps/{id}/users.
    const big = pick(org.apps, (a) => (org.appGroups.get(a.id) ?? []).some((g) => g.id === everyone.id) && (org.appUsers.get(a.id)?.length ?? 0) > 1000);
    const viaGroup = pick(org.appUsers.get(big.id) ?? [], (r) => r.scope === 'GROUP');

    now += 10 * MINUTE;
    h.sim.applyChanges([
      { kind: 'app.assign-user', appId: big.id, userId: viaGroup.id },
      { kind: 'user.create', profile: { login: 'new.hire@example.com', firstName: 'New', lastName: 'Hire' } },
    ]);
    now += 5 * MINUTE;
    const before = h.sim.stats().requestsByBucket['/api/v1/apps*'] ?? 0;
    const incremental = await syncWith(h, clock);
    expect(incremental).toMatchObject({ status: 'succeeded', complete: true });
    // The app list (two passes) and the one assignment; not the app's three pages, nor the pages of every app the
    // new hire joined through Everyone.
    expect((h.sim.stats().requestsByBucket['/api/v1/apps*'] ?? 0) - before).toBe(3);

    const direct = await h.store.entities.find('appAssignments', incremental.snapshotId ?? '', { appId: big.id, userId: viaGroup.id });
    expect(direct).toMatchObject({ scope: 'USER', viaGroupIds: [], status: 'ACTIVE' });
    const hire = pick(org.users, (u) => u.profile.login === 'new.hire@example.com');
    const derived = await h.store.entities.find('appAssignments', incremental.snapshotId ?? '', { appId: big.id, userId: hire.id });
    expect(derived).toMatchObject({ scope: 'GROUP', viaGroupIds: [everyone.id], status: null });

    // The next sync's leftover budget re-verifies the apps verified longest ago: the derived row gets what Okta says.
    now += 30 * MINUTE;
    const next = await syncWith(h, clock, { reverifyLimit: 100, reverifyShare: 0.8 });
    expect(next.incremental?.reverifiedApps).toBe(org.apps.length);
    expect(next.incremental?.reverifyRequests.apps).toBeGreaterThan(2 * org.apps.length);
    const read = await h.store.entities.find('appAssignments', next.snapshotId ?? '', { appId: big.id, userId: hire.id });
    expect(read).toMatchObject({ scope: 'GROUP', viaGroupIds: [everyone.id], status: 'ACTIVE', created: expect.any(Date) as unknown });
  });

  it('derives what leaving a group takes away, and leaves a direct assignment alone when its user joins a group', async () => {
    let now = Date.UTC(2026, 5, 1, 12);
    const clock = () => now;
    const h = await startHarness({ sim: { users: 300, seed: 42 }, clock });
    expect(await syncWith(h, clock)).toMatchObject({ status: 'succeeded', complete: true });
    const org = h.sim.org;
    const groupsOf = (appId: string) => (org.appGroups.get(appId) ?? []).map((g) => g.id);
    // An app granted by exactly one OKTA_GROUP, and a member who holds the app only through it.
    const app = pick(org.apps, (a) => groupsOf(a.id).length === 1 && org.groupsById.get(groupsOf(a.id)[0] ?? '')?.type === 'OKTA_GROUP');
    const groupId = groupsOf(app.id)[0] ?? '';
    const leaver = pick(org.appUsers.get(app.id) ?? [], (r) => r.scope === 'GROUP').id;
    // A user assigned to that app directly who is not in the group.
    const members = new Set(org.groupMembers.get(groupId));
    const direct = org.users.find((u) => u.status === 'ACTIVE' && !members.has(u.id) && !(org.appUsers.get(app.id) ?? []).some((r) => r.id === u.id));
    if (direct === undefined) throw new Error('the generated org lacks a user outside the group');

    now += 10 * MINUTE;
    h.sim.applyChanges([
      { kind: 'app.assign-user', appId: app.id, userId: direct.id },
      { kind: 'group.remove-member', groupId, userId: leaver },
    ]);
    now += 5 * MINUTE;
    // Derived: the leaver's row goes. (A later sync's change window overlaps this one's, so only this sync shows it.)
    const first = await syncWith(h, clock);
    expect(first).toMatchObject({ status: 'succeeded', complete: true });
    expect(await h.store.entities.find('appAssignments', first.snapshotId ?? '', { appId: app.id, userId: leaver })).toBeUndefined();
    now += 10 * MINUTE;
    h.sim.applyChanges([{ kind: 'group.add-member', groupId, userId: direct.id }]);
    now += 5 * MINUTE;
    const incremental = await syncWith(h, clock);
    expect(incremental).toMatchObject({ status: 'succeeded', complete: true });

    const stored = await h.store.entities.find('appAssignments', incremental.snapshotId ?? '', { appId: app.id, userId: direct.id });
    expect(stored).toMatchObject({ scope: 'USER', viaGroupIds: [] });
    expect(org.appUsers.get(app.id)?.find((r) => r.id === direct.id)?.scope).toBe('USER');
  });

  it('takes a deactivated user’s logged assignment removals without reading them, and reads an assignment made after', async () => {
    let now = Date.UTC(2026, 5, 1, 12);
    const clock = () => now;
    const h = await startHarness({ sim: { users: 300, seed: 42 }, clock });
    expect(await syncWith(h, clock)).toMatchObject({ status: 'succeeded', complete: true });
    const org = h.sim.org;
    const appsOf = (userId: string) => org.apps.filter((a) => (org.appUsers.get(a.id) ?? []).some((r) => r.id === userId)).map((a) => a.id);
    const leaver = pick(org.users, (u) => u.status === 'ACTIVE' && appsOf(u.id).length >= 3);
    const reassigned = pick(org.users, (u) => u.status === 'ACTIVE' && u.id !== leaver.id && appsOf(u.id).length >= 2);
    const [reassignedApp = ''] = appsOf(reassigned.id);
    const leaverApps = appsOf(leaver.id);

    now += 10 * MINUTE;
    h.sim.applyChanges([
      { kind: 'user.deactivate', userId: leaver.id },
      { kind: 'user.deactivate', userId: reassigned.id },
    ]);
    // Logged a minute after the removal: the last event of that pair is an assignment, so it is read.
    now += MINUTE;
    h.sim.applyChanges([{ kind: 'app.assign-user', appId: reassignedApp, userId: reassigned.id }]);
    now += 5 * MINUTE;
    const before = h.sim.stats().requestsByBucket['/api/v1/apps*'] ?? 0;
    const incremental = await syncWith(h, clock);
    expect(incremental).toMatchObject({ status: 'succeeded', complete: true });
    // The app list's two passes and the one assignment made after a removal; no read per removed assignment.
    expect((h.sim.stats().requestsByBucket['/api/v1/apps*'] ?? 0) - before).toBe(3);
    expect(leaverApps.length + appsOf(reassigned.id).length).toBeGreaterThan(3);

    const assignmentsOf = async (userId: string) => (await all(h.store.entities.stream('appAssignments', incremental.snapshotId ?? ''))).filter((row) => row.userId === userId);
    expect(await assignmentsOf(leaver.id)).toEqual([]);
    expect(await assignmentsOf(reassigned.id)).toMatchObject([{ appId: reassignedApp, scope: 'USER' }]);
    const full = await syncWith(h, clock, { incremental: false });
    expect((await contents(h.store, incremental.snapshotId ?? '')).appAssignments).toEqual((await contents(h.store, full.snapshotId ?? '')).appAssignments);
  });

  it('re-verifies the users verified longest ago and reports the oldest verification', async () => {
    let now = Date.UTC(2026, 5, 1, 12);
    const clock = () => now;
    const h = await startHarness({ sim: { users: 60, seed: 3 }, clock });
    const first = await syncWith(h, clock);
    expect(first.status).toBe('succeeded');

    now += 30 * MINUTE;
    const second = await syncWith(h, clock, { reverifyLimit: 10, reverifyShare: 0.8 });
    expect(second.incremental).toMatchObject({ reverifiedUsers: 10, oldestVerifiedAt: new Date(Date.UTC(2026, 5, 1, 12)) });
    now += 30 * MINUTE;
    const third = await syncWith(h, clock, { reverifyLimit: 1000, reverifyShare: 0.8 });
    // Everyone verified in the first sync is read again: the oldest verification is now this sync's.
    expect(third.incremental?.oldestVerifiedAt?.getTime()).toBeGreaterThan(Date.UTC(2026, 5, 1, 12));
  });

  it('reads again the factors of everyone an edited MFA enrollment policy targets', async () => {
    let now = Date.UTC(2026, 5, 1, 12);
    const clock = () => now;
    const h = await startHarness({ sim: { users: 80, seed: 9 }, clock });
    expect((await syncWith(h, clock)).status).toBe('succeeded');
    const org = h.sim.org;
    const policy = pick(org.policies, (p) => p.type === 'MFA_ENROLL' && p.status === 'ACTIVE');
    const groups = ((policy.conditions?.people as { groups?: { include?: string[] } } | undefined)?.groups?.include ?? []);
    const reached = new Set(groups.flatMap((g) => org.groupMembers.get(g) ?? []));
    expect(reached.size).toBeGreaterThan(0);

    now += 10 * MINUTE;
    h.sim.applyChanges([{ kind: 'policy.edit', policyId: policy.id, settings: { note: 'edited' } }]);
    now += 5 * MINUTE;
    let factorsTotal: number | undefined;
    const outcome = await syncWith(h, clock, {}, { update: (dataset, update) => (factorsTotal = dataset === 'factors' ? update.total : factorsTotal) });
    expect(outcome).toMatchObject({ status: 'succeeded', complete: true });
    // Every member of the policy's groups, and no one else (the factors of those who cannot sign in are emptied).
    expect(factorsTotal).toBe(reached.size);
  });

  it('reads everything again when the last sync is older than the System Log retention', async () => {
    let now = Date.UTC(2026, 5, 1, 12);
    const clock = () => now;
    const h = await startHarness({ sim: { users: 20, seed: 5 }, clock });
    expect((await syncWith(h, clock)).status).toBe('succeeded');
    now += 91 * 24 * 60 * MINUTE;
    const late = await syncWith(h, clock);
    // The events between the two syncs are past Okta's retention: the System Log is incomplete, so the sync is partial.
    expect(late.datasets.filter((d) => d.state !== 'complete')).toEqual([expect.objectContaining({ dataset: 'logEvents', state: 'partial', reason: expect.stringContaining("past Okta's 90-day retention") as unknown })]);
    expect(late).toMatchObject({ status: 'partial', complete: false });
    expect(late.incremental).toBeUndefined();
  });
});
