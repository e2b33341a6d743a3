import type { z } from 'zod';
import { printable } from '../text/printable.js';
import type { QueryParams } from '../okta/client.js';
import { isOktaClientError } from '../okta/errors.js';
import type { PaginationMode } from '../okta/paginate.js';
import type { CollectContext } from './collector.js';
import type { DatasetReport } from './dataset-report.js';

/** What reading from Okta needs from the collect context. */
export type ReadContext = Pick<CollectContext, 'client' | 'signal'>;

export interface ListRequest {
  /** How a dataset reason names this read, e.g. `the user list`. */
  label: string;
  path: string;
  query?: QueryParams;
  mode?: PaginationMode;
  /** Called once per page received (e.g. to count the requests a re-verification spent). */
  onPage?: () => void;
  /** Withdraws a page's request while it waits for its rate-limit slot (re-verification's share ran out). */
  waitSignal?: AbortSignal | undefined;
}

/**
 * Every item of a paginated list, one page in memory at a time. A list that ends without reaching its last page
 * (a repeated or foreign next link, OKTA-API.md §13 pitfall 10) makes the dataset partial with the pager's reason.
 * Failures the client throws (token invalid, aborted, 5xx after retries, malformed page) propagate: the sync run
 * records them.
 */
export async function* listItems(ctx: ReadContext, request: ListRequest, report: DatasetReport): AsyncGenerator {
  const pages = ctx.client.paginate(request.path, { signal: ctx.signal, waitSignal: request.waitSignal, query: request.query, mode: request.mode });
  for await (const page of pages) {
    request.onPage?.();
    yield* page.items;
  }
  if (!pages.summary.complete) report.incomplete(`${request.label} ended early: ${pages.summary.reason ?? 'pagination stopped'}`);
}

export type Parsed<R> = { ok: true; record: R } | { ok: false; message: string };

/** Zod issues as one line, paths only (`profile.login: Invalid input…`): no field values, which may be personal data. */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => `${issue.path.length === 0 ? '(record)' : issue.path.join('.')}: ${issue.message}`);
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`;
}

/** Runs `raw` through a raw Okta schema and maps it to our record type. */
export function parseWith<S extends z.ZodType, R>(schema: S, raw: unknown, map: (value: z.output<S>) => R): Parsed<R> {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, record: map(result.data) } : { ok: false, message: describeIssues(result.error) };
}

/** The id a payload claims, for naming a record that failed to parse; undefined when it has none usable. */
export function claimedId(raw: unknown, key = 'id'): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = (raw as Record<string, unknown>)[key];
  // Printed and stored as the error's entity id: no control characters from outside (see `printable`).
  return typeof value === 'string' && value !== '' && value.length <= 200 ? printable(value) : undefined;
}

export interface ParseSpec<S extends z.ZodType, R> {
  schema: S;
  map: (value: z.output<S>) => R;
  report: DatasetReport;
  /** The field naming the payload (`id`, or `uuid` for log events). */
  idKey?: string;
  /** Prefix for the entity id of an error, e.g. the group id for its members (`00g1/00u2`). */
  errorIdPrefix?: string;
  /** Called for each record that parsed, before it is yielded. */
  onRecord?: (record: R) => void;
}

/**
 * Parses a stream of payloads at the boundary. A payload that fails becomes a collection error named by its id (or
 * its position when it has none) and the dataset becomes partial; it is never dropped silently and never fatal.
 */
export async function* parseRecords<S extends z.ZodType, R>(items: AsyncIterable<unknown>, spec: ParseSpec<S, R>): AsyncGenerator<R> {
  let position = 0;
  for await (const raw of items) {
    position++;
    const parsed = parseWith(spec.schema, raw, spec.map);
    if (parsed.ok) {
      spec.onRecord?.(parsed.record);
      yield parsed.record;
    } else {
      spec.report.recordError(`${spec.errorIdPrefix ?? ''}${claimedId(raw, spec.idKey) ?? `#${position}`}`, parsed.message);
    }
  }
}

/** Okta answered 404 for one entity's sub-resource: it was deleted while the sync ran. */
export function isNotFound(error: unknown): boolean {
  return isOktaClientError(error, 'OKTA_NOT_FOUND');
}

/** Okta refused for lack of an admin role or an OAuth scope. */
export function isPermissionDenied(error: unknown): boolean {
  return isOktaClientError(error, 'OKTA_PERMISSION_DENIED') || isOktaClientError(error, 'OKTA_SCOPE_MISSING');
}

/** The request failed because the sync's budget ran out (or it was cancelled). */
export function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted && (isOktaClientError(error, 'OKTA_ABORTED') || (error instanceof Error && error.name === 'AbortError'));
}

/** A path segment from an id that passed `oktaIdSchema` (letters, digits, `_`, `-`): encoding is belt and braces. */
export function segment(id: string): string {
  return encodeURIComponent(id);
}
