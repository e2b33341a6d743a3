import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../config/runtime.js';
import { isStoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';
import { openWithDiskSwitch, type DiskSwitch } from '../store/testing/disk-full.js';
import { makeGroup, makeUser, newOrg, paddedId } from '../store/testing/fixtures.js';
import { availableBackends, testBackends } from '../store/testing/test-backends.js';
import { defineCollector, type Collector } from './collector.js';
import { runSync } from './sync-run.js';
import { fakeEmpty, fakeFactors, fakeUsers, statsOnlyClient } from './testing/fake-collectors.js';

const backends = testBackends(process.env.TEST_DATABASE_URL);
afterAll(() => Promise.all(backends.map((backend) => backend.dispose())));

const TIMEOUT_MS = 60_000;
const START = Date.UTC(2026, 2, 1, 12);

function syncWith(store: Store, org: string, clock: () => number, collectors: Collector[], signal?: AbortSignal, timeoutMs = TIMEOUT_MS) {
  return runSync({ store, client: statsOnlyClient(), org, collectors, clock, logger: silentLogger }, { trigger: 'cli', timeoutMs, signal });
}

describe.each(backends.map((backend) => [backend.name, backend] as const))('runSync after faults on %s', (_name, backend) => {
  let store: Store;
  let org: string;
  let now: number;
  const sync = (collectors: Collector[], signal?: AbortSignal, timeoutMs?: number) => syncWith(store, org, () => now, collectors, signal, timeoutMs);
  beforeAll(async () => {
    ({ store } = await backend.open());
  });
  beforeEach(() => {
    org = newOrg();
    now = START;
  });

  /** What a process killed mid-sync leaves: a `running` sync and its building snapshot with the users read. */
  async function leaveKilledSync(startedAt: number, timeoutMs = TIMEOUT_MS): Promise<{ syncId: string; snapshotId: string }> {
    const killed = await store.syncs.start({ org, trigger: 'schedule', startedAt: new Date(startedAt), timeoutMs });
    const snapshot = await store.snapshots.begin(org, { syncId: killed.id });
    await store.checkpoints.setBuildingSnapshot(org, snapshot.id);
    await store.entities.upsert('users', snapshot.id, [makeUser({ id: 'u000001' }), makeUser({ id: 'u000002' })]);
    await store.snapshots.setDatasets(snapshot.id, [{ dataset: 'users', state: 'complete', count: 2 }]);
    return { syncId: killed.id, snapshotId: snapshot.id };
  }

  it('marks the sync of a killed process failed and resumes the snapshot it left', async () => {
    const killed = await leaveKilledSync(START - 2 * TIMEOUT_MS - 1);
    const users = fakeUsers({ users: 2 });
    const outcome = await sync([users, fakeFactors()]);

    expect(await store.syncs.get(killed.syncId)).toMatchObject({ status: 'failed', endedAt: new Date(START), errors: [{ code: 'SYNC_ABANDONED' }] });
    expect(outcome).toMatchObject({ status: 'succeeded', resumed: true, snapshotId: killed.snapshotId, counts: { users: 2, factors: 2 } });
    expect(users.runs).toBe(0);
  });

  it('judges a running sync by its own budget: a longer one is still alive after twice this sync’s budget', async () => {
    // Ten minutes into an hour's budget: alive, although ten minutes is well past twice this sync's one minute.
    const long = await leaveKilledSync(START - 600_000, 3_600_000);
    const outcome = await sync([fakeUsers({ users: 1 })], undefined, 60_000);
    expect(outcome).toMatchObject({ status: 'failed', errors: [{ code: 'SYNC_ALREADY_RUNNING' }] });
    expect((await store.syncs.get(long.syncId))?.status).toBe('running');
  });

  it('judges a running sync by its own budget: a shorter one is dead after twice its budget, whatever this sync’s', async () => {
    const dead = await leaveKilledSync(START - 2 * 60_000 - 1, 60_000);
    const outcome = await sync([fakeUsers({ users: 2 }), fakeFactors()], undefined, 3_600_000);
    expect(await store.syncs.get(dead.syncId)).toMatchObject({ status: 'failed', errors: [{ code: 'SYNC_ABANDONED' }] });
    expect(outcome).toMatchObject({ status: 'succeeded', resumed: true, snapshotId: dead.snapshotId });
  });

  it('refuses to run beside a sync that is still running, and leaves that sync and its snapshot alone', async () => {
    const running = await leaveKilledSync(START - 1_000);
    const outcome = await sync([fakeUsers({ users: 1 })]);

    expect(outcome).toMatchObject({ status: 'failed', snapshotId: null, errors: [{ code: 'SYNC_ALREADY_RUNNING' }] });
    expect(outcome.errors[0]?.message).toContain(running.syncId);
    expect((await store.syncs.get(running.syncId))?.status).toBe('running');
    expect(await store.snapshots.get(running.snapshotId)).toMatchObject({ state: 'building', datasets: [{ dataset: 'users', state: 'complete' }] });
  });

  it('ends failed when cancelled, and keeps the snapshot for the next sync', async () => {
    const controller = new AbortController();
    const outcome = await sync([fakeUsers({ users: 2 }), fakeFactors({ stallAfter: 1, onStall: () => controller.abort() })], controller.signal);
    expect(outcome).toMatchObject({ status: 'failed', errors: [{ code: 'SYNC_CANCELLED' }] });
    expect(outcome.datasets.map((d) => d.state)).toEqual(['complete', 'partial']);
    expect((await store.checkpoints.getOrgState(org)).buildingSnapshotId).toBe(outcome.snapshotId);
  });

  it('records a bug in a collector as a failed sync with a redacted message, never leaving it running', async () => {
    const outcome = await sync([
      fakeEmpty('users', 'users', {
        before: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'id') near SSWS 00abcdefghijklmnopqrstuvwxyz");
        },
      }),
    ]);
    expect(outcome.status).toBe('failed');
    expect(outcome.errors[0]).toEqual({ code: 'SYNC_INTERNAL_ERROR', message: expect.stringContaining('SSWS [REDACTED]') as string });
    expect((await store.syncs.get(outcome.syncId))?.status).toBe('failed');
  });
});

describe('runSync on a locked SQLite database', () => {
  const [sqlite] = availableBackends(undefined);
  afterAll(() => sqlite?.dispose());
  let store: Store;
  let path: string;
  const org = newOrg();
  let now = START;
  beforeAll(async () => {
    ({ store, url: path } = await sqlite!.open({ busyTimeoutMs: 50 }));
  });

  /** Another process's write transaction: SQLite's lock that our writes wait for, then fail on. */
  function lockFromAnotherConnection(): () => void {
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    return () => {
      other.exec('ROLLBACK');
      other.close();
    };
  }

  it('fails with a clear message when another process holds the lock mid-sync; the current snapshot stays', async () => {
    const first = await syncWith(store, org, () => now, [fakeUsers({ users: 2 })]);
    now += 60_000;
    const outcome = await syncWith(store, org, () => now, [
      fakeUsers({
        users: 3,
        before: async (ctx) => {
          const unlock = lockFromAnotherConnection();
          try {
            await ctx.store.entities.upsert('users', ctx.snapshotId, [makeUser({ id: 'u-during-lock' })]);
          } finally {
            unlock();
          }
        },
      }),
    ]);
    expect(outcome.status).toBe('failed');
    expect(outcome.errors[0]?.code).toBe('STORE_LOCKED');
    expect(outcome.errors[0]?.message).toMatch(/locked by another process.*Wait for it to finish and retry/);
    expect(await store.syncs.get(outcome.syncId)).toMatchObject({ status: 'failed', errors: [{ code: 'STORE_LOCKED' }] });
    expect((await store.snapshots.current(org))?.id).toBe(first.snapshotId);
    expect(await store.entities.count('users', first.snapshotId!)).toBe(2);
  });

  it('still returns an outcome when the lock outlasts the sync, and a later sync marks the leftover record abandoned', async () => {
    let unlock: (() => void) | undefined;
    const outcome = await syncWith(store, org, () => now, [
      fakeUsers({
        users: 1,
        before: () => {
          unlock = lockFromAnotherConnection();
        },
      }),
    ]);
    unlock?.();
    expect(outcome.status).toBe('failed');
    expect(outcome.errors.map((e) => e.code)).toEqual(['STORE_LOCKED', 'STORE_LOCKED', 'STORE_LOCKED']);
    expect(outcome.errors[1]?.message).toMatch(/^Could not record the sync outcome: The database .* is locked/);
    expect((await store.syncs.get(outcome.syncId))?.status).toBe('running');

    now += 2 * TIMEOUT_MS + 1;
    const next = await syncWith(store, org, () => now, [fakeUsers({ users: 1 })]);
    expect(next.status).toBe('succeeded');
    expect(await store.syncs.get(outcome.syncId)).toMatchObject({ status: 'failed', errors: [{ code: 'SYNC_ABANDONED' }] });
  });

  it('rejects with STORE_LOCKED when not even the start of the sync can be recorded', async () => {
    const unlock = lockFromAnotherConnection();
    try {
      const failure: unknown = await syncWith(store, org, () => now, [fakeUsers({ users: 1 })]).catch((error: unknown) => error);
      expect(isStoreError(failure, 'STORE_LOCKED')).toBe(true);
    } finally {
      unlock();
    }
  });
});

/**
 * `groups` read in two pages, like a paginated API: the disk fills once the first page is stored, and space comes back
 * once the second page's write has failed (another process freed it), so the sync's end can be recorded.
 */
function groupsFillingTheDisk(disk: DiskSwitch): Collector {
  // Long descriptions, so the second page needs new database pages whatever free space the file had.
  const page = (from: number) =>
    Array.from({ length: 500 }, (_, n) => makeGroup({ id: paddedId('00g', from + n), description: `Synthetic group ${from + n} `.repeat(20) }));
  return defineCollector({
    id: 'groups',
    datasets: ['groups'],
    dependsOn: [],
    async collect(ctx) {
      await ctx.store.entities.upsert('groups', ctx.snapshotId, page(0));
      await disk.fill();
      try {
        await ctx.store.entities.upsert('groups', ctx.snapshotId, page(500));
      } finally {
        await disk.free();
      }
      return { datasets: [{ dataset: 'groups', state: 'complete', count: 1_000 }], errors: [] };
    },
  });
}

/** How each backend says its disk is full: the fix, not only the fault. */
const DISK_FULL_MESSAGES = {
  sqlite: /^No space left for the database \S+\. Free disk space/,
  postgres: /^PostgreSQL at \S+ is out of disk space \(could not extend file: No space left on device\)\. Free space on the server/,
} as const;

describe.each(backends.map((backend) => [backend.name, backend] as const))('runSync on a full disk on %s', (name, backend) => {
  let store: Store;
  let disk: DiskSwitch;
  const org = newOrg();
  let now = START;
  beforeAll(async () => {
    ({ store, disk } = await openWithDiskSwitch(backend));
  });

  it('fails with a clear STORE_DISK_FULL message mid-collection, records it once space is back, and keeps the current snapshot', async () => {
    const first = await syncWith(store, org, () => now, [fakeUsers({ users: 2 }), fakeFactors()]);
    expect(first.status).toBe('succeeded');
    const current = await store.snapshots.current(org);

    now += 60_000;
    const outcome = await syncWith(store, org, () => now, [fakeUsers({ users: 3 }), fakeFactors(), groupsFillingTheDisk(disk)]);

    expect(outcome.status).toBe('failed');
    expect(outcome.errors[0]?.code).toBe('STORE_DISK_FULL');
    expect(outcome.errors[0]?.message).toMatch(DISK_FULL_MESSAGES[name]);
    expect(await store.syncs.get(outcome.syncId)).toMatchObject({ status: 'failed', errors: [{ code: 'STORE_DISK_FULL' }] });
    expect(await store.snapshots.current(org)).toEqual(current);
    expect(await store.entities.count('users', first.snapshotId!)).toBe(2);
    expect(await store.entities.count('factors', first.snapshotId!)).toBe(2);
    expect(await store.entities.count('groups', first.snapshotId!)).toBe(0);

    // With space again, the next sync finishes the snapshot the failed one left.
    now += 60_000;
    const next = await syncWith(store, org, () => now, [fakeUsers({ users: 3 }), fakeFactors()]);
    expect(next).toMatchObject({ status: 'succeeded', resumed: true, snapshotId: outcome.snapshotId });
  });
});
