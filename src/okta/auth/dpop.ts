import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * DPoP (RFC 9449) as Okta's management APIs use it (https://developer.okta.com/docs/guides/dpop/oktaresourceserver/main/).
 * The proof key is ephemeral and separate from the client-assertion key, as Okta's guide says ("The JWK that's used
 * for DPoP authentication is separate from the JWK used for client authentication"); a new key per strategy means a
 * stolen access token is useless outside this process.
 */
const DPOP_ALG = 'ES256';

export interface DpopProofInput {
  /** HTTP method of the request the proof is for. */
  method: string;
  /** The full request URL; the query string and fragment are removed for `htu`. */
  url: string;
  nowMs: number;
  /** The latest `DPoP-Nonce` the server that receives this request gave us. */
  nonce?: string | undefined;
  /** Set on resource requests: binds the proof to the token through `ath`. */
  accessToken?: string | undefined;
}

export interface DpopKey {
  /** The public half, embedded in every proof header. */
  readonly publicJwk: JWK;
  /** A new proof: fresh `jti` and `iat` on every call, never reused. */
  createProof(input: DpopProofInput): Promise<string>;
}

/**
 * `htu` is the request URI without query and fragment (RFC 9449 §4.2). Okta rejects a proof whose `htu` carries the
 * query string, which broke several SDKs from page 2 on, where the `next` link adds `after=`
 * (okta/okta-sdk-golang#468, okta/okta-sdk-nodejs#453).
 */
export function dpopHtu(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}

/** `ath`: base64url of the SHA-256 of the access token's ASCII bytes (RFC 9449 §4.2). */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest('base64url');
}

/** Generates the ephemeral P-256 proof key. The private half is not extractable. */
export async function createDpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair(DPOP_ALG);
  const { kty, crv, x, y } = await exportJWK(publicKey);
  const publicJwk: JWK = { kty, crv, x, y };
  return {
    publicJwk,
    createProof: (input) => {
      const claims: Record<string, string> = { htm: input.method.toUpperCase(), htu: dpopHtu(input.url), jti: randomUUID() };
      if (input.nonce !== undefined) claims.nonce = input.nonce;
      if (input.accessToken !== undefined) claims.ath = accessTokenHash(input.accessToken);
      return new SignJWT(claims)
        .setProtectedHeader({ typ: 'dpop+jwt', alg: DPOP_ALG, jwk: publicJwk })
        .setIssuedAt(Math.floor(input.nowMs / 1000))
        .sign(privateKey);
    },
  };
}

export interface DpopChallenge {
  error: string | undefined;
  errorDescription: string | undefined;
}

function authParam(text: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}=(?:"([^"]*)"|([^\\s,]+))`).exec(text);
  return match === null ? undefined : (match[1] ?? match[2]);
}

/**
 * Reads the DPoP challenge from a `WWW-Authenticate` header, e.g.
 * `DPoP algs="RS256 … ES512", error="use_dpop_nonce", error_description="…"`. Undefined when there is no DPoP challenge.
 */
export function parseDpopChallenge(wwwAuthenticate: string | undefined): DpopChallenge | undefined {
  if (wwwAuthenticate === undefined) return undefined;
  const start = wwwAuthenticate.search(/(?:^|[\s,])DPoP(?:\s|$)/i);
  if (start === -1) return undefined;
  const params = wwwAuthenticate.slice(start);
  return { error: authParam(params, 'error'), errorDescription: authParam(params, 'error_description') };
}
