import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../config/runtime.js';
import { OktaClientError } from '../okta/errors.js';
import type { EntityKind, Store } from '../store/store.js';
import { newOrg } from '../store/testing/fixtures.js';
import { testBackends } from '../store/testing/test-backends.js';
import type { LogCursor } from '../store/types.js';
import { DEFAULT_LOG_EVENT_TYPES, defineCollector, type Collector } from './collector.js';
import { incrementalLogTypes } from './incremental.js';
import { runSync, type SyncOptions } from './sync-run.js';
import { fakeEmpty, fakeFactors, fakeSystemLog, fakeUsers, manualSchedule, statsOnlyClient, untilAborted } from './testing/fake-collectors.js';

const backends = testBackends(process.env.TEST_DATABASE_URL);
afterAll(() => Promise.all(backends.map((backend) => backend.dispose())));

const TIMEOUT_MS = 60_000;

async function rows(store: Store, kind: EntityKind, snapshotId: string): Promise<unknown[]> {
  const found: unknown[] = [];
  for await (const row of store.entities.stream(kind, snapshotId)) found.push(row);
  return found;
}

describe.each(backends.map((backend) => [backend.name, backend] as const))('runSync on %s', (_name, backend) => {
  let store: Store;
  let org: string;
  let now: number;
  const clock = () => now;
  beforeAll(async () => {
    ({ store } = await backend.open());
  });
  beforeEach(() => {
    org = newOrg();
    now = Date.UTC(2026, 2, 1, 12);
  });

  function sync(collectors: Collector[], extra: { schedule?: ReturnType<typeof manualSchedule>['schedule']; options?: Partial<SyncOptions> } = {}) {
    const client = statsOnlyClient();
    return runSync(
      { store, client, org, collectors, clock, logger: silentLogger, schedule: extra.schedule },
      { trigger: 'cli', timeoutMs: TIMEOUT_MS, ...extra.options },
    );
  }

  it('promotes a complete sync and records it, with counts, requests and the System Log cursor', async () => {
    const outcome = await sync([fakeUsers({ users: 5, deprovisioned: 2 }), fakeFactors(), fakeSystemLog()]);

    expect(outcome).toMatchObject({ status: 'succeeded', complete: true, resumed: false, errors: [] });
    expect(outcome.counts).toMatchObject({ users: 5, factors: 3, logEvents: 3 });
    expect(outcome.requests).toEqual({ total: 4, throttled: 0, byBucket: { 'GET /api/v1/users': 1, 'GET /api/v1/users/{id}': 3 } });
    expect((await store.snapshots.current(org))?.id).toBe(outcome.snapshotId);
    expect(await store.syncs.get(outcome.syncId)).toMatchObject({
      status: 'succeeded',
      complete: true,
      snapshotId: outcome.snapshotId,
      requestsTotal: 4,
      datasets: [
        { dataset: 'users', state: 'complete', count: 5 },
        { dataset: 'factors', state: 'complete', count: 3 },
        { dataset: 'logEvents', state: 'complete', count: 3 },
      ],
    });
    const state = await store.checkpoints.getOrgState(org);
    expect(state).toMatchObject({ buildingSnapshotId: null, checkpoint: null, logCursor: { until: new Date(now), lastUuids: ['uuid-3'] } });
    expect(state.lastFullSyncAt).toEqual(new Date(now));
  });

  it('records the org identity read at its start, and goes on when reading it fails', async () => {
    const identity = { orgId: '00oEXAMPLE', domain: org, pipeline: 'idx' as const, credential: { type: 'ssws', principal: 'admin@example.com' }, simulated: false, unknown: [] };
    const identified = await runSync(
      { store, client: statsOnlyClient(), org, collectors: [fakeUsers({ users: 1 })], clock, logger: silentLogger, identify: () => Promise.resolve(identity) },
      { trigger: 'cli', timeoutMs: TIMEOUT_MS },
    );
    expect(await store.syncs.get(identified.syncId)).toMatchObject({ status: 'succeeded', orgIdentity: identity });
    now += 3_600_000;
    const failing = await runSync(
      { store, client: statsOnlyClient(), org, collectors: [fakeUsers({ users: 1 })], clock, logger: silentLogger, identify: () => Promise.reject(new Error('boom')) },
      { trigger: 'cli', timeoutMs: TIMEOUT_MS },
    );
    expect(await store.syncs.get(failing.syncId)).toMatchObject({ status: 'succeeded', orgIdentity: null });
  });

  it('records the System Log event types it asked for beside its log window: the configured or default ones, the change types added when incremental, none without a log read', async () => {
    const full = await sync([fakeUsers({ users: 2 }), fakeFactors(), fakeSystemLog()], { options: { logEventTypes: ['user.session.start'] } });
    expect(await store.syncs.get(full.syncId)).toMatchObject({ status: 'succeeded', logWindow: { until: new Date(now) }, logEventTypes: ['user.session.start'] });
    now += 600_000;
    const incremental = await sync([fakeUsers({ users: 2 }), fakeFactors(), fakeSystemLog()], { options: { logEventTypes: ['user.session.start'] } });
    expect(incremental.incremental).toBeDefined();
    expect((await store.syncs.get(incremental.syncId))?.logEventTypes).toEqual([...incrementalLogTypes(['user.session.start'])]);
    expect((await store.syncs.get(incremental.syncId))?.logEventTypes).toContain('user.lifecycle.deactivate');

    org = newOrg();
    const byDefault = await sync([fakeUsers({ users: 1 }), fakeSystemLog()]);
    expect((await store.syncs.get(byDefault.syncId))?.logEventTypes).toEqual([...DEFAULT_LOG_EVENT_TYPES]);
    expect((await store.syncs.get(byDefault.syncId))?.logEventTypes).toContain('policy.evaluate_sign_on');
    org = newOrg();
    const withoutLog = await sync([fakeUsers({ users: 1 })]);
    expect(await store.syncs.get(withoutLog.syncId)).toMatchObject({ logWindow: null, logEventTypes: null });
  });

  it('hands the saved System Log cursor to the next sync and prunes old snapshots', async () => {
    const log = fakeSystemLog();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      now += 3_600_000;
      ids.push((await sync([fakeUsers({ users: 1 }), log], { options: { retainSnapshots: 2 } })).snapshotId ?? '');
    }
    expect(log.cursorsSeen.map((cursor) => cursor?.until.getTime() ?? null)).toEqual([null, now - 7_200_000, now - 3_600_000]);
    expect((await store.snapshots.list(org)).map((s) => [s.id, s.state])).toEqual([
      [ids[2], 'current'],
      [ids[1], 'superseded'],
    ]);
  });

  it('fails on a rejected token and leaves the current snapshot exactly as it was', async () => {
    const first = await sync([fakeUsers({ users: 3 }), fakeFactors()]);
    const before = { users: await rows(store, 'users', first.snapshotId!), factors: await rows(store, 'factors', first.snapshotId!) };

    const rejected = new OktaClientError('OKTA_TOKEN_INVALID', 'Okta rejected the API token: create a new one and set OKTA_API_TOKEN. (GET /api/v1/users answered 401.)');
    const outcome = await sync([
      fakeUsers({ users: 1 }),
      fakeFactors({
        before: () => {
          throw rejected;
        },
      }),
      fakeSystemLog(),
    ]);

    expect(outcome).toMatchObject({ status: 'failed', complete: false });
    expect(outcome.errors[0]).toEqual({ code: 'OKTA_TOKEN_INVALID', message: rejected.message });
    // The System Log is read alongside the others and had ended before the token was refused.
    expect(outcome.datasets.map((d) => [d.dataset, d.state])).toEqual([
      ['users', 'complete'],
      ['factors', 'failed'],
      ['logEvents', 'complete'],
    ]);
    const current = await store.snapshots.current(org);
    expect(current?.id).toBe(first.snapshotId);
    expect({ users: await rows(store, 'users', first.snapshotId!), factors: await rows(store, 'factors', first.snapshotId!) }).toEqual(before);
    expect(await store.syncs.get(outcome.syncId)).toMatchObject({ status: 'failed', endedAt: new Date(now), errors: [{ code: 'OKTA_TOKEN_INVALID' }] });
    expect((await store.checkpoints.getOrgState(org)).buildingSnapshotId).toBe(outcome.snapshotId);
  });

  it('times out mid-collector, keeps what it read, and the next sync resumes into the same snapshot', async () => {
    const timer = manualSchedule();
    const users = fakeUsers({ users: 10 });
    const log = fakeSystemLog();
    const stalled = fakeFactors({ stallAfter: 4, onStall: timer.expire });
    const first = await sync([users, log, stalled], { schedule: timer.schedule });

    expect(first.status).toBe('timed_out');
    expect(first.errors[0]).toMatchObject({ code: 'SYNC_TIMED_OUT', message: expect.stringMatching(/60 s budget before finishing factors;.*resumes/) as string });
    expect(first.datasets.map((d) => [d.dataset, d.state, d.count])).toEqual([
      ['users', 'complete', 10],
      ['logEvents', 'complete', 3],
      ['factors', 'partial', 4],
    ]);
    expect(await store.snapshots.current(org)).toBeUndefined();
    expect(await store.snapshots.get(first.snapshotId!)).toMatchObject({ state: 'building', datasets: first.datasets });
    expect(await store.syncs.get(first.syncId)).toMatchObject({ status: 'timed_out', complete: false });

    now += 600_000;
    const resumedFactors = fakeFactors();
    const second = await sync([users, log, resumedFactors]);
    expect(second).toMatchObject({ status: 'succeeded', complete: true, resumed: true, snapshotId: first.snapshotId });
    expect(users.runs).toBe(1);
    expect(log.cursorsSeen).toHaveLength(1);
    expect(resumedFactors.usersRead).toEqual(['u000005', 'u000006', 'u000007', 'u000008', 'u000009', 'u000010']);
    expect(second.counts).toMatchObject({ users: 10, factors: 10 });
    expect((await store.snapshots.current(org))?.id).toBe(first.snapshotId);
    // The cursor of the System Log read the first sync did is the one saved, and the backfill dates from its start.
    expect(await store.checkpoints.getOrgState(org)).toMatchObject({
      logCursor: { until: new Date(now - 600_000) },
      lastFullSyncAt: new Date(now - 600_000),
      lastSyncAt: new Date(now),
    });
  });

  it('reads in full after incremental syncs ran out of budget twice on the same changes, since they start over each time', async () => {
    const users = fakeUsers({ users: 3 });
    const log = fakeSystemLog();
    expect(await sync([users, log, fakeFactors()])).toMatchObject({ status: 'succeeded', complete: true });
    const timedOutIncremental = async () => {
      now += 600_000;
      const timer = manualSchedule();
      const stalling = fakeEmpty('factors', 'factors', { dependsOn: ['users'], before: (ctx) => (timer.expire(), untilAborted(ctx.signal)) });
      return sync([users, log, stalling], { schedule: timer.schedule });
    };

    const once = await timedOutIncremental();
    expect(once).toMatchObject({ status: 'timed_out', incremental: expect.anything() as unknown });
    // One timeout may be bad luck: the next sync is still incremental.
    const twice = await timedOutIncremental();
    expect(twice).toMatchObject({ status: 'timed_out', incremental: expect.anything() as unknown });

    now += 600_000;
    const full = await sync([users, log, fakeFactors()]);
    expect(full).toMatchObject({ status: 'succeeded', complete: true });
    expect(full.incremental).toBeUndefined();
    expect(full.fullReason).toMatch(/last 2 incremental syncs ran out of budget/);
    expect((await store.snapshots.get(full.snapshotId!))?.copiedFrom).toBeNull();
  });

  it('continues a System Log read cut short by the budget from where it stopped, not from the last promoted cursor', async () => {
    const timer = manualSchedule();
    const seen: (LogCursor | null)[] = [];
    const cutShortAt = new Date(now - 5_000);
    const log = defineCollector({
      id: 'system-log',
      datasets: ['logEvents'],
      dependsOn: [],
      collect(ctx) {
        seen.push(ctx.logCursor);
        if (seen.length === 1) {
          timer.expire();
          return Promise.resolve({ datasets: [{ dataset: 'logEvents', state: 'partial', count: 0 }], errors: [], logCursor: { until: cutShortAt, lastUuids: ['e1'] } });
        }
        return Promise.resolve({ datasets: [{ dataset: 'logEvents', state: 'complete', count: 0 }], errors: [], logCursor: { until: new Date(now), lastUuids: [] } });
      },
    });
    expect((await sync([fakeUsers({ users: 1 }), log], { schedule: timer.schedule })).status).toBe('timed_out');
    expect((await store.checkpoints.getOrgState(org)).logCursor).toBeNull();

    now += 60_000;
    expect((await sync([fakeUsers({ users: 1 }), log])).status).toBe('succeeded');
    expect(seen).toEqual([null, { until: cutShortAt, lastUuids: ['e1'] }]);
    expect((await store.checkpoints.getOrgState(org)).logCursor).toEqual({ until: new Date(now), lastUuids: [] });
  });

  it('goes past a dataset that fails, skips what depends on it, and ends failed until a later sync reads it', async () => {
    const serverError = new OktaClientError('OKTA_SERVER_ERROR', 'Okta answered GET /api/v1/users with HTTP 500 five times: try again later.');
    let failing = true;
    const users = fakeUsers({
      users: 2,
      before: () => {
        if (failing) throw serverError;
      },
    });
    const log = fakeSystemLog();
    const outcome = await sync([users, fakeFactors(), log, fakeEmpty('policies', 'policies')]);
    expect(outcome.status).toBe('failed');
    expect(outcome.datasets.map((d) => [d.dataset, d.state])).toEqual([
      ['users', 'failed'],
      ['factors', 'not_started'],
      ['logEvents', 'complete'],
      ['policies', 'complete'],
    ]);
    expect(outcome.datasets[1]?.reason).toMatch(/needs users/);
    expect(outcome.errors).toEqual([{ code: 'OKTA_SERVER_ERROR', message: `users: ${serverError.message}` }]);

    failing = false;
    const retried = await sync([users, fakeFactors(), log, fakeEmpty('policies', 'policies')]);
    expect(retried).toMatchObject({ status: 'succeeded', complete: true, resumed: true });
    expect(log.cursorsSeen).toHaveLength(1);
  });

  it('reports a 403 as not permitted: the snapshot is promoted, but the sync is partial, never succeeded', async () => {
    const denied = new OktaClientError('OKTA_PERMISSION_DENIED', 'Okta refused GET /api/v1/iam/assignees/users (403): a Super Administrator token can read admin roles.');
    const outcome = await sync([
      fakeUsers({ users: 1 }),
      fakeEmpty('admin-roles', 'adminRoles', {
        before: () => {
          throw denied;
        },
      }),
    ]);
    expect(outcome).toMatchObject({ status: 'partial', complete: false });
    expect(await store.snapshots.current(outcome.org)).toMatchObject({ id: outcome.snapshotId });
    expect(outcome.datasets[1]).toEqual({ dataset: 'adminRoles', state: 'not_permitted', count: 0, reason: denied.message });
  });

  it('promotes a dataset with unparsable records as partial: the sync is partial, each record kept with its id', async () => {
    const outcome = await sync([fakeUsers({ users: 2, unparsed: ['00u-broken'] })]);
    expect(outcome).toMatchObject({ status: 'partial', complete: false });
    expect(outcome.errors).toEqual([{ code: 'SYNC_RECORDS_UNPARSED', message: expect.stringContaining('1 record(s) could not be parsed (users 1)') as string }]);
    expect(await rows(store, 'collectionErrors', outcome.snapshotId!)).toEqual([{ dataset: 'users', entityId: '00u-broken', message: 'profile.login is missing' }]);
  });
});
