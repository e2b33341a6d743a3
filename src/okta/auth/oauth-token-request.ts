import { z } from 'zod';
import { OktaClientError } from '../errors.js';
import type { SecretRegistry } from '../redact.js';
import { CLIENT_ASSERTION_TYPE, createClientAssertion, type OAuthSigningAlg, type SigningKey } from './client-assertion.js';
import type { DpopKey } from './dpop.js';
import { headerValue } from './headers.js';
import { parseOAuthErrorBody, tokenEndpointError, type OAuthErrorBody } from './oauth-errors.js';
import type { FetchToken, TokenHttpResponse } from './token-fetch.js';

/** `true`: always send proofs; `false`: never; `'auto'`: send them, and drop them only if Okta says the app does not do DPoP. */
export type DpopMode = boolean | 'auto';

export interface IssuedToken {
  value: string;
  /** From `token_type`: a DPoP-bound token is sent as `Authorization: DPoP` with a proof; a Bearer token alone. */
  scheme: 'Bearer' | 'DPoP';
  expiresInSeconds: number;
}

export interface TokenRequestConfig {
  tokenUrl: string;
  clientId: string;
  privateKey: SigningKey;
  alg: OAuthSigningAlg;
  keyId: string | undefined;
  scopes: readonly string[];
  dpop: DpopMode;
  dpopKey: () => Promise<DpopKey>;
  fetchToken: FetchToken;
  now: () => number;
  registry: SecretRegistry;
  timeoutMs: number;
}

/** Okta's service-app tokens live a fixed hour (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/). */
const DEFAULT_EXPIRES_IN_SECONDS = 3600;
/** A fresh nonce normally satisfies the server at once; a second challenge covers a nonce rotated in between. */
const MAX_NONCE_RETRIES = 2;

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.union([z.number(), z.string()]).optional(),
});

/**
 * UNCERTAIN (OKTA-API §1.4): Okta documents no error for a DPoP proof sent to an app that does not require DPoP, and
 * RFC 9449 §5 lets such a server bind the token anyway (`token_type: DPoP`) or ignore the proof (`Bearer`); both are
 * handled through `token_type`. Should Okta instead reject the proof, the error would name DPoP as not enabled,
 * allowed or supported for the client; `'auto'` then retries once without a proof and stays proofless.
 */
function rejectsDpopForClient(oauth: OAuthErrorBody | undefined): boolean {
  if (oauth === undefined || (oauth.error !== 'invalid_dpop_proof' && oauth.error !== 'invalid_request')) return false;
  const description = oauth.description ?? '';
  return /dpop/i.test(description) && /not (?:enabled|allowed|supported|configured|permitted)/i.test(description);
}

function transportFailure(error: unknown, registry: SecretRegistry): OktaClientError {
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  const message = timedOut
    ? 'the Okta token endpoint did not answer in time: check the network path to Okta (proxy, firewall) and try again'
    : `could not reach the Okta token endpoint (${error instanceof Error ? error.message : 'unknown error'}): check the Okta domain, DNS and proxy settings`;
  return new OktaClientError(timedOut ? 'OKTA_TIMEOUT' : 'OKTA_NETWORK_ERROR', registry.redact(message), {
    request: 'POST /oauth2/v1/token',
    cause: error,
  });
}

/**
 * The client credentials token request loop, with state that outlives one request: the authorization server's DPoP
 * nonce (https://developer.okta.com/docs/guides/dpop/oktaresourceserver/main/: renewed daily, cache it) and the
 * resolved DPoP mode. A proof goes out on the first attempt: a proofless first try would log a failed grant in the
 * System Log on every token fetch (okta/okta-sdk-golang#598).
 */
export function createTokenRequester(config: TokenRequestConfig): { request: () => Promise<IssuedToken>; secrets: () => string[] } {
  let sendProof = config.dpop !== false;
  let nonce: string | undefined;
  let lastAssertion: string | undefined;
  let lastProof: string | undefined;

  async function attempt(withProof: boolean): Promise<TokenHttpResponse> {
    const nowMs = config.now();
    const assertion = await createClientAssertion({ ...config, nowMs });
    config.registry.add(assertion);
    lastAssertion = assertion;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (withProof) {
      const proof = await (await config.dpopKey()).createProof({ method: 'POST', url: config.tokenUrl, nowMs, nonce });
      config.registry.add(proof);
      lastProof = proof;
      headers.DPoP = proof;
    }
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: config.scopes.join(' '),
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion,
    }).toString();
    try {
      return await config.fetchToken(config.tokenUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(config.timeoutMs) });
    } catch (error) {
      throw transportFailure(error, config.registry);
    }
  }

  function issuedToken(response: TokenHttpResponse, withProof: boolean): IssuedToken {
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      json = undefined;
    }
    const parsed = tokenResponseSchema.safeParse(json);
    const badResponse = (problem: string) =>
      new OktaClientError('OKTA_BAD_RESPONSE', `the Okta token endpoint answered HTTP ${response.status} ${problem}`, {
        status: response.status,
        request: 'POST /oauth2/v1/token',
        requestId: headerValue(response.headers, 'x-okta-request-id'),
      });
    if (!parsed.success) throw badResponse('without an access_token: check the Okta domain or base-URL override');
    const value = parsed.data.access_token;
    config.registry.add(value);
    const tokenType = parsed.data.token_type.toLowerCase();
    if (tokenType !== 'dpop' && tokenType !== 'bearer') throw badResponse(`with the unsupported token_type "${parsed.data.token_type}"`);
    if (tokenType === 'dpop' && !withProof) throw badResponse('with a DPoP-bound token to a request without a DPoP proof');
    const expiresIn = Number(parsed.data.expires_in ?? DEFAULT_EXPIRES_IN_SECONDS);
    return {
      value,
      scheme: tokenType === 'dpop' ? 'DPoP' : 'Bearer',
      expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_SECONDS,
    };
  }

  async function request(): Promise<IssuedToken> {
    let nonceRetries = 0;
    for (;;) {
      const withProof = sendProof;
      const response = await attempt(withProof);
      const newNonce = headerValue(response.headers, 'dpop-nonce');
      const nonceChanged = newNonce !== undefined && newNonce !== '' && newNonce !== nonce;
      if (nonceChanged) nonce = newNonce;
      if (response.status >= 200 && response.status < 300) return issuedToken(response, withProof);
      const oauth = parseOAuthErrorBody(response.body);
      if (withProof && oauth?.error === 'use_dpop_nonce' && nonceChanged && nonceRetries < MAX_NONCE_RETRIES) {
        nonceRetries += 1;
        continue;
      }
      if (withProof && config.dpop === 'auto' && rejectsDpopForClient(oauth)) {
        sendProof = false;
        continue;
      }
      throw tokenEndpointError(oauth, {
        clientId: config.clientId,
        keyId: config.keyId,
        scopes: config.scopes,
        sentProof: withProof,
        status: response.status,
        requestId: headerValue(response.headers, 'x-okta-request-id'),
        redact: (text) => config.registry.redact(text),
      });
    }
  }

  return { request, secrets: () => [lastAssertion, lastProof].filter((value) => value !== undefined) };
}
