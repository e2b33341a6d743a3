import type { AppAssignmentRecord } from '../store/types.js';
import { APP_USER_PAGE_LIMIT, groupsGranting, readAssignments, readOneAssignment } from './app-assignments.js';
import { changePlan, type ChangeScope } from './change-scope.js';
import type { CollectContext } from './collector.js';
import type { DatasetReport } from './dataset-report.js';
import { forEachConcurrently } from './worker-pool.js';

// What an incremental sync reads or derives of app assignments, and the re-verification of the oldest apps.

/**
 * Incremental: which apps to read again whole, and which single assignments to read or derive. An app is read whole
 * when it is new, its `lastUpdated` moved, a group was assigned to or removed from it, or an assignment event names
 * no user we can find; reading one user's assignment instead costs a request per user, so an app with as many
 * changed users as a whole read costs requests is read whole too. A user who moved in or out of one of an app's
 * groups has their group-derived row derived from the memberships (`deriveGroupAssignment`), which is what Okta
 * does; the event Okta logs for it is explained by the move. An assignment whose last event is a successful removal
 * and whose user is now DEPROVISIONED is removed without a request: Okta removes a deactivated user's assignments,
 * direct and group-derived alike, and logs each removal (for a user who can still sign in, a direct assignment's
 * removal may leave a group-derived one, so it is read). Any other assignment event is a direct assignment: that one
 * row is read.
 */
export async function assignmentWork(ctx: CollectContext, changes: ChangeScope, seen: ReadonlySet<string>, updated: ReadonlySet<string>): Promise<AssignmentWork> {
  const { plan } = await changePlan(ctx, changes);
  await Promise.all([ctx.after('groups'), ctx.after('users')]);
  const whole = new Set([...updated, ...plan.appIds]);
  const moved = new Map<string, Set<string>>();
  for await (const row of ctx.store.entities.stream('appGroupAssignments', ctx.snapshotId)) {
    for (const userId of changes.movedMembers.get(row.groupId) ?? []) addTo(moved, row.appId, userId);
  }
  const userIds = await resolveLogins(ctx, plan.appUserChanges.flatMap((change) => ('login' in change.user ? [change.user.login] : [])));
  const single = new Map<string, Set<string>>();
  const named = new Set<string>();
  // In the log's order, so each pair ends with its last event.
  const lastIsRemoval = new Map<string, boolean>();
  for (const { appId, user, removal } of plan.appUserChanges) {
    const userId = 'id' in user ? user.id : userIds.get(user.login.toLowerCase());
    if (userId === undefined) whole.add(appId);
    else if (moved.get(appId)?.has(userId) === true) named.add(pairKey(appId, userId));
    else {
      addTo(single, appId, userId);
      lastIsRemoval.set(pairKey(appId, userId), removal);
    }
  }
  const removed = await removalsOfDeprovisioned(ctx, single, lastIsRemoval);
  for (const [appId, users] of single) {
    // A whole read costs its user pages plus one for its group assignments; one request per user otherwise.
    const pages = Math.max(1, Math.ceil((await ctx.store.entities.count('appAssignments', ctx.snapshotId, { parentId: appId })) / APP_USER_PAGE_LIMIT));
    if (users.size >= pages + 1) whole.add(appId);
  }
  const keep = (appId: string) => seen.has(appId) && !whole.has(appId);
  return {
    whole: [...whole].filter((appId) => seen.has(appId)),
    single: [...single].filter(([appId, users]) => keep(appId) && users.size > 0),
    derived: [...moved].filter(([appId]) => keep(appId)),
    named,
    removed: removed.filter(({ appId }) => keep(appId)),
  };
}

/**
 * Takes out of `single` the pairs whose last event is a successful removal and whose user is DEPROVISIONED in this
 * snapshot (the users collector has read them again), and returns them.
 */
async function removalsOfDeprovisioned(ctx: CollectContext, single: Map<string, Set<string>>, lastIsRemoval: ReadonlyMap<string, boolean>): Promise<AssignmentPair[]> {
  const status = new Map<string, string | undefined>();
  const removed: AssignmentPair[] = [];
  for (const [appId, users] of single) {
    for (const userId of users) {
      if (lastIsRemoval.get(pairKey(appId, userId)) !== true) continue;
      if (!status.has(userId)) status.set(userId, (await ctx.store.entities.find('users', ctx.snapshotId, { id: userId }))?.status);
      if (status.get(userId) !== 'DEPROVISIONED') continue;
      users.delete(userId);
      removed.push({ appId, userId });
    }
  }
  return removed;
}

const pairKey = (appId: string, userId: string): string => `${appId}/${userId}`;

export interface AssignmentWork {
  /** Apps read again whole (both phases). */
  whole: string[];
  /** Direct assignments read one by one: app id → user ids. */
  single: [string, Set<string>][];
  /** Group-derived assignments derived again for the users who moved: app id → user ids. */
  derived: [string, Set<string>][];
  /** Derived pairs an assignment event also named (`pairKey`). */
  named: ReadonlySet<string>;
  /** Assignments Okta logged as removed from a user now DEPROVISIONED: removed without a request. */
  removed: AssignmentPair[];
}

interface AssignmentPair {
  appId: string;
  userId: string;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

/** User ids for logins (case-insensitive, as Okta logins are), from the snapshot's users; one pass, only when needed. */
async function resolveLogins(ctx: CollectContext, logins: readonly string[]): Promise<Map<string, string>> {
  const wanted = new Set(logins.map((login) => login.toLowerCase()));
  const ids = new Map<string, string>();
  if (wanted.size === 0) return ids;
  for await (const user of ctx.store.entities.stream('users', ctx.snapshotId)) {
    const login = user.login.toLowerCase();
    if (wanted.has(login)) ids.set(login, user.id);
  }
  return ids;
}


/**
 * A moved user's group-derived assignment to an app, derived as Okta derives it: assigned through the app's groups the
 * user is now in, and not at all when they are in none. A direct (USER-scope) assignment does not follow groups: it
 * is read again when an event named it (it may have been removed), else left as it was. Status and dates of a new
 * derived row are not known without reading it: they stay empty until the app is next read whole.
 */
async function deriveGroupAssignment(ctx: CollectContext, report: DatasetReport, appId: string, userId: string, named: boolean): Promise<void> {
  const stored = await ctx.store.entities.find('appAssignments', ctx.snapshotId, { appId, userId });
  if (stored?.scope === 'USER') {
    if (named) await readOneAssignment(ctx, report, appId, userId);
    return;
  }
  const via = await groupsGranting(ctx, appId, userId);
  if (via.length === 0) {
    if (stored !== undefined) await ctx.store.entities.remove('appAssignments', ctx.snapshotId, { appId, userId });
    return;
  }
  const row: AppAssignmentRecord = stored ?? { appId, userId, scope: 'GROUP', status: null, created: null, lastUpdated: null, viaGroupIds: [] };
  await ctx.store.entities.upsert('appAssignments', ctx.snapshotId, [{ ...row, viaGroupIds: via }]);
}

/** Incremental: the assignment work `assignmentWork` decided. Returns how many apps turned out to be deleted. */
export async function readChangedAssignments(ctx: CollectContext, report: DatasetReport, work: AssignmentWork): Promise<number> {
  const { deleted } = await readAssignments(ctx, report, work.whole);
  const singles = work.single.flatMap(([appId, users]) => [...users].map((userId) => ({ appId, userId })));
  await forEachConcurrently(singles, ctx.options.perEntityConcurrency, ({ appId, userId }) => readOneAssignment(ctx, report, appId, userId));
  const derived = work.derived.flatMap(([appId, users]) => [...users].map((userId) => ({ appId, userId })));
  for (const { appId, userId } of derived) await deriveGroupAssignment(ctx, report, appId, userId, work.named.has(pairKey(appId, userId)));
  for (const { appId, userId } of work.removed) await ctx.store.entities.remove('appAssignments', ctx.snapshotId, { appId, userId });
  return deleted;
}


/** Apps whose assignments an incremental sync re-verifies at most, oldest verification first. */
export const APP_REVERIFY_LIMIT = 50;

/**
 * Incremental: reads again whole the apps verified longest ago, while the budget's reserve holds, so rows derived from
 * group moves get their status and dates, and an assignment change Okta did not log is found. Only apps verified
 * whole count as re-verified; the requests are counted apart from the change-driven ones.
 */
export async function reverifyOldestApps(ctx: CollectContext, changes: ChangeScope, report: DatasetReport, justRead: readonly string[]): Promise<void> {
  if (changes.reverify.limit <= 0 || !changes.reverify.canContinue()) return;
  const skip = new Set(justRead);
  const oldest = await ctx.store.progress.oldestVerified(ctx.snapshotId, 'appAssignments', APP_REVERIFY_LIMIT + skip.size);
  const queue = oldest.map((entry) => entry.entityId).filter((appId) => !skip.has(appId)).slice(0, APP_REVERIFY_LIMIT);
  const { readWhole, withdrawn } = await readAssignments(ctx, report, queue, {
    onPage: () => changes.result.reverifyRequests.apps++,
    stopWhen: () => ctx.signal.aborted || !changes.reverify.canContinue(),
    waitSignal: changes.reverify.signal,
  });
  changes.result.reverifiedApps += readWhole;
  changes.result.reverifyWithdrawn += withdrawn;
}
