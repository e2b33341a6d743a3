import { z } from 'zod';
import { oktaIdSchema } from '../okta/schemas/common.js';
import type { CollectContext } from './collector.js';
import { DatasetReport } from './dataset-report.js';
import { isNotFound, listItems, parseRecords, segment } from './read.js';
import { forEachConcurrently } from './worker-pool.js';

/**
 * Which apps are assigned to groups, read from the groups' side when that is cheaper (docs/sync.md, "Which bucket
 * each read uses").
 *
 * Every `/api/v1/apps*` call, `GET /apps/{id}/groups` included, shares the smallest bucket of a Workforce org (100 per
 * minute, half of it per token); `GET /groups/{id}/apps` counts against the groups bucket, five times roomier (500
 * per minute Workforce, 100 against 20 on developer orgs; OKTA-API.md §4.2, longest prefix). Most apps are assigned
 * user by user, so most `/apps/{id}/groups` reads answer an empty list. Reading every group's apps instead tells
 * which apps have no group assignment at all; only the others are read per app, for the assignment's `priority`,
 * which the groups' side does not give. The stored data is the same either way.
 */

/** How many groups-bucket requests cost the window time of one apps-bucket request (Okta's default limits). */
export const GROUP_READS_PER_APP_READ = 5;

const idOnlySchema = z.object({ id: oktaIdSchema });

/**
 * The groups' side is worth reading when its requests (one per group, at least) take less time in the groups bucket
 * than the per-app reads they replace would take in the apps bucket. INACTIVE apps are always read per app: whether
 * `/groups/{id}/apps` lists them is UNCERTAIN, and they are few.
 */
export function readsGroupSide(groups: number, activeApps: number): boolean {
  return groups < activeApps * GROUP_READS_PER_APP_READ;
}

/** What the groups' side found: the ACTIVE apps it proved have no group assignment. */
export interface GroupSideResult {
  appsWithoutGroups: Set<string>;
}

/**
 * The group list (ids only, stopping as soon as it holds too many groups to be worth it), then every group's apps.
 * Returns undefined — read everything per app — when the groups' side does not pay or any read of it ended early or
 * did not parse: an app is only taken to have no groups when every group was read whole.
 */
export async function readGroupSide(ctx: CollectContext, activeAppIds: readonly string[]): Promise<GroupSideResult | undefined> {
  if (activeAppIds.length === 0) return undefined;
  const check = new DatasetReport('appAssignments');
  const groupIds: string[] = [];
  const groupList = parseRecords(listItems(ctx, { label: 'the group list', path: '/api/v1/groups', query: { limit: 200 } }, check), {
    schema: idOnlySchema,
    map: (group) => group.id,
    report: check,
  });
  for await (const id of groupList) {
    groupIds.push(id);
    if (!readsGroupSide(groupIds.length, activeAppIds.length)) return undefined; // leaving the loop closes the list
  }
  const assigned = new Set<string>();
  await forEachConcurrently(groupIds, ctx.options.perEntityConcurrency, async (groupId) => {
    const request = { label: `the apps of group ${groupId}`, path: `/api/v1/groups/${segment(groupId)}/apps`, query: { limit: 200 } };
    try {
      for await (const appId of parseRecords(listItems(ctx, request, check), { schema: idOnlySchema, map: (app) => app.id, report: check })) assigned.add(appId);
    } catch (error) {
      // A group deleted since the list has no assignments left; an app assigned to it is read per app anyway.
      if (!isNotFound(error)) throw error;
    }
  });
  if (!check.isComplete) return undefined;
  return { appsWithoutGroups: new Set(activeAppIds.filter((id) => !assigned.has(id))) };
}
