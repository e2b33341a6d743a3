import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection } from '../src/app/connections.js';
import { secretKeyLocation } from '../src/app/secrets/secret-key.js';
import { startSimulator, type SimulatorHandle } from '../src/simulator/server.js';
import { openDatabase } from '../src/store/database.js';
import { createFreshPostgresDatabase } from '../src/store/testing/fresh-postgres.js';
import type { Store } from '../src/store/store.js';
import { TEST_CLIENT } from './sync-cli-kit.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const DOMAIN = 'killed.okta.com';
/** What `run` and `worker` promise a service manager: a clean exit within this long of SIGTERM or SIGINT. */
const STOP_LIMIT_MS = 10_000;

let dir: string;
let db: string;
let sim: SimulatorHandle;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oe-kill-'));
  db = join(dir, 'evidence.sqlite');
  // Enough users, each factor read 20 ms away, that the first sync is a backfill still running when it is killed.
  sim = await startSimulator({ users: 800, seed: 3, rateLimits: 'off', latencyMs: 20, port: 0 });
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

async function withStore<T>(work: (store: Store) => Promise<T>, database = db): Promise<T> {
  const store = await openDatabase(database);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** `okta-evidence run` (or `worker`) as its own process, exactly as a service manager starts it. */
function startRunProcess(command: 'run' | 'worker' = 'run', database = db): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, command, '--db', database], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '', OKTA_EVIDENCE_HOME: dir },
  });
  children.push(child);
  return child;
}

/** Sends `signal` and resolves with the exit code and how long the process took to exit. */
async function stopWith(child: ChildProcess, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const begin = Date.now();
  child.kill(signal);
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, ms: Date.now() - begin };
}

async function connectKilled(database = db) {
  return withStore(async (store) => {
    const saved = await createConnection(
      { store, secretKey: secretKeyLocation(database, { OKTA_EVIDENCE_HOME: dir }), actor: 'cli:test', clientTuning: TEST_CLIENT },
      { name: 'killed', domain: DOMAIN, baseUrl: sim.baseUrl, credential: { kind: 'ssws', token: sim.token }, skipTest: true },
    );
    return saved.connection;
  }, database);
}

/** Waits until the backfill has checkpointed at least one dataset and is still reading; returns its snapshot. */
function checkpointedBackfill(database = db) {
  return vi.waitFor(
    () =>
      withStore(async (store) => {
        const state = await store.checkpoints.getOrgState(DOMAIN);
        const snapshot = state.buildingSnapshotId === null ? undefined : await store.snapshots.get(state.buildingSnapshotId);
        const running = (await store.syncs.latest(DOMAIN))?.status === 'running';
        if (snapshot === undefined || snapshot.datasets.length === 0 || !running) throw new Error('no checkpoint yet');
        return snapshot;
      }, database),
    { timeout: 90_000, interval: 100 },
  );
}

describe('stopping the embedded scheduler mid-sync', () => {
  it('SIGINT (Ctrl-C) does the same: exit 0 within 10 s, the sync ended and the org free', async () => {
    await connectKilled();
    const run = startRunProcess();
    await checkpointedBackfill();
    const { code, ms } = await stopWith(run, 'SIGINT');
    expect(code).toBe(0);
    expect(ms).toBeLessThanOrEqual(STOP_LIMIT_MS);
    await withStore(async (store) => {
      expect((await store.syncs.latest(DOMAIN))?.endedAt).not.toBeNull();
      expect(await store.leases.get(DOMAIN)).toBeUndefined();
    });
  }, 300_000);

  it('SIGTERM: the running sync saves its progress and is recorded as ended, and the process exits 0', async () => {
    await connectKilled();
    const run = startRunProcess();
    const building = await checkpointedBackfill();
    const { code, ms } = await stopWith(run, 'SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThanOrEqual(STOP_LIMIT_MS);
    await withStore(async (store) => {
      const sync = await store.syncs.latest(DOMAIN);
      expect(sync).toMatchObject({ status: 'failed', snapshotId: building.id });
      expect(sync?.endedAt).not.toBeNull();
      // The backfill stays registered to be resumed, with what it read kept; nothing holds the org any more.
      expect((await store.checkpoints.getOrgState(DOMAIN)).buildingSnapshotId).toBe(building.id);
      expect((await store.snapshots.get(building.id))?.datasets.length).toBeGreaterThanOrEqual(building.datasets.length);
      expect(await store.leases.get(DOMAIN)).toBeUndefined();
    });
  }, 300_000);

  it('loses nothing: the next run takes over the dead process’s lease at once and resumes the backfill from its checkpoint', async () => {
    const connection = await connectKilled();
    const first = startRunProcess();
    const building = await checkpointedBackfill();
    first.kill('SIGKILL');
    await once(first, 'exit');
    const killedSync = await withStore(async (store) => store.syncs.latest(DOMAIN));
    expect(killedSync?.status).toBe('running');
    expect(await withStore((store) => store.leases.get(DOMAIN))).toMatchObject({ holder: { pid: first.pid } });

    const second = startRunProcess();
    await vi.waitFor(
      async () => expect((await withStore((store) => store.connections.get(connection.id)))?.schedule.lastSyncId).toEqual(expect.any(String)),
      { timeout: 120_000, interval: 200 },
    );
    await withStore(async (store) => {
      const syncs = await store.syncs.list(DOMAIN);
      const resumed = syncs.find((sync) => sync.id !== killedSync?.id);
      // The dead sync is recorded as abandoned at once (not after twice its budget), and the next one finished its snapshot.
      expect(await store.syncs.get(killedSync?.id ?? '')).toMatchObject({ status: 'failed', errors: [{ code: 'SYNC_ABANDONED' }] });
      expect(resumed).toMatchObject({ status: 'succeeded', complete: true, snapshotId: building.id });
      expect((await store.snapshots.current(DOMAIN))?.id).toBe(building.id);
      expect((await store.connections.get(connection.id))?.health.state).toBe('healthy');
    });

    second.kill('SIGTERM');
    const [code] = (await once(second, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 300_000);
});

const POSTGRES = process.env.TEST_DATABASE_URL;

describe.skipIf(POSTGRES === undefined || POSTGRES === '')('stopping an okta-evidence worker mid-sync (PostgreSQL, pg-boss)', () => {
  it('SIGTERM: the running sync checkpoints and ends, the lease is released, and the worker exits 0 within 10 s', async () => {
    const database = await createFreshPostgresDatabase(POSTGRES ?? '', 'worker_stop');
    try {
      await connectKilled(database.url);
      const worker = startRunProcess('worker', database.url);
      const building = await checkpointedBackfill(database.url);
      const { code, ms } = await stopWith(worker, 'SIGTERM');
      expect(code).toBe(0);
      expect(ms).toBeLessThanOrEqual(STOP_LIMIT_MS);
      await withStore(async (store) => {
        const sync = await store.syncs.latest(DOMAIN);
        expect(sync).toMatchObject({ status: 'failed', snapshotId: building.id, errors: [{ code: 'SYNC_CANCELLED' }] });
        expect((await store.checkpoints.getOrgState(DOMAIN)).buildingSnapshotId).toBe(building.id);
        expect(await store.leases.get(DOMAIN)).toBeUndefined();
      }, database.url);
    } finally {
      await database.drop();
    }
  }, 300_000);
});
