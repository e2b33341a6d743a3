import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../context.js';
import { registerAppRoutes } from './apps.js';
import { registerGroupRoutes } from './groups.js';
import { registerLogRoutes } from './logs.js';
import { OrgIndex } from './org-index.js';
import { registerOrgMetadataRoute } from './org-metadata.js';
import { registerPolicyRoutes } from './policies.js';
import { registerRoleRoutes } from './roles.js';
import { registerUserRoutes } from './users.js';

/**
 * The read-only Okta Management API routes. They only serve data: authentication, scopes (declared per route in
 * `config.scope`), rate limits, latency and faults are hooks registered before them. Links use `ctx.baseUrl` as it
 * is when each request is served.
 */
export function registerRoutes(app: FastifyInstance, ctx: SimContext): void {
  const index = new OrgIndex(() => ctx.org);
  registerUserRoutes(app, ctx, index);
  registerGroupRoutes(app, ctx, index);
  registerAppRoutes(app, ctx, index);
  registerPolicyRoutes(app, ctx);
  registerLogRoutes(app, ctx);
  registerRoleRoutes(app, ctx);
  registerOrgMetadataRoute(app, ctx);
}
