import type { JsonWebKeyLike } from '../org/types.js';

/**
 * The signing algorithms Okta accepts for client assertions and DPoP proofs
 * (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/#create-and-sign-the-jwt).
 * The same list is advertised in the `algs` parameter of DPoP challenges.
 */
export const JWS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'] as const;
export type JwsAlgorithm = (typeof JWS_ALGORITHMS)[number];

export function isJwsAlgorithm(alg: unknown): alg is JwsAlgorithm {
  return typeof alg === 'string' && (JWS_ALGORITHMS as readonly string[]).includes(alg);
}

const EC_CURVES: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

/** Whether a JWK can verify signatures made with `alg` (RSA for RS*, the matching EC curve for ES*). */
export function keyFitsAlgorithm(jwk: JsonWebKeyLike, alg: JwsAlgorithm): boolean {
  if (alg.startsWith('RS')) return jwk.kty === 'RSA';
  return jwk.kty === 'EC' && jwk.crv === EC_CURVES[alg];
}
