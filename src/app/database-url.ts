import { existsSync } from 'node:fs';
import { ENV, envValue, type Env } from '../config/env.js';
import { DEFAULT_SQLITE_PATH, openDatabase, parseDatabaseTarget, type DatabaseTarget } from '../store/database.js';
import { isStoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';
import { InvalidInputError, OperationFailedError } from './errors.js';

/** What to tell someone whose database holds nothing yet. */
export const NOT_SYNCED_HINT = 'run `npx okta-evidence sync` first';

/**
 * The database a command reads: `--db`, else DATABASE_URL, else ./data/okta-evidence.sqlite (the same order `sync`
 * writes by). An unusable URL is an input error naming it, with any password redacted.
 */
export function resolveDatabaseUrl(flag: string | undefined, env: Env = {}): { url: string; target: DatabaseTarget } {
  const url = flag ?? envValue(env, ENV.databaseUrl) ?? DEFAULT_SQLITE_PATH;
  try {
    return { url, target: parseDatabaseTarget(url) };
  } catch (error) {
    if (isStoreError(error, 'STORE_URL_INVALID')) throw new InvalidInputError(error.message);
    throw error;
  }
}

/** For commands that only read: a SQLite file that does not exist means nothing was synced (opening would create it). */
export function databaseExists(target: DatabaseTarget): boolean {
  return target.dialect === 'postgres' || existsSync(target.path);
}

/**
 * Runs `work` on an open store and closes it whatever happens. Given a `Store`, uses it as it is and leaves it open
 * (the scheduler and the server keep one store for many operations); given a URL, opens it — for a read
 * (`mustExist`), a SQLite file that does not exist fails with the hint to sync instead of creating an empty one.
 */
export async function withStore<T>(database: string | Store, work: (store: Store) => Promise<T>, options: { mustExist?: boolean } = {}): Promise<T> {
  if (typeof database !== 'string') return work(database);
  if (options.mustExist === true) {
    const { target } = resolveDatabaseUrl(database);
    if (!databaseExists(target)) throw new OperationFailedError(`no database at ${database}: ${NOT_SYNCED_HINT}`);
  }
  const store = await openDatabase(database);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
