import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimContext } from '../context.js';
import type { SimGroup } from '../org/types.js';
import { lookupSource, queryOf, scanPage, type PageLimits } from '../pagination.js';
import { fieldTable, parseFilter, type FieldSpec, type FilterDialect, type FilterOperator, type Predicate } from './filter.js';
import type { OrgIndex } from './org-index.js';
import { readOnlyRoute, sendInvalidSearch, sendNotFound, servePage } from './replies.js';
import { serializeApp, serializeGroup, serializeUser, type GroupStats } from './serialize.js';

const SCOPE = 'okta.groups.read';
/**
 * UNCERTAIN (OKTA-API.md §3): SPEC allows up to 10000 and recommends ≤ 200; old docs say only 200 come back without a
 * `limit`. The simulator pages at 200 by default and honours explicit limits up to 10000.
 */
const GROUP_LIMITS: PageLimits = { defaultLimit: 200, maxLimit: 10_000 };
/** `q` does not page and returns at most 300 by default (SPEC listGroups `q`, okta/terraform-provider-okta#944). */
const GROUP_Q_LIMITS: PageLimits = { defaultLimit: 300, maxLimit: 10_000 };
/** Default 1000 "for historical reasons" (SPEC listGroupUsers); no maximum is stated, so 1000 caps it. */
const GROUP_USER_LIMITS: PageLimits = { defaultLimit: 1000, maxLimit: 1000 };
/** SPEC listAssignedApplicationsForGroup: default 20, no maximum stated; 200 like the app list (UNCERTAIN). */
const GROUP_APP_LIMITS: PageLimits = { defaultLimit: 20, maxLimit: 200 };

type GroupParams = { Params: { groupId: string } };

export function registerGroupRoutes(app: FastifyInstance, ctx: SimContext, index: OrgIndex): void {
  readOnlyRoute(app, '/api/v1/groups', SCOPE, async (request, reply) => listGroups(ctx, index, request, reply));

  readOnlyRoute<GroupParams>(app, '/api/v1/groups/:groupId', SCOPE, async (request, reply) => {
    const group = ctx.org.groupsById.get(request.params.groupId);
    if (group === undefined) return sendNotFound(reply, request.params.groupId, 'UserGroup');
    return serializeGroup(group, ctx.baseUrl, expandsStats(request) ? groupStats(ctx, index, group) : undefined);
  });

  // Members include DEPROVISIONED users and there is no status filter (okta/okta-sdk-python#245).
  readOnlyRoute<GroupParams>(app, '/api/v1/groups/:groupId/users', SCOPE, async (request, reply) => {
    const group = ctx.org.groupsById.get(request.params.groupId);
    if (group === undefined) return sendNotFound(reply, request.params.groupId, 'UserGroup');
    const members = lookupSource(ctx.org.groupMembers.get(group.id) ?? [], (id) => ctx.org.usersById.get(id));
    const page = scanPage(request, ctx.baseUrl, members, () => true, GROUP_USER_LIMITS);
    return servePage(reply, page, (u) => serializeUser(u, ctx.baseUrl));
  });

  // SPEC listAssignedApplicationsForGroup (scope okta.groups.read): the apps the group is assigned to, whatever their
  // status, as Application objects. Counted in the groups bucket, not the apps one (longest prefix, OKTA-API.md §4.2).
  readOnlyRoute<GroupParams>(app, '/api/v1/groups/:groupId/apps', SCOPE, async (request, reply) => {
    const group = ctx.org.groupsById.get(request.params.groupId);
    if (group === undefined) return sendNotFound(reply, request.params.groupId, 'UserGroup');
    const apps = lookupSource(index.appIdsForGroup(group.id), (id) => ctx.org.appsById.get(id));
    const page = scanPage(request, ctx.baseUrl, apps, () => true, GROUP_APP_LIMITS);
    return servePage(reply, page, (a) => serializeApp(a, ctx.baseUrl, ctx.org.name));
  });
}

function expandsStats(request: FastifyRequest): boolean {
  return (queryOf(request).expand ?? '').split(',').includes('stats');
}

function groupStats(ctx: SimContext, index: OrgIndex, group: SimGroup): GroupStats {
  let hasAdminPrivilege = false;
  for (const roles of ctx.org.rolesByUser.values()) {
    if (roles.some((r) => r.groupId === group.id)) {
      hasAdminPrivilege = true;
      break;
    }
  }
  return {
    usersCount: ctx.org.groupMembers.get(group.id)?.length ?? 0,
    appsCount: index.appIdsForGroup(group.id).length,
    groupPushMappingsCount: 0,
    hasAdminPrivilege,
  };
}

/** `search`, then `filter`, then `q` (name startsWith, case-insensitive, unpaged); otherwise every group. */
async function listGroups(ctx: SimContext, index: OrgIndex, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const query = queryOf(request);
  let keep: Predicate<SimGroup> = () => true;
  let limits = GROUP_LIMITS;
  let paged = true;
  if (query.search !== undefined || query.filter !== undefined) {
    const parsed = query.search !== undefined ? parseFilter(query.search, GROUP_SEARCH) : parseFilter(query.filter ?? '', GROUP_FILTER);
    if (!parsed.ok) return sendInvalidSearch(reply, parsed.error);
    keep = parsed.test;
  } else if (query.q !== undefined) {
    const prefix = query.q.toLowerCase();
    keep = (g) => g.profile.name.toLowerCase().startsWith(prefix);
    limits = GROUP_Q_LIMITS;
    paged = false;
  }
  const withStats = expandsStats(request);
  const page = scanPage(request, ctx.baseUrl, ctx.org.groups, keep, limits, { paged });
  return servePage(reply, page, (g) => serializeGroup(g, ctx.baseUrl, withStats ? groupStats(ctx, index, g) : undefined));
}

const EQ: readonly FilterOperator[] = ['eq'];
const COMPARE: readonly FilterOperator[] = ['eq', 'gt', 'ge', 'lt', 'le'];

function field(operators: readonly FilterOperator[], type: FieldSpec<SimGroup>['type'], get: (g: SimGroup) => unknown): FieldSpec<SimGroup> {
  return { operators, type, get };
}

/** `filter`: `id`, `type`, `lastUpdated`, `lastMembershipUpdated` (SPEC listGroups `filter`). */
const GROUP_FILTER: FilterDialect<SimGroup> = {
  field: fieldTable({
    id: field(EQ, 'string', (g) => g.id),
    type: field(EQ, 'string', (g) => g.type),
    lastUpdated: field(COMPARE, 'date', (g) => g.lastUpdated),
    lastMembershipUpdated: field(COMPARE, 'date', (g) => g.lastMembershipUpdated),
  }),
  quotedOnly: true,
  caseInsensitive: false,
};

/** `sw`, `eq`, `co` (co only on name/description) plus date comparisons from SPEC's examples. */
const SEARCH_OPS: readonly FilterOperator[] = ['eq', 'sw', 'gt', 'ge', 'lt', 'le', 'pr'];

const groupSearchTopLevel = fieldTable<SimGroup>({
  id: field(SEARCH_OPS, 'any', (g) => g.id),
  type: field(SEARCH_OPS, 'any', (g) => g.type),
  created: field(SEARCH_OPS, 'date', (g) => g.created),
  lastUpdated: field(SEARCH_OPS, 'date', (g) => g.lastUpdated),
  lastMembershipUpdated: field(SEARCH_OPS, 'date', (g) => g.lastMembershipUpdated),
  'source.id': field(SEARCH_OPS, 'any', (g) => g.sourceAppId),
});

/** `search`: any profile attribute and the top-level properties except `_embedded`, `_links`, `objectClass`. */
const GROUP_SEARCH: FilterDialect<SimGroup> = {
  field: (path) => {
    if (!path.startsWith('profile.')) return groupSearchTopLevel(path);
    const name = path.slice('profile.'.length);
    if (name.includes('.')) return undefined;
    const operators = name === 'name' || name === 'description' ? [...SEARCH_OPS, 'co' as const] : SEARCH_OPS;
    return field(operators, 'any', (g) => (Object.hasOwn(g.profile, name) ? (g.profile as Record<string, unknown>)[name] : undefined));
  },
  quotedOnly: false,
  caseInsensitive: true,
};
