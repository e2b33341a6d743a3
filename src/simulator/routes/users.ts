import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimContext } from '../context.js';
import type { SimUser } from '../org/types.js';
import { lookupSource, queryOf, scanPage, type PageLimits } from '../pagination.js';
import { fieldTable, parseFilter, type FieldSpec, type FilterDialect, type FilterOperator, type Predicate } from './filter.js';
import type { OrgIndex } from './org-index.js';
import { readOnlyRoute, sendInvalidSearch, sendNotFound, servePage } from './replies.js';
import { serializeAppLink, serializeFactor, serializeGroup, serializeRole, serializeUser } from './serialize.js';

const SCOPE = 'okta.users.read';
/** SPEC default 200; "maximum 200" [OLD-USERS, OLD-UQ]. */
const USER_LIMITS: PageLimits = { defaultLimit: 200, maxLimit: 200 };
/** `q` defaults to 10 and does not page (SPEC listUsers `limit`). */
const USER_Q_LIMITS: PageLimits = { defaultLimit: 10, maxLimit: 200 };
/** `/users/{id}/groups` has no paging parameters in SPEC but pages at 200 (okta/okta-sdk-java#1286, #1291). */
const USER_GROUP_LIMITS: PageLimits = { defaultLimit: 200, maxLimit: 200 };

type UserParams = { Params: { userId: string } };

function tokenAdmin(ctx: SimContext): SimUser | undefined {
  for (const [userId, roles] of ctx.org.rolesByUser) {
    if (roles.some((role) => role.type === 'SUPER_ADMIN' && role.status === 'ACTIVE')) return ctx.org.usersById.get(userId);
  }
  return undefined;
}

/** `/api/v1/users` and the per-user sub-resources served under `okta.users.read`. */
export function registerUserRoutes(app: FastifyInstance, ctx: SimContext, index: OrgIndex): void {
  readOnlyRoute(app, '/api/v1/users', SCOPE, async (request, reply) => listUsers(ctx, request, reply));

  // The token's own user (SPEC getUser with id `me`). The simulator does not model which admin created an API token:
  // it answers with the first user holding Super Administrator, as the org's creator does on a new org. An OAuth
  // service app acts as no user, and Okta answers 404 for it.
  readOnlyRoute(app, '/api/v1/users/me', SCOPE, async (request, reply) => {
    const admin = request.principal?.kind === 'ssws' ? tokenAdmin(ctx) : undefined;
    return admin === undefined ? sendNotFound(reply, 'me', 'User') : serializeUser(admin, ctx.baseUrl);
  });

  readOnlyRoute<UserParams>(app, '/api/v1/users/:userId', SCOPE, async (request, reply) => {
    const user = findUser(ctx, index, request.params.userId);
    return user === undefined ? sendNotFound(reply, request.params.userId, 'User') : serializeUser(user, ctx.baseUrl);
  });

  // Not paginated (SPEC listFactors); only the factors the org says the enrollment policy shows (OKTA-API.md §6.1).
  readOnlyRoute<UserParams>(app, '/api/v1/users/:userId/factors', SCOPE, async (request, reply) => {
    const user = ctx.org.usersById.get(request.params.userId);
    if (user === undefined) return sendNotFound(reply, request.params.userId, 'User');
    return (ctx.org.factorsByUser.get(user.id) ?? []).map((f) => serializeFactor(f, user.id, ctx.baseUrl));
  });

  readOnlyRoute<UserParams>(app, '/api/v1/users/:userId/groups', SCOPE, async (request, reply) => {
    const user = ctx.org.usersById.get(request.params.userId);
    if (user === undefined) return sendNotFound(reply, request.params.userId, 'User');
    const groups = lookupSource(ctx.org.userGroups.get(user.id) ?? [], (id) => ctx.org.groupsById.get(id));
    const page = scanPage(request, ctx.baseUrl, groups, () => true, USER_GROUP_LIMITS);
    return servePage(reply, page, (g) => serializeGroup(g, ctx.baseUrl));
  });

  // One link per ACTIVE app assigned directly or through a group; not paginated (SPEC listAppLinks).
  readOnlyRoute<UserParams>(app, '/api/v1/users/:userId/appLinks', SCOPE, async (request, reply) => {
    const user = ctx.org.usersById.get(request.params.userId);
    if (user === undefined) return sendNotFound(reply, request.params.userId, 'User');
    const apps = index.appPositionsForUser(user.id).flatMap((position) => {
      const assigned = ctx.org.apps[position];
      return assigned?.status === 'ACTIVE' ? [assigned] : [];
    });
    return apps.map((a, sortOrder) => serializeAppLink(a, user.id, sortOrder, ctx.baseUrl));
  });

  // Role assignments are an okta.roles.read resource even though they sit under /users (OKTA-API.md §1.3, §11).
  readOnlyRoute<UserParams>(app, '/api/v1/users/:userId/roles', 'okta.roles.read', async (request, reply) => {
    const user = ctx.org.usersById.get(request.params.userId);
    if (user === undefined) return sendNotFound(reply, request.params.userId, 'User');
    return (ctx.org.rolesByUser.get(user.id) ?? []).map((r) => serializeRole(r, user.id, ctx.baseUrl));
  });
}

/** `{idOrLogin}`: an id, a login (URL-decoded by the router), or an unambiguous short name (SPEC getUser). */
function findUser(ctx: SimContext, index: OrgIndex, key: string): SimUser | undefined {
  return ctx.org.usersById.get(key) ?? index.userByLogin(key);
}

/**
 * A plain list and `q` omit DEPROVISIONED users; `filter` and `search` include them (OKTA-API.md §5.1, §13.1).
 * When several of `search`, `filter` and `q` are sent, the first of them in that order wins (UNCERTAIN in Okta).
 * Order is the org's creation order; `sortBy` is not implemented.
 */
async function listUsers(ctx: SimContext, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const query = queryOf(request);
  let keep: Predicate<SimUser> = (u) => u.status !== 'DEPROVISIONED';
  let limits = USER_LIMITS;
  let paged = true;
  if (query.search !== undefined || query.filter !== undefined) {
    const parsed = query.search !== undefined ? parseFilter(query.search, USER_SEARCH) : parseFilter(query.filter ?? '', USER_FILTER);
    if (!parsed.ok) return sendInvalidSearch(reply, parsed.error);
    keep = parsed.test;
  } else if (query.q !== undefined) {
    const prefix = query.q.toLowerCase();
    keep = (u) =>
      u.status !== 'DEPROVISIONED' &&
      [u.profile.firstName, u.profile.lastName, u.profile.email].some((v) => v.toLowerCase().startsWith(prefix));
    limits = USER_Q_LIMITS;
    paged = false;
  }
  const page = scanPage(request, ctx.baseUrl, ctx.org.users, keep, limits, { paged });
  return servePage(reply, page, (u) => serializeUser(u, ctx.baseUrl));
}

const EQ: readonly FilterOperator[] = ['eq'];
const COMPARE: readonly FilterOperator[] = ['eq', 'gt', 'ge', 'lt', 'le'];

function field(operators: readonly FilterOperator[], type: FieldSpec<SimUser>['type'], get: (u: SimUser) => unknown): FieldSpec<SimUser> {
  return { operators, type, get };
}

const profileValue = (name: string) => (u: SimUser) => (Object.hasOwn(u.profile, name) ? u.profile[name] : undefined);

/** `filter`: seven fields, `eq` only except `lastUpdated`; quoted, case-sensitive values (SPEC listUsers `filter`). */
const USER_FILTER: FilterDialect<SimUser> = {
  field: fieldTable({
    status: field(EQ, 'string', (u) => u.status),
    id: field(EQ, 'string', (u) => u.id),
    lastUpdated: field(COMPARE, 'date', (u) => u.lastUpdated),
    'profile.login': field(EQ, 'string', (u) => u.profile.login),
    'profile.email': field(EQ, 'string', (u) => u.profile.email),
    'profile.firstName': field(EQ, 'string', (u) => u.profile.firstName),
    'profile.lastName': field(EQ, 'string', (u) => u.profile.lastName),
  }),
  quotedOnly: true,
  caseInsensitive: false,
};

/** `search` operators; `ne` is not supported (SPEC listUsers `search`). */
const SEARCH_OPS: readonly FilterOperator[] = ['eq', 'sw', 'gt', 'ge', 'lt', 'le', 'pr'];
/** `co` is allowed only on these profile attributes. */
const CONTAINS_ATTRIBUTES = new Set(['firstName', 'lastName', 'email', 'login']);

const userSearchTopLevel = fieldTable<SimUser>({
  id: field(SEARCH_OPS, 'any', (u) => u.id),
  status: field(SEARCH_OPS, 'any', (u) => u.status),
  created: field(SEARCH_OPS, 'date', (u) => u.created),
  activated: field(SEARCH_OPS, 'date', (u) => u.activated),
  statusChanged: field(SEARCH_OPS, 'date', (u) => u.statusChanged),
  lastUpdated: field(SEARCH_OPS, 'date', (u) => u.lastUpdated),
  'type.id': field(SEARCH_OPS, 'any', (u) => u.type.id),
});

/** `search`: any profile attribute (custom ones too) and six top-level properties; values case-insensitive. */
const USER_SEARCH: FilterDialect<SimUser> = {
  field: (path) => {
    if (!path.startsWith('profile.')) return userSearchTopLevel(path);
    const name = path.slice('profile.'.length);
    if (name.includes('.')) return undefined;
    return field(CONTAINS_ATTRIBUTES.has(name) ? [...SEARCH_OPS, 'co'] : SEARCH_OPS, 'any', profileValue(name));
  },
  quotedOnly: false,
  caseInsensitive: true,
};
