import { lastPathSegment } from '../okta/schemas/common.js';
import { oktaAppGroupSchema, oktaAppSchema, oktaAppUserSchema, type OktaApp, type OktaAppUser } from '../okta/schemas/app.js';
import type { AppAssignmentRecord, AppGroupAssignmentRecord, AppRecord } from '../store/types.js';
import { changePlan, type ChangeScope } from './change-scope.js';
import { defineCollector, type CollectContext, type CollectResult } from './collector.js';
import { DatasetReport, plural } from './dataset-report.js';
import { isNotFound, listItems, parseRecords, segment, type ListRequest } from './read.js';
import { removeUnseen, replaceCollectionErrorsOf } from './snapshot-writes.js';
import { forEachConcurrently } from './worker-pool.js';

/** Page sizes at each endpoint's maximum (OKTA-API.md §3): every `/api/v1/apps*` call shares one small bucket. */
const APP_PAGE_LIMIT = 200;
const APP_USER_PAGE_LIMIT = 500;
const APP_GROUP_PAGE_LIMIT = 200;

/**
 * Whether `GET /api/v1/apps` drops INACTIVE apps by default is UNCERTAIN (OKTA-API.md §7.1): SPEC has
 * `includeNonDeleted` (default false, "include non-active, but not deleted apps") and the legacy docs show
 * `filter=status eq "INACTIVE"` working. We send the first and also run the second pass (one more request in the
 * apps bucket, INACTIVE apps are few); records are keyed by id, so an app seen twice is stored once.
 */
export const APP_LIST_PASSES: readonly ListRequest[] = [
  { label: 'the app list', path: '/api/v1/apps', query: { limit: APP_PAGE_LIMIT, includeNonDeleted: true } },
  { label: 'the INACTIVE app list', path: '/api/v1/apps', query: { limit: APP_PAGE_LIMIT, filter: 'status eq "INACTIVE"' } },
];

export function toAppRecord(app: OktaApp): AppRecord {
  return {
    id: app.id,
    name: app.name,
    label: app.label ?? app.name,
    status: app.status,
    signOnMode: app.signOnMode,
    created: app.created,
    lastUpdated: app.lastUpdated,
    // `_links.accessPolicy.href` = https://{org}/api/v1/policies/{id} (SPEC ApplicationLinks.accessPolicy).
    accessPolicyId: lastPathSegment(app._links?.accessPolicy?.href),
  };
}

/**
 * Phase 1 of one app's assignments: its group assignments, stored. Needs nothing but the app, so it runs while the
 * groups collector is still reading memberships. An app is assigned to a handful of groups (hundreds at most).
 */
async function readAppGroups(ctx: CollectContext, report: DatasetReport, appId: string, onPage?: () => void): Promise<'read' | 'deleted'> {
  const request = { label: `the groups of app ${appId}`, path: `/api/v1/apps/${segment(appId)}/groups`, query: { limit: APP_GROUP_PAGE_LIMIT }, onPage };
  const rows = parseRecords(listItems(ctx, request, report), {
    schema: oktaAppGroupSchema,
    map: (row): AppGroupAssignmentRecord => ({ appId, groupId: row.id, priority: row.priority }),
    report,
    errorIdPrefix: `${appId}/`,
  });
  const groups: AppGroupAssignmentRecord[] = [];
  const read = await unlessDeleted(ctx, appId, async () => {
    for await (const row of rows) groups.push(row);
  });
  if (read === 'read') await ctx.store.entities.replaceChildren('appGroupAssignments', ctx.snapshotId, appId, groups);
  return read;
}

/**
 * For a GROUP-scope assignment: which of the app's groups the user is in, from the app's stored group assignments and
 * the memberships stored by the groups collector. Built on the first GROUP-scope user of an app.
 */
function viaGroupsLookup(ctx: CollectContext, appId: string): (userId: string) => Promise<string[]> {
  let index: Promise<Map<string, string[]>> | undefined;
  const build = async (): Promise<Map<string, string[]>> => {
    const byUser = new Map<string, string[]>();
    for await (const { groupId } of ctx.store.entities.stream('appGroupAssignments', ctx.snapshotId, { parentId: appId })) {
      for await (const member of ctx.store.entities.stream('groupMemberships', ctx.snapshotId, { parentId: groupId })) {
        const groups = byUser.get(member.userId);
        if (groups === undefined) byUser.set(member.userId, [groupId]);
        else groups.push(groupId);
      }
    }
    return byUser;
  };
  return async (userId) => {
    index ??= build();
    return (await index).get(userId) ?? [];
  };
}

async function* toAssignments(appId: string, rows: AsyncIterable<OktaAppUser>, viaGroups: (userId: string) => Promise<string[]>): AsyncGenerator<AppAssignmentRecord> {
  for await (const row of rows) {
    yield {
      appId,
      userId: row.id,
      scope: row.scope,
      status: row.status,
      created: row.created,
      lastUpdated: row.lastUpdated,
      viaGroupIds: row.scope === 'GROUP' ? await viaGroups(row.id) : [],
    };
  }
}

/**
 * Phase 2 of one app's assignments: who is assigned, read per app (OKTA-API.md §7.2): ⌈users/500⌉ calls per app in
 * the apps bucket, instead of one per user with `filter=user.id` (§13 pitfall 7). `/apps/{id}/users` lists
 * group-derived assignments too, with scope GROUP. Streamed: an app can be assigned to everyone. The app counts as
 * verified once both phases read it whole.
 */
async function readAppUsers(ctx: CollectContext, report: DatasetReport, appId: string, onPage?: () => void): Promise<'read' | 'deleted'> {
  const request = { label: `the users of app ${appId}`, path: `/api/v1/apps/${segment(appId)}/users`, query: { limit: APP_USER_PAGE_LIMIT }, onPage };
  const read = await unlessDeleted(ctx, appId, async () => {
    await ctx.store.entities.replaceChildren('appAssignments', ctx.snapshotId, appId, []);
    const rows = parseRecords(listItems(ctx, request, report), { schema: oktaAppUserSchema, map: (row) => row, report, errorIdPrefix: `${appId}/` });
    await ctx.store.entities.upsert('appAssignments', ctx.snapshotId, toAssignments(appId, rows, viaGroupsLookup(ctx, appId)));
  });
  if (read === 'read' && !report.hasErrorsUnder(`${appId}/`)) await ctx.store.progress.markVerified(ctx.snapshotId, 'appAssignments', [appId], new Date(ctx.clock()));
  return read;
}

/** Runs one read of an app's sub-resource; a 404 means the app was deleted during the sync, so it leaves the snapshot. */
async function unlessDeleted(ctx: CollectContext, appId: string, read: () => Promise<void>): Promise<'read' | 'deleted'> {
  try {
    await read();
    return 'read';
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await ctx.store.entities.remove('apps', ctx.snapshotId, { id: appId });
    return 'deleted';
  }
}

/** Every app (two passes, a few requests), stored; apps Okta no longer lists are removed. */
async function listApps(ctx: CollectContext, appsReport: DatasetReport, assignmentsReport: DatasetReport, onRecord: (app: AppRecord) => void): Promise<Set<string>> {
  const seen = new Set<string>();
  const record = (app: AppRecord): void => {
    seen.add(app.id);
    onRecord(app);
  };
  for (const pass of APP_LIST_PASSES) {
    const apps = parseRecords(listItems(ctx, pass, appsReport), { schema: oktaAppSchema, map: toAppRecord, report: appsReport, onRecord: record });
    await ctx.store.entities.upsert('apps', ctx.snapshotId, apps);
  }
  ctx.progress('apps', { count: seen.size, total: seen.size });
  if (appsReport.readToEnd) await removeUnseen(ctx.store, ctx.snapshotId, 'apps', seen);
  else assignmentsReport.incomplete('the assignments of apps missing from the app list are missing too');
  return seen;
}

/**
 * Incremental: which apps to read again whole, and which single assignments to read or derive. An app is read whole
 * when it is new, its `lastUpdated` moved, a group was assigned to or removed from it, or an assignment event names
 * no user we can find; reading one user's assignment instead costs a request per user, so an app with as many
 * changed users as a whole read costs requests is read whole too. A user who moved in or out of one of an app's groups has their group-derived
 * row derived from the memberships (`deriveGroupAssignment`), which is what Okta does; the event Okta logs for it
 * is explained by the move. Any other assignment event is a direct assignment: that one row is read.
 */
async function assignmentWork(ctx: CollectContext, changes: ChangeScope, seen: ReadonlySet<string>, updated: ReadonlySet<string>): Promise<AssignmentWork> {
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
  for (const { appId, user } of plan.appUserChanges) {
    const userId = 'id' in user ? user.id : userIds.get(user.login.toLowerCase());
    if (userId === undefined) whole.add(appId);
    else if (moved.get(appId)?.has(userId) === true) named.add(pairKey(appId, userId));
    else addTo(single, appId, userId);
  }
  for (const [appId, users] of single) {
    // A whole read costs its user pages plus one for its group assignments; one request per user otherwise.
    const pages = Math.max(1, Math.ceil((await ctx.store.entities.count('appAssignments', ctx.snapshotId, { parentId: appId })) / APP_USER_PAGE_LIMIT));
    if (users.size >= pages + 1) whole.add(appId);
  }
  const keep = (appId: string) => seen.has(appId) && !whole.has(appId);
  return {
    whole: [...whole].filter((appId) => seen.has(appId)),
    single: [...single].filter(([appId]) => keep(appId)),
    derived: [...moved].filter(([appId]) => keep(appId)),
    named,
  };
}

const pairKey = (appId: string, userId: string): string => `${appId}/${userId}`;

interface AssignmentWork {
  /** Apps read again whole (both phases). */
  whole: string[];
  /** Direct assignments read one by one: app id → user ids. */
  single: [string, Set<string>][];
  /** Group-derived assignments derived again for the users who moved: app id → user ids. */
  derived: [string, Set<string>][];
  /** Derived pairs an assignment event also named (`pairKey`). */
  named: ReadonlySet<string>;
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
 * One direct assignment read again (`GET /apps/{id}/users/{userId}`, SPEC getApplicationUser): stored, or removed
 * when Okta answers 404 (the user is no longer assigned). Its group-derived groups are named from the memberships.
 */
async function readOneAssignment(ctx: CollectContext, report: DatasetReport, appId: string, userId: string): Promise<void> {
  let raw: unknown;
  try {
    raw = await ctx.client.get(`/api/v1/apps/${segment(appId)}/users/${segment(userId)}`, { signal: ctx.signal });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await ctx.store.entities.remove('appAssignments', ctx.snapshotId, { appId, userId });
    return;
  }
  const rows = parseRecords(oneItem(raw), { schema: oktaAppUserSchema, map: (row) => row, report, errorIdPrefix: `${appId}/` });
  await ctx.store.entities.upsert('appAssignments', ctx.snapshotId, toAssignments(appId, rows, (id) => groupsGranting(ctx, appId, id)));
}

async function* oneItem(item: unknown): AsyncGenerator {
  yield await Promise.resolve(item);
}

/** The app's groups `userId` is a member of, from the stored app group assignments and memberships. */
async function groupsGranting(ctx: CollectContext, appId: string, userId: string): Promise<string[]> {
  const via: string[] = [];
  for await (const { groupId } of ctx.store.entities.stream('appGroupAssignments', ctx.snapshotId, { parentId: appId })) {
    if ((await ctx.store.entities.find('groupMemberships', ctx.snapshotId, { groupId, userId })) !== undefined) via.push(groupId);
  }
  return via;
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
async function readChangedAssignments(ctx: CollectContext, report: DatasetReport, work: AssignmentWork): Promise<number> {
  const { deleted } = await readAssignments(ctx, report, work.whole);
  const singles = work.single.flatMap(([appId, users]) => [...users].map((userId) => ({ appId, userId })));
  await forEachConcurrently(singles, ctx.options.perEntityConcurrency, ({ appId, userId }) => readOneAssignment(ctx, report, appId, userId));
  const derived = work.derived.flatMap(([appId, users]) => [...users].map((userId) => ({ appId, userId })));
  for (const { appId, userId } of derived) await deriveGroupAssignment(ctx, report, appId, userId, work.named.has(pairKey(appId, userId)));
  return deleted;
}

/**
 * The assignments of `appIds` in two phases, so the apps bucket (the slowest of a Workforce org) is busy from the
 * start of the sync: first every app's group assignments, which need nothing else, then, once the group memberships
 * are stored, every app's users. Returns how many apps turned out to be deleted, and how many were read whole.
 */
async function readAssignments(ctx: CollectContext, report: DatasetReport, appIds: readonly string[], reread: ReadOptions = {}): Promise<{ deleted: number; readWhole: number }> {
  const pending: string[] = [];
  for (const appId of appIds) {
    const done = ctx.options.resume === true && (await ctx.store.progress.isVerified(ctx.snapshotId, 'appAssignments', appId));
    if (!done) pending.push(appId);
  }
  const deleted = new Set<string>();
  let done = appIds.length - pending.length;
  let readWhole = 0;
  const stopWhen = reread.stopWhen;
  await forEachConcurrently(
    pending,
    ctx.options.perEntityConcurrency,
    async (appId) => {
      if ((await readAppGroups(ctx, report, appId, reread.onPage)) === 'deleted') deleted.add(appId);
    },
    { stopWhen },
  );
  const memberships = (await ctx.after('groups')).find((status) => status.dataset === 'groupMemberships');
  if (memberships !== undefined && memberships.state !== 'complete') {
    report.incomplete('group-derived assignments may not name all their groups: the group memberships were not read completely');
  }
  await forEachConcurrently(
    pending,
    ctx.options.perEntityConcurrency,
    async (appId) => {
      if (deleted.has(appId)) return;
      if ((await readAppUsers(ctx, report, appId, reread.onPage)) === 'deleted') deleted.add(appId);
      else readWhole++;
      if (reread.onPage === undefined) ctx.progress('appAssignments', { count: ++done, total: appIds.length });
    },
    { stopWhen },
  );
  return { deleted: deleted.size, readWhole };
}

interface ReadOptions {
  /** Re-verification: called per page read, to count its requests apart. */
  onPage?: () => void;
  /** Re-verification: stop taking apps when this turns true (the budget's reserve). */
  stopWhen?: () => boolean;
}

/** Apps whose assignments an incremental sync re-verifies at most, oldest verification first. */
export const APP_REVERIFY_LIMIT = 50;

/**
 * Incremental: reads again whole the apps verified longest ago, while the budget's reserve holds, so rows derived from
 * group moves get their status and dates, and an assignment change Okta did not log is found. Only apps verified
 * whole count as re-verified; the requests are counted apart from the change-driven ones.
 */
async function reverifyOldestApps(ctx: CollectContext, changes: ChangeScope, report: DatasetReport, justRead: readonly string[]): Promise<void> {
  if (changes.reverify.limit <= 0 || !changes.reverify.canContinue()) return;
  const skip = new Set(justRead);
  const oldest = await ctx.store.progress.oldestVerified(ctx.snapshotId, 'appAssignments', APP_REVERIFY_LIMIT + skip.size);
  const queue = oldest.map((entry) => entry.entityId).filter((appId) => !skip.has(appId)).slice(0, APP_REVERIFY_LIMIT);
  const { readWhole } = await readAssignments(ctx, report, queue, {
    onPage: () => changes.result.reverifyRequests.apps++,
    stopWhen: () => ctx.signal.aborted || !changes.reverify.canContinue(),
  });
  changes.result.reverifiedApps += readWhole;
}

async function collectApps(ctx: CollectContext): Promise<CollectResult> {
  const appsReport = new DatasetReport('apps');
  const assignmentsReport = new DatasetReport('appAssignments');
  const changes = ctx.options.changes;
  const before = new Map<string, number | undefined>();
  if (changes !== undefined) for await (const app of ctx.store.entities.stream('apps', ctx.snapshotId)) before.set(app.id, app.lastUpdated?.getTime());
  const updated = new Set<string>();
  const seen = await listApps(ctx, appsReport, assignmentsReport, (app) => {
    if (changes !== undefined && (!before.has(app.id) || before.get(app.id) !== app.lastUpdated?.getTime())) updated.add(app.id);
  });

  let deleted: number;
  if (changes === undefined) {
    ({ deleted } = await readAssignments(ctx, assignmentsReport, [...seen]));
  } else {
    const work = await assignmentWork(ctx, changes, seen, updated);
    deleted = await readChangedAssignments(ctx, assignmentsReport, work);
    await reverifyOldestApps(ctx, changes, assignmentsReport, work.whole);
  }
  if (deleted > 0) {
    const text = `${plural(deleted, 'app')} deleted in Okta during the sync ${deleted === 1 ? 'was' : 'were'} removed from the snapshot`;
    appsReport.note(text);
    assignmentsReport.note(text);
  }

  const errors = await replaceCollectionErrorsOf(ctx.store, ctx.snapshotId, [appsReport, assignmentsReport]);
  const [appCount, assignmentCount] = await Promise.all([
    ctx.store.entities.count('apps', ctx.snapshotId),
    ctx.store.entities.count('appAssignments', ctx.snapshotId),
  ]);
  return { datasets: [appsReport.toStatus(appCount), assignmentsReport.toStatus(assignmentCount)], errors };
}

/**
 * Apps (ACTIVE and INACTIVE) with their authentication policy, and who is assigned to each, directly or through a
 * group (OKTA-API.md §7). Runs alongside the groups collector and waits for it only to name the groups of
 * group-derived assignments.
 */
export const appsCollector = defineCollector({
  id: 'apps',
  datasets: ['apps', 'appAssignments'],
  dependsOn: [],
  // Group memberships name the groups of group-derived assignments; incremental: the change plan, who moved, and
  // the users, to find whose assignment an event names.
  waitsFor: ['groups', 'users', 'system-log'],
  collect: collectApps,
});
