import type { RawBuilder } from 'kysely';

export const STORE_DIALECTS = ['sqlite', 'postgres'] as const;
export type StoreDialect = (typeof STORE_DIALECTS)[number];

type ColumnDataType = 'text' | 'bigint' | 'integer' | 'boolean' | 'jsonb' | RawBuilder<unknown>;

/**
 * Column types for the dialect-neutral migrations. Dates are epoch milliseconds (`bigint`) on both databases: one
 * conversion, correct ordering, no time-zone handling.
 */
export interface ColumnTypes {
  /** Identifiers and other keys we page by: byte order on both databases so streams come back in the same order. */
  readonly key: ColumnDataType;
  readonly text: ColumnDataType;
  readonly integer: ColumnDataType;
  readonly epochMs: ColumnDataType;
  /** Counters; PostgreSQL returns `bigint` as a string, which the repositories turn back into a number. */
  readonly count: ColumnDataType;
  readonly boolean: ColumnDataType;
  readonly json: ColumnDataType;
}

/** What differs between the databases once a connection exists. */
export interface DialectProfile {
  readonly name: StoreDialect;
  /** Bind parameters one statement may carry; bulk writes size their batches from it. */
  readonly maxBindParameters: number;
  readonly columnTypes: ColumnTypes;
  /**
   * `LIKE` already ignores the case of ASCII letters, as `lower()` lowers only those: a search compares the column
   * as it is with the lowered term, instead of lowering every row it scans (SQLite: half the time of a users search).
   */
  readonly likeIgnoresAsciiCase: boolean;
  /**
   * The planner chooses plans from statistics that only ANALYZE collects, so tables are analysed after a bulk write
   * (see `refreshPlannerStatistics`). SQLite's planner works from its indexes' shape unless asked to keep statistics.
   */
  readonly analyzesAfterBulkWrites: boolean;
  /** An API page's rows are read as one JSON value rather than row by row (see `repositories/json-page.ts`). */
  readonly pagesAsOneJsonValue: boolean;
}
