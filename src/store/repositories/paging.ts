import { sql, type RawBuilder } from 'kysely';
import type { DialectProfile } from '../dialect-profile.js';
import type { RecordSource } from '../store.js';

export const DEFAULT_PAGE_SIZE = 1_000;
/** Past a few hundred rows a bigger statement no longer speeds things up; it only costs memory. */
const MAX_ROWS_PER_STATEMENT = 1_000;

/** Rows per multi-row INSERT that stay under the database's bind-parameter limit. */
export function rowsPerStatement(profile: DialectProfile, columnCount: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(profile.maxBindParameters / columnCount)));
}

/** Groups a (possibly async, possibly endless) source into arrays of at most `size`, holding one batch at a time. */
export async function* inBatches<T>(source: RecordSource<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Keyset pagination: `fetchPage` receives the last row of the previous page (undefined for the first) and returns
 * the next rows in key order. Each page is its own short query, so no cursor or transaction stays open while the
 * consumer works, and memory holds one page.
 */
export async function* streamPages<Row>(fetchPage: (after: Row | undefined) => Promise<Row[]>, pageSize: number): AsyncGenerator<Row> {
  let after: Row | undefined;
  for (;;) {
    const page = await fetchPage(after);
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1];
  }
}

/** `(a, b) > (x, y)`: a row-value comparison both SQLite (3.15+) and PostgreSQL evaluate with the index. */
export function rowValueAfter(columns: readonly string[], values: readonly unknown[]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(columns.map((column) => sql.ref(column)))}) > (${sql.join([...values])})`;
}

export function pageSizeOf(options: { batchSize?: number } | undefined): number {
  const size = options?.batchSize ?? DEFAULT_PAGE_SIZE;
  return Number.isInteger(size) && size > 0 ? size : DEFAULT_PAGE_SIZE;
}
