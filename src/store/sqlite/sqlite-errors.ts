import { StoreError, type StoreErrorCode } from '../errors.js';

/** better-sqlite3 throws SqliteError with the (extended) result code as `code`; Node's fs errors carry errno names. */
function codeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Maps a SQLite or file-system failure to a StoreError whose message names the fix. `location` is the database
 * file's path.
 */
export function sqliteStoreError(error: unknown, location: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = codeOf(error);
  const [storeCode, message] = describe(code, location, messageOf(error));
  return new StoreError(storeCode, message, { cause: error });
}

function describe(code: string, location: string, detail: string): [StoreErrorCode, string] {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return [
      'STORE_LOCKED',
      `The database ${location} is locked by another process (another sync or the server is writing). Wait for it to finish and retry, or stop the other process.`,
    ];
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return [
      'STORE_DISK_FULL',
      `No space left for the database ${location}. Free disk space (or prune old snapshots and log events with a shorter retention) and retry.`,
    ];
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return [
      'STORE_READ_ONLY',
      `The database ${location} cannot be written. Make the file and its directory writable (SQLite also writes the -wal and -shm files beside it), or choose another --db path.`,
    ];
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return [
      'STORE_UNAVAILABLE',
      `${location} is not a usable SQLite database (${detail}). Point --db at another file, or move this one aside to start afresh.`,
    ];
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code === 'ENOTDIR' || code === 'EISDIR') {
    return [
      'STORE_UNAVAILABLE',
      `Cannot open or read the database ${location} (${detail}). Check that the path is a file in an existing, writable directory on a healthy disk.`,
    ];
  }
  return ['STORE_QUERY_FAILED', `A database operation on ${location} failed: ${detail}`];
}
