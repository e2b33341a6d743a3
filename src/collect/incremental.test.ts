import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { newOrg } from '../store/testing/fixtures.js';
import { testBackends } from '../store/testing/test-backends.js';
import type { DatasetStatus } from '../store/types.js';
import { CHANGE_EVENT_TYPES } from './change-plan.js';
import { defineCollector } from './collector.js';
import { CHANGE_OVERLAP_MS, incrementalBase, incrementalLogTypes } from './incremental.js';

const backends = testBackends(process.env.TEST_DATABASE_URL);
afterAll(() => Promise.all(backends.map((backend) => backend.dispose())));

const DAY = 86_400_000;
const STARTED = Date.UTC(2026, 2, 1, 12);
const collect = () => Promise.resolve({ datasets: [], errors: [] });
const users = defineCollector({ id: 'users', datasets: ['users'], dependsOn: [], collect });
const log = defineCollector({ id: 'system-log', datasets: ['logEvents'], dependsOn: [], collect });
const complete = (dataset: DatasetStatus['dataset']): DatasetStatus => ({ dataset, state: 'complete', count: 1 });

describe.each(backends.map((backend) => [backend.name, backend] as const))('incrementalBase on %s', (_name, backend) => {
  let store: Store;
  beforeAll(async () => {
    ({ store } = await backend.open());
  });

  /** An org whose current snapshot was begun by a sync started at STARTED, with these dataset states. */
  async function orgWith(datasets: DatasetStatus[], cursor = true) {
    const org = newOrg();
    const sync = await store.syncs.start({ org, trigger: 'cli', startedAt: new Date(STARTED) });
    const snapshot = await store.snapshots.begin(org, { syncId: sync.id });
    await store.snapshots.promote(org, snapshot.id, { datasets });
    if (cursor) await store.checkpoints.saveLogCursor(org, { until: new Date(STARTED), lastUuids: [] });
    return { org, snapshotId: snapshot.id, state: await store.checkpoints.getOrgState(org) };
  }

  it('is incremental from the start of the sync that began the current snapshot, minus the overlap', async () => {
    const { snapshotId, state } = await orgWith([complete('users'), complete('logEvents')]);
    expect(await incrementalBase(store, state, [users, log], STARTED + DAY)).toEqual({
      kind: 'incremental',
      copyFrom: snapshotId,
      since: new Date(STARTED - CHANGE_OVERLAP_MS),
    });
  });

  it.each([
    ['the current snapshot is incomplete', [complete('logEvents'), { dataset: 'users', state: 'partial', count: 1 }], true, [users, log], DAY, 'not complete'],
    ['the System Log is not among the collectors', [complete('users')], true, [users], DAY, 'System Log'],
    ['there is no log cursor', [complete('users'), complete('logEvents')], false, [users, log], DAY, 'System Log'],
    ['the last sync is past the 90-day retention', [complete('users'), complete('logEvents')], true, [users, log], 91 * DAY, '90-day'],
  ] as const)('reads in full when %s', async (_why, datasets, cursor, collectors, later, reason) => {
    const { state } = await orgWith([...datasets], cursor);
    const base = await incrementalBase(store, state, collectors, STARTED + later);
    expect(base).toMatchObject({ kind: 'full', reason: expect.stringContaining(reason) as unknown });
  });
});

describe('incrementalLogTypes', () => {
  it('adds the change types to a configured list, and leaves "every type" alone', () => {
    expect(incrementalLogTypes(['user.session.start'])).toEqual(['user.session.start', ...CHANGE_EVENT_TYPES]);
    expect(incrementalLogTypes(['user.mfa.factor.activate'])).toEqual(['user.mfa.factor.activate', ...CHANGE_EVENT_TYPES.filter((t) => t !== 'user.mfa.factor.activate'), 'user.session.start']);
    expect(incrementalLogTypes([])).toEqual([]);
  });
});
