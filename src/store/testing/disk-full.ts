import { ENTITY_KINDS, ENTITY_TABLES } from '../repositories/entity-tables.js';
import type { SqlitePragmas } from '../sqlite/sqlite-connection.js';
import type { Store } from '../store.js';
import { runPostgresStatements, type TestBackend } from './test-backends.js';

/** A full disk on cue, for fault tests: `fill` until `free`. */
export interface DiskSwitch {
  fill(): Promise<void>;
  free(): Promise<void>;
}

/**
 * Opens a fresh database on `backend` whose disk a test can fill, each the way that backend really reports it:
 *
 * - SQLite: `max_page_count` on the store's own connection (a per-connection limit, hence the open hook) is shrunk to
 *   the pages the file already has, so any write that needs a new page fails with SQLITE_FULL, as on a full disk.
 *   Rewriting a row in place still works, as it does when the -wal file has room.
 * - PostgreSQL: a trigger on every entity table raises SQLSTATE 53100 (disk_full), which is what the server raises
 *   when it cannot extend a table's file. The sync history and org state stay writable.
 */
export async function openWithDiskSwitch(backend: TestBackend): Promise<{ store: Store; url: string; disk: DiskSwitch }> {
  let connection: SqlitePragmas | undefined;
  const opened = await backend.open({ onSqliteConnection: (opening) => (connection = opening) });
  if (backend.name === 'postgres') return { ...opened, disk: postgresDiskSwitch(opened.url) };
  if (connection === undefined) throw new Error('the SQLite store did not hand over its connection');
  return { ...opened, disk: sqliteDiskSwitch(connection) };
}

function sqliteDiskSwitch(connection: SqlitePragmas): DiskSwitch {
  const unlimited = Number(connection.pragma('max_page_count', { simple: true }));
  return {
    fill: () => {
      // SQLite never sets the limit below the pages in use: 1 means "exactly as large as the file is now".
      connection.pragma('max_page_count = 1');
      return Promise.resolve();
    },
    free: () => {
      connection.pragma(`max_page_count = ${unlimited}`);
      return Promise.resolve();
    },
  };
}

const ENTITY_TABLE_NAMES = ENTITY_KINDS.map((kind) => ENTITY_TABLES[kind].table);

/** `url` carries the test schema on its search_path, so the function and triggers land beside the store's tables. */
function postgresDiskSwitch(url: string): DiskSwitch {
  const run = (statements: string[]) => runPostgresStatements(url, statements);
  return {
    fill: () =>
      run([
        `create or replace function disk_full() returns trigger language plpgsql as $$
           begin raise exception 'could not extend file: No space left on device' using errcode = '53100'; end $$`,
        ...ENTITY_TABLE_NAMES.map((table) => `create trigger disk_full before insert or update on "${table}" for each row execute function disk_full()`),
      ]),
    free: () => run(ENTITY_TABLE_NAMES.map((table) => `drop trigger if exists disk_full on "${table}"`)),
  };
}
