import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Okta cursors are opaque (https://developer.okta.com/docs/api/#pagination). The simulator encodes an offset and a
 * fingerprint of the query, so a client that builds its own cursor or reuses one across queries is detectable.
 */
export function encodeCursor(offset: number, scope: string): string {
  return Buffer.from(`${scope}:${offset}`).toString('base64url');
}

/** Returns the offset, or null when the cursor is not one this query issued. */
export function decodeCursor(cursor: string, scope: string): number | null {
  const text = Buffer.from(cursor, 'base64url').toString();
  const sep = text.lastIndexOf(':');
  if (sep < 0 || text.slice(0, sep) !== scope) return null;
  const offset = Number(text.slice(sep + 1));
  return Number.isSafeInteger(offset) && offset >= 0 ? offset : null;
}

export interface PageLimits {
  defaultLimit: number;
  maxLimit: number;
}

/** Okta clamps an over-large limit to the maximum rather than failing; a non-numeric or negative one is invalid. */
export function parseLimit(raw: unknown, limits: PageLimits): number | null {
  if (raw === undefined || raw === '') return limits.defaultLimit;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) return null;
  if (n === 0) return limits.defaultLimit;
  return Math.min(n, limits.maxLimit);
}

/** The full URL a client would see for this path and query, on the simulator's public base URL. */
export function linkUrl(baseUrl: string, path: string, query: Record<string, string>): string {
  const url = new URL(path, baseUrl);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.toString();
}

/** Okta sends one `Link` header per relation (RFC 8288). */
export function setLinkHeaders(reply: FastifyReply, self: string, next: string | null): void {
  const links = [`<${self}>; rel="self"`];
  if (next !== null) links.push(`<${next}>; rel="next"`);
  void reply.header('link', links);
}

/** The query of the current request as a flat string map (repeated keys keep the last value). */
export function queryOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = request.query as Record<string, string | string[] | undefined>;
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? (v.at(-1) ?? '') : v;
  }
  return out;
}

/**
 * Serves one page of `items` with `self`/`next` Link headers. The cursor is bound to the path and the query without
 * `after`/`limit`, so a cursor from one query is rejected by another (400 E0000031, as Okta rejects bad cursors).
 * Returns the page, or null when the request's `limit` or `after` is invalid (the caller sends the error).
 */
export function pageOf<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  baseUrl: string,
  items: readonly T[],
  limits: PageLimits,
): T[] | null {
  const query = queryOf(request);
  const limit = parseLimit(query.limit, limits);
  if (limit === null) return null;
  const path = request.url.split('?')[0] ?? '/';
  const { after, limit: _limit, ...stable } = query;
  const scope = `${path}?${new URLSearchParams(Object.entries(stable).sort()).toString()}`;
  let offset = 0;
  if (after !== undefined) {
    const decoded = decodeCursor(after, scope);
    if (decoded === null) return null;
    offset = decoded;
  }
  const page = items.slice(offset, offset + limit);
  const end = offset + page.length;
  const selfQuery = { ...query };
  const next = end < items.length ? linkUrl(baseUrl, path, { ...stable, limit: String(limit), after: encodeCursor(end, scope) }) : null;
  setLinkHeaders(reply, linkUrl(baseUrl, path, selfQuery), next);
  return page;
}
