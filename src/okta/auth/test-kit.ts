/**
 * Test helpers for the OAuth strategy tests: a scripted token endpoint (an injected `FetchToken`), a fake clock and
 * one shared signing key. Not used by the client itself.
 */
import { EmbeddedJWK, generateKeyPair, jwtVerify, type JWTPayload } from 'jose';
import { randomUUID, type webcrypto } from 'node:crypto';
import { createOAuthAuth, type OAuthAuthOptions } from './oauth.js';
import type { FetchToken, TokenHttpResponse } from './token-fetch.js';

export const TOKEN_URL = 'https://company.okta.com/oauth2/v1/token';
export const CLIENT_ID = '0oa1example2client3';
export const KEY_ID = 'kid-example-1';
export const START_MS = Date.parse('2026-06-01T12:00:00Z');

export interface FakeClock {
  now: number;
  advance(ms: number): void;
}

export function fakeClock(start = START_MS): FakeClock {
  return {
    now: start,
    advance(ms) {
      this.now += ms;
    },
  };
}

let signingKey: Promise<{ privateKey: webcrypto.CryptoKey; publicKey: webcrypto.CryptoKey }> | undefined;

/** One ES256 client key for all tests (fast to generate). */
export function clientKey(): Promise<{ privateKey: webcrypto.CryptoKey; publicKey: webcrypto.CryptoKey }> {
  signingKey ??= generateKeyPair('ES256');
  return signingKey;
}

export interface SeenTokenRequest {
  url: string;
  headers: Record<string, string>;
  form: URLSearchParams;
  /** The decoded DPoP proof claims, when the request carried one. */
  proof: JWTPayload | undefined;
  proofJwt: string | undefined;
  assertion: string;
}

export type TokenReply = TokenHttpResponse | ((request: SeenTokenRequest) => TokenHttpResponse | Promise<TokenHttpResponse>);

export function json(status: number, body: unknown, headers: Record<string, string> = {}): TokenHttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A successful token response with a new JWT-shaped (unsigned, fake) access token on every call. */
export function tokenReply(tokenType: 'DPoP' | 'Bearer', expiresIn = 3600, headers: Record<string, string> = {}): () => TokenHttpResponse {
  return () => {
    const accessToken = `${base64url({ kid: 'example', alg: 'RS256' })}.${base64url({ sub: CLIENT_ID, jti: randomUUID() })}.fake-signature`;
    return json(200, { token_type: tokenType, expires_in: expiresIn, access_token: accessToken, scope: 'okta.users.read' }, headers);
  };
}

/**
 * A token endpoint that answers with `replies` in order (the last one repeats) and records every request. A proof is
 * verified against the key it embeds, as Okta does.
 */
export function scriptedTokenEndpoint(...replies: TokenReply[]): { fetchToken: FetchToken; seen: SeenTokenRequest[] } {
  const seen: SeenTokenRequest[] = [];
  const fetchToken: FetchToken = async (url, init) => {
    const form = new URLSearchParams(init.body);
    const proofJwt = init.headers.DPoP;
    const proof = proofJwt === undefined ? undefined : (await jwtVerify(proofJwt, EmbeddedJWK, { typ: 'dpop+jwt' })).payload;
    const request: SeenTokenRequest = { url, headers: init.headers, form, proof, proofJwt, assertion: form.get('client_assertion') ?? '' };
    seen.push(request);
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
    if (reply === undefined) throw new Error('no scripted reply');
    return typeof reply === 'function' ? reply(request) : reply;
  };
  return { fetchToken, seen };
}

export async function oauthFor(fetchToken: FetchToken, options: Partial<OAuthAuthOptions> = {}) {
  const { privateKey } = await clientKey();
  return createOAuthAuth({ tokenUrl: TOKEN_URL, clientId: CLIENT_ID, privateKey, alg: 'ES256', keyId: KEY_ID, fetchToken, ...options });
}
