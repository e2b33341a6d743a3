import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { testBackends, type TestBackend } from '../src/store/testing/test-backends.js';
import { DOMAIN, expectedCounts, startTestSimulator, syncSimulator } from './sync-cli-kit.js';

const backends = testBackends(process.env.TEST_DATABASE_URL);
afterAll(() => Promise.all(backends.map((backend) => backend.dispose())));

async function freshDatabase(backend: TestBackend): Promise<string> {
  const { store, url } = await backend.open();
  await store.close();
  return url;
}

/** Reads from the database the CLI wrote, the way a later command would. */
async function inspect<T>(db: string, read: (store: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const store = await openDatabase(db);
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

describe.each(backends.map((backend) => [backend.name, backend] as const))('okta-evidence sync under faults on %s', (_name, backend) => {
  it('fails when the token is revoked mid-sync and leaves the previous snapshot as it was', async () => {
    const sim = await startTestSimulator();
    const db = await freshDatabase(backend);
    const first = await syncSimulator(sim, db);
    expect(first.exitCode).toBe(0);
    const current = await inspect(db, (store) => store.snapshots.current(DOMAIN));

    sim.setFaults({ revokeTokenAfterRequests: 25 });
    const revoked = await syncSimulator(sim, db);
    expect(revoked.exitCode).toBe(1);
    expect(revoked.json()).toMatchObject({ status: 'failed', complete: false });
    expect(revoked.err).toEqual([expect.stringMatching(/^error: sync \S+ failed \(OKTA_TOKEN_INVALID\): The API token is invalid or expired/)]);
    expect([...revoked.out, ...revoked.err].join('\n')).not.toContain(sim.token);

    await inspect(db, async (store) => {
      expect(await store.snapshots.current(DOMAIN)).toEqual(current);
      expect(await store.entities.count('users', current!.id)).toBe(sim.org.users.length);
      expect(await store.syncs.get(revoked.json().syncId)).toMatchObject({ status: 'failed', errors: [{ code: 'OKTA_TOKEN_INVALID' }] });
    });
  });

  it('gets through a burst of 5xx answers by retrying', async () => {
    const sim = await startTestSimulator();
    const clean = await syncSimulator(sim, await freshDatabase(backend));
    sim.setFaults({ serverErrorRate: 0.2 });
    const db = await freshDatabase(backend);
    const run = await syncSimulator(sim, db);

    expect(run.err).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json()).toMatchObject({ status: 'succeeded', complete: true });
    const record = await inspect(db, (store) => store.syncs.get(run.json().syncId));
    expect(run.json().counts).toEqual(expectedCounts(sim.org, record!.logWindow!));
    // About one request in five was answered 500 and sent again.
    expect(run.json().requests.total).toBeGreaterThan(clean.json().requests.total * 1.1);
  });

  it('fails the dataset whose page came back cut off, reads the rest, and the next run finishes the job', async () => {
    const sim = await startTestSimulator();
    // Page 2 of /api/v1/users itself is the second user pass (DEPROVISIONED), cut in half: unparseable JSON. (Other
    // collectors read /api/v1/users/{id}/… at the same time: those pages are not counted.)
    sim.setFaults({ malformedPage: { pathPrefix: '/api/v1/users', pageNumber: 2, exact: true } });
    const db = await freshDatabase(backend);
    const broken = await syncSimulator(sim, db);

    expect(broken.exitCode).toBe(1);
    expect(broken.json()).toMatchObject({ status: 'failed', complete: false });
    expect(broken.err).toEqual([
      expect.stringMatching(/^error: sync \S+ failed \(OKTA_BAD_RESPONSE\): users: Okta's answer to GET \/api\/v1\/users .* not valid JSON.*Run the sync again/),
    ]);
    const record = await inspect(db, (store) => store.syncs.get(broken.json().syncId));
    const states = Object.fromEntries(record!.datasets.map((d) => [d.dataset, d.state]));
    // Factors start on each stored page of users (docs/sync.md): the first page's users were read, the rest were not.
    expect(states).toMatchObject({ users: 'failed', factors: 'partial', groups: 'complete', apps: 'complete', policies: 'complete' });
    expect(await inspect(db, (store) => store.snapshots.current(DOMAIN))).toBeUndefined();

    sim.setFaults({});
    const retried = await syncSimulator(sim, db);
    expect(retried.exitCode).toBe(0);
    expect(retried.json()).toMatchObject({ status: 'succeeded', complete: true, counts: { users: sim.org.users.length } });
    const resumed = await inspect(db, (store) => store.syncs.get(retried.json().syncId));
    expect(resumed?.snapshotId).toBe(record?.snapshotId);
  });
});
