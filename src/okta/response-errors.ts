import type { AuthStrategy } from './auth/types.js';
import { OktaClientError, type OktaClientErrorCode } from './errors.js';
import { headerValue, readRateLimitHeaders, type HeaderMap } from './pacing/rate-headers.js';
import { printable } from '../text/printable.js';
import { scopeForPath } from './scopes.js';

/** An error response, as the transport saw it. */
export interface FailedResponse {
  status: number;
  headers: HeaderMap;
  /** Parsed JSON, or the raw text when it was not JSON. */
  body: unknown;
  method: string;
  /** URL path, no query string. */
  path: string;
  bucket: string;
  authKind: AuthStrategy['kind'];
  attempts: number;
  /** Local now and the server − local clock offset, to say when a rate-limit window resets. */
  now: number;
  clockOffsetMs: number;
}

/** The fields of Okta's error body (OKTA-API.md §12) and of the OAuth `{error, error_description}` shape. */
interface ErrorBody {
  errorCode?: string;
  errorSummary?: string;
  causes: string[];
  oauthError?: string;
  oauthDescription?: string;
}

/** Longest error message kept (after redaction): Okta's own summaries are one sentence. */
const MAX_MESSAGE = 4_000;
/** Causes named in a message; a body listing thousands must not make a megabyte error. */
const CAUSES_SHOWN = 5;

/**
 * A string field of Okta's error body, as it may be printed: whoever answers (Okta, or a proxy in front of it) chooses
 * these bytes, so control characters are escaped (no ANSI sequences, no forged extra line) and length is bounded.
 */
function str(value: unknown): string | undefined {
  // Not cut here: a cut could split a secret so that redaction no longer recognises it. The message is cut after.
  return typeof value === 'string' && value !== '' ? printable(value, Number.POSITIVE_INFINITY) : undefined;
}

function readErrorBody(body: unknown): ErrorBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { causes: [] };
  const b = body as Record<string, unknown>;
  const causes = Array.isArray(b.errorCauses)
    ? b.errorCauses.slice(0, CAUSES_SHOWN).flatMap((c: unknown) => {
        const summary = typeof c === 'object' && c !== null ? str((c as Record<string, unknown>).errorSummary) : undefined;
        return summary === undefined ? [] : [summary];
      })
    : [];
  const out: ErrorBody = { causes };
  const fields = { errorCode: b.errorCode, errorSummary: b.errorSummary, oauthError: b.error, oauthDescription: b.error_description };
  for (const [key, value] of Object.entries(fields)) {
    const s = str(value);
    if (s !== undefined) out[key as keyof typeof fields] = s;
  }
  return out;
}

function oktaSays(e: ErrorBody): string {
  const summary = e.errorSummary ?? e.oauthDescription ?? e.oauthError;
  if (summary === undefined) return '';
  const code = e.errorCode ?? (e.oauthError !== summary ? e.oauthError : undefined);
  const causes = e.causes.length > 0 ? ` (${e.causes.join('; ')})` : '';
  return ` Okta said${code === undefined ? '' : ` ${code}`}: "${summary}"${causes}.`;
}

const DPOP_ERRORS = /\b(invalid_dpop_proof|use_dpop_nonce|dpop_[a-z_]+|access_token_not_dpop_bound)\b/;

function messageFor(f: FailedResponse, e: ErrorBody): { code: OktaClientErrorCode; message: string } {
  const endpoint = `${f.method} ${f.path}`;
  const says = oktaSays(e);
  const challenge = headerValue(f.headers, 'www-authenticate') ?? '';
  const authText = `${challenge} ${e.oauthError ?? ''} ${e.errorCode ?? ''}`;
  const scope = scopeForPath(f.path);
  const scopeName = scope ?? 'the scope this endpoint needs (see the Okta API reference)';

  if ((f.status === 400 || f.status === 401) && DPOP_ERRORS.test(authText)) {
    return { code: 'OKTA_DPOP_FAILED', message: `Okta rejected the DPoP proof for ${endpoint}.${says} Check the service app's DPoP setting (its "Require Demonstrating Proof of Possession" box) against --dpop on|auto|off, and the key pair.` };
  }
  if (f.status === 401 && e.errorCode === 'E0000015') {
    return { code: 'OKTA_PERMISSION_DENIED', message: `Okta refused ${endpoint}: the feature behind it is not enabled for this org.${says}` };
  }
  if (f.status === 401) {
    const fix =
      f.authKind === 'ssws'
        ? 'The API token is invalid or expired — SSWS tokens expire after 30 days unused and die with the admin who created it; create a new one at Security › API › Tokens.'
        : 'Okta rejected the OAuth access token. Check that the service app is active, its key matches the configured private key, and the token was minted by the org authorization server (/oauth2/v1/token).';
    return { code: 'OKTA_TOKEN_INVALID', message: `${fix} (${endpoint} answered 401.)${says}` };
  }
  if (f.status === 403 && /insufficient_scope/.test(`${authText} ${e.oauthDescription ?? ''}`)) {
    return {
      code: 'OKTA_SCOPE_MISSING',
      message: `Okta refused ${endpoint}: the access token lacks ${scopeName}. Grant ${scope ?? 'that scope'} to the service app (Okta API Scopes tab; only a Super Admin can grant scopes) and include it in the configured scopes.${says}`,
    };
  }
  if (f.status === 403) {
    const who = f.authKind === 'ssws' ? 'the admin who created the API token' : 'the admin role assigned to the service app';
    const scopeHint = f.authKind === 'oauth' && scope !== undefined ? ` If the app was not granted ${scope}, grant it as well.` : '';
    return {
      code: 'OKTA_PERMISSION_DENIED',
      message: `Okta refused ${endpoint} (403): ${who} lacks permission for it. Assign the Read-Only Administrator role (listing admin roles may need Super Administrator).${scopeHint}${says}`,
    };
  }
  if (f.status === 404) return { code: 'OKTA_NOT_FOUND', message: `Okta found nothing at ${endpoint} (404).${says}` };
  if (f.status === 429) {
    const rate = readRateLimitHeaders(f.headers);
    if (rate.limit === 0) {
      return {
        code: 'OKTA_RATE_LIMITED',
        message: `Okta's org-wide concurrency limit was still reached after ${f.attempts} attempts on ${endpoint}. Lower the client's concurrency or run when other integrations are quiet.${says}`,
      };
    }
    const resetText =
      rate.resetEpochSeconds === undefined ? 'at an unknown time' : `at ${new Date(rate.resetEpochSeconds * 1000).toISOString()} (in about ${Math.max(0, Math.ceil((rate.resetEpochSeconds * 1000 - f.clockOffsetMs - f.now) / 1000))} s)`;
    return {
      code: 'OKTA_RATE_LIMITED',
      message: `Okta rate-limited ${endpoint} in bucket ${f.bucket} after ${f.attempts} attempts; the window resets ${resetText}. Lower the concurrency, run the sync later, or ask an Okta admin for a larger share of this bucket for the token or app (Security › API; the default is 50 %).${says}`,
    };
  }
  if (f.status >= 500) {
    const requestId = str(headerValue(f.headers, 'x-okta-request-id'));
    return {
      code: 'OKTA_SERVER_ERROR',
      message: `Okta answered ${f.status} for ${endpoint} after ${f.attempts} attempt${f.attempts === 1 ? '' : 's'}${requestId === undefined ? '' : ` (Okta request id ${requestId})`}. Retry later; on large lists Okta's 500 often means the query timed out, so use a smaller page limit.${says}`,
    };
  }
  if (f.status >= 400) return { code: 'OKTA_BAD_REQUEST', message: `Okta rejected ${endpoint} (${f.status}).${says}` };
  if (f.status >= 300 && f.status < 400) {
    return {
      code: 'OKTA_BAD_RESPONSE',
      message: `Okta answered ${endpoint} with a redirect (${f.status}), which is never followed. Configure the org URL itself (e.g. https://example.okta.com, not the -admin host or a vanity redirect).`,
    };
  }
  return { code: 'OKTA_BAD_RESPONSE', message: `Unexpected HTTP ${f.status} for ${endpoint}.${says}` };
}

/** The error for a response that failed for good. `redact` is the client's secret registry. */
export function errorForResponse(f: FailedResponse, redact: (text: string) => string): OktaClientError {
  const body = readErrorBody(f.body);
  const { code, message } = messageFor(f, body);
  const oktaErrorCode = body.errorCode ?? body.oauthError;
  const requestId = str(headerValue(f.headers, 'x-okta-request-id'));
  const redacted = redact(message);
  const bounded = redacted.length > MAX_MESSAGE ? `${redacted.slice(0, MAX_MESSAGE)}… (cut)` : redacted;
  return new OktaClientError(code, bounded, {
    status: f.status,
    request: `${f.method} ${f.path}`,
    bucket: f.bucket,
    ...(oktaErrorCode === undefined ? {} : { oktaErrorCode: redact(oktaErrorCode) }),
    ...(requestId === undefined ? {} : { requestId }),
  });
}
