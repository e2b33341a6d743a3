import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { JsonWebKeyLike, SimOAuthClient } from '../org/types.js';
import { isJwsAlgorithm, keyFitsAlgorithm, type JwsAlgorithm } from './algorithms.js';
import { ALLOWED_CLOCK_SKEW_MS, numericDateMs } from './jwt-claims.js';
import type { OAuthErrorId } from './oauth-errors.js';
import type { ReplayCache } from './replay-cache.js';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** `exp` may be at most one hour ahead (`client_assertion_expires_too_far_in_future`). */
export const MAX_ASSERTION_LIFETIME_MS = 60 * 60_000;

export interface AssertionCheck {
  clients: readonly SimOAuthClient[];
  /** The token endpoint's full public URL; `aud` must be exactly this. */
  audience: string;
  /** The `client_id` form parameter, when the client sent one. */
  clientIdParam: string | undefined;
  nowMs: number;
  replay: ReplayCache;
}

export type AssertionResult = { ok: true; client: SimOAuthClient } | { ok: false; id: OAuthErrorId };

const fail = (id: OAuthErrorId): AssertionResult => ({ ok: false, id });

/**
 * Authenticates a service app by its `private_key_jwt` client assertion
 * (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/#create-and-sign-the-jwt).
 * Every failure maps to one of Okta's `invalid_client` sub-reasons.
 */
export async function verifyClientAssertion(assertion: string, check: AssertionCheck): Promise<AssertionResult> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(assertion);
    claims = decodeJwt(assertion);
  } catch {
    return fail('client_assertion_invalid_jwt');
  }

  const client = check.clients.find((c) => c.clientId === claims.iss);
  if (client === undefined) return fail('client_assertion_invalid_issuer');
  if (check.clientIdParam !== undefined && check.clientIdParam !== client.clientId) return fail('invalid_client_id');
  if (claims.sub !== client.clientId) return fail('client_assertion_invalid_subject');

  const alg = header.alg;
  if (!isJwsAlgorithm(alg)) return fail('client_assertion_invalid_signature_algorithm');
  const keys = keysForKid(client.publicKeys, header.kid);
  if (keys.length === 0) return fail('client_assertion_invalid_kid');
  if (!(await verifiesWithAny(assertion, keys, alg))) return fail('client_assertion_invalid_signature');

  const aud = claims.aud;
  if (!(aud === check.audience || (Array.isArray(aud) && aud.includes(check.audience)))) return fail('client_assertion_invalid_audience');

  const expMs = numericDateMs(claims, 'exp');
  if (expMs === undefined) return fail('client_assertion_expiration_required');
  if (expMs <= check.nowMs) return fail('client_assertion_expired_token');
  if (expMs > check.nowMs + MAX_ASSERTION_LIFETIME_MS) return fail('client_assertion_expires_too_far_in_future');
  const iatMs = numericDateMs(claims, 'iat');
  if (iatMs !== undefined && iatMs > check.nowMs + ALLOWED_CLOCK_SKEW_MS) return fail('client_assertion_issued_at_in_future');

  // `jti` is optional; when present the assertion is single-use until it expires.
  if (claims.jti !== undefined && !check.replay.use(`${client.clientId}:${claims.jti}`, expMs, check.nowMs)) {
    return fail('client_assertion_already_used');
  }
  return { ok: true, client };
}

/**
 * The registered keys a `kid` may select. A key registered without a kid (a PEM has none) stays a candidate for
 * any kid, since the client cannot know a kid the simulator never assigned.
 */
function keysForKid(keys: readonly JsonWebKeyLike[], kid: string | undefined): JsonWebKeyLike[] {
  return kid === undefined ? [...keys] : keys.filter((k) => k.kid === undefined || k.kid === kid);
}

async function verifiesWithAny(assertion: string, keys: readonly JsonWebKeyLike[], alg: JwsAlgorithm): Promise<boolean> {
  for (const jwk of keys) {
    if (!keyFitsAlgorithm(jwk, alg)) continue;
    try {
      const key = await importJWK(jwk as JWK, alg);
      await compactVerify(assertion, key, { algorithms: [alg] });
      return true;
    } catch {
      // Wrong key or bad signature: try the next key.
    }
  }
  return false;
}
