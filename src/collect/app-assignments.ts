import { oktaAppGroupSchema, oktaAppUserSchema, type OktaAppUser } from '../okta/schemas/app.js';
import type { AppAssignmentRecord, AppGroupAssignmentRecord } from '../store/types.js';
import type { CollectContext } from './collector.js';
import type { DatasetReport } from './dataset-report.js';
import { readGroupSide } from './app-group-plan.js';
import { isAbort, isNotFound, listItems, parseRecords, segment } from './read.js';
import { windowGate, type WindowTicket } from './window-gate.js';
import { forEachConcurrently } from './worker-pool.js';
import { inBatches } from '../store/repositories/paging.js';

/**
 * Reading who is assigned to apps, for full and incremental syncs (`apps.ts` lists the apps). Page sizes at each
 * endpoint's maximum (OKTA-API.md §3): every `/api/v1/apps*` call shares one small bucket.
 */
export const APP_USER_PAGE_LIMIT = 500;
const APP_GROUP_PAGE_LIMIT = 200;

/**
 * Phase 1 of one app's assignments: its group assignments, stored; resolves with how many. Needs nothing but the
 * app, so it runs while the groups collector is still reading memberships. An app is assigned to a handful of groups
 * (hundreds at most).
 */
async function readAppGroups(ctx: CollectContext, report: DatasetReport, appId: string, reread: ReadOptions): Promise<number | 'deleted' | 'withdrawn'> {
  const { onPage, waitSignal } = reread;
  const request = { label: `the groups of app ${appId}`, path: `/api/v1/apps/${segment(appId)}/groups`, query: { limit: APP_GROUP_PAGE_LIMIT }, onPage, waitSignal };
  const rows = parseRecords(listItems(ctx, request, report), {
    schema: oktaAppGroupSchema,
    map: (row): AppGroupAssignmentRecord => ({ appId, groupId: row.id, priority: row.priority }),
    report,
    errorIdPrefix: `${appId}/`,
  });
  const groups: AppGroupAssignmentRecord[] = [];
  let read: 'read' | 'deleted';
  try {
    read = await unlessDeleted(ctx, appId, async () => {
      for await (const row of rows) groups.push(row);
    });
  } catch (error) {
    // Withdrawn unsent before anything was stored: the app keeps its rows and its old verification time.
    if (waitSignal !== undefined && !ctx.signal.aborted && isAbort(error, waitSignal)) return 'withdrawn';
    throw error;
  }
  if (read === 'deleted') return read;
  await ctx.store.entities.replaceChildren('appGroupAssignments', ctx.snapshotId, appId, groups);
  return groups.length;
}

/** App users whose GROUP-scope assignments are named together: one membership read per chunk, never a whole group in memory. */
const VIA_GROUPS_CHUNK = 500;

/**
 * For GROUP-scope assignments: which of the app's groups each user is in, from the app's stored group assignments and
 * the memberships stored by the groups collector, read for the users at hand only. (Indexing every member of the
 * app's groups held 50,000 users per app assigned to Everyone, and the largest apps are read side by side.)
 */
function viaGroupsLookup(ctx: CollectContext, appId: string): (userIds: readonly string[]) => Promise<Map<string, string[]>> {
  let appGroups: Promise<string[]> | undefined;
  const groupsOfApp = async (): Promise<string[]> => {
    const ids: string[] = [];
    for await (const { groupId } of ctx.store.entities.stream('appGroupAssignments', ctx.snapshotId, { parentId: appId })) ids.push(groupId);
    return ids;
  };
  return async (userIds) => {
    const byUser = new Map<string, string[]>();
    if (userIds.length === 0) return byUser;
    appGroups ??= groupsOfApp();
    for (const { groupId, userId } of await ctx.store.entities.memberships(ctx.snapshotId, await appGroups, userIds)) {
      const groups = byUser.get(userId);
      if (groups === undefined) byUser.set(userId, [groupId]);
      else groups.push(groupId);
    }
    // In the app's group order, as before: the stored rows do not depend on which membership the database read first.
    const order = await appGroups;
    for (const groups of byUser.values()) groups.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return byUser;
  };
}

async function* toAssignments(appId: string, rows: AsyncIterable<OktaAppUser>, viaGroups: (userIds: readonly string[]) => Promise<Map<string, string[]>>): AsyncGenerator<AppAssignmentRecord> {
  for await (const chunk of inBatches(rows, VIA_GROUPS_CHUNK)) {
    const via = await viaGroups(chunk.filter((row) => row.scope === 'GROUP').map((row) => row.id));
    for (const row of chunk) {
      yield { appId, userId: row.id, scope: row.scope, status: row.status, created: row.created, lastUpdated: row.lastUpdated, viaGroupIds: row.scope === 'GROUP' ? (via.get(row.id) ?? []) : [] };
    }
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

/**
 * Requests reading an app's users takes, from the rows stored for it (the app may have grown since: a read that
 * needs more pages is still read to the end). A list of exactly 500 ends with an empty page.
 */
async function pagesOfUsers(ctx: CollectContext, appId: string): Promise<number> {
  return Math.floor((await ctx.store.entities.count('appAssignments', ctx.snapshotId, { parentId: appId })) / APP_USER_PAGE_LIMIT) + 1;
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


/**
 * One direct assignment read again (`GET /apps/{id}/users/{userId}`, SPEC getApplicationUser): stored, or removed
 * when Okta answers 404 (the user is no longer assigned). Its group-derived groups are named from the memberships.
 */
export async function readOneAssignment(ctx: CollectContext, report: DatasetReport, appId: string, userId: string): Promise<void> {
  let raw: unknown;
  try {
    raw = await ctx.client.get(`/api/v1/apps/${segment(appId)}/users/${segment(userId)}`, { signal: ctx.signal });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await ctx.store.entities.remove('appAssignments', ctx.snapshotId, { appId, userId });
    return;
  }
  const rows = parseRecords(oneItem(raw), { schema: oktaAppUserSchema, map: (row) => row, report, errorIdPrefix: `${appId}/` });
  await ctx.store.entities.upsert('appAssignments', ctx.snapshotId, toAssignments(appId, rows, viaGroupsLookup(ctx, appId)));
}

async function* oneItem(item: unknown): AsyncGenerator {
  yield await Promise.resolve(item);
}

/** The app's groups `userId` is a member of, from the stored app group assignments and memberships. */
export async function groupsGranting(ctx: CollectContext, appId: string, userId: string): Promise<string[]> {
  return (await viaGroupsLookup(ctx, appId)([userId])).get(userId) ?? [];
}


/**
 * The ACTIVE apps among `appIds` the groups' side proves have no group assignment (app-group-plan.ts), stored with
 * none; empty when reading that side does not pay.
 */
async function groupSideOf(ctx: CollectContext, appIds: readonly string[]): Promise<Set<string>> {
  const wanted = new Set(appIds);
  const active: string[] = [];
  for await (const app of ctx.store.entities.stream('apps', ctx.snapshotId)) if (app.status === 'ACTIVE' && wanted.has(app.id)) active.push(app.id);
  const found = await readGroupSide(ctx, active);
  if (found === undefined) return new Set();
  for (const appId of found.appsWithoutGroups) await ctx.store.entities.replaceChildren('appGroupAssignments', ctx.snapshotId, appId, []);
  return found.appsWithoutGroups;
}

/** Apps ordered by how many users their groups hold, most first (their user lists are the longest page chains). */
async function largestFirst(ctx: CollectContext, appIds: readonly string[]): Promise<string[]> {
  const members = new Map<string, number>();
  const size = new Map<string, number>();
  for (const appId of appIds) {
    let total = 0;
    for await (const { groupId } of ctx.store.entities.stream('appGroupAssignments', ctx.snapshotId, { parentId: appId })) {
      let count = members.get(groupId);
      if (count === undefined) {
        count = await ctx.store.entities.count('groupMemberships', ctx.snapshotId, { parentId: groupId });
        members.set(groupId, count);
      }
      total += count;
    }
    size.set(appId, total);
  }
  return [...appIds].sort((a, b) => (size.get(b) ?? 0) - (size.get(a) ?? 0));
}

/**
 * The assignments of `appIds` in phases, so the apps bucket (the slowest of a Workforce org) is busy from the start
 * of the sync and never waits without need: first every app's group assignments (or, with `groupSide`, only those of
 * the apps the groups' side does not clear), which need nothing else; then the users of the apps without group
 * assignments, which have no group-derived rows to name, and alongside, once the group memberships are stored, the
 * users of the others. Returns how many apps turned out to be deleted, and how many were read whole.
 */
export async function readAssignments(ctx: CollectContext, report: DatasetReport, appIds: readonly string[], reread: ReadOptions = {}): Promise<{ deleted: number; readWhole: number; withdrawn: number }> {
  const pending: string[] = [];
  for (const appId of appIds) {
    const done = ctx.options.resume === true && (await ctx.store.progress.isVerified(ctx.snapshotId, 'appAssignments', appId));
    if (!done) pending.push(appId);
  }
  const deleted = new Set<string>();
  const withdrawn = new Set<string>();
  const withoutGroups = reread.groupSide === true ? await groupSideOf(ctx, pending) : new Set<string>();
  let done = appIds.length - pending.length;
  let readWhole = 0;
  const stopWhen = reread.stopWhen;
  // Re-verification reads an app only when the apps bucket's current window takes all of it (`windowGate`): an app's
  // user read replaces its rows as it streams, so once begun it cannot be withdrawn, and it must not wait for the
  // next window after the share has ended (docs/sync.md, "Re-verification, a bounded share").
  const gate = reread.waitSignal === undefined ? undefined : windowGate(ctx.client);
  const tickets = new Map<string, WindowTicket>();
  const admitted = async (appId: string, groupPages: number): Promise<boolean> => {
    if (gate === undefined) return true;
    const userPages = await pagesOfUsers(ctx, appId);
    const ticket = gate.admit(`/api/v1/apps/${segment(appId)}/users`, groupPages + userPages);
    if (ticket === undefined) withdrawn.add(appId);
    else tickets.set(appId, ticket);
    return ticket !== undefined;
  };
  const onPage = (appId: string): (() => void) | undefined =>
    gate === undefined
      ? reread.onPage
      : () => {
          reread.onPage?.();
          tickets.get(appId)?.answered();
        };
  await forEachConcurrently(
    pending.filter((appId) => !withoutGroups.has(appId)),
    ctx.options.perEntityConcurrency,
    async (appId) => {
      if (!(await admitted(appId, 1))) return;
      const groups = await readAppGroups(ctx, report, appId, { ...reread, onPage: onPage(appId) });
      if (groups === 'deleted') deleted.add(appId);
      else if (groups === 'withdrawn') withdrawn.add(appId);
      else if (groups === 0) withoutGroups.add(appId);
      if (deleted.has(appId) || withdrawn.has(appId)) tickets.get(appId)?.end();
    },
    { stopWhen },
  );
  const readUsers = (apps: readonly string[]): Promise<void> =>
    forEachConcurrently(
      apps,
      ctx.options.perEntityConcurrency,
      async (appId) => {
        if (deleted.has(appId) || withdrawn.has(appId)) return;
        if (!tickets.has(appId) && !(await admitted(appId, 0))) return;
        try {
          if ((await readAppUsers(ctx, report, appId, onPage(appId))) === 'deleted') deleted.add(appId);
          else readWhole++;
        } finally {
          tickets.get(appId)?.end();
        }
        if (reread.onPage === undefined) ctx.progress('appAssignments', { count: ++done, total: appIds.length });
      },
      { stopWhen },
    );
  // Side by side: the group-less apps at once, the others as soon as the memberships are stored, largest first, so
  // the long page chains of apps assigned to big groups do not end up as the last window's tail.
  const grouped = async (): Promise<void> => {
    const memberships = (await ctx.after('groups')).find((status) => status.dataset === 'groupMemberships');
    if (memberships !== undefined && memberships.state !== 'complete') {
      report.incomplete('group-derived assignments may not name all their groups: the group memberships were not read completely');
    }
    await readUsers(await largestFirst(ctx, pending.filter((appId) => !withoutGroups.has(appId))));
  };
  const outcomes = await Promise.allSettled([readUsers(pending.filter((appId) => withoutGroups.has(appId))), grouped()]);
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  return { deleted: deleted.size, readWhole, withdrawn: withdrawn.size };
}

export interface ReadOptions {
  /** Re-verification: called per page read, to count its requests apart. */
  onPage?: () => void;
  /** Re-verification: stop taking apps when this turns true (the budget's reserve). */
  stopWhen?: () => boolean;
  /**
   * Re-verification: withdraws an app's group read while it waits for a rate-limit slot, before anything of the app is
   * replaced. Setting it also admits an app only when the apps bucket's current window takes all its requests
   * (`windowGate`): an app's user read, which replaces its rows as it streams, always runs to the end once begun.
   */
  waitSignal?: AbortSignal | undefined;
  /** Full sync: learn from the groups' side which apps have no group assignment when that is cheaper. */
  groupSide?: boolean;
}
