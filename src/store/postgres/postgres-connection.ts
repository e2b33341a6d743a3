import pg from 'pg';
import { PostgresDialect, type Dialect } from 'kysely';
import { StoreError } from '../errors.js';
import { postgresStoreError } from './postgres-errors.js';
import { statementNameOf } from '../statement-names.js';

/** Fail in seconds, with a clear message, when the server does not answer; node-postgres waits forever by default. */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Leaves json/jsonb as text so the repositories decode JSON the same way on both databases. Set on this pool only:
 * `pg.types.setTypeParser` would change every pool in the process.
 */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === pg.types.builtins.JSON || oid === pg.types.builtins.JSONB
      ? (text: string) => text
      : (pg.types.getTypeParser(oid, format) as (text: string) => unknown),
};

export interface PostgresConnection {
  dialect: Dialect;
  /** The schema our tables live in: the first existing schema on the connection's search_path. */
  schema: string;
}

/**
 * Creates a pool and proves the server answers before anything else runs, so a wrong URL fails here as
 * STORE_UNAVAILABLE rather than in the middle of a sync. `location` is the redacted URL for messages.
 */
export async function openPostgres(url: string, location: string): Promise<PostgresConnection> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'okta-evidence',
    types: typeParsers,
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled, that would crash the process. The
  // next query gets a fresh client or reports the failure as a StoreError.
  pool.on('error', () => undefined);
  pool.on('connect', runMarkedStatementsNamed);
  let schema: string | null;
  try {
    const client = await pool.connect();
    try {
      const result = await client.query<{ schema: string | null }>('select current_schema() as schema');
      schema = result.rows[0]?.schema ?? null;
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw postgresStoreError(error, location);
  }
  if (schema === null) {
    await pool.end().catch(() => undefined);
    throw new StoreError('STORE_UNAVAILABLE', `No schema on the search_path of ${location} exists. Create the schema or fix search_path.`);
  }
  return { dialect: new PostgresDialect({ pool }), schema };
}

/** PostgreSQL's "cached plan must not change result type": a table a named `select *` reads changed its columns. */
const CACHED_PLAN_CHANGED = '0A000';

/**
 * Runs the texts marked by `prepareOnEachConnection` as named statements on this client: node-postgres sends the text
 * once per connection, and the server keeps it parsed (and planned, once a generic plan costs no more than a custom
 * one). Kysely calls `query(text, values)`; everything else (cursors, config objects) passes through untouched. A
 * statement whose tables another process migrated fails once with 0A000: it runs unnamed on this client from then on.
 */
function runMarkedStatementsNamed(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const stale = new Set<string>();
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length === 2 ? statementNameOf(text) : undefined;
    if (name === undefined || stale.has(name)) return query(...args);
    return query({ name, text, values }).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== CACHED_PLAN_CHANGED) throw error;
      stale.add(name);
      return query(text, values);
    });
  };
}
