import { describe, expect, it } from 'vitest';
import type { CheckEntityResultRecord, CheckResultRecord, CheckRunRecord, CheckStatus } from '../store/types.js';
import { diffRuns } from './diff.js';
import { countStatuses, overallStatus } from './engine.js';

type EntityRow = [id: string, status: CheckStatus, type?: string];

function entity([entityId, status, entityType = 'user']: EntityRow): CheckEntityResultRecord {
  return { entityType, entityId, entityName: `${entityId}@example.com`, status, reason: `${entityId} is ${status}`, fields: {} };
}

function check(id: string, rows: EntityRow[]): CheckResultRecord {
  const entities = rows.map(entity);
  const counts = countStatuses(entities);
  return { id, title: id, severity: 'high', status: overallStatus(counts), controls: [], counts, entities };
}

function run(snapshotId: string, results: CheckResultRecord[]): CheckRunRecord {
  return { org: 'acme.okta.com', snapshotId, syncId: `sync-${snapshotId}`, evaluatedAt: new Date('2025-06-01T00:00:00Z'), settings: {}, results };
}

describe('diffRuns', () => {
  it('finds newly failing and newly fixed entities, check by check', () => {
    const previous = run('s1', [
      check('mfa', [['kept-failing', 'fail'], ['fixed', 'fail'], ['breaks', 'pass'], ['deprovisioned', 'fail'], ['deleted', 'fail'], ['unknown-now', 'fail'], ['was-unknown', 'error'], ['was-na', 'not_applicable']]),
    ]);
    const current = run('s2', [
      check('mfa', [['kept-failing', 'fail'], ['fixed', 'pass'], ['breaks', 'fail'], ['deprovisioned', 'not_applicable'], ['unknown-now', 'error'], ['was-unknown', 'fail'], ['was-na', 'fail'], ['new-user', 'fail'], ['new-ok', 'pass']]),
    ]);
    const changes = diffRuns(previous, current);
    expect(changes).toMatchObject({ previousSnapshotId: 's1', previousSyncId: 'sync-s1' });
    const [mfa] = changes.checks;
    expect(mfa?.newlyFailing.map((change) => [change.entityId, change.before, change.after])).toEqual([
      ['breaks', 'pass', 'fail'],
      ['was-unknown', 'error', 'fail'],
      ['was-na', 'not_applicable', 'fail'],
      ['new-user', null, 'fail'],
    ]);
    expect(mfa?.newlyFixed.map((change) => [change.entityId, change.before, change.after])).toEqual([
      ['fixed', 'fail', 'pass'],
      ['deprovisioned', 'fail', 'not_applicable'],
      ['deleted', 'fail', null],
    ]);
    expect(mfa?.newlyFixed[2]?.reason).toBe('deleted is fail');
  });

  it('keeps entities of different types apart', () => {
    const previous = run('s1', [check('password', [['acme.okta.com', 'fail', 'organization'], ['00p1', 'pass', 'policy']])]);
    const current = run('s2', [check('password', [['acme.okta.com', 'pass', 'organization'], ['acme.okta.com', 'fail', 'policy']])]);
    const [password] = diffRuns(previous, current).checks;
    expect(password?.newlyFailing.map((change) => change.entityType)).toEqual(['policy']);
    expect(password?.newlyFixed.map((change) => change.entityType)).toEqual(['organization']);
  });

  it('reports the check status before and after, including checks only in one run', () => {
    const previous = run('s1', [check('mfa', [['a', 'fail']]), check('retired', [['b', 'fail']])]);
    const current = run('s2', [check('mfa', [['a', 'pass']]), check('added', [['c', 'fail']])]);
    expect(diffRuns(previous, current).checks.map(({ id, before, after, newlyFailing, newlyFixed }) => [id, before, after, newlyFailing.length, newlyFixed.length])).toEqual([
      ['mfa', 'fail', 'pass', 0, 1],
      ['added', null, 'fail', 1, 0],
      ['retired', 'fail', null, 0, 1],
    ]);
  });

  it('finds no changes between identical runs', () => {
    const same = [check('mfa', [['a', 'fail'], ['b', 'pass']])];
    const [mfa] = diffRuns(run('s1', same), run('s2', same)).checks;
    expect(mfa).toMatchObject({ newlyFailing: [], newlyFixed: [] });
  });
});
