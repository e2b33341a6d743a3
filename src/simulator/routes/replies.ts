import type {
  FastifyInstance,
  FastifyReply,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import { sendOktaError } from '../okta-errors.js';
import { setLinkHeaders, type PageFailure, type ScannedPage } from '../pagination.js';
import type { FilterError } from './filter.js';

/** Okta's 404 for an unknown id, e.g. "Not found: Resource not found: 00ux (User)". */
export function sendNotFound(reply: FastifyReply, id: string, type: 'User' | 'UserGroup' | 'AppInstance' | 'AppUser' | 'Policy'): FastifyReply {
  return sendOktaError(reply, 'E0000007', `Resource not found: ${id} (${type})`);
}

/**
 * A bad `limit` is a validation failure (E0000001); a cursor this query did not issue is refused like a bad search
 * (E0000031). Okta documents neither; both are 400s, which is what a client can rely on.
 */
export function sendPageFailure(reply: FastifyReply, failure: PageFailure): FastifyReply {
  return failure === 'limit'
    ? sendOktaError(reply, 'E0000001', 'limit', ['limit: must be a non-negative integer'])
    : sendOktaError(reply, 'E0000031', undefined, ['after: the cursor is not valid for this query']);
}

/** Sends a scanned page: `self`/`next` Link headers and the serialised items, or the paging failure. */
export function servePage<T>(reply: FastifyReply, page: ScannedPage<T> | PageFailure, serialize: (item: T) => unknown): unknown {
  if (typeof page === 'string') return sendPageFailure(reply, page);
  setLinkHeaders(reply, page.self, page.next);
  return page.items.map(serialize);
}

/** `filter`/`search` problems on users, groups and apps are all "Invalid search criteria" (OKTA-API.md §12, §13.9). */
export function sendInvalidSearch(reply: FastifyReply, error: FilterError): FastifyReply {
  return sendOktaError(reply, 'E0000031', undefined, [error.reason]);
}

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Registers a GET route with its OAuth scope (enforced by the auth hook) and answers every write method on the same
 * path with 405 E0000022: the simulator is read-only.
 */
export function readOnlyRoute<R extends RouteGenericInterface>(
  app: FastifyInstance,
  url: string,
  scope: string,
  handler: RouteHandlerMethod<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, R>,
): void {
  app.get<R>(url, { config: { scope } }, handler);
  app.route({
    method: [...WRITE_METHODS],
    url,
    config: { scope },
    handler: async (_request, reply) => sendOktaError(reply, 'E0000022'),
  });
}
