import { POSTGRES_HINT, dropTestSchemas } from '../src/store/testing/test-backends.js';

/**
 * Runs once before any test file: removes the PostgreSQL schemas the previous run's storage tests left behind (each
 * test file works in its own fresh schema and does not drop it, see test-backends.ts).
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url !== undefined && url !== '') await dropTestSchemas(url);
  // Said before the run starts, where a new user sees it: the PostgreSQL tests are skipped, not passed.
  else process.stderr.write(`\nTEST_DATABASE_URL is not set: the storage tests run on SQLite only; their PostgreSQL runs are reported as skipped; ${POSTGRES_HINT}.\n\n`);
}
