import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConnectionTestFailedError } from '../app/connections.js';
import { InvalidInputError, OperationFailedError } from '../app/errors.js';
import { GithubConnectionTestFailedError } from '../app/github/connections.js';
import { NotFoundError } from '../app/read/errors.js';
import { isReviewError } from '../app/read/reviews.js';

/** RFC 9457 problem details, with our stable code and, for bad input, each wrong field. */
export const problemSchema = z
  .object({
    type: z.string().describe('A URI naming the problem type (about:blank for plain HTTP statuses).'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable machine-readable code, e.g. VALIDATION_FAILED, UNAUTHENTICATED.'),
    errors: z
      .array(z.object({ field: z.string().describe('Where the value is: body.x.y, query.limit, params.id.'), message: z.string() }))
      .optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A failure a route handler raises on purpose; the error handler turns it into a problem response. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors?: Problem['errors'],
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export function problemBody(status: number, code: string, detail: string, errors?: Problem['errors']): Problem {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, code, ...(errors === undefined ? {} : { errors }) };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  // The serializer of the route (if any) is skipped: a problem is written as is, with its own media type.
  return reply.code(problem.status).header('content-type', 'application/problem+json; charset=utf-8').serializer(JSON.stringify).send(problem);
}

const CONTEXT_NAMES: Record<string, string> = { querystring: 'query', body: 'body', params: 'params', headers: 'headers' };

/** Fastify's own errors that are the client's fault, by code: status and stable code. */
const CLIENT_ERRORS: Record<string, { status: number; code: string; detail?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', detail: 'The request body is larger than this server accepts (1 MiB).' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_CONTENT_LENGTH' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'EMPTY_BODY', detail: 'The JSON body is empty: send an object.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', detail: 'The body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as application/json.' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL', detail: 'The URL is not valid.' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'BAD_REQUEST' },
  FST_CSRF_INVALID_TOKEN: { status: 403, code: 'CSRF_TOKEN_INVALID', detail: 'Missing or wrong x-csrf-token header: get one from GET /api/auth/csrf.' },
  FST_CSRF_MISSING_SECRET: { status: 403, code: 'CSRF_TOKEN_INVALID', detail: 'Missing CSRF cookie: get a token from GET /api/auth/csrf first.' },
};

/** The one place errors become responses: problem+json naming what is wrong, never a stack or an internal message. */
export function problemFromError(error: unknown, request: FastifyRequest): Problem {
  if (error instanceof HttpProblem) return problemBody(error.status, error.code, error.message, error.errors);
  if (error instanceof NotFoundError) return problemBody(404, 'NOT_FOUND', error.message);
  if (error instanceof ConnectionTestFailedError || error instanceof GithubConnectionTestFailedError) return problemBody(422, 'CONNECTION_TEST_FAILED', error.message);
  if (error instanceof InvalidInputError) return problemBody(400, 'INVALID_INPUT', error.message);
  if (error instanceof OperationFailedError) return problemBody(409, 'OPERATION_FAILED', error.message);
  if (isReviewError(error, 'REVIEW_INVALID_INPUT')) return problemBody(400, 'VALIDATION_FAILED', error.message);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = CONTEXT_NAMES[(error as { validationContext?: string }).validationContext ?? ''] ?? 'request';
    const errors = error.validation.map((issue) => ({
      field: [context, ...issue.instancePath.split('/').filter((part) => part !== '')].join('.'),
      message: issue.message ?? 'wrong value',
    }));
    const fields = errors.map((entry) => entry.field).join(', ');
    return problemBody(400, 'VALIDATION_FAILED', `Invalid ${fields}: ${errors[0]?.message ?? 'wrong value'}.`, errors);
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    return problemBody(500, 'INTERNAL', 'The server failed to answer; the error is logged.');
  }
  const fastifyError = error as Partial<FastifyError>;
  const known = fastifyError.code === undefined ? undefined : CLIENT_ERRORS[fastifyError.code];
  if (known !== undefined) return problemBody(known.status, known.code, known.detail ?? fastifyError.message ?? 'Bad request.');
  if (fastifyError.statusCode === 429) return problemBody(429, 'RATE_LIMITED', 'Too many requests: wait a minute and try again.');
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    // Other client errors raised by Fastify or a plugin: keep the status; the message is Fastify's own, not ours.
    return problemBody(fastifyError.statusCode, fastifyError.code ?? 'BAD_REQUEST', fastifyError.message ?? 'Bad request.');
  }
  request.log.error({ err: error }, 'unhandled error');
  return problemBody(500, 'INTERNAL', 'The server failed to answer; the error is logged.');
}
