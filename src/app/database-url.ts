import { existsSync } from 'node:fs';
import type { Env } from '../okta/auth/load-credentials.js';
import { DEFAULT_SQLITE_PATH, parseDatabaseTarget, type DatabaseTarget } from '../store/database.js';
import { isStoreError } from '../store/errors.js';
import { InvalidInputError } from './errors.js';
import { DATABASE_URL_ENV } from './sync-config.js';

/**
 * The database a command reads: `--db`, else DATABASE_URL, else ./data/okta-evidence.sqlite (the same order `sync`
 * writes by). An unusable URL is a usage error naming it, with any password redacted.
 */
export function resolveDatabaseUrl(flag: string | undefined, env: Env = {}): { url: string; target: DatabaseTarget } {
  const fromEnv = env[DATABASE_URL_ENV];
  const url = flag ?? (fromEnv === undefined || fromEnv.trim() === '' ? undefined : fromEnv) ?? DEFAULT_SQLITE_PATH;
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
