import { Kysely, type Dialect } from 'kysely';
import { createStore } from './create-store.js';
import type { DialectProfile } from './dialect-profile.js';
import { StoreError, redactConnectionSecrets } from './errors.js';
import { withCachedCallerLookups } from './cached-caller-lookups.js';
import { ACCOUNT_CHANGES_CHANNEL } from './migrations/0018-account-change-notifications.js';
import { migrateToLatest } from './migrations/migrate.js';
import { listenForChanges } from './postgres/change-feed.js';
import { channelName, postgresMessageChannel } from './postgres/message-channel.js';
import { openPostgres } from './postgres/postgres-connection.js';
import { postgresStoreError } from './postgres/postgres-errors.js';
import { postgresProfile } from './postgres/postgres-profile.js';
import type { StoreDatabase } from './schema.js';
import { DEFAULT_SQLITE_PATH, openSqlite, type SqlitePragmas } from './sqlite/sqlite-connection.js';
import { sqliteStoreError } from './sqlite/sqlite-errors.js';
import { sqliteProfile } from './sqlite/sqlite-profile.js';
import { withStoreErrors, type ToStoreError } from './store-error-dialect.js';
import type { Store } from './store.js';

export { DEFAULT_SQLITE_PATH } from './sqlite/sqlite-connection.js';

export interface OpenDatabaseOptions {
  /** SQLite: how long a write waits for another process's lock before failing with STORE_LOCKED (default 5 s). */
  busyTimeoutMs?: number;
  /** Clock for the times the store stamps itself (snapshot creation). */
  now?: () => Date;
  /**
   * Test hook, SQLite only: receives the store's one connection once it is open, for limits that only that connection
   * can set (a test shrinks `max_page_count` to make the disk full). Ignored on PostgreSQL.
   */
  onSqliteConnection?: (connection: SqlitePragmas) => void;
  /** SQLite: open the file for reading only (it must exist and be migrated); every write fails with STORE_READ_ONLY. */
  readOnly?: boolean;
}

/** `readOnly`: a `file:PATH?mode=ro` URL (SQLite's own spelling) asks to open the file for reading only. */
export type DatabaseTarget = { dialect: 'sqlite'; path: string; readOnly?: true } | { dialect: 'postgres'; url: string };

/**
 * `postgres://` or `postgresql://` selects PostgreSQL; `sqlite:`/`file:` URLs and plain paths select SQLite; an
 * empty string means the default SQLite file.
 */
export function parseDatabaseTarget(url: string): DatabaseTarget {
  const trimmed = url.trim();
  if (trimmed === '') return { dialect: 'sqlite', path: DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { dialect: 'postgres', url: trimmed };
  const sqliteUrl = /^(sqlite|file):(\/\/)?(.*)$/i.exec(trimmed);
  if (sqliteUrl !== null) {
    const [, path = '', mode] = /^(.*?)(\?mode=ro)?$/.exec(sqliteUrl[3] ?? '') ?? [];
    return { dialect: 'sqlite', path: path === '' ? DEFAULT_SQLITE_PATH : path, ...(mode === undefined ? {} : { readOnly: true }) };
  }
  // A Windows drive path (C:\…) is a path, not a scheme.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new StoreError(
      'STORE_URL_INVALID',
      `Unsupported database URL ${redactConnectionSecrets(trimmed)}: use a SQLite file path or a postgres:// URL.`,
    );
  }
  return { dialect: 'sqlite', path: trimmed };
}

interface Connection {
  dialect: Dialect;
  /** PostgreSQL: the schema our tables live in. */
  schema?: string;
  profile: DialectProfile;
  location: string;
  toStoreError: ToStoreError;
}

async function connect(target: DatabaseTarget, options: OpenDatabaseOptions): Promise<Connection> {
  if (target.dialect === 'postgres') {
    const location = redactConnectionSecrets(target.url);
    return {
      ...(await openPostgres(target.url, location)),
      profile: postgresProfile,
      location,
      toStoreError: (error) => postgresStoreError(error, location),
    };
  }
  return {
    dialect: openSqlite(target.path, { busyTimeoutMs: options.busyTimeoutMs, onConnection: options.onSqliteConnection, readOnly: options.readOnly === true || target.readOnly === true }),
    profile: sqliteProfile,
    location: target.path,
    toStoreError: (error) => sqliteStoreError(error, target.path),
  };
}

/** Opens the database the URL names, brings its schema up to date, and returns the store over it. */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<Store> {
  const target = parseDatabaseTarget(url);
  const { dialect, schema, profile, location, toStoreError } = await connect(target, options);
  const db = new Kysely<StoreDatabase>({ dialect: withStoreErrors(dialect, toStoreError) });
  try {
    await migrateToLatest(db, profile, location, schema);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  const store = createStore(db, { profile, location, now: options.now ?? (() => new Date()) });
  return target.dialect === 'postgres' ? withPostgresNotifications(store, db, target.url, schema) : store;
}

/**
 * PostgreSQL's LISTEN/NOTIFY, each listening connection opened only when first needed (so only a server opens them):
 * - callers (sessions, API tokens) are kept in memory while a LISTEN connection reports every change to the account
 *   tables (`cached-caller-lookups.ts`);
 * - syncs' progress goes from the process running a sync to every `serve` (`app/shared-sync-progress.ts`).
 */
function withPostgresNotifications(store: Store, db: Kysely<StoreDatabase>, url: string, schema: string | undefined): Store {
  const changes = listenForChanges(url, ACCOUNT_CHANGES_CHANNEL, { applicationName: 'okta-evidence account changes' });
  const progress = postgresMessageChannel(db, url, channelName('sync_progress', schema));
  return {
    ...store,
    serverAccounts: withCachedCallerLookups(store.serverAccounts, changes),
    syncProgressChannel: progress,
    async close() {
      await Promise.all([changes.close(), progress.close()]);
      await store.close();
    },
  };
}
