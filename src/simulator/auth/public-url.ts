import type { FastifyRequest } from 'fastify';
import type { SimContext } from '../context.js';

/**
 * The simulator's own public URL for `path`, as a client must put it in `aud` and `htu`. Uses `ctx.baseUrl` (set
 * once the server listens, or by a test); falls back to the request's Host header before that.
 */
export function publicUrl(ctx: SimContext, request: FastifyRequest, path: string): string {
  const base = ctx.baseUrl !== '' ? ctx.baseUrl : `${request.protocol}://${request.host}`;
  return base.replace(/\/+$/, '') + path;
}

/** The request path without its query string. */
export function requestPath(request: FastifyRequest): string {
  const q = request.url.indexOf('?');
  return q < 0 ? request.url : request.url.slice(0, q);
}
