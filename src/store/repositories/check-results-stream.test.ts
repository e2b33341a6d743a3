import { expect, it } from 'vitest';
import { collect, describeEachBackend } from '../testing/backend-suite.js';
import { newOrg, paddedId } from '../testing/fixtures.js';
import type { CheckEntityResultRecord, CheckRunRecord } from '../types.js';

/** The two reads the evidence export uses: a run's summary without its rows, and its rows page by page. */

const entity = (entityId: string, status: CheckEntityResultRecord['status']): CheckEntityResultRecord => ({
  entityType: 'user',
  entityId,
  entityName: `${entityId}@example.com`,
  status,
  reason: `Reason for ${entityId}`,
  fields: { factors: ['push'] },
});

function run(org: string, snapshotId: string, day: number, users: number): CheckRunRecord {
  const entities = Array.from({ length: users }, (_, n) => entity(paddedId('00u', n), n % 3 === 0 ? 'fail' : 'pass'));
  return {
    org,
    snapshotId,
    syncId: null,
    evaluatedAt: new Date(Date.UTC(2025, 5, day)),
    settings: { profile: 'pci-dss-v4' },
    results: [
      { id: 'mfa-enabled-all-users', title: 'MFA Enabled for All Users', severity: 'critical', status: 'fail', controls: ['SOC2:CC6.1'], counts: { pass: 0, fail: 0, not_applicable: 0, error: 0 }, entities },
      { id: 'inactive-user-accounts', title: 'Inactive User Accounts', severity: 'medium', status: 'pass', controls: [], counts: { pass: 1, fail: 0, not_applicable: 0, error: 0 }, entities: [entity('00u1', 'pass')] },
    ],
  };
}

describeEachBackend('check results for export on %s', ({ store }) => {
  it('summarises the latest run without loading its entity rows', async () => {
    const org = newOrg();
    expect(await store().checkResults.latestSummary(org)).toBeUndefined();
    await store().checkResults.save(run(org, 'snap-1', 1, 3));
    const newer = await store().checkResults.save(run(org, 'snap-2', 2, 3));
    const summary = await store().checkResults.latestSummary(org);
    expect(summary).toMatchObject({ id: newer.id, snapshotId: 'snap-2', settings: { profile: 'pci-dss-v4' } });
    expect(summary?.results.map((result) => result.id)).toEqual(['mfa-enabled-all-users', 'inactive-user-accounts']);
    expect(summary?.results[0]).not.toHaveProperty('entities');
  });

  it('streams a run’s entity rows in (check, type, id) order across pages', async () => {
    const org = newOrg();
    const saved = await store().checkResults.save(run(org, 'snap-1', 1, 25));
    const rows = await collect(store().checkResults.streamEntities(saved.id, { batchSize: 7 }));
    expect(rows).toHaveLength(26);
    expect(rows[0]).toEqual({ checkId: 'inactive-user-accounts', ...entity('00u1', 'pass') });
    expect(rows.slice(1).map((row) => row.entityId)).toEqual(Array.from({ length: 25 }, (_, n) => paddedId('00u', n)));
    expect(rows[1]).toEqual({ checkId: 'mfa-enabled-all-users', ...entity(paddedId('00u', 0), 'fail') });
    expect(await collect(store().checkResults.streamEntities('no-such-run'))).toEqual([]);
  });

  it('streams one check’s rows alone across pages (tests --format json writes check by check)', async () => {
    const org = newOrg();
    const saved = await store().checkResults.save(run(org, 'snap-1', 1, 25));
    const mfa = await collect(store().checkResults.streamEntities(saved.id, { batchSize: 7, checkId: 'mfa-enabled-all-users' }));
    expect(mfa.map((row) => [row.checkId, row.entityId])).toEqual(Array.from({ length: 25 }, (_, n) => ['mfa-enabled-all-users', paddedId('00u', n)]));
    const inactive = await collect(store().checkResults.streamEntities(saved.id, { batchSize: 7, checkId: 'inactive-user-accounts' }));
    expect(inactive).toEqual([{ checkId: 'inactive-user-accounts', ...entity('00u1', 'pass') }]);
    expect(await collect(store().checkResults.streamEntities(saved.id, { checkId: 'no-such-check' }))).toEqual([]);
  });
});
