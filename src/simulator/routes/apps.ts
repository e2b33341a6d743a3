import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimContext } from '../context.js';
import { sendOktaError } from '../okta-errors.js';
import type { SimApp, SimAppUser } from '../org/types.js';
import { queryOf, scanPage, type PageLimits } from '../pagination.js';
import { Membership, fieldTable, parseFilter, type FieldSpec, type FilterDialect, type Predicate } from './filter.js';
import type { OrgIndex } from './org-index.js';
import { readOnlyRoute, sendInvalidSearch, sendNotFound, servePage } from './replies.js';
import { serializeApp, serializeAppGroup, serializeAppUser } from './serialize.js';

const SCOPE = 'okta.apps.read';
/** SPEC's default is `-1` (unbounded); the old docs say 20. The simulator pages at 20, max 200 (OKTA-API.md §3). */
const APP_LIMITS: PageLimits = { defaultLimit: 20, maxLimit: 200 };
const APP_USER_LIMITS: PageLimits = { defaultLimit: 50, maxLimit: 500 };
/** SPEC: limit 20–200 for app groups. */
const APP_GROUP_LIMITS: PageLimits = { defaultLimit: 20, maxLimit: 200 };

type AppParams = { Params: { appId: string } };
type AppUserParams = { Params: { appId: string; userId: string } };

export function registerAppRoutes(app: FastifyInstance, ctx: SimContext, index: OrgIndex): void {
  readOnlyRoute(app, '/api/v1/apps', SCOPE, async (request, reply) => listApps(ctx, index, request, reply));

  readOnlyRoute<AppParams>(app, '/api/v1/apps/:appId', SCOPE, async (request, reply) => {
    const found = ctx.org.appsById.get(request.params.appId);
    return found === undefined ? sendNotFound(reply, request.params.appId, 'AppInstance') : serializeApp(found, ctx.baseUrl, ctx.org.name);
  });

  readOnlyRoute<AppParams>(app, '/api/v1/apps/:appId/users', SCOPE, async (request, reply) => {
    const found = ctx.org.appsById.get(request.params.appId);
    if (found === undefined) return sendNotFound(reply, request.params.appId, 'AppInstance');
    const query = queryOf(request);
    // App users cannot be filtered; Okta answers "Invalid search criteria" (okta/okta-sdk-dotnet#484).
    if (query.filter !== undefined) return sendOktaError(reply, 'E0000031', undefined, ['filter is not supported for app users']);
    const keep = query.q !== undefined ? appUserMatches(ctx, query.q.toLowerCase()) : () => true;
    const page = scanPage(request, ctx.baseUrl, ctx.org.appUsers.get(found.id) ?? [], keep, APP_USER_LIMITS);
    return servePage(reply, page, (row) => serializeAppUser(row, found.id, ctx.baseUrl));
  });

  // SPEC getApplicationUser: one assignment; 404 when the user is not assigned (directly or through a group).
  readOnlyRoute<AppUserParams>(app, '/api/v1/apps/:appId/users/:userId', SCOPE, async (request, reply) => {
    const found = ctx.org.appsById.get(request.params.appId);
    if (found === undefined) return sendNotFound(reply, request.params.appId, 'AppInstance');
    const row = (ctx.org.appUsers.get(found.id) ?? []).find((r) => r.id === request.params.userId);
    return row === undefined ? sendNotFound(reply, request.params.userId, 'AppUser') : serializeAppUser(row, found.id, ctx.baseUrl);
  });

  readOnlyRoute<AppParams>(app, '/api/v1/apps/:appId/groups', SCOPE, async (request, reply) => {
    const found = ctx.org.appsById.get(request.params.appId);
    if (found === undefined) return sendNotFound(reply, request.params.appId, 'AppInstance');
    const page = scanPage(request, ctx.baseUrl, ctx.org.appGroups.get(found.id) ?? [], () => true, APP_GROUP_LIMITS);
    return servePage(reply, page, (row) => serializeAppGroup(row, found.id, ctx.baseUrl));
  });
}

/** `q` on app users: startsWith on the app username or the user's first name, last name or email (SPEC listApplicationUsers). */
function appUserMatches(ctx: SimContext, prefix: string): Predicate<SimAppUser> {
  return (row) => {
    const user = ctx.org.usersById.get(row.id);
    const candidates = [row.credentials.userName, user?.profile.firstName, user?.profile.lastName, user?.profile.email];
    return candidates.some((v) => v?.toLowerCase().startsWith(prefix) === true);
  };
}

/**
 * Lists INACTIVE apps alongside ACTIVE ones: whether Okta drops them by default is UNCERTAIN (OKTA-API.md §7.1), and the
 * legacy docs show `filter=status eq "INACTIVE"` working, so a collector must see them either way.
 */
async function listApps(ctx: SimContext, index: OrgIndex, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const query = queryOf(request);
  const tests: Predicate<SimApp>[] = [];
  if (query.filter !== undefined) {
    const parsed = parseFilter(query.filter, appFilter(ctx, index));
    if (!parsed.ok) return sendInvalidSearch(reply, parsed.error);
    tests.push(parsed.test);
  }
  if (query.q !== undefined) {
    const prefix = query.q.toLowerCase();
    tests.push((a) => a.name.toLowerCase().startsWith(prefix) || a.label.toLowerCase().startsWith(prefix));
  }
  const page = scanPage(request, ctx.baseUrl, ctx.org.apps, (a) => tests.every((t) => t(a)), APP_LIMITS);
  return servePage(reply, page, (a) => serializeApp(a, ctx.baseUrl, ctx.org.name));
}

/**
 * `filter` on apps: SPEC's `id`, `status`, `name`, plus `user.id` and `group.id` from the legacy docs (assigned directly
 * or through a group for `user.id`). Values must be quoted; only `eq`.
 */
function appFilter(ctx: SimContext, index: OrgIndex): FilterDialect<SimApp> {
  const eq = (get: (a: SimApp) => unknown): FieldSpec<SimApp> => ({ operators: ['eq'], type: 'string', get });
  const positionOf = new Map(ctx.org.apps.map((a, i) => [a.id, i]));
  return {
    field: fieldTable({
      id: eq((a) => a.id),
      status: eq((a) => a.status),
      name: eq((a) => a.name),
      'user.id': eq((a) => new Membership((userId) => index.appPositionsForUser(userId).includes(positionOf.get(a.id) ?? -1))),
      'group.id': eq((a) => (ctx.org.appGroups.get(a.id) ?? []).map((g) => g.id)),
    }),
    quotedOnly: true,
    caseInsensitive: false,
  };
}
