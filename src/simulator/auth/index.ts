import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../context.js';
import { authenticationHook } from './authenticate.js';
import { requireScopeHook } from './require-scope.js';
import { newAuthState } from './state.js';
import { registerTokenEndpoint } from './token-endpoint.js';

/**
 * Authentication for the simulated org: SSWS API tokens and OAuth 2.0 service apps (client credentials with
 * `private_key_jwt`, optionally DPoP-bound), as in OKTA-API.md §1. Registers
 * - an `onRequest` hook that authenticates every `/api/v1` request and sets `request.principal`,
 * - a `preHandler` hook that enforces the route's `config.scope` for OAuth principals,
 * - `POST /oauth2/v1/token`.
 * Other paths (e.g. `/__sim/stats`) are left alone. All state lives in this registration, none in the module.
 */
export function registerAuth(app: FastifyInstance, ctx: SimContext): void {
  const state = newAuthState();
  app.addHook('onRequest', authenticationHook(ctx, state));
  app.addHook('preHandler', requireScopeHook(ctx));
  registerTokenEndpoint(app, ctx, state);
}
