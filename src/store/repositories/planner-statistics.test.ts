import Database from 'better-sqlite3';
import pg from 'pg';
import { expect, it } from 'vitest';
import { evaluateChecks } from '../../checks/engine.js';
import { loadSnapshotView } from '../../checks/snapshot-view.js';
import { describeEachBackend } from '../testing/backend-suite.js';
import { makeUser, paddedId } from '../testing/fixtures.js';

const USERS = 3_000;

/** The planner's estimate (EXPLAIN) and the real count of the rows of `table` where `column` = `value`. */
async function estimateAndCount(url: string, table: string, column: string, value: string): Promise<{ estimated: number; counted: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const plan = await client.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(`explain (format json) select * from ${table} where ${column} = $1`, [value]);
    const count = await client.query<{ n: string }>(`select count(*) as n from ${table} where ${column} = $1`, [value]);
    return { estimated: plan.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? NaN, counted: Number(count.rows[0]?.n) };
  } finally {
    await client.end();
  }
}

/** Within a factor of two: enough for the planner to pick an index range read over a read-everything-and-sort. */
function expectClose({ estimated, counted }: { estimated: number; counted: number }): void {
  expect(counted).toBeGreaterThan(1_000);
  expect(estimated).toBeGreaterThan(counted / 2);
  expect(estimated).toBeLessThan(counted * 2);
}

describeEachBackend('planner statistics after a sync on %s', ({ backend, org }) => {
  it('a promoted snapshot and a saved check run leave the database able to estimate their rows', async () => {
    const { store, url } = await backend.open();
    const snapshot = await store.snapshots.begin(org());
    await store.entities.upsert('users', snapshot.id, Array.from({ length: USERS }, (_, i) => makeUser({ id: paddedId('00u', i) })));
    // As a sync promotes: in a transaction with its other writes, the analysis coming after the commit.
    await store.transaction((tx) => tx.snapshots.promote(org(), snapshot.id));
    const promoted = await store.snapshots.get(snapshot.id);
    if (promoted === undefined) throw new Error('the snapshot was not stored');
    const run = await store.checkResults.save(evaluateChecks(await loadSnapshotView(store, promoted), {}, { now: new Date('2026-01-01T00:00:00Z') }));
    if (backend.name === 'postgres') {
      // Without ANALYZE, PostgreSQL guesses a handful of rows (6 here) and plans a 50-user page as a read and sort of them all.
      expectClose(await estimateAndCount(url, 'users', 'snapshot_id', snapshot.id));
      expectClose(await estimateAndCount(url, 'check_entity_results', 'run_id', run.id));
    } else {
      // SQLite keeps no statistics unless ANALYZE creates sqlite_stat1; its plans are left as they were checked.
      const database = new Database(url, { readonly: true });
      try {
        expect(database.prepare("select count(*) as tables from sqlite_master where name = 'sqlite_stat1'").get()).toEqual({ tables: 0 });
      } finally {
        database.close();
      }
    }
  });
});
