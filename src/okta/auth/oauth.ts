import type { Dispatcher } from 'undici';
import { isLoopbackHost } from '../domain.js';
import { OktaClientError } from '../errors.js';
import { SecretRegistry } from '../redact.js';
import { isOAuthSigningAlg, signingKeyProblem, type OAuthSigningAlg, type SigningKey } from './client-assertion.js';
import { createDpopKey, parseDpopChallenge, type DpopKey } from './dpop.js';
import { headerValue } from './headers.js';
import { parseOAuthErrorBody } from './oauth-errors.js';
import { createTokenRequester, type DpopMode, type IssuedToken } from './oauth-token-request.js';
import { createUndiciFetchToken, type FetchToken } from './token-fetch.js';
import type { AuthStrategy } from './types.js';

export type { DpopMode } from './oauth-token-request.js';

/** The read scopes the collector needs (OKTA-API §1.3); factors come under `okta.users.read`. */
export const DEFAULT_OAUTH_SCOPES = [
  'okta.users.read',
  'okta.groups.read',
  'okta.apps.read',
  'okta.policies.read',
  'okta.logs.read',
  'okta.roles.read',
] as const;

export interface OAuthAuthOptions {
  /** `https://{org}/oauth2/v1/token` (see `oauthTokenUrl`): the org authorization server, the only one that mints Okta API scopes. */
  tokenUrl: string;
  clientId: string;
  privateKey: SigningKey;
  alg: OAuthSigningAlg;
  /** The `kid` of the public key registered on the app. */
  keyId?: string | undefined;
  /** Defaults to `DEFAULT_OAUTH_SCOPES`. Read scopes only: the collector never writes. */
  scopes?: readonly string[] | undefined;
  /** Defaults to `'auto'`. */
  dpop?: DpopMode | undefined;
  /** Defaults to undici `request` through `dispatcher`. */
  fetchToken?: FetchToken | undefined;
  dispatcher?: Dispatcher | undefined;
  /** Milliseconds since the epoch. */
  now?: (() => number) | undefined;
  secrets?: SecretRegistry | undefined;
  tokenRequestTimeoutMs?: number | undefined;
}

/** The token endpoint for an org base URL (`https://{domain}` or the base-URL override). */
export function oauthTokenUrl(orgBaseUrl: URL): string {
  return `${orgBaseUrl.origin}${orgBaseUrl.pathname.replace(/\/+$/, '')}/oauth2/v1/token`;
}

/**
 * When to fetch the next token, in seconds after issue: five minutes before expiry or at 80 % of the lifetime,
 * whichever is earlier, but never before half the lifetime (a very short lifetime would otherwise mean a token
 * request per call).
 */
export function refreshAfterSeconds(expiresInSeconds: number): number {
  return Math.max(Math.min(expiresInSeconds * 0.8, expiresInSeconds - 300), expiresInSeconds * 0.5);
}

function configError(message: string): OktaClientError {
  return new OktaClientError('OKTA_AUTH_CONFIG_INVALID', message);
}

function validateTokenUrl(tokenUrl: string): void {
  let url: URL;
  try {
    url = new URL(tokenUrl);
  } catch {
    throw configError('the OAuth token URL must be an absolute URL such as https://company.okta.com/oauth2/v1/token');
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!secure) throw configError('the OAuth token URL must use https:// (http:// only for a loopback simulator)');
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw configError('the OAuth token URL must not contain credentials, a query string or a fragment');
  }
}

function validateScopes(scopes: readonly string[]): void {
  if (scopes.length === 0) throw configError(`no OAuth scopes requested: request the read scopes, e.g. ${DEFAULT_OAUTH_SCOPES.join(' ')}`);
  for (const scope of scopes) {
    if (!/^[A-Za-z0-9._:-]+$/.test(scope)) throw configError(`OAuth scope ${JSON.stringify(scope)} is malformed: scopes look like okta.users.read`);
    // Least privilege: the collector only reads, and `.manage` scopes would let a leaked token change the org.
    if (scope.endsWith('.manage')) throw configError(`OAuth scope ${scope} grants write access: request ${scope.replace(/\.manage$/, '.read')} instead`);
  }
}

function validateOptions(options: OAuthAuthOptions, scopes: readonly string[]): void {
  validateTokenUrl(options.tokenUrl);
  if (!/^\S+$/.test(options.clientId)) throw configError('the OAuth client id is empty or contains spaces: copy it from the app\'s General tab');
  if (!isOAuthSigningAlg(options.alg)) throw configError(`the signing algorithm must be one of RS256, RS384, RS512, ES256, ES384, ES512`);
  if (options.keyId !== undefined && !/^\S+$/.test(options.keyId)) throw configError('the key id (kid) is empty or contains spaces');
  const problem = signingKeyProblem(options.privateKey, options.alg);
  if (problem !== undefined) throw configError(`the OAuth private key cannot sign ${options.alg} client assertions: ${problem}`);
  validateScopes(scopes);
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  const aborted = () => new OktaClientError('OKTA_ABORTED', 'the request was cancelled while waiting for an OAuth access token');
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

interface CachedToken extends IssuedToken {
  refreshAtMs: number;
}

/**
 * OAuth 2.0 for Okta with a service app: client credentials with a `private_key_jwt` assertion, optionally
 * DPoP-bound (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/). Tokens are cached and
 * fetched single-flight: however many requests need one at once, one token request goes out.
 */
export function createOAuthAuth(options: OAuthAuthOptions): AuthStrategy {
  const scopes = [...(options.scopes ?? DEFAULT_OAUTH_SCOPES)];
  validateOptions(options, scopes);
  const registry = options.secrets ?? new SecretRegistry();
  const now = options.now ?? Date.now;
  let dpopKeyPromise: Promise<DpopKey> | undefined;
  const dpopKey = (): Promise<DpopKey> => (dpopKeyPromise ??= createDpopKey());
  const tokens = createTokenRequester({
    tokenUrl: options.tokenUrl,
    clientId: options.clientId,
    privateKey: options.privateKey,
    alg: options.alg,
    keyId: options.keyId,
    scopes,
    dpop: options.dpop ?? 'auto',
    dpopKey,
    fetchToken: options.fetchToken ?? createUndiciFetchToken(options.dispatcher),
    now,
    registry,
    timeoutMs: options.tokenRequestTimeoutMs ?? 30_000,
  });

  let cached: CachedToken | undefined;
  let inflight: Promise<CachedToken> | undefined;
  /** The resource server's own DPoP nonce, kept apart from the authorization server's (RFC 9449 §9). */
  let resourceNonce: string | undefined;
  /** The scheme of the latest token, kept when a rejected token is dropped so a late nonce challenge is still understood. */
  let scheme: IssuedToken['scheme'] | undefined;

  function currentToken(): Promise<CachedToken> {
    if (cached !== undefined && now() < cached.refreshAtMs) return Promise.resolve(cached);
    inflight ??= (async () => {
      try {
        const issuedAt = now();
        const token = await tokens.request();
        cached = { ...token, refreshAtMs: issuedAt + refreshAfterSeconds(token.expiresInSeconds) * 1000 };
        scheme = token.scheme;
        return cached;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  }

  return {
    kind: 'oauth',
    clientId: options.clientId,
    async authorize(request): Promise<Record<string, string>> {
      const token = await untilAborted(currentToken(), request.signal);
      if (token.scheme === 'Bearer') return { Authorization: `Bearer ${token.value}` };
      const proof = await (await dpopKey()).createProof({
        method: request.method,
        url: request.url,
        nowMs: now(),
        nonce: resourceNonce,
        accessToken: token.value,
      });
      return { Authorization: `DPoP ${token.value}`, DPoP: proof };
    },
    handleChallenge(response) {
      if (response.status !== 400 && response.status !== 401) return false;
      const nonce = headerValue(response.headers, 'dpop-nonce');
      if (scheme === 'DPoP' && nonce !== undefined && nonce !== '' && nonce !== resourceNonce) {
        // Either `WWW-Authenticate: DPoP error="use_dpop_nonce"` or a rotated nonce: the retry carries it.
        resourceNonce = nonce;
        return true;
      }
      const challenge = parseDpopChallenge(headerValue(response.headers, 'www-authenticate'));
      const nonceDemanded = challenge?.error === 'use_dpop_nonce' || parseOAuthErrorBody(response.body)?.error === 'use_dpop_nonce';
      if (nonceDemanded || response.status !== 401) return false;
      // 401: the token expired early or was revoked. Drop it unless the request carried an older token than the
      // cached one (then another request has already replaced it); either way the retry uses a current token.
      const sentAuthorization = response.sentHeaders?.Authorization;
      if (cached !== undefined && (sentAuthorization === undefined || sentAuthorization === `${cached.scheme} ${cached.value}`)) {
        cached = undefined;
      }
      return true;
    },
    secrets: () => [...(cached === undefined ? [] : [cached.value]), ...tokens.secrets()],
  };
}
