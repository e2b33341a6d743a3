import { lastPathSegment } from '../okta/schemas/common.js';
import { oktaAppGroupSchema, oktaAppSchema, oktaAppUserSchema, type OktaApp, type OktaAppUser } from '../okta/schemas/app.js';
import type { AppAssignmentRecord, AppGroupAssignmentRecord, AppRecord } from '../store/types.js';
import type { ChangeScope } from './change-scope.js';
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

async function readAppGroups(ctx: CollectContext, report: DatasetReport, appId: string): Promise<AppGroupAssignmentRecord[]> {
  const request = { label: `the groups of app ${appId}`, path: `/api/v1/apps/${segment(appId)}/groups`, query: { limit: APP_GROUP_PAGE_LIMIT } };
  const rows = parseRecords(listItems(ctx, request, report), {
    schema: oktaAppGroupSchema,
    map: (row): AppGroupAssignmentRecord => ({ appId, groupId: row.id, priority: row.priority }),
    report,
    errorIdPrefix: `${appId}/`,
  });
  // An app is assigned to a handful of groups (hundreds at most): held for one transaction.
  const groups: AppGroupAssignmentRecord[] = [];
  for await (const row of rows) groups.push(row);
  return groups;
}

/**
 * For a GROUP-scope assignment: which of the app's groups the user is in, from the memberships already stored by
 * the groups collector. Built on the first GROUP-scope user of an app; [] when the memberships are not there.
 */
function viaGroupsLookup(ctx: CollectContext, appGroupIds: readonly string[]): (userId: string) => Promise<string[]> {
  let index: Promise<Map<string, string[]>> | undefined;
  const build = async (): Promise<Map<string, string[]>> => {
    const byUser = new Map<string, string[]>();
    for (const groupId of appGroupIds) {
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
 * One app's group assignments and user assignments, read per app (OKTA-API.md §7.2): ⌈users/500⌉ calls per app in the
 * apps bucket, instead of one per user with `filter=user.id` (§13 pitfall 7). `/apps/{id}/users` lists group-derived
 * assignments too, with scope GROUP. User assignments are streamed: an app can be assigned to everyone.
 */
async function readAssignments(ctx: CollectContext, report: DatasetReport, appId: string): Promise<'read' | 'deleted'> {
  try {
    const groups = await readAppGroups(ctx, report, appId);
    await ctx.store.entities.replaceChildren('appGroupAssignments', ctx.snapshotId, appId, groups);
    await ctx.store.entities.replaceChildren('appAssignments', ctx.snapshotId, appId, []);
    const request = { label: `the users of app ${appId}`, path: `/api/v1/apps/${segment(appId)}/users`, query: { limit: APP_USER_PAGE_LIMIT } };
    const rows = parseRecords(listItems(ctx, request, report), { schema: oktaAppUserSchema, map: (row) => row, report, errorIdPrefix: `${appId}/` });
    const viaGroups = viaGroupsLookup(ctx, groups.map((g) => g.groupId));
    await ctx.store.entities.upsert('appAssignments', ctx.snapshotId, toAssignments(appId, rows, viaGroups));
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await ctx.store.entities.remove('apps', ctx.snapshotId, { id: appId });
    return 'deleted';
  }
  if (!report.hasErrorsUnder(`${appId}/`)) await ctx.store.progress.markVerified(ctx.snapshotId, 'appAssignments', [appId], new Date(ctx.clock()));
  return 'read';
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
 * Incremental: which apps' assignments to read again. New apps and apps whose `lastUpdated` moved; apps an app
 * membership or group assignment event names; and apps assigned to a group whose members changed, since their
 * group-derived (scope GROUP) rows follow the group.
 */
async function appsToReread(ctx: CollectContext, changes: ChangeScope, seen: ReadonlySet<string>, updated: ReadonlySet<string>): Promise<string[]> {
  const reread = new Set(updated);
  for (const appId of (await changes.plan()).plan.appIds) reread.add(appId);
  for await (const row of ctx.store.entities.stream('appGroupAssignments', ctx.snapshotId)) {
    if ((changes.movedMembers.get(row.groupId)?.size ?? 0) > 0) reread.add(row.appId);
  }
  return [...reread].filter((appId) => seen.has(appId));
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

  const appIds = changes === undefined ? [...seen] : await appsToReread(ctx, changes, seen, updated);
  let done = 0;
  let deleted = 0;
  await forEachConcurrently(appIds, ctx.options.perEntityConcurrency, async (appId) => {
    const skip = ctx.options.resume === true && (await ctx.store.progress.isVerified(ctx.snapshotId, 'appAssignments', appId));
    if (!skip && (await readAssignments(ctx, assignmentsReport, appId)) === 'deleted') deleted++;
    done++;
    ctx.progress('appAssignments', { count: done, total: appIds.length });
  });
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
 * group (OKTA-API.md §7). Runs after the groups collector so group-derived assignments can name their groups.
 */
export const appsCollector = defineCollector({
  id: 'apps',
  datasets: ['apps', 'appAssignments'],
  dependsOn: ['groups'],
  collect: collectApps,
});
