import { dropTestSchemas } from '../src/store/testing/test-backends.js';

/**
 * Runs once before any test file: removes the PostgreSQL schemas the previous run's storage tests left behind (each
 * test file works in its own fresh schema and does not drop it, see test-backends.ts).
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url !== undefined && url !== '') await dropTestSchemas(url);
}
