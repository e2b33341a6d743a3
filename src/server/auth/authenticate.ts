import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Accounts, Principal } from '../../app/accounts/accounts.js';
import { HttpProblem } from '../problem.js';
import type { RouteAccess } from './access.js';

export const SESSION_COOKIE = 'oe_session';
/** Bearer secrets are long random strings; anything far longer is refused before touching the database. */
const MAX_CREDENTIAL_LENGTH = 200;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every route but the public ones, before validation and the handler run. */
    caller: Principal | null;
  }
}

/** The principal a route handler runs as; only public routes have none, and they do not call this. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.caller === null) throw new HttpProblem(401, 'UNAUTHENTICATED', 'Sign in or send an API token.');
  return request.caller;
}

/**
 * Authenticates and authorises every request in `onRequest`, before the body is read: an anonymous client cannot
 * make the server parse a large body, and a refused request changes nothing. Unknown routes need credentials too, so
 * an anonymous client learns nothing about which paths exist.
 */
export function registerAuthentication(app: FastifyInstance, accounts: Accounts): void {
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request, reply) => {
    const access: RouteAccess = request.routeOptions.config.access ?? 'signedIn';
    if (access === 'public') return;
    const principal = await identify(request, accounts);
    if (principal === undefined) {
      void reply.header('www-authenticate', 'Bearer');
      throw new HttpProblem(401, 'UNAUTHENTICATED', 'Sign in (POST /api/auth/login) or send an API token as Authorization: Bearer; a session ends after 30 minutes without use.');
    }
    request.caller = principal;
    if (access === 'signedIn') return;
    if (!access.roles.includes(principal.user.role)) {
      throw new HttpProblem(403, 'FORBIDDEN', `The ${principal.user.role} role may not do this (allowed: ${access.roles.join(', ')}).`);
    }
    if (access.write && !principal.canWrite) throw new HttpProblem(403, 'TOKEN_READ_ONLY', 'This API token is read-only: create a read-write token for changes.');
  });
  // Cookie-authenticated writes carry the CSRF token in `x-csrf-token`; API tokens are never sent by a browser on its
  // own, so they need none. The plugin answers a bad token itself (403 through the error handler).
  app.addHook('onRequest', (request, reply, done) => {
    const access = request.routeOptions.config.access;
    const needsCsrf = typeof access === 'object' && access.write && request.caller?.via.kind === 'session';
    if (needsCsrf) app.csrfProtection(request, reply, done);
    else done();
  });
}

async function identify(request: FastifyRequest, accounts: Accounts): Promise<Principal | undefined> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(authorization);
    if (match?.[1] === undefined || match[1].length > MAX_CREDENTIAL_LENGTH) return undefined;
    return accounts.tokenPrincipal(match[1]);
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined || cookie.length > MAX_CREDENTIAL_LENGTH) return undefined;
  return accounts.sessionPrincipal(cookie);
}
