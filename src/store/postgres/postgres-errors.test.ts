import { describe, expect, it } from 'vitest';
import { postgresStoreError } from './postgres-errors.js';

const LOCATION = 'postgres://evidence:***@db.example.com:5432/evidence';
const pgError = (code: string, message = `server said ${code}`) => Object.assign(new Error(message), { code });

describe('postgresStoreError', () => {
  it.each([
    ['53100', 'STORE_DISK_FULL', /out of disk space/],
    ['25006', 'STORE_READ_ONLY', /replica/],
    ['42501', 'STORE_READ_ONLY', /privilege/],
    ['55P03', 'STORE_LOCKED', /lock/],
    ['40P01', 'STORE_LOCKED', /lock/],
    ['28P01', 'STORE_UNAVAILABLE', /user and password/],
    ['3D000', 'STORE_UNAVAILABLE', /does not exist/],
    ['57P01', 'STORE_UNAVAILABLE', /not accepting/],
    ['08006', 'STORE_UNAVAILABLE', /reachable/],
    ['ECONNREFUSED', 'STORE_UNAVAILABLE', /reachable/],
    ['ENOTFOUND', 'STORE_UNAVAILABLE', /reachable/],
    ['23505', 'STORE_QUERY_FAILED', /failed/],
  ])('maps %s to %s', (code, storeCode, message) => {
    const mapped = postgresStoreError(pgError(code), LOCATION);
    expect(mapped.code).toBe(storeCode);
    expect(mapped.message).toMatch(message);
    expect(mapped.message).toContain(LOCATION);
  });

  it('maps a connection timeout and an AggregateError from dual-stack connects to STORE_UNAVAILABLE', () => {
    expect(postgresStoreError(new Error('timeout exceeded when trying to connect'), LOCATION).code).toBe('STORE_UNAVAILABLE');
    const both = new AggregateError([pgError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432'), pgError('ECONNREFUSED')], '');
    const mapped = postgresStoreError(both, LOCATION);
    expect(mapped.code).toBe('STORE_UNAVAILABLE');
    expect(mapped.message).toContain('ECONNREFUSED ::1:5432');
  });
});
