import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimContext } from '../context.js';
import { sendOAuthError } from '../okta-errors.js';
import { recordViolation } from '../stats.js';
import { ACCESS_TOKEN_LIFETIME_S } from './access-tokens.js';
import { CLIENT_ASSERTION_TYPE, verifyClientAssertion } from './client-assertion.js';
import { verifyDpopProof } from './dpop-proof.js';
import { formFields, registerFormParser } from './form-body.js';
import { OAUTH_ERRORS, type OAuthErrorId } from './oauth-errors.js';
import { publicUrl } from './public-url.js';
import { grantScopes } from './scopes.js';
import type { AuthState } from './state.js';

/** The org authorization server's token endpoint, the only one that mints tokens with Okta API scopes. */
export const TOKEN_PATH = '/oauth2/v1/token';

/** Token responses must not be cached (RFC 6749 §5.1); Okta sends both headers on errors as well. */
const NO_STORE = { 'cache-control': 'no-cache, no-store', pragma: 'no-cache' };

export interface TokenResponse {
  token_type: 'Bearer' | 'DPoP';
  expires_in: number;
  access_token: string;
  scope: string;
}

function sendTokenError(reply: FastifyReply, id: OAuthErrorId, headers: Record<string, string> = {}): FastifyReply {
  const { status, error, description } = OAUTH_ERRORS[id];
  return sendOAuthError(reply, status, error, description, { ...NO_STORE, ...headers });
}

/**
 * `POST /oauth2/v1/token` for service apps: `client_credentials` with `private_key_jwt` only, DPoP when the app
 * requires it (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/,
 * https://developer.okta.com/docs/guides/dpop/oktaresourceserver/main/). Error bodies never echo the assertion.
 */
export function registerTokenEndpoint(app: FastifyInstance, ctx: SimContext, state: AuthState): void {
  registerFormParser(app);
  app.post(TOKEN_PATH, async (request, reply) => handleTokenRequest(request, reply, ctx, state));
}

async function handleTokenRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: SimContext,
  state: AuthState,
): Promise<FastifyReply | TokenResponse> {
  ctx.stats.tokenRequests += 1;
  const nowMs = ctx.clock();

  const isForm = request.headers['content-type']?.toLowerCase().startsWith('application/x-www-form-urlencoded') ?? false;
  const form = isForm ? formFields(request.body) : null;
  if (form === null) return sendTokenError(reply, 'invalid_request_body');
  if ([...form.values()].some((values) => values.length > 1)) return sendTokenError(reply, 'duplicate_oauth_params');
  const field = (name: string): string | undefined => form.get(name)?.[0];

  // Client authentication: the org authorization server accepts only private_key_jwt for client credentials.
  if (field('client_secret') !== undefined || /^basic\s/i.test(request.headers.authorization ?? '')) {
    return sendTokenError(reply, 'unsupported_auth_method_client_creds');
  }
  const assertion = field('client_assertion');
  if (assertion === undefined || assertion === '') return sendTokenError(reply, 'missing_client_credentials');
  if (field('client_assertion_type') !== CLIENT_ASSERTION_TYPE) return sendTokenError(reply, 'client_assertion_type_invalid');
  const authenticated = await verifyClientAssertion(assertion, {
    clients: ctx.org.oauthClients,
    audience: publicUrl(ctx, request, TOKEN_PATH),
    clientIdParam: field('client_id'),
    nowMs,
    replay: state.assertionJtis,
  });
  if (!authenticated.ok) return sendTokenError(reply, authenticated.id);
  const client = authenticated.client;

  const grantType = field('grant_type');
  if (grantType === undefined) return sendTokenError(reply, 'token_request_missing_grant_type');
  if (grantType !== 'client_credentials') return sendTokenError(reply, 'unsupported_grant_type');

  // A client that does not require DPoP gets a Bearer token even if it sends a proof (the proof is ignored).
  let jkt: string | null = null;
  if (client.requireDpop) {
    const proof = await verifyDpopProof(request.headers.dpop, { htm: 'POST', htu: publicUrl(ctx, request, TOKEN_PATH), nowMs }, state.proofJtis);
    if (!proof.ok) {
      if (proof.violation) recordViolation(ctx.stats, proof.violation.kind, proof.violation.detail, nowMs);
      return sendTokenError(reply, proof.id);
    }
    // A missing, unknown or lapsed nonce is answered with a fresh one (RFC 9449 §8).
    if (proof.nonce === undefined || !state.nonces.isValid(proof.nonce, nowMs)) {
      return sendTokenError(reply, 'use_dpop_nonce', { 'dpop-nonce': state.nonces.current(nowMs) });
    }
    jkt = proof.jkt;
  }

  const scopes = grantScopes(field('scope'), client.scopes);
  if (!scopes.ok) return sendTokenError(reply, scopes.id);

  const { accessToken } = state.tokens.issue({ clientId: client.clientId, scopes: scopes.scopes, jkt }, nowMs);
  void reply.headers(NO_STORE);
  return {
    token_type: jkt === null ? 'Bearer' : 'DPoP',
    expires_in: ACCESS_TOKEN_LIFETIME_S,
    access_token: accessToken,
    scope: scopes.scopes.join(' '),
  };
}
