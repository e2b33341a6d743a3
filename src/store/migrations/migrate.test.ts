import { expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import { isCatalogRace } from './migrate.js';

const pgError = (code: string) => Object.assign(new Error('from PostgreSQL'), { code });
const wrapped = (code: string) => new StoreError('STORE_QUERY_FAILED', 'A database operation failed', { cause: pgError(code) });

it('retries a migration run whose catalog read met a schema, table or column dropped meanwhile', () => {
  for (const code of ['3F000', '42P01', '42703']) {
    expect(isCatalogRace(wrapped(code), undefined)).toBe(true);
    expect(isCatalogRace(wrapped(code), [{ migrationName: '0001-initial-schema', direction: 'Up', status: 'NotExecuted' }])).toBe(true);
  }
});

it('does not retry a migration of ours that failed, or any other error', () => {
  expect(isCatalogRace(wrapped('3F000'), [{ migrationName: '0016-log-event-targets', direction: 'Up', status: 'Error' }])).toBe(false);
  expect(isCatalogRace(wrapped('23505'), undefined)).toBe(false);
  expect(isCatalogRace(new StoreError('STORE_READ_ONLY', 'read only'), undefined)).toBe(false);
  expect(isCatalogRace(new Error('no code'), undefined)).toBe(false);
});
