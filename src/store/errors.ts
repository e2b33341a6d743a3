/** Stable codes a caller (sync run, CLI, UI) can branch on. Messages are for people and may change. */
export const STORE_ERROR_CODES = [
  /** Another process holds the write lock longer than the busy timeout (SQLite) or a lock wait failed (PG). */
  'STORE_LOCKED',
  /** No space left for the database file, its journal or PostgreSQL's data directory. */
  'STORE_DISK_FULL',
  /** The database cannot be reached or opened: refused connection, wrong password, I/O error. */
  'STORE_UNAVAILABLE',
  /** The file, its directory or the PostgreSQL server only allows reads. */
  'STORE_READ_ONLY',
  /** The schema could not be brought up to date (or was migrated by a newer version). */
  'STORE_MIGRATION_FAILED',
  /** The database URL is neither a SQLite path nor a postgres:// URL. */
  'STORE_URL_INVALID',
  /** A caller asked for something the snapshot lifecycle forbids (e.g. writing into the current snapshot). */
  'STORE_INVALID_STATE',
  /** A value the store cannot represent (an invalid Date, a child record filed under the wrong parent). */
  'STORE_INVALID_INPUT',
  /** A record with the same unique name already exists (e.g. a second connection named alike or to the same domain). */
  'STORE_CONFLICT',
  /** Any other database failure; the cause carries the driver's error. */
  'STORE_QUERY_FAILED',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/**
 * Every failure the store reports. Connection URLs may carry passwords, so the constructor redacts them: no caller
 * can leak one through a message, a log line or a recorded sync error.
 */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(redactConnectionSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
  }

  /** A plain, secret-free record for logs and sync history (the driver's cause is left out on purpose). */
  toJSON(): { name: string; code: StoreErrorCode; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}

/**
 * Hides credentials in anything that looks like a connection URL: `scheme://user:secret@host` and `password=…`
 * query or keyword parameters (libpq accepts both forms).
 */
export function redactConnectionSecrets(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/\s]*@/gi, '$1:***@')
    .replace(/\b(password|sslpassword)=('(?:[^'\\]|\\.)*'|[^&\s'"]+)/gi, '$1=***');
}
