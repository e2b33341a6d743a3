import { describe, expect, it } from 'vitest';
import { DatasetReport, MAX_ERRORS_KEPT, MAX_ERROR_MESSAGE, formatCount } from './dataset-report.js';

describe('DatasetReport', () => {
  it('is complete until something says otherwise; notes explain without making it partial', () => {
    const report = new DatasetReport('users');
    expect(report.toStatus(5)).toEqual({ dataset: 'users', state: 'complete', count: 5 });
    report.note('1 user deleted in Okta during the sync was removed from the snapshot');
    expect(report.toStatus(5)).toEqual({ dataset: 'users', state: 'complete', count: 5, reason: '1 user deleted in Okta during the sync was removed from the snapshot' });
  });

  it('joins gaps, parse errors and notes into one reason, keeping one error per entity id', () => {
    const report = new DatasetReport('factors');
    report.incomplete('factors read for 1,234 of 5,000 users; the next sync continues');
    report.recordError('00u1', 'factor a: bad');
    report.recordError('00u1', 'factor b: bad');
    expect(report.errors).toEqual([{ dataset: 'factors', entityId: '00u1', message: 'factor a: bad; factor b: bad' }]);
    expect(report.hasErrorsUnder('00u1')).toBe(true);
    expect(report.hasErrorsUnder('00u2')).toBe(false);
    expect(report.toStatus(10)).toEqual({
      dataset: 'factors',
      state: 'partial',
      count: 10,
      reason: 'factors read for 1,234 of 5,000 users; the next sync continues; 1 record could not be parsed (kept as collection errors with their ids)',
    });
    expect(report.toStatus(10, { storedErrors: 3 }).reason).toContain('3 records could not be parsed');
  });

  it('reports a denied dataset as not_permitted with the permission needed', () => {
    const report = new DatasetReport('adminRoles');
    report.notPermitted('Okta refused', 'okta.roles.read scope');
    expect(report.toStatus(0)).toEqual({ dataset: 'adminRoles', state: 'not_permitted', count: 0, reason: 'Okta refused', permissionNeeded: 'okta.roles.read scope' });
    expect(report.readToEnd).toBe(false);
  });

  it('formats counts for people', () => {
    expect(formatCount(50000)).toBe('50,000');
  });

  it('keeps the first 1,000 errors and bounded messages, and counts the rest (issue 14 item 5)', () => {
    const report = new DatasetReport('users');
    for (let i = 0; i < 100_000; i += 1) report.recordError(`#${i}`, 'profile.login: Invalid input');
    report.recordError('#1', 'x'.repeat(10_000));
    expect(report.errors).toHaveLength(MAX_ERRORS_KEPT);
    expect(report.errors[1]?.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE + 10);
    expect(report.toStatus(0)).toMatchObject({ state: 'partial', reason: '100,000 records could not be parsed (the first 1,000 kept as collection errors with their ids)' });
  });
});
