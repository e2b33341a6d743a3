import { describe, expect, it } from 'vitest';
import { pageAt } from './registry';

describe('pageAt', () => {
  it('finds the page a URL opens, detail pages included, so its chunk can be fetched early', () => {
    expect(pageAt('/tests')?.title).toBe('Tests');
    expect(pageAt('/tests/mfa-enabled-all-users')?.title).toBe('Test');
    expect(pageAt('/users/00u1')?.title).toBe('User');
    expect(typeof pageAt('/users/00u1')?.preload).toBe('function');
    expect(pageAt('/no-such-page')).toBeUndefined();
  });
});
