import { describe, expect, it } from 'vitest';
import { buildUrl, type OktaClient, type RequestOptions } from '../okta/client.js';
import { paginate } from '../okta/paginate.js';
import { makeUser } from '../store/testing/fixtures.js';
import type { DatasetStatus } from '../store/types.js';
import { startBudget } from './budget.js';
import { SIGN_IN_STATUSES, type CollectContext, type StoredPages } from './collector.js';
import { factorsCollector } from './factors.js';
import { runCollectors } from './run-collectors.js';
import { all, craftOrg, simFactor, simUser, startHarness, type Harness } from './testing/collect-kit.js';
import { usersCollector } from './users.js';

/**
 * Factors start on each page of users the users collector stores (`startsOnPagesOf`), not after the whole list
 * (issue 13: a list read slowly under load made factors miss the users bucket's first window).
 */

/** A client whose user list stops after its first page until `resume` is called, and which reports factor reads. */
function holdingUserList(client: OktaClient, onFactorRead: () => void): { client: OktaClient; resume: () => void } {
  let resume: () => void = () => undefined;
  const resumed = new Promise<void>((resolve) => (resume = resolve));
  const held: OktaClient = {
    ...client,
    get: async <T>(path: string, options: RequestOptions) => {
      const body = await client.get<T>(path, options);
      if (path.endsWith('/factors')) onFactorRead();
      return body;
    },
    paginate: (path, options) => {
      let pages = 0;
      const source = {
        baseUrl: client.baseUrl,
        send: async (request: { url: string | URL; signal: AbortSignal }) => {
          if (path === '/api/v1/users' && pages++ > 0) await resumed;
          return client.request(String(request.url), { signal: request.signal });
        },
      };
      return paginate(source, buildUrl(client.baseUrl, path, options.query), { signal: options.signal });
    },
  };
  return { client: held, resume };
}

async function runUsersAndFactors(h: Harness, client: OktaClient) {
  const budget = startBudget({ timeoutMs: 60_000, clock: Date.now });
  const { store, org, snapshotId, clock, logger, options } = h.context();
  const hung = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('still waiting after 60 s: factors waited for the whole list')), 60_000).unref());
  try {
    return await Promise.race([hung, runCollectors({
      store: h.store,
      context: { client, store, org, snapshotId, clock, logger, options, signal: budget.signal, logCursor: null },
      budget,
      collectors: [usersCollector, factorsCollector],
      carried: [],
      carriedLogCursor: null,
      saveProgress: () => Promise.resolve(),
    })]);
  } finally {
    budget.dispose();
  }
}

/** A context for the factors collector alone, its pages and the users collector's end given by the test. */
function factorsContext(h: Harness, pages: StoredPages['users'][], users: DatasetStatus[] = [{ dataset: 'users', state: 'complete', count: 0 }], signal?: AbortSignal): CollectContext {
  async function* storedPages(): AsyncGenerator<StoredPages['users']> {
    for (const page of pages) yield await Promise.resolve(page);
  }
  return h.context({ storedPages: storedPages as CollectContext['storedPages'], after: () => Promise.resolve(users), ...(signal === undefined ? {} : { signal }) });
}

describe('factors start on each stored page of users', () => {
  it('reads factors while the user list is still being read, and ends with every eligible user read once', async () => {
    const h = await startHarness({ sim: { users: 450, seed: 11 } });
    let factorReads = 0;
    const { client, resume } = holdingUserList(h.client, () => {
      factorReads++;
      resume(); // the rest of the list is read only once a factor read has come back: a wait for the whole list would hang
    });

    const run = await runUsersAndFactors(h, client);

    expect(run.fatal).toBeUndefined();
    const eligible = h.sim.org.users.filter((u) => (SIGN_IN_STATUSES as readonly string[]).includes(u.status));
    expect(eligible.length).toBeGreaterThan(200);
    expect(factorReads).toBe(eligible.length);
    const factorCount = eligible.reduce((n, u) => n + (h.sim.org.factorsByUser.get(u.id)?.length ?? 0), 0);
    expect(run.datasets).toEqual([
      { dataset: 'users', state: 'complete', count: 450 },
      { dataset: 'factors', state: 'complete', count: factorCount },
    ]);
    expect(await h.store.progress.countVerified(h.snapshotId, 'factors')).toBe(eligible.length);
  });

  it('on a resumed backfill, skips the users an earlier sync verified, whether handed on in a page or pending in the store', async () => {
    const org = craftOrg({ users: ['00uA1', '00uA2', '00uA3'].map((id) => simUser(id)), factors: { '00uA2': [simFactor('emf2', 'email', 'OKTA', {})] } });
    const h = await startHarness({ org });
    await h.store.entities.upsert('users', h.snapshotId, [makeUser({ id: '00uA1' }), makeUser({ id: '00uA2' }), makeUser({ id: '00uA3' })]);
    await h.store.progress.markVerified(h.snapshotId, 'factors', ['00uA1'], new Date());
    const before = h.requests();

    // 00uA3 is pending in the store but not handed on (an earlier sync of this backfill stored it): read at the end.
    const result = await factorsCollector.collect(factorsContext(h, [[{ id: '00uA1', status: 'ACTIVE' }, { id: '00uA2', status: 'ACTIVE' }]]));

    expect(h.requests() - before).toBe(2);
    expect(result.datasets).toEqual([{ dataset: 'factors', state: 'complete', count: 1 }]);
    expect(await h.store.progress.countVerified(h.snapshotId, 'factors')).toBe(3);
  });

  it('reads no DEPROVISIONED or SUSPENDED user, and empties the factors of a user deactivated before the list ended', async () => {
    const org = craftOrg({
      users: [simUser('00uA1'), simUser('00uS1', { status: 'SUSPENDED' }), simUser('00uD1', { status: 'DEPROVISIONED' })],
      factors: { '00uA1': [simFactor('emf1', 'email', 'OKTA', {})], '00uS1': [simFactor('emf2', 'email', 'OKTA', {})] },
    });
    const h = await startHarness({ org });
    // The list's first pass saw 00uA1 ACTIVE; by its second pass (DEPROVISIONED users) they were deactivated.
    await h.store.entities.upsert('users', h.snapshotId, [makeUser({ id: '00uA1', status: 'DEPROVISIONED' }), makeUser({ id: '00uS1', status: 'SUSPENDED' }), makeUser({ id: '00uD1', status: 'DEPROVISIONED' })]);
    const before = h.requests();

    const result = await factorsCollector.collect(
      factorsContext(h, [[{ id: '00uA1', status: 'ACTIVE' }, { id: '00uS1', status: 'SUSPENDED' }], [{ id: '00uD1', status: 'DEPROVISIONED' }, { id: '00uA1', status: 'DEPROVISIONED' }]]),
    );

    expect(h.requests() - before).toBe(1); // 00uA1 only, while it was ACTIVE
    expect(result.datasets).toEqual([{ dataset: 'factors', state: 'complete', count: 0 }]);
    expect(await all(h.store.entities.stream('factors', h.snapshotId))).toEqual([]);
  });

  it('keeps what it read and says the rest waits when the user list could not be read', async () => {
    const org = craftOrg({ users: [simUser('00uA1'), simUser('00uA2')], factors: { '00uA1': [simFactor('emf1', 'email', 'OKTA', {})] } });
    const h = await startHarness({ org });
    await h.store.entities.upsert('users', h.snapshotId, [makeUser({ id: '00uA1' }), makeUser({ id: '00uA2' })]);
    const before = h.requests();

    const result = await factorsCollector.collect(factorsContext(h, [[{ id: '00uA1', status: 'ACTIVE' }]], [{ dataset: 'users', state: 'failed', count: 1, reason: 'E0000009' }]));

    // 00uA2 is pending in the store, but what the store holds of a list that failed is not read from.
    expect(h.requests() - before).toBe(1);
    expect(result.datasets).toEqual([
      { dataset: 'factors', state: 'partial', count: 1, reason: 'not finished: it needs users, which could not be read; factors read for 1 user, the next sync continues' },
    ]);
    expect(await h.store.progress.isVerified(h.snapshotId, 'factors', '00uA1')).toBe(true);
  });

  it('is partial, never complete, when the budget ends before the user list was read', async () => {
    const org = craftOrg({ users: [simUser('00uA1')], factors: {} });
    const h = await startHarness({ org });
    await h.store.entities.upsert('users', h.snapshotId, [makeUser({ id: '00uA1' })]);
    const budget = new AbortController();
    budget.abort();

    const result = await factorsCollector.collect(factorsContext(h, [[{ id: '00uA1', status: 'ACTIVE' }]], undefined, budget.signal));

    expect(result.datasets[0]).toMatchObject({ state: 'partial', reason: 'factors read for 0 users before the user list was read; the next sync continues' });
  });

  it('in an incremental sync, reads nothing when the users collector could not read the changed users', async () => {
    const h = await startHarness({ org: craftOrg({ users: [simUser('00uA1')] }) });
    const before = h.requests();
    const changes = { since: new Date(0) } as NonNullable<CollectContext['options']['changes']>;
    const context = factorsContext(h, [], [{ dataset: 'users', state: 'failed', count: 0, reason: 'E0000009' }]);

    const result = await factorsCollector.collect({ ...context, options: { ...context.options, changes } });

    expect(h.requests() - before).toBe(0);
    expect(result.datasets).toEqual([{ dataset: 'factors', state: 'not_started', count: 0, reason: 'not read: it needs users, which could not be read' }]);
  });
});
