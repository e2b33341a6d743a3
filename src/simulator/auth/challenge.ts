import type { FastifyReply } from 'fastify';
import { oktaErrorBody } from '../okta-errors.js';
import { JWS_ALGORITHMS } from './algorithms.js';
import { OAUTH_ERRORS, type OAuthErrorId } from './oauth-errors.js';

export type TokenScheme = 'Bearer' | 'DPoP';

/** Where a resource-call challenge points: what Okta puts in `WWW-Authenticate` besides the error. */
export interface ChallengeTarget {
  scheme: TokenScheme;
  /** Public base URL of the org, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** The scope the endpoint needs, when it declares one. */
  scope: string | undefined;
  /** The request path without query, e.g. `/api/v1/users`. */
  resource: string;
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * A `WWW-Authenticate` challenge in the shape Okta sends on management API calls, e.g. (okta/okta-sdk-nodejs#453):
 * `DPoP algs="RS256 … ES512", authorization_uri="https://{org}/oauth2/v1/authorize", realm="https://{org}",
 * scope="okta.groups.read", error="invalid_dpop_proof", error_description="…", resource="/api/v1/groups/…/users"`.
 * `algs` is only part of the DPoP scheme (RFC 9449 §7.1).
 */
export function wwwAuthenticate(target: ChallengeTarget, id: OAuthErrorId): string {
  const { error, description } = OAUTH_ERRORS[id];
  const params: [string, string][] = [];
  if (target.scheme === 'DPoP') params.push(['algs', JWS_ALGORITHMS.join(' ')]);
  params.push(['authorization_uri', `${target.baseUrl}/oauth2/v1/authorize`], ['realm', target.baseUrl]);
  if (target.scope !== undefined) params.push(['scope', target.scope]);
  params.push(['error', error], ['error_description', description], ['resource', target.resource]);
  return `${target.scheme} ${params.map(([k, v]) => `${k}=${quoted(v)}`).join(', ')}`;
}

/**
 * Answers a resource call that failed at the OAuth layer, with the challenge header and a body.
 *
 * Body choice (OKTA-API.md §12 marks it UNCERTAIN; clients must read the header and handle both body shapes):
 * - `invalid_token` (401): Okta's E0000011 body, as the management API answers a bad or expired token;
 * - `insufficient_scope` (403): Okta's E0000006 body, not the OAuth `{error}` body;
 * - DPoP proof and scheme errors (400): the OAuth `{error, error_description}` body.
 */
export function sendResourceChallenge(reply: FastifyReply, target: ChallengeTarget, id: OAuthErrorId): FastifyReply {
  const entry = OAUTH_ERRORS[id];
  const body =
    entry.error === 'invalid_token'
      ? oktaErrorBody('E0000011')
      : entry.error === 'insufficient_scope'
        ? oktaErrorBody('E0000006')
        : { error: entry.error, error_description: entry.description };
  return reply.code(entry.status).header('www-authenticate', wwwAuthenticate(target, id)).type('application/json').send(body);
}
