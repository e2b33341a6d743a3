import type { preHandlerAsyncHookHandler } from 'fastify';
import type { SimContext } from '../context.js';
import { sendResourceChallenge } from './challenge.js';
import { publicUrl, requestPath } from './public-url.js';
import { grantsScope } from './scopes.js';

/**
 * The `preHandler` hook: an OAuth principal must hold the scope the route declares in `config.scope`
 * (OKTA-API.md §1.3). SSWS principals carry every read scope, so they pass; their admin role is not modelled here.
 *
 * Whether Okta answers a missing scope with the OAuth challenge or with E0000006 is UNCERTAIN (OKTA-API.md §12).
 * The simulator sends both: 403, `WWW-Authenticate: Bearer|DPoP … error="insufficient_scope"` and an E0000006 body.
 */
export function requireScopeHook(ctx: SimContext): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    const required = request.routeOptions.config.scope;
    const principal = request.principal;
    if (required === undefined || principal?.kind !== 'oauth' || grantsScope(principal.scopes, required)) return undefined;
    const target = {
      scheme: principal.dpopJkt === null ? ('Bearer' as const) : ('DPoP' as const),
      baseUrl: publicUrl(ctx, request, ''),
      scope: required,
      resource: requestPath(request),
    };
    return sendResourceChallenge(reply, target, 'access_token_insufficient_scopes');
  };
}
