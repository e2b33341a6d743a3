import type { ServerRole } from '../../app/accounts/types.js';

/**
 * What a route requires, declared on every route (`config.access`); a route without one does not start (see
 * `server.ts`). `public`: no credentials. `signedIn`: any role. Otherwise the roles allowed, and whether the
 * operation changes anything (then a read-only API token is refused, and a cookie session must send its CSRF token).
 */
export type RouteAccess = 'public' | 'signedIn' | { roles: readonly ServerRole[]; write: boolean };

export const READERS = ['admin', 'auditor'] as const satisfies readonly ServerRole[];
export const ADMINS = ['admin'] as const satisfies readonly ServerRole[];
/** Reviews: a reviewer sees and attests only the apps assigned to them (checked by the handler). */
export const REVIEWERS = ['admin', 'auditor', 'reviewer'] as const satisfies readonly ServerRole[];

export const read = (roles: readonly ServerRole[] = READERS): RouteAccess => ({ roles, write: false });
export const write = (roles: readonly ServerRole[] = ADMINS): RouteAccess => ({ roles, write: true });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
