import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * Okta's error body: `errorLink` equals `errorCode` and `errorId` is random per response
 * (https://developer.okta.com/docs/reference/core-okta-api/#errors).
 */
export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: { errorSummary: string }[];
}

/** The errors the simulator serves, with Okta's summaries (okta-developer-docs data/error-codes.json). */
export const OKTA_ERRORS = {
  E0000001: { status: 400, summary: 'Api validation failed: {0}' },
  E0000002: { status: 400, summary: 'The request was not valid: {0}' },
  E0000011: { status: 401, summary: 'Invalid token provided' },
  E0000006: { status: 403, summary: 'You do not have permission to perform the requested action' },
  E0000007: { status: 404, summary: 'Not found: {0}' },
  E0000008: { status: 404, summary: 'The requested path was not found' },
  E0000009: { status: 500, summary: 'Internal Server Error' },
  E0000022: { status: 405, summary: 'The endpoint does not support the provided HTTP method' },
  E0000030: { status: 400, summary: "Invalid date. Dates must be of the form yyyy-MM-dd'T'HH:mm:ss.SSSZZ, e.g. 2013-01-01T12:00:00.000-07:00." },
  E0000031: { status: 400, summary: 'Invalid search criteria.' },
  E0000047: { status: 429, summary: 'API call exceeded rate limit due to too many requests.' },
  E0000053: { status: 400, summary: 'Invalid parameter' },
} as const;
export type OktaErrorCode = keyof typeof OKTA_ERRORS;

export function newErrorId(): string {
  return 'oae' + randomBytes(16).toString('base64url').slice(0, 19);
}

export function oktaErrorBody(code: OktaErrorCode, detail?: string, causes: string[] = []): OktaErrorBody {
  const summary = OKTA_ERRORS[code].summary.replace('{0}', detail ?? '');
  return {
    errorCode: code,
    errorSummary: summary,
    errorLink: code,
    errorId: newErrorId(),
    errorCauses: causes.map((errorSummary) => ({ errorSummary })),
  };
}

/** Sends an Okta error. The request id and Date headers are already set by the core hook. */
export function sendOktaError(reply: FastifyReply, code: OktaErrorCode, detail?: string, causes?: string[]): FastifyReply {
  return reply.code(OKTA_ERRORS[code].status).type('application/json').send(oktaErrorBody(code, detail, causes));
}

/** OAuth-layer errors (`{error, error_description}`), as the org authorization server and DPoP checks return them. */
export function sendOAuthError(
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply.code(status).headers(headers).type('application/json').send({ error, error_description: description });
}
