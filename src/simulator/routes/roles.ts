import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../context.js';
import { scanPage, type PageLimits } from '../pagination.js';
import { readOnlyRoute, sendPageFailure } from './replies.js';
import { serializeRoleAssignee } from './serialize.js';

/** SPEC: default 100; no maximum is stated, so 1000 caps it. */
const ASSIGNEE_LIMITS: PageLimits = { defaultLimit: 100, maxLimit: 1000 };

/**
 * `GET /api/v1/iam/assignees/users`: every user holding at least one role assignment (OKTA-API.md §11). Unlike other
 * lists, the next link is in the body: `{value: [...], _links: {next: {href}}}` (SPEC RoleAssignedUsers).
 * UNCERTAIN whether Okta also sends a Link header; the simulator sends none, so a client that only reads headers
 * stops after the first page here, and one that reads the body works on both. `_links` is always present; `next`
 * is left out on the last page.
 */
export function registerRoleRoutes(app: FastifyInstance, ctx: SimContext): void {
  readOnlyRoute(app, '/api/v1/iam/assignees/users', 'okta.roles.read', async (request, reply) => {
    const assignees = [...ctx.org.rolesByUser]
      .filter(([userId, roles]) => roles.length > 0 && ctx.org.usersById.has(userId))
      .map(([userId]) => userId);
    const page = scanPage(request, ctx.baseUrl, assignees, () => true, ASSIGNEE_LIMITS);
    if (typeof page === 'string') return sendPageFailure(reply, page);
    return {
      value: page.items.map((id) => serializeRoleAssignee(id, ctx.org.name, ctx.baseUrl)),
      _links: page.next !== null ? { next: { href: page.next } } : {},
    };
  });
}
