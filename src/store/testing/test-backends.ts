import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';
import { openDatabase, type OpenDatabaseOptions } from '../database.js';
import type { StoreDialect } from '../dialect-profile.js';
import type { Store } from '../store.js';

/**
 * The databases a contract test runs against: SQLite always, PostgreSQL when a URL is given (TEST_DATABASE_URL).
 * Every `open` is a fresh, empty database (a new file, or a new PostgreSQL schema), so test files can run in
 * parallel against one server without seeing each other's rows.
 */
export interface TestBackend {
  readonly name: StoreDialect;
  /** Opens a fresh database; `url` reopens the same one later. */
  open(options?: OpenDatabaseOptions): Promise<{ store: Store; url: string }>;
  /** Closes every store it opened and removes what it created. */
  dispose(): Promise<void>;
}

/** How to run the PostgreSQL half of the storage tests; said wherever they are skipped. */
export const POSTGRES_HINT = 'set TEST_DATABASE_URL=postgres://USER@HOST:5432/DB (an empty database the tests may create schemas in) to run them on PostgreSQL too';

/**
 * The backends to run a storage suite on. Without a PostgreSQL URL, a skipped placeholder suite is declared in the
 * calling file, so the report shows that its PostgreSQL tests were skipped, and how to run them, instead of nothing.
 */
export function testBackends(postgresUrl: string | undefined): TestBackend[] {
  const backends = availableBackends(postgresUrl);
  if (backends.length === 1) describe.skip(`on postgres (skipped: ${POSTGRES_HINT})`, () => it.skip('every test of this file', () => undefined));
  return backends;
}

/** SQLite, plus PostgreSQL when a URL is given; declares nothing (see `testBackends`). */
export function availableBackends(postgresUrl: string | undefined): TestBackend[] {
  const backends = [sqliteBackend()];
  if (postgresUrl !== undefined && postgresUrl !== '') backends.push(postgresBackend(postgresUrl));
  return backends;
}

/** Opens a store and remembers it so `dispose` can close it even when a test forgot or failed. */
function tracked(stores: Store[]) {
  return async (url: string, options?: OpenDatabaseOptions) => {
    const store = await openDatabase(url, options);
    stores.push(store);
    return { store, url };
  };
}

async function closeAll(stores: Store[]): Promise<void> {
  // A test may already have closed its store (reopen tests); closing twice is not an error here.
  await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
}

function sqliteBackend(): TestBackend {
  const directory = mkdtempSync(join(tmpdir(), 'okta-evidence-store-'));
  const stores: Store[] = [];
  const open = tracked(stores);
  let next = 0;
  return {
    name: 'sqlite',
    open: (options) => open(join(directory, `db-${(next += 1)}.sqlite`), options),
    async dispose() {
      await closeAll(stores);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

const TEST_SCHEMA_PREFIX = 't_';

/** Drops the schemas earlier test runs created (`t_` + 12 hex digits). Run once, before any test file starts. */
export async function dropTestSchemas(baseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname ~ '^t_[0-9a-f]{12}$'`);
    for (const { nspname } of rows) await client.query(`drop schema if exists ${nspname} cascade`);
    return rows.length;
  } finally {
    await client.end();
  }
}

function postgresBackend(baseUrl: string): TestBackend {
  const stores: Store[] = [];
  const open = tracked(stores);
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    async open(options) {
      const schema = `${TEST_SCHEMA_PREFIX}${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`create schema ${schema}`));
      const url = new URL(baseUrl);
      // libpq-style startup option: every pooled connection gets this schema first on its search_path.
      url.searchParams.set('options', `-c search_path=${schema}`);
      return open(url.toString(), options);
    },
    async dispose() {
      // Schemas are not dropped here: Kysely's migrator lists the tables of every schema, and a schema dropped by one
      // test file while another file migrates fails that migration (3F000). The global set-up drops the previous
      // run's schemas before any test starts (dropTestSchemas).
      await closeAll(stores);
    },
  };
}

/** Runs SQL statements in order on their own PostgreSQL connection to `url` (test set-up: triggers, old schemas). */
/**
 * A PostgreSQL database of its own, for a test that drops tables or columns: Kysely's migrator lists the tables and
 * columns of every schema of its database, and a column dropped meanwhile in another test file's schema fails that
 * listing (42703). No other test file ever sees this database; `drop` removes it.
 */
export async function openIsolatedPostgres(baseUrl: string): Promise<{ store: Store; url: string; drop(): Promise<void> }> {
  const name = `${TEST_SCHEMA_PREFIX}db_${randomBytes(6).toString('hex')}`;
  await runPostgresStatements(baseUrl, [`create database ${name}`]);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const drop = (): Promise<void> => runPostgresStatements(baseUrl, [`drop database if exists ${name} with (force)`]);
  const store = await openDatabase(url.toString()).catch(async (error: unknown) => {
    await drop();
    throw error;
  });
  return { store, url: url.toString(), drop };
}

export async function runPostgresStatements(url: string, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
