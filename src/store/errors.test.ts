import { describe, expect, it } from 'vitest';
import { StoreError, redactConnectionSecrets } from './errors.js';

describe('redactConnectionSecrets', () => {
  it.each([
    ['postgres://evidence:s3cr3t@db:5432/x', 'postgres://evidence:***@db:5432/x'],
    ['postgresql://u:p%40ss%2Fword@db/x?sslmode=require', 'postgresql://u:***@db/x?sslmode=require'],
    ['postgres://db/x?user=u&password=s3cr3t&sslmode=require', 'postgres://db/x?user=u&password=***&sslmode=require'],
    ["host=db password='s3cr3t' user=u", "host=db password=*** user=u"],
    ['postgres://u@db/x', 'postgres://u@db/x'],
    ['./data/okta-evidence.sqlite', './data/okta-evidence.sqlite'],
  ])('%s', (input, expected) => {
    expect(redactConnectionSecrets(input)).toBe(expected);
  });
});

describe('StoreError', () => {
  it('redacts in the constructor and leaves the driver cause out of its JSON form', () => {
    const cause = new Error('connect ECONNREFUSED');
    const error = new StoreError('STORE_UNAVAILABLE', 'Cannot reach postgres://u:s3cr3t@db/x.', { cause });
    expect(error.message).toBe('Cannot reach postgres://u:***@db/x.');
    expect(error.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: 'StoreError', code: 'STORE_UNAVAILABLE', message: error.message });
  });
});
