import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Principal, SimContext } from '../context.js';
import { sendOktaError } from '../okta-errors.js';
import { recordViolation } from '../stats.js';
import { sendResourceChallenge, type TokenScheme } from './challenge.js';
import { verifyDpopProof, type ProtocolViolation } from './dpop-proof.js';
import type { OAuthErrorId } from './oauth-errors.js';
import { publicUrl, requestPath } from './public-url.js';
import { isKnownSswsToken, sswsTokenId } from './ssws.js';
import type { AuthState } from './state.js';

type Authentication =
  | { ok: true; principal: Principal; /** what the revocation fault counts on */ credentialKey: string; scheme: TokenScheme | 'SSWS' }
  /** A bad, unknown or missing credential without an OAuth challenge: 401 E0000011. */
  | { ok: false; failure: 'invalid-credential' }
  | { ok: false; failure: 'oauth'; id: OAuthErrorId; scheme: TokenScheme; violation?: ProtocolViolation };

const INVALID_CREDENTIAL: Authentication = { ok: false, failure: 'invalid-credential' };

export function isManagementApiPath(path: string): boolean {
  return path === '/api/v1' || path.startsWith('/api/v1/');
}

/**
 * The `onRequest` hook: every `/api/v1` request must carry `SSWS <api token>`, `Bearer <access token>` or
 * `DPoP <access token>` plus a `DPoP` proof (https://developer.okta.com/docs/reference/core-okta-api/#authentication).
 * On success it sets `request.principal`; everything else under /api/v1 is answered here.
 */
export function authenticationHook(ctx: SimContext, state: AuthState): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const path = requestPath(request);
    if (!isManagementApiPath(path)) return;
    const nowMs = ctx.clock();
    const result = await authenticate(request, ctx, state, path, nowMs);

    if (!result.ok) {
      if (result.failure === 'invalid-credential') return sendOktaError(reply, 'E0000011');
      if (result.violation) recordViolation(ctx.stats, result.violation.kind, result.violation.detail, nowMs);
      return challenge(reply, request, ctx, path, result.scheme, result.id);
    }
    if (!state.usage.tryUse(result.credentialKey, ctx.options.faults.revokeTokenAfterRequests)) {
      return result.scheme === 'SSWS'
        ? sendOktaError(reply, 'E0000011')
        : challenge(reply, request, ctx, path, result.scheme, 'access_token_revoked');
    }
    request.principal = result.principal;
    return undefined;
  };
}

function challenge(
  reply: FastifyReply,
  request: FastifyRequest,
  ctx: SimContext,
  path: string,
  scheme: TokenScheme,
  id: OAuthErrorId,
): FastifyReply {
  const target = { scheme, baseUrl: publicUrl(ctx, request, ''), scope: request.routeOptions.config.scope, resource: path };
  return sendResourceChallenge(reply, target, id);
}

async function authenticate(request: FastifyRequest, ctx: SimContext, state: AuthState, path: string, nowMs: number): Promise<Authentication> {
  const match = /^(\S+)\s+(\S+)\s*$/.exec(request.headers.authorization ?? '');
  if (match === null) return INVALID_CREDENTIAL;
  const [, scheme = '', credential = ''] = match;

  switch (scheme.toLowerCase()) {
    case 'ssws': {
      if (!isKnownSswsToken(ctx.org, credential)) return INVALID_CREDENTIAL;
      const tokenId = sswsTokenId(credential);
      return { ok: true, principal: { kind: 'ssws', tokenId }, credentialKey: tokenId, scheme: 'SSWS' };
    }
    case 'bearer':
      return authenticateAccessToken(request, ctx, state, { token: credential, scheme: 'Bearer', path, nowMs });
    case 'dpop':
      return authenticateAccessToken(request, ctx, state, { token: credential, scheme: 'DPoP', path, nowMs });
    default:
      return INVALID_CREDENTIAL;
  }
}

function oauthFailure(id: OAuthErrorId, scheme: TokenScheme, violation?: ProtocolViolation): Authentication {
  return violation === undefined ? { ok: false, failure: 'oauth', id, scheme } : { ok: false, failure: 'oauth', id, scheme, violation };
}

/**
 * Access tokens from the org authorization server. A DPoP-bound token must come with the DPoP scheme and a fresh
 * proof for this request, signed by the bound key (https://developer.okta.com/docs/guides/dpop/oktaresourceserver/main/).
 */
async function authenticateAccessToken(
  request: FastifyRequest,
  ctx: SimContext,
  state: AuthState,
  presented: { token: string; scheme: TokenScheme; path: string; nowMs: number },
): Promise<Authentication> {
  const found = state.tokens.lookup(presented.token, presented.nowMs);
  if (found.status === 'unknown') return oauthFailure('access_token_invalid', presented.scheme);
  if (found.status === 'expired') return oauthFailure('token_expired', presented.scheme);
  const record = found.record;

  if (presented.scheme === 'Bearer' && record.jkt !== null) return oauthFailure('dpop_authentication_scheme_required', 'DPoP');
  if (presented.scheme === 'DPoP') {
    if (record.jkt === null) return oauthFailure('access_token_not_dpop_bound', 'Bearer');
    if (request.headers.dpop === undefined) return oauthFailure('dpop_proof_required_for_token', 'DPoP');
    const proof = await verifyDpopProof(
      request.headers.dpop,
      { htm: request.method, htu: publicUrl(ctx, request, presented.path), nowMs: presented.nowMs, accessToken: presented.token },
      state.proofJtis,
    );
    if (!proof.ok) return oauthFailure(proof.id, 'DPoP', proof.violation);
    if (proof.jkt !== record.jkt) return oauthFailure('invalid_access_token_dpop_binding', 'DPoP');
  }

  return {
    ok: true,
    // The per-app rate-limit share (50 % by default) belongs to the service app, not to one access token, so the
    // rate limiter's key is the client id: fetching a new token must not reset the share.
    principal: { kind: 'oauth', tokenId: record.clientId, clientId: record.clientId, scopes: record.scopes, dpopJkt: record.jkt },
    credentialKey: record.id,
    scheme: presented.scheme,
  };
}
