import { lastPathSegment } from '../okta/schemas/common.js';
import { oktaAppSchema, type OktaApp } from '../okta/schemas/app.js';
import type { AppRecord } from '../store/types.js';
import { assignmentWork, readChangedAssignments, reverifyOldestApps } from './app-assignment-changes.js';
import { readAssignments } from './app-assignments.js';
import { defineCollector, type CollectContext, type CollectResult } from './collector.js';
import { DatasetReport } from './dataset-report.js';
import type { ListRequest } from './read.js';
import { finishParentAndChildren, storeWholeList } from './snapshot-writes.js';
import { APPS_DATASET, APP_ASSIGNMENTS_DATASET } from './datasets.js';

/** The app list at its maximum page size (OKTA-API.md §3): every `/api/v1/apps*` call shares one small bucket. */
const APP_PAGE_LIMIT = 200;

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

/** Every app (two passes, a few requests), stored; apps Okta no longer lists are removed. */
function listApps(ctx: CollectContext, appsReport: DatasetReport<'apps'>, assignmentsReport: DatasetReport, onRecord: (app: AppRecord) => void): Promise<Set<string>> {
  const children = { report: assignmentsReport, gap: 'the assignments of apps missing from the app list are missing too' };
  return storeWholeList(ctx, { passes: APP_LIST_PASSES, schema: oktaAppSchema, map: toAppRecord, report: appsReport, children, onRecord });
}

async function collectApps(ctx: CollectContext, groupSide: boolean): Promise<CollectResult> {
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
    ({ deleted } = await readAssignments(ctx, assignmentsReport, [...seen], { groupSide }));
  } else {
    const work = await assignmentWork(ctx, changes, seen, updated);
    deleted = await readChangedAssignments(ctx, assignmentsReport, work);
    await reverifyOldestApps(ctx, changes, assignmentsReport, work.whole);
  }
  return finishParentAndChildren(ctx, { parent: { report: appsReport, noun: 'app' }, children: { report: assignmentsReport } }, deleted);
}

/**
 * Apps (ACTIVE and INACTIVE) with their authentication policy, and who is assigned to each, directly or through a
 * group (OKTA-API.md §7). Runs alongside the groups collector and waits for it only to name the groups of
 * group-derived assignments. A full sync learns which apps have no group assignment from the groups' side when that
 * is cheaper (`groupSide`, app-group-plan.ts); `groupSide: false` reads every app's groups per app, as before, and is
 * kept for the test that proves both store the same.
 */
export function appsCollectorWith(options: { groupSide: boolean }) {
  return defineCollector({
    id: 'apps',
    declares: [APPS_DATASET, APP_ASSIGNMENTS_DATASET],
    dependsOn: [],
    // Group memberships name the groups of group-derived assignments; incremental: the change plan, who moved, and
    // the users, to find whose assignment an event names.
    waitsFor: ['groups', 'users', 'system-log'],
    collect: (ctx) => collectApps(ctx, options.groupSide),
  });
}

export const appsCollector = appsCollectorWith({ groupSide: true });
