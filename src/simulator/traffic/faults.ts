import type { Faults } from '../options.js';
import type { Random } from './prng.js';

/** What to do to a request before its route runs. */
export type RequestFault = { kind: 'drop' } | { kind: 'server-error'; status: Faults['serverErrorStatus'] } | null;

/** Draws the request-level faults, drop first. A rate of 0 draws nothing, so switching a fault on does not reshuffle others. */
export function drawRequestFault(faults: Faults, random: Random): RequestFault {
  if (faults.dropConnectionRate > 0 && random() < faults.dropConnectionRate) return { kind: 'drop' };
  if (faults.serverErrorRate > 0 && random() < faults.serverErrorRate) return { kind: 'server-error', status: faults.serverErrorStatus };
  return null;
}

/** Plain string prefix, as a test writes it (`/api/v1/users` also covers `/api/v1/users/{id}/factors`). */
export function isUnderPrefix(path: string, prefix: string): boolean {
  return path.startsWith(prefix);
}

/** The `Link` header as one string, whether the route set one value or one per relation. */
export function linkHeaderText(value: string | number | string[] | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export function hasNextLink(link: string): boolean {
  return /;\s*rel="?next"?/.test(link);
}

/** What the page faults need to know about a response. */
export interface PageShape {
  /** A 200 page of a list: a JSON array, a response with pagination links, or `{value: [...], _links}`. */
  isList: boolean;
  /** It carries a `next` link, in the `Link` header or (iam/assignees shape) in the body's `_links`. */
  hasNext: boolean;
}

/** Inspects a serialised response. Only called while a page fault is set, so parsing an object body is affordable. */
export function pageShapeOf(statusCode: number, payload: unknown, link: string): PageShape {
  if (statusCode !== 200) return { isList: false, hasNext: false };
  const text = typeof payload === 'string' ? payload.trimStart() : '';
  if (link !== '' || text.startsWith('[')) return { isList: true, hasNext: hasNextLink(link) };
  const body = text.startsWith('{') ? parseObject(text) : null;
  const links = body?._links;
  if (!Array.isArray(body?.value) || typeof links !== 'object' || links === null) return { isList: false, hasNext: false };
  return { isList: true, hasNext: 'next' in links };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * A slow page is page 2+ (the request has an `after` cursor) or a page that carries a `next` link: the pages a
 * client fetches in a loop, where a timeout hurts most.
 */
export function isSlowPage(hasAfterCursor: boolean, page: PageShape): boolean {
  return page.isList && (hasAfterCursor || page.hasNext);
}

/**
 * Cuts a serialised body in half: a proper prefix of a JSON array or object never parses. Streams pass unchanged
 * (no list route streams).
 */
export function truncatePayload(payload: unknown): unknown {
  if (typeof payload === 'string') return payload.slice(0, Math.floor(payload.length / 2));
  if (Buffer.isBuffer(payload)) return payload.subarray(0, Math.floor(payload.length / 2));
  return payload;
}

/**
 * Counts list pages served under one `malformedPage` setting. Counting starts when the setting is made: each
 * `setFaults` parses a new object, so a new setting starts again from page 1.
 */
export class PageCounter {
  private readonly counts = new WeakMap<object, number>();

  /** Counts one more page for this setting and returns its 1-based number. */
  next(setting: object): number {
    const n = (this.counts.get(setting) ?? 0) + 1;
    this.counts.set(setting, n);
    return n;
  }
}
