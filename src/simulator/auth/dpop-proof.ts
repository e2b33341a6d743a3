import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, EmbeddedJWK } from 'jose';
import { isJwsAlgorithm, keyFitsAlgorithm } from './algorithms.js';
import { ALLOWED_CLOCK_SKEW_MS, decodeClaims, numericDateMs } from './jwt-claims.js';
import type { OAuthErrorId } from './oauth-errors.js';
import type { ReplayCache } from './replay-cache.js';

/** A proof older than this is rejected (`invalid_dpop_proof_jwt_too_old`). */
export const DPOP_PROOF_MAX_AGE_MS = 5 * 60_000;

/** What the request the proof travels with looks like. */
export interface DpopRequest {
  /** HTTP method, e.g. `GET`. */
  htm: string;
  /** The simulator's public URL of the request path, without query string. */
  htu: string;
  nowMs: number;
  /** On resource calls: the presented access token, whose SHA-256 must be the proof's `ath`. */
  accessToken?: string;
}

/** A client mistake worth counting in `/__sim/stats` (OKTA-API.md §13, pitfall 4). */
export interface ProtocolViolation {
  kind: string;
  detail: string;
}

export type DpopProofResult =
  | { ok: true; jkt: string; nonce: string | undefined }
  | { ok: false; id: OAuthErrorId; violation?: ProtocolViolation };

function fail(id: OAuthErrorId, violation?: ProtocolViolation): DpopProofResult {
  return violation === undefined ? { ok: false, id } : { ok: false, id, violation };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('base64url');
}

/**
 * Checks a `DPoP` header against RFC 9449 §4.3 as Okta applies it (https://developer.okta.com/docs/guides/dpop/):
 * typ, asymmetric alg, embedded public `jwk`, signature, `jti`, `htm`, `htu`, `iat` (≤ 5 min old), `ath` when a
 * token is presented, and single use of `jti`. The nonce and the token binding are the caller's business.
 */
export async function verifyDpopProof(
  headerValue: string | string[] | undefined,
  request: DpopRequest,
  replay: ReplayCache,
): Promise<DpopProofResult> {
  if (headerValue === undefined || headerValue === '') return fail('invalid_dpop_proof_missing_header');
  // Node joins repeated unknown headers with ", "; a compact JWS never contains a comma.
  if (Array.isArray(headerValue) || headerValue.includes(',')) return fail('invalid_dpop_proof_multiple_headers_not_allowed');
  const proof = headerValue.trim();

  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    return fail('invalid_dpop_proof_invalid_jwt');
  }
  if (header.typ !== 'dpop+jwt') return fail('invalid_dpop_proof_invalid_type');
  const alg = header.alg;
  if (!isJwsAlgorithm(alg)) return fail('invalid_dpop_proof_invalid_signature_algorithm');
  const jwk: unknown = header.jwk;
  if (!isRecord(jwk) || typeof jwk.kty !== 'string' || 'd' in jwk || !keyFitsAlgorithm({ ...jwk, kty: jwk.kty }, alg)) {
    return fail('invalid_dpop_proof');
  }

  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(proof, EmbeddedJWK, { algorithms: [alg] }));
  } catch {
    return fail('invalid_dpop_proof_invalid_signature');
  }
  const claims = decodeClaims(payload);
  if (claims === null) return fail('invalid_dpop_proof_invalid_jwt');

  const jti = claims.jti;
  if (typeof jti !== 'string' || jti === '') return fail('invalid_dpop_proof_invalid_jti');
  if (claims.htm !== request.htm) return fail('invalid_dpop_proof_invalid_htm');
  const htuCheck = checkHtu(claims.htu, request.htu);
  if (htuCheck !== null) return htuCheck;

  const iatMs = numericDateMs(claims, 'iat');
  if (iatMs === undefined) return fail('invalid_dpop_proof_invalid_iat');
  if (iatMs > request.nowMs + ALLOWED_CLOCK_SKEW_MS) return fail('invalid_dpop_proof_jwt_issued_in_future');
  if (iatMs < request.nowMs - DPOP_PROOF_MAX_AGE_MS) return fail('invalid_dpop_proof_jwt_too_old');

  if (request.accessToken !== undefined && claims.ath !== accessTokenHash(request.accessToken)) {
    return fail('dpop_proof_invalid_ath');
  }

  const jkt = await calculateJwkThumbprint(jwk, 'sha256');
  // A proof is acceptable until it is too old, so that is how long its jti must be remembered.
  if (!replay.use(`${jkt}:${jti}`, iatMs + DPOP_PROOF_MAX_AGE_MS + ALLOWED_CLOCK_SKEW_MS, request.nowMs)) {
    return fail('dpop_proof_already_used');
  }
  return { ok: true, jkt, nonce: typeof claims.nonce === 'string' ? claims.nonce : undefined };
}

/**
 * `htu` must be the request URL without query and fragment (RFC 9449 §4.3). Okta rejects a proof whose `htu`
 * carries the query string, which broke SDKs from page 2 on (okta/okta-sdk-golang#468, okta/okta-sdk-nodejs#453).
 */
function checkHtu(htu: unknown, expected: string): DpopProofResult | null {
  if (typeof htu !== 'string') return fail('invalid_dpop_proof_invalid_htu');
  let url: URL;
  try {
    url = new URL(htu);
  } catch {
    return fail('invalid_dpop_proof_invalid_htu');
  }
  if (url.search !== '' || htu.includes('?')) {
    return fail('invalid_dpop_proof_invalid_htu', {
      kind: 'dpop-htu-query-string',
      detail: `DPoP proof htu carries a query string (${htu}); Okta rejects it with invalid_dpop_proof`,
    });
  }
  const want = new URL(expected);
  if (url.hash !== '' || url.origin !== want.origin || url.pathname !== want.pathname) return fail('invalid_dpop_proof_invalid_htu');
  return null;
}
