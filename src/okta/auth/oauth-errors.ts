import { z } from 'zod';
import { OktaClientError, type OktaClientErrorCode } from '../errors.js';

/** `{error, error_description}` (RFC 6749 §5.2), as Okta's org authorization server returns it. */
const oauthErrorBodySchema = z.object({ error: z.string().min(1), error_description: z.string().optional() });

export interface OAuthErrorBody {
  error: string;
  description: string | undefined;
}

/** The OAuth error in a response body given as text or as already parsed JSON; undefined for any other shape. */
export function parseOAuthErrorBody(body: unknown): OAuthErrorBody | undefined {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const parsed = oauthErrorBodySchema.safeParse(value);
  return parsed.success ? { error: parsed.data.error, description: parsed.data.error_description } : undefined;
}

export interface TokenFailureContext {
  clientId: string;
  keyId: string | undefined;
  scopes: readonly string[];
  /** Whether the failed attempt carried a DPoP proof. */
  sentProof: boolean;
  status: number;
  requestId: string | undefined;
  /** Removes every secret the strategy holds; Okta's descriptions are echoed and must not carry one back. */
  redact: (text: string) => string;
}

const SCOPE_ERRORS = new Set(['invalid_scope', 'consent_required', 'no_org_scopes_granted']);
const GRANT_HELP =
  "grant them to the service app in the Admin Console (Applications → the app → Okta API Scopes; only a Super Admin can grant scopes) and assign the app the Read-Only Administrator role (Admin roles tab)";

function describe(oauth: OAuthErrorBody): string {
  return oauth.description === undefined ? oauth.error : `${oauth.error}: ${oauth.description}`;
}

/** Scopes Okta names in a description such as "The following scopes are not allowed for this request: [okta.logs.read]." */
function scopesNamedIn(description: string | undefined, requested: readonly string[]): string[] {
  const listed = /\[([^\]]*)\]/.exec(description ?? '')?.[1];
  if (listed === undefined) return [];
  const named = listed.split(/[\s,]+/).filter((scope) => scope !== '');
  return named.filter((scope) => requested.includes(scope));
}

function scopeMessage(oauth: OAuthErrorBody, context: TokenFailureContext): string {
  const named = scopesNamedIn(oauth.description, context.scopes);
  const which = named.length > 0 ? `missing: ${named.join(' ')}` : `requested: ${context.scopes.join(' ')}`;
  return `Okta refused the requested OAuth scopes (${describe(oauth)}; ${which}): ${GRANT_HELP}`;
}

function dpopMessage(oauth: OAuthErrorBody, context: TokenFailureContext): string {
  const detail = describe(oauth);
  if (!context.sentProof) {
    return `the service app requires DPoP (${detail}): use --dpop on or --dpop auto (the flag takes on|auto|off), or turn off "Require Demonstrating Proof of Possession (DPoP) header in token requests" on the app`;
  }
  if (oauth.error === 'use_dpop_nonce') {
    return `Okta kept asking for a new DPoP nonce (${detail}): check that no proxy strips the DPoP or DPoP-Nonce headers`;
  }
  if (/in the past|in the future|too old|expired|'iat'/i.test(oauth.description ?? '')) {
    return `Okta rejected the DPoP proof's time (${detail}): synchronise this host's clock (NTP); proofs must be issued within the last 5 minutes`;
  }
  return `Okta rejected the DPoP proof (${detail}): check that no proxy rewrites the request URL or headers; otherwise report it with the X-Okta-Request-Id`;
}

function clientMessage(oauth: OAuthErrorBody, context: TokenFailureContext): string {
  const key = context.keyId === undefined ? 'its public key' : `the public key with kid ${context.keyId}`;
  return `Okta rejected the client assertion for client id ${context.clientId} (${describe(oauth)}): check that the client id is right, that the app uses "Public key / Private key" client authentication, and that ${key} is registered on the app and matches the private key`;
}

/** Maps a token endpoint failure to the error a person can act on. */
export function tokenEndpointError(oauth: OAuthErrorBody | undefined, context: TokenFailureContext): OktaClientError {
  let code: OktaClientErrorCode = 'OKTA_OAUTH_TOKEN_FAILED';
  let message: string;
  if (context.status === 429) {
    code = 'OKTA_RATE_LIMITED';
    message = 'the Okta token endpoint rate-limited the token request (HTTP 429): wait for the limit to reset, or lower the request concurrency';
  } else if (context.status >= 500) {
    code = 'OKTA_SERVER_ERROR';
    message = `the Okta token endpoint failed (HTTP ${context.status}${oauth === undefined ? '' : `, ${describe(oauth)}`}): try again later`;
  } else if (oauth === undefined) {
    message = `the token endpoint answered HTTP ${context.status} without an OAuth error: check the Okta domain or base-URL override (the token URL is {org}/oauth2/v1/token)`;
  } else if (oauth.error === 'invalid_client') {
    message = clientMessage(oauth, context);
  } else if (SCOPE_ERRORS.has(oauth.error)) {
    message = scopeMessage(oauth, context);
  } else if (oauth.error === 'invalid_dpop_proof' || oauth.error === 'use_dpop_nonce') {
    code = 'OKTA_DPOP_FAILED';
    message = dpopMessage(oauth, context);
  } else if (oauth.error === 'unauthorized_client' || oauth.error === 'unsupported_grant_type') {
    message = `Okta does not allow this app to use the client credentials grant (${describe(oauth)}): use an API Services app with the Client Credentials grant and "Public key / Private key" client authentication`;
  } else {
    message = `Okta refused the token request (${describe(oauth)})`;
  }
  return new OktaClientError(code, context.redact(message), {
    status: context.status,
    oktaErrorCode: oauth?.error,
    requestId: context.requestId,
    request: 'POST /oauth2/v1/token',
    bucket: context.status === 429 ? '/oauth2/v1/token' : undefined,
  });
}
