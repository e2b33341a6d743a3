import type { FastifyReply, FastifyRequest } from 'fastify';

/** GitHub's REST pages: `per_page` defaults to 30 and is capped at 100; `page` starts at 1 (D-PAGE). */
export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

export interface PageRequest {
  page: number;
  perPage: number;
}

/** The query as a flat map (repeated keys keep the last value). */
export function queryOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.query as Record<string, string | string[] | undefined>)) {
    if (value === undefined) continue;
    out[key] = Array.isArray(value) ? (value.at(-1) ?? '') : value;
  }
  return out;
}

/**
 * Reads `page` and `per_page`. GitHub is lenient: a value that is not a positive integer falls back to the default and
 * an over-large `per_page` is capped, never an error (UNCERTAIN for negative values; treated as the default).
 */
export function pageRequestOf(query: Record<string, string>): PageRequest {
  const perPage = positiveInt(query.per_page) ?? DEFAULT_PER_PAGE;
  return { page: positiveInt(query.page) ?? 1, perPage: Math.min(perPage, MAX_PER_PAGE) };
}

function positiveInt(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 ? n : null;
}

/**
 * Serves one page of `items` with GitHub's single `Link` header: absolute URLs on the request's own path (so GHES
 * `/api/v3` stays in them), carrying every query parameter and `per_page`, with `prev`/`next`/`last`/`first` as
 * applicable; no `Link` at all when everything fits on one page (D-PAGE).
 */
export function servePage<T>(request: FastifyRequest, reply: FastifyReply, baseUrl: string, items: readonly T[]): T[] {
  const query = queryOf(request);
  const { page, perPage } = pageRequestOf(query);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const path = request.url.split('?')[0] ?? '/';
  const link = (n: number): string => {
    const url = new URL(path, baseUrl);
    for (const [key, value] of Object.entries({ ...query, per_page: String(perPage), page: String(n) })) url.searchParams.set(key, value);
    return url.toString();
  };
  const relations: string[] = [];
  if (page > 1) relations.push(`<${link(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) relations.push(`<${link(page + 1)}>; rel="next"`, `<${link(lastPage)}>; rel="last"`);
  if (page > 1) relations.push(`<${link(1)}>; rel="first"`);
  if (relations.length > 0) void reply.header('link', relations.join(', '));
  return items.slice((page - 1) * perPage, page * perPage);
}
