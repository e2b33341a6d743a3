import { isOktaClientError } from '../okta/errors.js';
import { lastPathSegment } from '../okta/schemas/common.js';
import { oktaRoleAssigneeSchema, oktaRoleSchema, type OktaRole } from '../okta/schemas/role.js';
import type { AdminRoleRecord } from '../store/types.js';
import { defineCollector, type CollectContext, type CollectResult } from './collector.js';
import { DatasetReport, plural } from './dataset-report.js';
import { claimedId, isNotFound, isPermissionDenied, listItems, parseRecords, parseWith, segment } from './read.js';
import { replaceCollectionErrors } from './snapshot-writes.js';
import { forEachConcurrently } from './worker-pool.js';
import { ADMIN_ROLES_DATASET } from './datasets.js';

/**
 * Listing role assignments needs `okta.roles.read` for an OAuth service app, and reportedly the Super Administrator
 * role for the admin behind the token (UNCERTAIN, OKTA-API.md §11, §13 pitfall 13).
 */
export const ROLES_SCOPE_NEEDED = 'okta.roles.read scope (grant it to the service app and include it in the configured scopes)';
export const ROLES_ROLE_NEEDED = 'Super Administrator role may be required to list admin role assignments';

export function toAdminRoleRecord(userId: string, role: OktaRole): AdminRoleRecord {
  const assignee = role._links?.assignee?.href;
  // A group-inherited role points its assignee at the group: https://{org}/api/v1/groups/{id} (OKTA-API.md §11).
  const viaGroup = role.assignmentType === 'GROUP' && assignee !== undefined && /\/api\/v1\/groups\/[^/?#]+\/?(?:[?#].*)?$/.test(assignee);
  return {
    userId,
    id: role.id,
    type: role.type,
    label: role.label,
    status: role.status,
    assignmentType: role.assignmentType,
    groupId: viaGroup ? lastPathSegment(assignee) : null,
  };
}

/** One user's role assignments, replaced in one transaction (a user holds a few). */
async function readRoles(ctx: CollectContext, report: DatasetReport, userId: string): Promise<'read' | 'deleted'> {
  let body: unknown;
  try {
    body = await ctx.client.get(`/api/v1/users/${segment(userId)}/roles`, { signal: ctx.signal });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await ctx.store.entities.replaceChildren('adminRoles', ctx.snapshotId, userId, []);
    return 'deleted';
  }
  const records: AdminRoleRecord[] = [];
  if (!Array.isArray(body)) report.recordError(userId, 'the role list is not a JSON array');
  else {
    body.forEach((raw: unknown, index) => {
      const parsed = parseWith(oktaRoleSchema, raw, (role) => toAdminRoleRecord(userId, role));
      if (parsed.ok) records.push(parsed.record);
      else report.recordError(`${userId}/${claimedId(raw) ?? `#${index + 1}`}`, parsed.message);
    });
  }
  await ctx.store.entities.replaceChildren('adminRoles', ctx.snapshotId, userId, records);
  return 'read';
}

/** Clears the roles of users no longer holding any (rows a copied or resumed snapshot still has). */
async function clearRolesOfOthers(ctx: CollectContext, holders: ReadonlySet<string>): Promise<void> {
  const stale = new Set<string>();
  for await (const role of ctx.store.entities.stream('adminRoles', ctx.snapshotId)) if (!holders.has(role.userId)) stale.add(role.userId);
  for (const userId of stale) await ctx.store.entities.replaceChildren('adminRoles', ctx.snapshotId, userId, []);
}

async function collectAdminRoles(ctx: CollectContext): Promise<CollectResult> {
  const report = new DatasetReport('adminRoles');
  const holders = new Set<string>();
  let deleted = 0;
  let denied = false;
  try {
    // The next link of this list is in the body, `{value, _links.next}`; the client's pager reads both shapes (§3).
    const list = { label: 'the role assignee list', path: '/api/v1/iam/assignees/users' };
    for await (const userId of parseRecords(listItems(ctx, list, report), { schema: oktaRoleAssigneeSchema, map: (a) => a.id, report })) holders.add(userId);
    await forEachConcurrently([...holders], ctx.options.perEntityConcurrency, async (userId) => {
      if ((await readRoles(ctx, report, userId)) === 'deleted') deleted++;
    });
  } catch (error) {
    if (!isPermissionDenied(error)) throw error;
    denied = true;
    const code = isOktaClientError(error) ? error.code : 'HTTP 403';
    report.notPermitted(
      `Okta refused to list admin role assignments (${code}); role-based checks cannot run on this data`,
      isOktaClientError(error, 'OKTA_SCOPE_MISSING') ? ROLES_SCOPE_NEEDED : `${ROLES_ROLE_NEEDED}; with OAuth also the ${ROLES_SCOPE_NEEDED}`,
    );
  }
  // Rows an earlier read left (copied or resumed snapshot) must not pass for current data; when denied, none are.
  if (denied) await clearRolesOfOthers(ctx, new Set());
  else if (report.readToEnd) await clearRolesOfOthers(ctx, holders);
  if (deleted > 0) report.note(`${plural(deleted, 'user')} deleted in Okta during the sync ${deleted === 1 ? 'has' : 'have'} no roles in the snapshot`);

  await replaceCollectionErrors(ctx.store, ctx.snapshotId, report);
  const count = await ctx.store.entities.count('adminRoles', ctx.snapshotId);
  return { datasets: [report.toStatus(count)], errors: report.errors };
}

/** Users holding admin roles, and their roles (OKTA-API.md §11). A 403 makes the dataset `not_permitted`, not a failed sync. */
export const adminRolesCollector = defineCollector({
  id: 'admin-roles',
  declares: [ADMIN_ROLES_DATASET],
  dependsOn: [],
  collect: collectAdminRoles,
});
