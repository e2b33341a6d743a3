import { expect, it } from 'vitest';
import { collect, describeEachBackend } from '../testing/backend-suite.js';
import { newOrg, paddedId } from '../testing/fixtures.js';
import type { CheckEntityResultRecord, CheckRunRecord } from '../types.js';

function entity(entityId: string, status: CheckEntityResultRecord['status'], entityType = 'user'): CheckEntityResultRecord {
  return { entityType, entityId, entityName: `${entityId}@example.com`, status, reason: `Reason for ${entityId} — ünïcode`, fields: { lastLogin: null, factors: ['push'], n: 3 } };
}

function makeRun(org: string, snapshotId: string, evaluatedAt: Date, entities: CheckEntityResultRecord[] = [entity('00u1', 'fail')]): CheckRunRecord {
  return {
    org,
    snapshotId,
    syncId: `sync-${snapshotId}`,
    evaluatedAt,
    settings: { profile: 'pci-dss-v4', inactiveDays: 90, reviewPeriodDays: 90 },
    results: [
      {
        id: 'mfa-enabled-all-users',
        title: 'MFA Enabled for All Users',
        severity: 'critical',
        status: 'fail',
        controls: ['SOC2:CC6.1', 'PCI_DSS_4:8.4'],
        counts: { pass: 0, fail: 1, not_applicable: 0, error: 0 },
        entities,
      },
      {
        id: 'password-policy-compliance',
        title: 'Password Policy Compliance',
        severity: 'high',
        status: 'not_applicable',
        controls: [],
        counts: { pass: 0, fail: 0, not_applicable: 0, error: 0 },
        entities: [],
      },
    ],
  };
}

const at = (day: number) => new Date(Date.UTC(2025, 5, day, 12, 0, 0, 123));

describeEachBackend('check results on %s', ({ store, org }) => {
  it('round-trips a run: summaries, every entity with its JSON fields, dates to the millisecond', async () => {
    const run = makeRun(org(), 'snap-1', at(1), [entity('00u2', 'pass'), entity('00u1', 'fail'), entity('users', 'error', 'dataset')]);
    const saved = await store().checkResults.save(run);
    expect(saved.id).toMatch(/^[0-9A-Z]{26}$/);
    const loaded = await store().checkResults.get(saved.id);
    // Entities come back in (type, id) byte order.
    const mfa = run.results[0]!;
    const expected = { ...run, id: saved.id, results: [{ ...mfa, entities: [entity('users', 'error', 'dataset'), entity('00u1', 'fail'), entity('00u2', 'pass')] }, run.results[1]] };
    expect(loaded).toEqual(expected);
    expect(await store().checkResults.latest(org())).toEqual(expected);
    expect(await store().checkResults.get('missing')).toBeUndefined();
    expect(await store().checkResults.latest('nobody.example.com')).toBeUndefined();
  });

  it('keeps one run per snapshot: re-evaluating replaces the earlier run', async () => {
    const first = await store().checkResults.save(makeRun(org(), 'snap-1', at(1), [entity('00u1', 'fail')]));
    const again = await store().checkResults.save(makeRun(org(), 'snap-1', at(2), [entity('00u1', 'pass')]));
    expect(await store().checkResults.get(first.id)).toBeUndefined();
    expect((await store().checkResults.latest(org()))?.id).toBe(again.id);
    expect((await store().checkResults.latest(org()))?.results[0]?.entities.map((e) => e.status)).toEqual(['pass']);
  });

  it('finds the previous sync’s run to compare with', async () => {
    const older = await store().checkResults.save(makeRun(org(), 'snap-1', at(1)));
    const previous = await store().checkResults.save(makeRun(org(), 'snap-2', at(2)));
    const current = await store().checkResults.save(makeRun(org(), 'snap-3', at(3)));
    await store().checkResults.save(makeRun(newOrg(), 'snap-x', at(2)));
    expect((await store().checkResults.previous(org(), current))?.id).toBe(previous.id);
    expect((await store().checkResults.previous(org(), previous))?.id).toBe(older.id);
    expect(await store().checkResults.previous(org(), older)).toBeUndefined();
    // Re-running the checks over the current snapshot still compares with the previous sync, not with itself.
    const rerun = await store().checkResults.save(makeRun(org(), 'snap-3', at(4)));
    expect((await store().checkResults.previous(org(), rerun))?.id).toBe(previous.id);
  });

  it('prunes runs over pruned snapshots, but keeps every run over a stored snapshot and the newest two', async () => {
    const runs: string[] = [];
    for (let day = 1; day <= 4; day += 1) {
      const snapshot = await store().snapshots.begin(org());
      await store().snapshots.promote(org(), snapshot.id);
      runs.push((await store().checkResults.save(makeRun(org(), snapshot.id, at(day), [entity('00u1', 'fail'), entity('00u2', 'pass')]))).id);
    }
    const [first, second, third, fourth] = runs as [string, string, string, string];
    // Another org's run whose snapshot never existed here: not this org's to prune.
    const foreign = await store().checkResults.save(makeRun(newOrg(), 'snap-gone', at(1)));

    await store().snapshots.prune(org(), 3);
    expect(await store().checkResults.prune(org())).toEqual([first]);
    expect(await store().checkResults.get(first)).toBeUndefined();
    expect(await collect(store().checkResults.streamEntities(first))).toEqual([]);
    // Older than the newest two, but its snapshot is still stored.
    expect((await store().checkResults.get(second))?.results[0]?.entities).toHaveLength(2);

    // Keeping only the current snapshot: the previous run stays, whole, for "what changed since the last sync".
    await store().snapshots.prune(org(), 1);
    expect(await store().checkResults.prune(org())).toEqual([second]);
    const latest = await store().checkResults.latest(org());
    expect(latest?.id).toBe(fourth);
    const previous = await store().checkResults.previous(org(), latest!);
    expect(previous?.id).toBe(third);
    expect(previous?.results[0]?.entities.map((e) => e.entityId)).toEqual(['00u1', '00u2']);
    expect(await store().checkResults.prune(org())).toEqual([]);
    expect(await store().checkResults.get(foreign.id)).toBeDefined();
  });

  it('stores and reloads a large run in pages', async () => {
    const entities = Array.from({ length: 12_345 }, (_, n) => entity(paddedId('00u', n), n % 7 === 0 ? 'fail' : 'pass'));
    const saved = await store().checkResults.save(makeRun(org(), 'snap-big', at(1), entities));
    const loaded = await store().checkResults.get(saved.id);
    expect(loaded?.results[0]?.entities).toHaveLength(12_345);
    expect(loaded?.results[0]?.entities[12_344]).toEqual(entities[12_344]);
  });
});
