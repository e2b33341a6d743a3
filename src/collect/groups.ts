import { isOktaClientError } from '../okta/errors.js';
import { lastPathSegment } from '../okta/schemas/common.js';
import { oktaGroupSchema, type OktaGroup } from '../okta/schemas/group.js';
import { oktaMemberSchema } from '../okta/schemas/user.js';
import type { GroupRecord } from '../store/types.js';
import { changePlan, type ChangeScope } from './change-scope.js';
import { defineCollector, type CollectContext, type CollectResult } from './collector.js';
import { DatasetReport } from './dataset-report.js';
import { isNotFound, listItems, parseRecords, segment } from './read.js';
import { finishParentAndChildren, storeWholeList } from './snapshot-writes.js';
import { forEachConcurrently } from './worker-pool.js';
import { GROUPS_DATASET, GROUP_MEMBERSHIPS_DATASET } from './datasets.js';

/** SPEC allows up to 10,000 but recommends ≤ 200, and old docs say 200 is the maximum for most orgs (OKTA-API.md §3). */
const GROUP_PAGE_LIMIT = 200;
/**
 * `/groups/{id}/users` defaults to 1,000 "for historical reasons"; SPEC now recommends 200. We ask for 1,000: every
 * page costs one request in the groups bucket (250/min per token on Workforce), so the Everyone group of a
 * 50,000-user org takes 50 requests instead of 250. Okta's documented failure for a page too large to serve in time
 * is a 500 ("retry with a smaller limit", OKTA-API.md §3), so a group whose read still fails with a server error after
 * the client's retries is read again from the start at 200.
 */
export const MEMBER_PAGE_LIMIT = 1000;
export const MEMBER_FALLBACK_LIMIT = 200;

export function toGroupRecord(group: OktaGroup): GroupRecord {
  return {
    id: group.id,
    name: group.profile.name,
    description: group.profile.description,
    type: group.type,
    created: group.created,
    lastUpdated: group.lastUpdated,
    lastMembershipUpdated: group.lastMembershipUpdated,
    sourceAppId: group.type === 'APP_GROUP' ? lastPathSegment(group._links?.source?.href) : null,
  };
}

async function upsertMembers(ctx: CollectContext, report: DatasetReport, groupId: string, limit: number): Promise<void> {
  const request = { label: `the members of group ${groupId}`, path: `/api/v1/groups/${segment(groupId)}/users`, query: { limit } };
  const members = parseRecords(listItems(ctx, request, report), {
    schema: oktaMemberSchema,
    map: (member) => ({ groupId, userId: member.id }),
    report,
    errorIdPrefix: `${groupId}/`,
  });
  await ctx.store.entities.upsert('groupMemberships', ctx.snapshotId, members);
}

/**
 * Replaces one group's members, streamed page by page (a group can hold every user of the org). Members include
 * DEPROVISIONED users; the API has no status filter (okta/okta-sdk-python#245).
 */
async function readMembers(ctx: CollectContext, report: DatasetReport, groupId: string): Promise<'read' | 'deleted'> {
  await ctx.store.entities.replaceChildren('groupMemberships', ctx.snapshotId, groupId, []);
  try {
    try {
      await upsertMembers(ctx, report, groupId, MEMBER_PAGE_LIMIT);
    } catch (error) {
      if (!isOktaClientError(error, 'OKTA_SERVER_ERROR')) throw error;
      ctx.logger.warn({ dataset: 'groupMemberships', groupId, limit: MEMBER_FALLBACK_LIMIT }, 'group members failed with a server error; reading them again with a smaller page');
      // Upserts are keyed by (group, user), so members stored by the first attempt are simply written again.
      await upsertMembers(ctx, report, groupId, MEMBER_FALLBACK_LIMIT);
    }
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await ctx.store.entities.remove('groups', ctx.snapshotId, { id: groupId });
    return 'deleted';
  }
  // A group with a member that did not parse stays unverified, so a resumed backfill reads it again.
  if (!report.hasErrorsUnder(`${groupId}/`)) await ctx.store.progress.markVerified(ctx.snapshotId, 'groupMemberships', [groupId], new Date(ctx.clock()));
  return 'read';
}

/** The whole group list (a few requests even for large orgs), stored; groups Okta no longer lists are removed. */
function listGroups(ctx: CollectContext, groupsReport: DatasetReport<'groups'>, membersReport: DatasetReport, onRecord: (group: GroupRecord) => void): Promise<Set<string>> {
  const passes = [{ label: 'the group list', path: '/api/v1/groups', query: { limit: GROUP_PAGE_LIMIT } }];
  const children = { report: membersReport, gap: 'the members of groups missing from the group list are missing too' };
  return storeWholeList(ctx, { passes, schema: oktaGroupSchema, map: toGroupRecord, report: groupsReport, children, onRecord });
}

async function collectGroups(ctx: CollectContext): Promise<CollectResult> {
  const groupsReport = new DatasetReport('groups');
  const membersReport = new DatasetReport('groupMemberships');
  if (ctx.options.changes !== undefined) return collectChangedGroups(ctx, ctx.options.changes, groupsReport, membersReport);
  const seen = await listGroups(ctx, groupsReport, membersReport, () => undefined);

  const groupIds = [...seen];
  let done = 0;
  let deleted = 0;
  await forEachConcurrently(groupIds, ctx.options.perEntityConcurrency, async (groupId) => {
    const skip = ctx.options.resume === true && (await ctx.store.progress.isVerified(ctx.snapshotId, 'groupMemberships', groupId));
    if (!skip && (await readMembers(ctx, membersReport, groupId)) === 'deleted') deleted++;
    done++;
    ctx.progress('groupMemberships', { count: done, total: groupIds.length });
  });
  return finishGroups(ctx, groupsReport, membersReport, deleted);
}

/**
 * Incremental: the group list again (cheap), then the members of only the groups whose `lastMembershipUpdated`
 * differs from the copied snapshot's, new groups, and groups a membership event names. Who joined or left each is
 * noted for the factors collector (MFA enrollment policies target groups).
 */
async function collectChangedGroups(ctx: CollectContext, changes: ChangeScope, groupsReport: DatasetReport<'groups'>, membersReport: DatasetReport<'groupMemberships'>): Promise<CollectResult> {
  const before = new Map<string, number | undefined>();
  for await (const group of ctx.store.entities.stream('groups', ctx.snapshotId)) before.set(group.id, group.lastMembershipUpdated?.getTime());
  const changed = new Set<string>();
  const seen = await listGroups(ctx, groupsReport, membersReport, (group) => {
    if (!before.has(group.id) || before.get(group.id) !== group.lastMembershipUpdated?.getTime()) changed.add(group.id);
  });
  for (const groupId of (await changePlan(ctx, changes)).plan.groupIds) if (seen.has(groupId)) changed.add(groupId);
  let deleted = 0;
  await forEachConcurrently([...changed], ctx.options.perEntityConcurrency, async (groupId) => {
    const old = await memberIds(ctx, groupId);
    if ((await readMembers(ctx, membersReport, groupId)) === 'deleted') deleted++;
    const now = await memberIds(ctx, groupId);
    const moved = new Set([...old].filter((id) => !now.has(id)));
    for (const id of now) if (!old.has(id)) moved.add(id);
    changes.movedMembers.set(groupId, moved);
  });
  return finishGroups(ctx, groupsReport, membersReport, deleted);
}

async function memberIds(ctx: CollectContext, groupId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const member of ctx.store.entities.stream('groupMemberships', ctx.snapshotId, { parentId: groupId })) ids.add(member.userId);
  return ids;
}

function finishGroups(ctx: CollectContext, groupsReport: DatasetReport<'groups'>, membersReport: DatasetReport<'groupMemberships'>, deleted: number): Promise<CollectResult> {
  return finishParentAndChildren(ctx, { parent: { report: groupsReport, noun: 'group' }, children: { report: membersReport } }, deleted);
}

/** Groups and their members (OKTA-API.md §8). */
export const groupsCollector = defineCollector({
  id: 'groups',
  declares: [GROUPS_DATASET, GROUP_MEMBERSHIPS_DATASET],
  dependsOn: [],
  // Incremental: reads the change plan (`changePlan`) built from this sync's System Log read.
  waitsFor: ['system-log'],
  collect: collectGroups,
});
