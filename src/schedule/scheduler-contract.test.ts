import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { realClock, realSleep, silentLogger } from '../config/runtime.js';
import type { Store } from '../store/store.js';
import { testBackends } from '../store/testing/test-backends.js';
import { createEmbeddedScheduler } from './embedded-scheduler.js';
import { createPgBossScheduler } from './pg-boss-scheduler.js';
import type { RunConnectionSync, RunTrigger, ScheduledSyncReport } from './run-scheduled-sync.js';
import type { RunResult, ScheduledConnection } from './schedule-state.js';
import type { Scheduler, SchedulerDeps } from './scheduler.js';
import { realScheduleClock } from './scheduler-loop.js';
import { memoryConnections, type MemoryConnections } from './testing/memory-connections.js';

const HOUR = 3_600_000;
const WAIT = { timeout: 20_000, interval: 20 };

/**
 * One suite for both schedulers, as the store has one for both databases: the embedded one over SQLite always, the
 * pg-boss one when TEST_DATABASE_URL names a PostgreSQL server.
 */
interface SchedulerKind {
  name: string;
  backend: ReturnType<typeof testBackends>[number];
  create(deps: SchedulerDeps, store: { url: string; bossSchema: string }): Scheduler;
}

const backends = testBackends(process.env.TEST_DATABASE_URL);
afterAll(() => Promise.all(backends.map((backend) => backend.dispose())));
const kinds: SchedulerKind[] = backends.map((backend) =>
  backend.name === 'sqlite'
    ? { name: 'embedded (SQLite)', backend, create: (deps) => createEmbeddedScheduler(deps) }
    : {
        name: 'pg-boss (PostgreSQL)',
        backend,
        create: (deps, { url, bossSchema }) => createPgBossScheduler({ ...deps, databaseUrl: url, bossSchema, pollingIntervalSeconds: 0.5 }),
      },
);

/** A fake sync: records each run's start and end, and ends when the test says (or at once). */
function fakeSync() {
  const runs: { connectionId: string; trigger: RunTrigger; startedAt: number; endedAt?: number }[] = [];
  let behaviour: (connection: ScheduledConnection, signal: AbortSignal) => Promise<RunResult> = () =>
    Promise.resolve({ kind: 'synced', syncId: `s${runs.length}`, status: 'succeeded', complete: true, progressed: true });
  const runSync: RunConnectionSync = async (connection, { signal, trigger }) => {
    const run: (typeof runs)[number] = { connectionId: connection.id, trigger, startedAt: Date.now() };
    runs.push(run);
    try {
      return await behaviour(connection, signal);
    } finally {
      run.endedAt = Date.now();
    }
  };
  return {
    runs,
    runSync,
    behave(next: typeof behaviour) {
      behaviour = next;
    },
    /** The most syncs of one connection that were running at the same moment. */
    maxOverlap(connectionId: string): number {
      const mine = runs.filter((run) => run.connectionId === connectionId);
      return Math.max(0, ...mine.map((run) => mine.filter((other) => other.startedAt <= run.startedAt && (other.endedAt ?? Infinity) > run.startedAt).length));
    },
  };
}

const untilAborted = (signal: AbortSignal): Promise<RunResult> =>
  new Promise((resolve) => {
    const end = () => resolve({ kind: 'synced', syncId: 'aborted', status: 'failed', complete: false, progressed: true, error: { code: 'SYNC_CANCELLED', message: 'Cancelled.' } });
    if (signal.aborted) end();
    else signal.addEventListener('abort', end, { once: true });
  });

describe.each(kinds.map((kind) => [kind.name, kind] as const))('the %s scheduler', (_name, kind) => {
  const started: Scheduler[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((scheduler) => scheduler.stop()));
  });

  /** A started scheduler of this kind over `store`, stopped after the test. */
  async function startScheduler(
    target: { store: Store; url: string },
    connections: MemoryConnections,
    sync: ReturnType<typeof fakeSync>,
    options: { maxSleepMs: number; onReport?: (report: ScheduledSyncReport) => void },
  ): Promise<Scheduler> {
    const scheduler = kind.create(
      {
        connections,
        leases: target.store.leases,
        runSync: sync.runSync,
        clock: realScheduleClock(realClock),
        random: () => 0,
        sleep: realSleep,
        logger: silentLogger,
        ...options,
      },
      { url: target.url, bossSchema: `b_${randomBytes(6).toString('hex')}` },
    );
    await scheduler.start();
    started.push(scheduler);
    return scheduler;
  }

  async function setUp(connections: MemoryConnections, sync: ReturnType<typeof fakeSync>, count = 1) {
    const target = await kind.backend.open();
    const reports: ScheduledSyncReport[] = [];
    const schedulers: Scheduler[] = [];
    for (let i = 0; i < count; i += 1) {
      schedulers.push(await startScheduler(target, connections, sync, { maxSleepMs: 200, onReport: (report) => reports.push(report) }));
    }
    return { store: target.store, schedulers, reports };
  }

  it('syncs a new connection at once, then plans the next one an interval later and marks it healthy', async () => {
    const connections = memoryConnections();
    connections.add({ id: 'c1', syncIntervalMs: HOUR });
    const sync = fakeSync();
    const before = Date.now();
    await setUp(connections, sync);
    await vi.waitFor(() => expect(connections.state('c1').lastSyncId).toBe('s1'), WAIT);
    const state = connections.state('c1');
    expect(state.healthState).toBe('healthy');
    expect(state.nextRunAt?.getTime()).toBeGreaterThanOrEqual(before + HOUR);
    expect(state.lastSyncId).toBe('s1');
    expect(sync.runs).toEqual([expect.objectContaining({ connectionId: 'c1', trigger: 'schedule' })]);
  });

  it('Sync Now runs a connection whose Auto Sync is off', async () => {
    const connections = memoryConnections();
    connections.add({ id: 'off', autoSync: false });
    const sync = fakeSync();
    const { schedulers } = await setUp(connections, sync);
    await schedulers[0]?.enqueueNow('off');
    await vi.waitFor(() => expect(sync.runs.map((run) => [run.connectionId, run.trigger])).toEqual([['off', 'manual']]), WAIT);
  });

  it('two schedulers over one database never run one connection at once', async () => {
    const connections = memoryConnections();
    for (const id of ['a', 'b', 'c']) connections.add({ id, syncIntervalMs: HOUR });
    const sync = fakeSync();
    sync.behave(async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return { kind: 'synced', syncId: 'x', status: 'timed_out', complete: false, progressed: true };
    });
    const { schedulers } = await setUp(connections, sync, 2);
    // Backfills continue at once, budget after budget: plenty of chances for both schedulers to start one org twice.
    await vi.waitFor(() => expect(sync.runs.filter((run) => run.endedAt !== undefined).length).toBeGreaterThanOrEqual(12), WAIT);
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
    for (const id of ['a', 'b', 'c']) expect(sync.maxOverlap(id)).toBe(1);
  });

  it('stop() checkpoints a running sync: it ends cancelled and is due again at once', async () => {
    const connections = memoryConnections();
    connections.add({ id: 'long' });
    const sync = fakeSync();
    sync.behave((_connection, signal) => untilAborted(signal));
    const { schedulers, reports } = await setUp(connections, sync);
    await vi.waitFor(() => expect(sync.runs).toHaveLength(1), WAIT);
    await schedulers[0]?.stop();
    expect(sync.runs[0]?.endedAt).toBeDefined();
    expect(reports).toEqual([expect.objectContaining({ ran: true, result: { kind: 'cancelled' } })]);
    expect(connections.state('long').nextRunAt?.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('a connection whose credential cannot be decrypted is marked unhealthy with the reason, and the others still sync', async () => {
    const connections = memoryConnections();
    connections.add({ id: 'broken' });
    connections.add({ id: 'fine' });
    const sync = fakeSync();
    sync.behave((connection) => {
      if (connection.id !== 'broken') return Promise.resolve({ kind: 'synced', syncId: 'ok', status: 'succeeded', complete: true, progressed: true });
      return Promise.reject(Object.assign(new Error('The stored credential cannot be decrypted with this secret key: set OKTA_EVIDENCE_SECRET_KEY to the key it was saved with.'), { code: 'SECRET_UNREADABLE' }));
    });
    await setUp(connections, sync);
    await vi.waitFor(() => expect(connections.state('fine').lastSyncId).toBe('ok'), WAIT);
    await vi.waitFor(() => expect(connections.state('broken').healthState).toBe('unhealthy'), WAIT);
    expect(connections.state('broken').healthReason).toContain('cannot be decrypted');
    expect(connections.state('broken').nextRunAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('resumes a connection whose lease holder died once the lease lapses', async () => {
    const connections = memoryConnections();
    connections.add({ id: 'orphan' });
    const sync = fakeSync();
    const { store } = await setUpWithLease(connections, sync);
    expect(await store.leases.get('orphan.example.com')).toBeUndefined();
    expect(sync.runs.map((run) => run.connectionId)).toEqual(['orphan']);
  });

  async function setUpWithLease(connections: MemoryConnections, sync: ReturnType<typeof fakeSync>): Promise<{ store: Store }> {
    const target = await kind.backend.open();
    // A worker on another machine died holding the org's lease; its heartbeat stopped a moment ago.
    await target.store.leases.acquire({ org: 'orphan.example.com', holder: { id: 'dead', host: 'elsewhere', pid: 1 }, now: new Date(), ttlMs: 800 });
    await startScheduler(target, connections, sync, { maxSleepMs: 60_000 });
    // Nothing runs while the dead holder's lease stands…
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sync.runs).toEqual([]);
    // …and the loop, asleep until the lease lapses rather than its 60 s maximum, runs the sync right after.
    await vi.waitFor(() => expect(connections.state('orphan').lastSyncId).not.toBeNull(), WAIT);
    return { store: target.store };
  }
});
