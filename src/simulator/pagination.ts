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
  const scope = cursorScope(path, stable);
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

/** What a cursor is bound to: the path and the query without `after`/`limit`, in a canonical order. */
export function cursorScope(path: string, stable: Record<string, string>): string {
  return `${path}?${new URLSearchParams(Object.entries(stable).sort()).toString()}`;
}

/** A list that can be read by position without copying it; arrays qualify. `at` may return undefined for a hole. */
export interface IndexedSource<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** Why a page request was refused: a `limit` that is not a non-negative integer, or a cursor this query did not issue. */
export type PageFailure = 'limit' | 'after';

export interface ScannedPage<T> {
  items: T[];
  self: string;
  /** The `next` URL, or null on the last page. */
  next: string | null;
}

export interface ScanOptions {
  /** False for endpoints that do not page (e.g. `q` searches): `limit` caps the result and there is never a `next`. */
  paged?: boolean;
}

/**
 * Like `pageOf`, but keeps only the items that pass `keep` and never materialises the filtered list: the cursor is a
 * position in `source`, so a page costs the span it covers. After a full page it looks ahead for the next match, so
 * the last page reliably has no `next` and the next page starts exactly on its first item. Links are returned, not
 * sent, so callers can put them in headers or (as `/iam/assignees/users` does) in the body.
 */
export function scanPage<T>(
  request: FastifyRequest,
  baseUrl: string,
  source: IndexedSource<T>,
  keep: (item: T) => boolean,
  limits: PageLimits,
  options: ScanOptions = {},
): ScannedPage<T> | PageFailure {
  const query = queryOf(request);
  const limit = parseLimit(query.limit, limits);
  if (limit === null) return 'limit';
  const path = request.url.split('?')[0] ?? '/';
  const { after, limit: _limit, ...stable } = query;
  const scope = cursorScope(path, stable);
  const paged = options.paged ?? true;
  let position = 0;
  if (paged && after !== undefined) {
    const decoded = decodeCursor(after, scope);
    if (decoded === null) return 'after';
    position = decoded;
  }
  const items: T[] = [];
  let nextPosition: number | null = null;
  for (let i = position; i < source.length; i++) {
    const item = source.at(i);
    if (item === undefined || !keep(item)) continue;
    if (items.length === limit) {
      nextPosition = i;
      break;
    }
    items.push(item);
  }
  const next =
    paged && nextPosition !== null
      ? linkUrl(baseUrl, path, { ...stable, limit: String(limit), after: encodeCursor(nextPosition, scope) })
      : null;
  return { items, self: linkUrl(baseUrl, path, query), next };
}

/** Reads `keys` through `lookup` lazily, e.g. member ids through `usersById`; unknown keys become holes. */
export function lookupSource<K, T>(keys: readonly K[], lookup: (key: K) => T | undefined): IndexedSource<T> {
  return {
    length: keys.length,
    at: (index) => {
      const key = keys[index];
      return key === undefined ? undefined : lookup(key);
    },
  };
}
