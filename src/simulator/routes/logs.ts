import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SimContext } from '../context.js';
import { sendOktaError, type OktaErrorCode } from '../okta-errors.js';
import type { SimLogEvent, SimLogStore } from '../org/types.js';
import { cursorScope, linkUrl, parseLimit, queryOf, setLinkHeaders } from '../pagination.js';
import { parseFilter, parseInstant, type Predicate } from './filter.js';
import { keywordMatcher, LOG_FILTER } from './log-search.js';
import { readOnlyRoute } from './replies.js';
import { DAY_MS } from '../../config/runtime.js';

/*
 * GET /api/v1/logs (https://developer.okta.com/docs/reference/system-log-query/, OKTA-API.md §10).
 *
 * Polling = ASCENDING without `until`: `next` is always present, even on an empty page, and its cursor holds a store
 * position, so events appended later come back when the client follows it. Bounded = `until` given, or DESCENDING:
 * ordered by `published`, finite, no `next` on the last page. The simulator has one time per event, so both modes order
 * by `published` (Okta orders polling by persistence time). Windows are found by binary search on the store; only
 * events inside the window are read, and only when a filter or `q` needs to look at them.
 */

const SCOPE = 'okta.logs.read';
/** `since` defaults to 7 days before `until` (SPEC listLogEvents). */
const DEFAULT_WINDOW_MS = 7 * DAY_MS;
/** Events older than 90 days are never returned; older `since` values still succeed (SYSLOG "Data retention"). */
const RETENTION_MS = 90 * DAY_MS;
/**
 * UNCERTAIN: SYSLOG's error examples include "The since parameter is over 180 days prior to the current day" (E0000053),
 * which conflicts with the 90-day retention. The simulator accepts up to 180 days (returning only retained events)
 * and refuses older, so a collector that clamps `since` to the retention window works either way.
 */
const MAX_SINCE_AGE_MS = 180 * DAY_MS;
/** `limit` 0–1000, default 100 (SPEC). As elsewhere, 0 means the default and larger values are clamped. */
const LOG_LIMITS = { defaultLimit: 100, maxLimit: 1000 };
const MAX_KEYWORDS = 10;
const MAX_KEYWORD_LENGTH = 40;

export function registerLogRoutes(app: FastifyInstance, ctx: SimContext): void {
  readOnlyRoute(app, '/api/v1/logs', SCOPE, async (request, reply) => {
    const now = ctx.clock();
    const parsed = readLogQuery(request, now);
    if (!parsed.ok) return sendOktaError(reply, parsed.code, parsed.detail, parsed.causes);
    const query = parsed.query;
    if (query.polling) ctx.stats.logPollingRequests++;
    const result = runLogQuery(ctx.org.logs, query, now);
    const path = request.url.split('?')[0] ?? '/api/v1/logs';
    const next =
      result.next === null
        ? null
        : linkUrl(ctx.baseUrl, path, { ...query.carried, limit: String(query.limit), after: encodeLogCursor(result.next, query.scope) });
    setLinkHeaders(reply, linkUrl(ctx.baseUrl, path, queryOf(request)), next);
    return result.events;
  });
}

/** Where the next page starts (the store index to read first) and the lower time bound, carried because `since` is not. */
export interface LogCursor {
  position: number;
  lowerMs: number;
}

export interface LogQuery {
  polling: boolean;
  descending: boolean;
  sinceMs: number | null;
  untilMs: number | null;
  cursor: LogCursor | null;
  limit: number;
  /** Null when neither `filter` nor `q` was given, so events need not be read to be counted. */
  test: Predicate<SimLogEvent> | null;
  /** Query parameters a `next` link carries: all but `after`, `limit` and `since` (`since` and `after` exclude each other). */
  carried: Record<string, string>;
  /** What cursors of this query are bound to. */
  scope: string;
}

type Failure = { ok: false; code: OktaErrorCode; detail?: string; causes?: string[] };

function failure(code: OktaErrorCode, detail: string | undefined, cause: string): Failure {
  return { ok: false, code, detail, causes: [cause] };
}

function readDate(name: 'since' | 'until', raw: string | undefined): number | null | Failure {
  if (raw === undefined || raw === '') return null;
  const ms = parseInstant(raw);
  if (ms !== null) return ms;
  // SYSLOG documents E0000001 for an unparseable date on this endpoint (not E0000030, which other APIs use).
  const reason = `${name}: The date format in your query is not recognized. Please enter dates using ISO8601 string format.`;
  return { ok: false, code: 'E0000001', detail: `'${name}': The date format in your query is not recognized.`, causes: [reason] };
}

/** Validates the parameters; every refusal is a 400 with the code SYSLOG documents for it. */
export function readLogQuery(request: FastifyRequest, now: number): { ok: true; query: LogQuery } | Failure {
  const raw = queryOf(request);
  const since = readDate('since', raw.since);
  if (typeof since === 'object' && since !== null) return since;
  const until = readDate('until', raw.until);
  if (typeof until === 'object' && until !== null) return until;
  const after = raw.after;
  if (after !== undefined && since !== null) {
    return failure('E0000053', undefined, "'since' and 'after' are mutually exclusive; follow the next link as given");
  }
  if (since !== null && since < now - MAX_SINCE_AGE_MS) {
    return failure('E0000053', undefined, 'The since parameter is over 180 days prior to the current day.');
  }
  const sortOrder = raw.sortOrder ?? 'ASCENDING';
  if (sortOrder !== 'ASCENDING' && sortOrder !== 'DESCENDING') {
    return failure('E0000001', 'sortOrder', 'sortOrder: must be ASCENDING or DESCENDING');
  }
  const limit = parseLimit(raw.limit, LOG_LIMITS);
  if (limit === null) return failure('E0000001', 'limit', 'limit: must be an integer between 0 and 1000');

  const tests: Predicate<SimLogEvent>[] = [];
  if (raw.filter !== undefined) {
    const parsed = parseFilter(raw.filter, LOG_FILTER);
    if (!parsed.ok) {
      // An unsupported operator/field pair is E0000031; anything else wrong with the filter is E0000053 (SYSLOG "Errors").
      const code = parsed.error.kind === 'operator' ? 'E0000031' : 'E0000053';
      return failure(code, undefined, `Invalid filter '${raw.filter}': ${parsed.error.reason}`);
    }
    tests.push(parsed.test);
  }
  if (raw.q !== undefined) {
    const keywords = raw.q.split(/\s+/).filter((k) => k !== '');
    if (keywords.length > MAX_KEYWORDS || keywords.some((k) => k.length > MAX_KEYWORD_LENGTH)) {
      const reason = `'q': Freeform search cannot contain items longer than ${MAX_KEYWORD_LENGTH} characters or more than ${MAX_KEYWORDS} items.`;
      return failure('E0000001', reason, reason);
    }
    if (keywords.length > 0) tests.push(keywordMatcher(keywords));
  }

  const path = request.url.split('?')[0] ?? '/api/v1/logs';
  const { after: _after, limit: _limit, since: _since, ...carried } = raw;
  const scope = cursorScope(path, carried);
  let cursor: LogCursor | null = null;
  if (after !== undefined) {
    cursor = decodeLogCursor(after, scope);
    if (cursor === null) return failure('E0000053', undefined, 'after: the cursor is not valid for this query');
  }
  return {
    ok: true,
    query: {
      polling: sortOrder === 'ASCENDING' && until === null,
      descending: sortOrder === 'DESCENDING',
      sinceMs: since,
      untilMs: until,
      cursor,
      limit,
      test: tests.length === 0 ? null : (e) => tests.every((t) => t(e)),
      carried,
      scope,
    },
  };
}

export interface LogPage {
  events: SimLogEvent[];
  /** Where the next page starts, or null when there is none (never null when polling). */
  next: LogCursor | null;
}

/** Runs a validated query against the store at time `now`. */
export function runLogQuery(store: SimLogStore, query: LogQuery, now: number): LogPage {
  const lowerMs = Math.max(query.cursor?.lowerMs ?? query.sinceMs ?? (query.untilMs ?? now) - DEFAULT_WINDOW_MS, now - RETENTION_MS);
  // Events stamped after `now` have not happened yet as far as this clock is concerned.
  const visibleEnd = firstIndexAfter(store, now);
  const lo = firstIndexAtOrAfter(store, lowerMs);
  const hi = query.untilMs === null ? visibleEnd : Math.min(visibleEnd, firstIndexAtOrAfter(store, query.untilMs));
  const { test } = query;
  const matches = (i: number): boolean => test === null || test(store.event(i));
  const events: SimLogEvent[] = [];
  const take = (i: number): void => {
    const event = store.event(i);
    if (test === null || test(event)) events.push(event);
  };

  if (query.descending) {
    let i = Math.min(query.cursor?.position ?? hi - 1, hi - 1);
    for (; i >= lo && events.length < query.limit; i--) take(i);
    while (i >= lo && !matches(i)) i--;
    return { events, next: i >= lo ? { position: i, lowerMs } : null };
  }

  let i = Math.max(query.cursor?.position ?? lo, lo);
  for (; i < hi && events.length < query.limit; i++) take(i);
  // Polling resumes exactly where this scan stopped, so later appends are picked up; it never ends.
  if (query.polling) return { events, next: { position: Math.max(i, lo), lowerMs } };
  while (i < hi && !matches(i)) i++;
  return { events, next: i < hi ? { position: i, lowerMs } : null };
}

/** First index whose `published` is ≥ ms (binary search; the store is sorted ascending). */
function firstIndexAtOrAfter(store: SimLogStore, ms: number): number {
  let lo = 0;
  let hi = store.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (store.publishedAt(mid) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstIndexAfter(store: SimLogStore, ms: number): number {
  let lo = 0;
  let hi = store.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (store.publishedAt(mid) <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function scopeDigest(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 12);
}

export function encodeLogCursor(cursor: LogCursor, scope: string): string {
  return Buffer.from(`${scopeDigest(scope)}.${cursor.position}.${cursor.lowerMs}`).toString('base64url');
}

export function decodeLogCursor(text: string, scope: string): LogCursor | null {
  const parts = Buffer.from(text, 'base64url').toString().split('.');
  if (parts.length !== 3 || parts[0] !== scopeDigest(scope)) return null;
  const position = Number(parts[1]);
  const lowerMs = Number(parts[2]);
  if (!Number.isSafeInteger(position) || position < 0 || !Number.isSafeInteger(lowerMs)) return null;
  return { position, lowerMs };
}
