import { describe, expect, it } from 'vitest';
import type { Logger } from '../config/runtime.js';
import { StoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';
import { collect, describeEachBackend } from '../store/testing/backend-suite.js';
import { makeLogEvent, newOrg } from '../store/testing/fixtures.js';
import type { Collector } from './collector.js';
import { logPruneCutoff } from './sync-retention.js';
import { runSync, type SyncOptions } from './sync-run.js';
import { fakeEmpty, fakeSystemLog, fakeUsers, statsOnlyClient } from './testing/fake-collectors.js';
import { DAY_MS } from '../config/runtime.js';

const NOW = Date.UTC(2026, 2, 1, 12);

/** A logger that keeps its warnings, to show a pruning failure is reported and not swallowed. */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = () => undefined;
  return { debug: ignore, info: ignore, warn: (_fields: unknown, message?: string) => warnings.push(message ?? ''), warnings };
}

function syncAt(store: Store, org: string, now: number, collectors: Collector[], options: Partial<SyncOptions> = {}, logger: Logger = recordingLogger()) {
  return runSync({ store, client: statsOnlyClient(), org, collectors, clock: () => now, logger }, { trigger: 'cli', timeoutMs: 60_000, ...options });
}

async function storedUuids(store: Store, org: string): Promise<string[]> {
  const events = await collect(store.logEvents.stream(org, { since: new Date(0), until: new Date(NOW + DAY_MS) }));
  return events.map((event) => event.uuid);
}

describeEachBackend('retention after a sync on %s', ({ store, org }) => {
  const daysAgo = (days: number, uuid: string) => makeLogEvent({ uuid, published: new Date(NOW - days * DAY_MS) });

  it('deletes System Log events older than the retention after a successful sync, in this org only', async () => {
    const neighbour = newOrg();
    await store().logEvents.insert(org(), [daysAgo(400.01, 'too-old'), daysAgo(399.99, 'kept')]);
    await store().logEvents.insert(neighbour, [daysAgo(500, 'neighbour-old')]);

    const outcome = await syncAt(store(), org(), NOW, [fakeUsers({ users: 1 }), fakeSystemLog()]);

    expect(outcome).toMatchObject({ status: 'succeeded', errors: [] });
    expect(await storedUuids(store(), org())).toEqual(['kept', `uuid-${NOW}-3`, `uuid-${NOW}-2`, `uuid-${NOW}-1`]);
    expect(await storedUuids(store(), neighbour)).toEqual(['neighbour-old']);
  });

  it('honours a shorter retention, down to the log window', async () => {
    await store().logEvents.insert(org(), [daysAgo(7.01, 'outside-window'), daysAgo(6.99, 'inside-window')]);
    await syncAt(store(), org(), NOW, [fakeUsers({ users: 1 }), fakeSystemLog()], { logWindowDays: 7, logRetentionDays: 7 });
    expect(await storedUuids(store(), org())).not.toContain('outside-window');
    expect(await storedUuids(store(), org())).toContain('inside-window');
  });

  it('prunes nothing after a sync that did not succeed', async () => {
    await store().logEvents.insert(org(), [daysAgo(1_000, 'ancient')]);
    const outcome = await syncAt(store(), org(), NOW, [
      fakeEmpty('users', 'users', {
        before: () => {
          throw new StoreError('STORE_QUERY_FAILED', 'The users write failed.');
        },
      }),
    ]);
    expect(outcome.status).toBe('failed');
    expect(await storedUuids(store(), org())).toEqual(['ancient']);
  });

  it('deletes the check runs of pruned snapshots, keeping the latest run and the one it is compared with', async () => {
    const runs: string[] = [];
    let now = NOW;
    for (let n = 1; n <= 4; n += 1) {
      now += 3_600_000;
      const outcome = await syncAt(store(), org(), now, [fakeUsers({ users: 1 })], { retainSnapshots: 1 });
      expect(outcome.status).toBe('succeeded');
      if (n === 4) break;
      // What `okta-evidence tests` stores over the snapshot the sync just promoted.
      const saved = await store().checkResults.save({ org: org(), snapshotId: outcome.snapshotId!, syncId: outcome.syncId, evaluatedAt: new Date(now), settings: {}, results: [] });
      runs.push(saved.id);
    }
    const [first, second, third] = runs as [string, string, string];
    expect(await store().checkResults.get(first)).toBeUndefined();
    expect((await store().checkResults.latest(org()))?.id).toBe(third);
    expect(await store().checkResults.get(second)).toBeDefined();
  });

  it('keeps a sync succeeded when pruning fails, with a warning in its outcome, and still runs the other steps', async () => {
    await store().logEvents.insert(org(), [daysAgo(1_000, 'ancient')]);
    const first = await syncAt(store(), org(), NOW, [fakeUsers({ users: 1 })]);
    const failing: Store = {
      ...store(),
      checkResults: {
        ...store().checkResults,
        prune: () => Promise.reject(new StoreError('STORE_LOCKED', 'The database is locked by another process.')),
      },
    };
    const logger = recordingLogger();

    const outcome = await syncAt(failing, org(), NOW + 3_600_000, [fakeUsers({ users: 2 })], { retainSnapshots: 1 }, logger);

    expect(outcome.status).toBe('succeeded');
    expect(outcome.errors).toEqual([
      {
        code: 'SYNC_PRUNE_FAILED',
        message: expect.stringMatching(/^Could not prune check runs over pruned snapshots \(STORE_LOCKED\): The database is locked .* the next successful sync prunes again\.$/) as string,
      },
    ]);
    expect(logger.warnings).toEqual(['could not prune check runs over pruned snapshots']);
    expect((await store().snapshots.current(org()))?.id).toBe(outcome.snapshotId);
    expect((await store().syncs.get(outcome.syncId))?.status).toBe('succeeded');
    // The steps before and after the failing one ran.
    expect(await store().snapshots.get(first.snapshotId!)).toBeUndefined();
    expect(await storedUuids(store(), org())).toEqual([]);
  });
});

describe('the log retention setting', () => {
  it.each([
    [{ logRetentionDays: 6 }, /logRetentionDays \(6\) must be at least logWindowDays \(7\)/],
    [{ logWindowDays: 30, logRetentionDays: 29 }, /logRetentionDays \(29\) must be at least logWindowDays \(30\)/],
    [{ logRetentionDays: 3651 }, /got 3651/],
    [{ logRetentionDays: 400.5 }, /got 400\.5/],
  ])('rejects %o before the sync starts', async (options, message) => {
    const store = {} as Store;
    await expect(syncAt(store, newOrg(), NOW, [], options)).rejects.toThrow(message);
  });
});

describe('logPruneCutoff', () => {
  const now = new Date(NOW);

  it('counts the retention back from now', () => {
    expect(logPruneCutoff(now, 400, null)).toEqual(new Date(NOW - 400 * DAY_MS));
    expect(logPruneCutoff(now, 400, { since: new Date(NOW - 7 * DAY_MS), until: now })).toEqual(new Date(NOW - 400 * DAY_MS));
  });

  it('never cuts into the window the promoted snapshot covers, even when the log read lags behind now', () => {
    const lagging = { since: new Date(NOW - 9 * DAY_MS), until: new Date(NOW - 2 * DAY_MS) };
    expect(logPruneCutoff(now, 7, lagging)).toEqual(lagging.since);
  });
});
