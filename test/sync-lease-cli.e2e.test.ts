import { hostname } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { testBackends, type TestBackend } from '../src/store/testing/test-backends.js';
import { DOMAIN, startTestSimulator, syncSimulator } from './sync-cli-kit.js';

const backends = testBackends(process.env.TEST_DATABASE_URL);
afterAll(() => Promise.all(backends.map((backend) => backend.dispose())));

/** A pid no process has (beyond Linux's pid_max). */
const GONE_PID = 2 ** 22 + 17;

async function freshDatabase(backend: TestBackend): Promise<string> {
  const { store, url } = await backend.open();
  await store.close();
  return url;
}

/** What a process killed with -9 mid-sync leaves: its lease and a sync recorded as running, started a moment ago. */
async function leaveKilledSync(db: string, holder: { host: string; pid: number }): Promise<string> {
  const store = await openDatabase(db);
  try {
    const now = new Date();
    await store.leases.acquire({ org: DOMAIN, holder: { id: 'killed', ...holder }, now, ttlMs: 3_600_000 });
    const sync = await store.syncs.start({ org: DOMAIN, trigger: 'cli', startedAt: now, timeoutMs: 300_000 });
    return sync.id;
  } finally {
    await store.close();
  }
}

describe.each(backends.map((backend) => [backend.name, backend] as const))('okta-evidence sync and the sync lease on %s', (_name, backend) => {
  it('takes over at once after a sync on this host was killed with -9, and marks the dead sync abandoned', async () => {
    const sim = await startTestSimulator({ users: 20 });
    const db = await freshDatabase(backend);
    const deadSyncId = await leaveKilledSync(db, { host: hostname(), pid: GONE_PID });

    const run = await syncSimulator(sim, db);
    expect(run.err).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json()).toMatchObject({ status: 'succeeded', complete: true });
    const store = await openDatabase(db);
    try {
      expect(await store.syncs.get(deadSyncId)).toMatchObject({ status: 'failed', errors: [{ code: 'SYNC_ABANDONED' }] });
      expect(await store.leases.get(DOMAIN)).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('refuses while another host holds the lease, naming it and --force-unlock, and --force-unlock takes over', async () => {
    const sim = await startTestSimulator({ users: 20 });
    const db = await freshDatabase(backend);
    await leaveKilledSync(db, { host: 'other-host.example.com', pid: GONE_PID });

    const refused = await syncSimulator(sim, db);
    expect(refused.exitCode).toBe(1);
    expect(refused.err).toEqual([
      expect.stringMatching(/^error: Another sync of example\.okta\.com is running \(host other-host\.example\.com, pid \d+, .*--force-unlock\.$/),
    ]);

    const forced = await syncSimulator(sim, db, ['--force-unlock']);
    expect(forced.exitCode).toBe(0);
    expect(forced.json()).toMatchObject({ status: 'succeeded', complete: true });
  });
});
