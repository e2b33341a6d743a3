import { redactAuthHeaders } from './redact.js';

/** Stable codes a caller (CLI, sync history, UI) can branch on. Messages are for people and may change. */
export const OKTA_CLIENT_ERROR_CODES = [
  'OKTA_DOMAIN_INVALID',
  'OKTA_BASE_URL_INVALID',
  'OKTA_AUTH_CONFIG_INVALID',
  'OKTA_TOKEN_INVALID',
  'OKTA_PERMISSION_DENIED',
  'OKTA_SCOPE_MISSING',
  'OKTA_OAUTH_TOKEN_FAILED',
  'OKTA_DPOP_FAILED',
  'OKTA_RATE_LIMITED',
  'OKTA_SERVER_ERROR',
  'OKTA_NOT_FOUND',
  'OKTA_BAD_REQUEST',
  'OKTA_TIMEOUT',
  'OKTA_NETWORK_ERROR',
  'OKTA_ABORTED',
  'OKTA_BAD_RESPONSE',
  'OKTA_PAGINATION_REFUSED',
] as const;
export type OktaClientErrorCode = (typeof OKTA_CLIENT_ERROR_CODES)[number];

export interface OktaErrorDetails {
  /** HTTP status, when a response was received. */
  status?: number;
  /** Okta's `errorCode` (E0000…) or OAuth `error`, when the body carried one. */
  oktaErrorCode?: string;
  /** `X-Okta-Request-Id`, for Okta support. */
  requestId?: string;
  /** Method and URL path (no query string: it may carry filters with user data). */
  request?: string;
  /** The rate-limit bucket the request counted against, if known. */
  bucket?: string;
  cause?: unknown;
}

/**
 * Every failure the Okta client reports. The message says what happened and what to do; secrets are redacted
 * here, in the constructor, so no caller can forget.
 */
export class OktaClientError extends Error {
  readonly code: OktaClientErrorCode;
  readonly status: number | undefined;
  readonly oktaErrorCode: string | undefined;
  readonly requestId: string | undefined;
  readonly request: string | undefined;
  readonly bucket: string | undefined;

  constructor(code: OktaClientErrorCode, message: string, details: OktaErrorDetails = {}) {
    super(redactAuthHeaders(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'OktaClientError';
    this.code = code;
    this.status = details.status;
    this.oktaErrorCode = details.oktaErrorCode;
    this.requestId = details.requestId;
    this.request = details.request;
    this.bucket = details.bucket;
  }

  /** A plain, secret-free record for logs and sync history. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      oktaErrorCode: this.oktaErrorCode,
      requestId: this.requestId,
      request: this.request,
      bucket: this.bucket,
    };
  }
}

export function isOktaClientError(error: unknown, code?: OktaClientErrorCode): error is OktaClientError {
  return error instanceof OktaClientError && (code === undefined || error.code === code);
}
