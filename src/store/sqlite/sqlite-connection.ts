import { closeSync, constants, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type Dialect, type DialectAdapter, type Driver } from 'kysely';
import { sqliteStoreError } from './sqlite-errors.js';

export const DEFAULT_SQLITE_PATH = './data/okta-evidence.sqlite';
/** How long a write waits for another process's lock before STORE_LOCKED. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/** The slice of a better-sqlite3 connection a test hook may use: its pragmas (e.g. `max_page_count`). */
export interface SqlitePragmas {
  pragma(source: string, options?: { simple: true }): unknown;
}

export interface SqliteConnectionOptions {
  busyTimeoutMs?: number;
  /** Called with the connection once it is configured (see `OpenDatabaseOptions.onSqliteConnection`). */
  onConnection?: ((connection: SqlitePragmas) => void) | undefined;
  /** Reads only: the file must exist; the journal mode is left as the writer set it. */
  readOnly?: boolean;
}

/** Opens (creating if needed) the database file and returns a Kysely dialect over it. */
export function openSqlite(path: string, options: SqliteConnectionOptions = {}): Dialect {
  try {
    const readonly = options.readOnly === true;
    if (path !== ':memory:' && !readonly) createPrivately(path);
    const database = new Database(path, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS, readonly, fileMustExist: readonly });
    try {
      if (readonly) {
        database.pragma('foreign_keys = ON');
        options.onConnection?.(database);
        return new ImmediateTransactionSqliteDialect(database);
      }
      // WAL lets the server read while a sync writes; NORMAL sync is durable in WAL except on power loss, where
      // the last commits may roll back (a snapshot is promoted atomically, so that loses a sync, never corrupts one).
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
      database.pragma('foreign_keys = ON');
      options.onConnection?.(database);
    } catch (error) {
      database.close();
      throw error;
    }
    return new ImmediateTransactionSqliteDialect(database);
  } catch (error) {
    throw sqliteStoreError(error, path);
  }
}

/**
 * The database holds personal data: a new file is created 0600 in a new folder 0700, whatever the umask, before
 * SQLite opens it (SQLite gives its -wal and -shm files the database file's permissions). Existing files keep theirs.
 */
function createPrivately(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Distinct statements kept prepared per connection: the API's reads and a sync's writes are a few dozen shapes. */
const PREPARED_STATEMENTS_KEPT = 256;

/**
 * The connection as Kysely sees it, with its prepared statements kept by SQL text. Kysely prepares every query it
 * runs afresh; under the API's load that compile was 8 % of the server's CPU (`--cpu-prof`, api-load bench), more
 * than some of the queries themselves. A statement still being iterated (`busy`) is not reused: that query gets a
 * fresh one. The least recently used statement is dropped past the limit (better-sqlite3 finalises it when collected).
 */
export function withStatementCache(database: Database.Database): Pick<Database.Database, 'prepare' | 'close'> {
  const prepared = new Map<string, Database.Statement>();
  return {
    prepare(source: string) {
      const known = prepared.get(source);
      if (known !== undefined && !known.busy) {
        // Re-inserted: Map order is the recency order the eviction below relies on.
        prepared.delete(source);
        prepared.set(source, known);
        return known;
      }
      const statement = withRowsBuiltInJs(database.prepare(source));
      if (known === undefined) {
        prepared.set(source, statement);
        if (prepared.size > PREPARED_STATEMENTS_KEPT) prepared.delete(prepared.keys().next().value as string);
      }
      return statement;
    },
    close() {
      prepared.clear();
      return database.close();
    },
  } as Pick<Database.Database, 'prepare' | 'close'>;
}

/**
 * A reading statement whose rows are fetched as arrays and made into objects here. better-sqlite3 builds each row
 * object through V8's C++ API, one property at a time; building it in JavaScript is about twice as fast (a 51-row
 * users page: 240 µs → 135 µs), and on the API's list reads that was the largest single cost after the query itself.
 * The rows are the same plain objects, a repeated column name keeping its last value as before. Writes, and a column
 * named `__proto__` (which an assignment would take as the prototype), keep better-sqlite3's own rows.
 */
function withRowsBuiltInJs(statement: Database.Statement): Database.Statement {
  if (!statement.reader) return statement;
  const names = statement.columns().map((column) => column.name);
  if (names.includes('__proto__')) return statement;
  statement.raw(true);
  const toRow = (values: unknown[]): Record<string, unknown> => {
    const row: Record<string, unknown> = {};
    for (let index = 0; index < names.length; index += 1) row[names[index] as string] = values[index];
    return row;
  };
  const shaped = {
    reader: true,
    get busy() {
      return statement.busy;
    },
    all: (...params: unknown[]) => (statement.all(...params) as unknown[][]).map(toRow),
    *iterate(...params: unknown[]) {
      for (const values of statement.iterate(...params) as IterableIterator<unknown[]>) yield toRow(values);
    },
    // A reader may still be run (`insert … returning` run for its effect only).
    run: (...params: unknown[]) => statement.run(...params),
  };
  return shaped as unknown as Database.Statement;
}

class ImmediateTransactionSqliteDialect extends SqliteDialect {
  constructor(private readonly database: Database.Database) {
    super({ database });
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.database);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * SQLite's DDL is transactional, but Kysely's adapter says otherwise, so its Migrator would run migrations outside
 * a transaction: a crash halfway would leave a half-built schema, and two processes opening a new file at once
 * would race. Claiming support makes the Migrator wrap the run in one (immediate) transaction.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * `BEGIN IMMEDIATE` takes the write lock up front. A plain (deferred) BEGIN that reads and then writes can fail with
 * SQLITE_BUSY at once, without waiting for busy_timeout, when another process wrote in between.
 */
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  constructor(private readonly database: Database.Database) {
    super({ database: withStatementCache(database) });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * SQLite rolls a transaction back by itself after SQLITE_FULL, SQLITE_IOERR or SQLITE_BUSY; a second ROLLBACK would
   * fail with "no transaction is active" and hide the original error from the caller.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.database.inTransaction) await super.rollbackTransaction(connection);
  }
}
