import type { GeneratedGroups } from './generate-groups.js';
import type { GeneratedUsers } from './generate-users.js';
import type { Rng } from './random.js';
import { DAY, type Timeline } from './time.js';
import type { SimApp, SimAppGroup, SimAppUser, SimGroup } from './types.js';

export interface GeneratedAssignments {
  appUsers: Record<string, SimAppUser[]>;
  appGroups: Record<string, SimAppGroup[]>;
}

/** Direct (USER-scope) assignments per user on average, spread over the apps that have no group assignment. */
const DIRECT_ROWS_PER_USER = 1.5;

/**
 * App assignments the way orgs grow them: a few apps go to Everyone, Contractors, the AD group and each department
 * (so `/apps/{id}/users` lists every member with scope GROUP), the rest are assigned user by user (scope USER). The
 * direct ones ignore user status, which leaves suspended and deactivated users with access: orphaned access is
 * what an access review has to find.
 */
export function generateAssignments(gen: GeneratedUsers, groups: GeneratedGroups, apps: readonly SimApp[], rng: Rng, time: Timeline): GeneratedAssignments {
  const appUsers: Record<string, SimAppUser[]> = {};
  const appGroups: Record<string, SimAppGroup[]> = {};
  for (const app of apps) {
    appUsers[app.id] = [];
    appGroups[app.id] = [];
  }
  const appUser = rowMaker(gen, rng, time);
  // Marks users already listed for the current app: a user in two of its groups gets one row.
  const listedFor = new Int32Array(gen.users.length).fill(-1);

  // Group targets in order of importance; departments twice so each can get a second app in larger orgs.
  const targets: SimGroup[] = [groups.everyone, groups.contractors, groups.directory, ...groups.departments, ...groups.departments];
  const activeApps = rng.sample(apps.filter((a) => a.status === 'ACTIVE'), apps.length);
  const groupApps = activeApps.slice(0, Math.min(Math.floor(apps.length / 2), targets.length));
  const grouped = new Set<SimApp>();

  groupApps.forEach((app, k) => {
    const first = targets[k];
    if (!first) return;
    const assigned = [first];
    // Some department apps are shared with a second department (e.g. GitHub for Engineering and IT).
    if (groups.departments.includes(first) && rng.chance(0.3)) {
      const other = rng.pick(groups.departments);
      if (other !== first) assigned.push(other);
    }
    grouped.add(app);
    const rows = appUsers[app.id] ?? [];
    const assignedAgo = rng.between(DAY, Math.min(700 * DAY, time.now - Date.parse(app.created)));
    const assignedAt = time.iso(assignedAgo);
    assigned.forEach((group, priority) => {
      (appGroups[app.id] ??= []).push({ id: group.id, priority, lastUpdated: assignedAt, profile: {} });
      for (const i of groups.memberIndexes.get(group.id) ?? []) {
        if (listedFor[i] === k) continue;
        listedFor[i] = k;
        rows.push(appUser(app, i, 'GROUP', assignedAgo, assignedAt));
      }
    });
  });

  const directApps = apps.filter((a) => !grouped.has(a));
  const n = gen.users.length;
  if (directApps.length === 0 || n === 0) return { appUsers, appGroups };
  const average = Math.max(1, Math.min(200, (DIRECT_ROWS_PER_USER * n) / directApps.length));
  let orphaned = false;
  for (const app of directApps) {
    const k = Math.min(n, rng.int(1, Math.round(2 * average)));
    const rows = appUsers[app.id] ?? [];
    const appAgo = time.now - Date.parse(app.created);
    for (const i of distinctIndexes(n, k, rng)) {
      rows.push(appUser(app, i, 'USER', rng.between(0, appAgo)));
      if (gen.users[i]?.status === 'DEPROVISIONED') orphaned = true;
    }
  }
  // Small orgs may miss it by chance; make sure at least one deactivated user still holds a direct assignment.
  const gone = gen.users.findIndex((u) => u.status === 'DEPROVISIONED');
  const first = directApps[0];
  if (!orphaned && gone >= 0 && first) appUsers[first.id]?.push(appUser(first, gone, 'USER', rng.between(0, 30 * DAY)));
  return { appUsers, appGroups };
}

/** `count` distinct indexes below `n`; rejection sampling while sparse, a partial shuffle when dense. */
function distinctIndexes(n: number, count: number, rng: Rng): number[] {
  if (count * 2 > n) return rng.sample(Array.from({ length: n }, (_, i) => i), count);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(rng.below(n));
  return [...picked];
}

/**
 * Makes `/apps/{id}/users` rows. `assignedAt` is the ISO form of `assignedAgo` when the caller has it: a group
 * assignment shares one timestamp string across its thousands of rows instead of formatting each.
 */
function rowMaker(gen: GeneratedUsers, rng: Rng, time: Timeline) {
  return (app: SimApp, i: number, scope: 'USER' | 'GROUP', assignedAgo: number, assignedAt?: string): SimAppUser => {
    const user = gen.users[i];
    if (!user) throw new RangeError(`no user at ${i}`);
    // An assignment cannot predate the user.
    const userAgo = gen.createdAgo[i] ?? assignedAgo;
    const created = userAgo >= assignedAgo && assignedAt !== undefined ? assignedAt : time.iso(Math.min(assignedAgo, userAgo));
    const provisioned = app.features.includes('PUSH_NEW_USERS');
    return {
      id: user.id,
      scope,
      status: provisioned ? 'PROVISIONED' : 'ACTIVE',
      syncState: provisioned ? 'SYNCHRONIZED' : 'DISABLED',
      externalId: provisioned ? rng.base62(20) : null,
      created,
      lastUpdated: created,
      statusChanged: created,
      credentials: { userName: user.profile.login },
      profile: {},
    };
  };
}
