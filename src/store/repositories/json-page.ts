import { sql, type Compilable, type SelectQueryBuilder } from 'kysely';
import type { DialectProfile } from '../dialect-profile.js';
import { StoreError } from '../errors.js';
import type { LooseDb } from '../schema.js';

type Row = Record<string, unknown>;
type LooseQuery = SelectQueryBuilder<Record<string, Record<string, unknown>>, string, Row>;

/** A page query's output: the columns it selects (by output name) and the order its rows come in. */
export interface PageShape {
  columns: readonly { name: string; json?: boolean }[];
  order: readonly string[];
}

/**
 * On PostgreSQL (`profile.pagesAsOneJsonValue`), a page's rows travel as one JSON text, `[[v1, v2, …], …]` in the
 * page's order. node-postgres turns each field of each row into a string, then a value, and builds an object per
 * row; one JSON.parse of one field does that work in native code and leaves the garbage collector far less to do.
 * On a users page of 50 that took the API server's CPU per request from 0.77 to 0.50-0.55 ms (docs/performance.md).
 * Pages with a JSON column keep the rows: with a check's entity results (jsonb `fields` of about 300 characters)
 * building the array cost PostgreSQL 0.6-1.0 ms per request under the API load instead of 0.26 ms, more than the
 * server saved. Other databases run `page` as it is.
 */
export function pageQuery(profile: DialectProfile, db: LooseDb, page: LooseQuery, shape: PageShape): Compilable<Row> {
  if (!travelsAsJson(profile, shape)) return page;
  const values = shape.columns.map(({ name }) => sql.ref(`page.${name}`));
  const order = shape.order.map((column) => sql.ref(`page.${column}`));
  return db.selectFrom(page.as('page')).select(sql<string>`coalesce(json_agg(json_build_array(${sql.join(values)}) order by ${sql.join(order)}), '[]')::text`.as('page_rows'));
}

/** The rows `pageQuery` read, as plain rows keyed by column name whichever way they travelled. */
export function pageRows(profile: DialectProfile, result: Row[], shape: PageShape): Row[] {
  if (!travelsAsJson(profile, shape)) return result;
  const text = result[0]?.page_rows;
  if (typeof text !== 'string') throw new StoreError('STORE_QUERY_FAILED', 'A page query answered without its rows.');
  const names = shape.columns.map((column) => column.name);
  return (JSON.parse(text) as unknown[][]).map((values) => {
    const row: Row = {};
    for (let index = 0; index < names.length; index += 1) row[names[index] as string] = values[index];
    return row;
  });
}

function travelsAsJson(profile: DialectProfile, shape: PageShape): boolean {
  return profile.pagesAsOneJsonValue && !shape.columns.some((column) => column.json === true);
}
