import { expect, it } from 'vitest';
import { isStoreError } from '../errors.js';
import { describeEachBackend } from '../testing/backend-suite.js';
import type { SyncRecord } from '../types.js';

describeEachBackend('sync history on %s', ({ store, org }) => {
  it('records a new sync as running with empty outcome fields', async () => {
    const startedAt = new Date('2024-05-01T10:00:00.123Z');
    const started = await store().syncs.start({ org: org(), trigger: 'cli', startedAt });
    expect(started.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(await store().syncs.get(started.id)).toEqual({
      id: started.id,
      org: org(),
      trigger: 'cli',
      startedAt,
      endedAt: null,
      status: 'running',
      complete: false,
      datasets: [],
      requestsByBucket: {},
      requestsTotal: 0,
      throttled: 0,
      errors: [],
      logWindow: null,
      snapshotId: null,
      timeoutMs: null,
      orgIdentity: null,
      logEventTypes: null,
    });
  });

  it('keeps the budget a sync started with, whatever it records later', async () => {
    const started = await store().syncs.start({ org: org(), trigger: 'cli', startedAt: new Date(), timeoutMs: 3_600_000 });
    expect(started.timeoutMs).toBe(3_600_000);
    await store().syncs.update(started.id, { status: 'succeeded' });
    expect(await store().syncs.get(started.id)).toMatchObject({ status: 'succeeded', timeoutMs: 3_600_000 });
  });

  it('round-trips every field type: dates with ms, booleans, JSON, counts beyond 32 bits', async () => {
    const started = await store().syncs.start({ org: org(), trigger: 'schedule', startedAt: new Date('2024-05-01T10:00:00.000Z') });
    const outcome: Partial<SyncRecord> = {
      endedAt: new Date('2024-05-01T10:04:59.999Z'),
      status: 'timed_out',
      complete: true,
      datasets: [
        { dataset: 'users', state: 'complete', count: 50_000 },
        { dataset: 'adminRoles', state: 'not_permitted', count: 0, reason: 'HTTP 403', permissionNeeded: 'okta.roles.read' },
        { dataset: 'factors', state: 'partial', count: 12_345, reason: 'Budget ran out after 12,345 of 50,000 users' },
      ],
      requestsByBucket: { '/api/v1/users': 251, '/api/v1/apps*': 40, 'Ünïcode bucket': 1 },
      requestsTotal: 3_000_000_123,
      throttled: 7,
      errors: [{ code: 'OKTA_RATE_LIMITED', message: 'Rate limited on /api/v1/apps' }],
      logWindow: { since: new Date('2024-04-24T10:00:00.000Z'), until: new Date('2024-05-01T10:00:00.000Z') },
      logEventTypes: ['user.session.start', 'policy.evaluate_sign_on'],
      snapshotId: 'snap-1',
    };
    const updated = await store().syncs.update(started.id, outcome);
    expect(updated).toEqual({ ...started, ...outcome });
    expect(await store().syncs.get(started.id)).toEqual(updated);

    const cleared = await store().syncs.update(started.id, { complete: false, logWindow: null, endedAt: null });
    expect(cleared).toMatchObject({ complete: false, logWindow: null, endedAt: null, throttled: 7 });
  });

  it('lists newest first, pages with `before`, and finds the latest by status', async () => {
    const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 10, minute));
    const first = await store().syncs.start({ org: org(), trigger: 'cli', startedAt: at(0) });
    const second = await store().syncs.start({ org: org(), trigger: 'cli', startedAt: at(10) });
    const third = await store().syncs.start({ org: org(), trigger: 'cli', startedAt: at(20) });
    await store().syncs.start({ org: 'other.example.com', trigger: 'cli', startedAt: at(30) });
    await store().syncs.update(first.id, { status: 'succeeded' });
    await store().syncs.update(second.id, { status: 'failed' });

    expect((await store().syncs.list(org())).map((sync) => sync.id)).toEqual([third.id, second.id, first.id]);
    expect((await store().syncs.list(org(), { before: at(20), limit: 1 })).map((sync) => sync.id)).toEqual([second.id]);
    expect((await store().syncs.latest(org()))?.id).toBe(third.id);
    expect((await store().syncs.latest(org(), { status: 'succeeded' }))?.id).toBe(first.id);
    expect(await store().syncs.latest('nobody.example.com')).toBeUndefined();
  });

  it('finds the syncs whose System Log reads reach into a window: ending inside it, and the first ending after it', async () => {
    const day = (n: number) => new Date(Date.UTC(2024, 4, n));
    const read = async (startDay: number, untilDay: number | null, logEventTypes: string[] | null) => {
      const sync = await store().syncs.start({ org: org(), trigger: 'schedule', startedAt: day(startDay) });
      return store().syncs.update(sync.id, { logWindow: untilDay === null ? null : { since: day(untilDay - 30), until: day(untilDay) }, logEventTypes });
    };
    const before = await read(1, 2, ['user.session.start']);
    const first = await read(3, 4, ['user.session.start']);
    const noLog = await read(5, null, null);
    const legacy = await read(6, 6, null);
    const last = await read(9, 9, []);
    const after = await read(12, 12, ['policy.evaluate_sign_on']);
    await store().syncs.start({ org: 'other.example.com', trigger: 'cli', startedAt: day(5) });
    const covering = await store().syncs.logReadsCovering(org(), { since: day(3), until: day(8) });
    expect(covering.map((sync) => sync.id)).toEqual([first.id, legacy.id, last.id]);
    expect(covering.map((sync) => sync.logEventTypes)).toEqual([['user.session.start'], null, []]);
    for (const outside of [before, noLog, after]) expect(covering.map((sync) => sync.id)).not.toContain(outside.id);
    // A window ending exactly where a read ends: that read covers it, the next one does not.
    expect((await store().syncs.logReadsCovering(org(), { since: day(10), until: day(12) })).map((sync) => sync.id)).toEqual([after.id]);
    expect(await store().syncs.logReadsCovering(org(), { since: day(13), until: day(14) })).toEqual([]);
  });

  it('marks as failed only the syncs still running twice their own budget after they started', async () => {
    const now = new Date('2024-05-01T10:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const start = (startedAt: Date, timeoutMs?: number) =>
      store().syncs.start({ org: org(), trigger: 'cli', startedAt, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    // 30 minutes in: an hour-long budget is still live, a one-minute budget belongs to a dead process.
    const long = await start(ago(1_800_000), 3_600_000);
    const dead = await start(ago(1_800_000), 60_000);
    // Exactly at twice the budget is not yet abandoned; one millisecond later it is.
    const atLimit = await start(ago(120_000), 60_000);
    const pastLimit = await start(ago(120_001), 60_000);
    const finished = await start(ago(1_800_000), 60_000);
    await store().syncs.update(finished.id, { status: 'succeeded' });
    const otherOrg = await store().syncs.start({ org: 'other.example.com', trigger: 'cli', startedAt: ago(1_800_000), timeoutMs: 60_000 });

    expect(await store().syncs.failAbandoned(org(), now)).toBe(2);
    expect(await store().syncs.get(dead.id)).toMatchObject({ status: 'failed', endedAt: now, errors: [{ code: 'SYNC_ABANDONED' }] });
    expect((await store().syncs.get(pastLimit.id))?.status).toBe('failed');
    for (const untouched of [long, atLimit, otherOrg]) expect((await store().syncs.get(untouched.id))?.status).toBe('running');
    expect(await store().syncs.get(finished.id)).toMatchObject({ status: 'succeeded', endedAt: null, errors: [] });
  });

  it('under the org\'s lease marks every running sync abandoned, whatever its age, and only that org\'s', async () => {
    const now = new Date('2024-05-01T10:00:00Z');
    const fresh = await store().syncs.start({ org: org(), trigger: 'cli', startedAt: new Date(now.getTime() - 1_000), timeoutMs: 3_600_000 });
    const otherOrg = await store().syncs.start({ org: `other.${org()}`, trigger: 'cli', startedAt: new Date(now.getTime() - 1_000) });
    expect(await store().syncs.failAbandoned(org(), now)).toBe(0);
    expect(await store().syncs.failAbandoned(org(), now, { whateverTheirAge: true })).toBe(1);
    expect(await store().syncs.get(fresh.id)).toMatchObject({ status: 'failed', errors: [{ code: 'SYNC_ABANDONED' }] });
    expect((await store().syncs.get(otherOrg.id))?.status).toBe('running');
  });

  it('judges a sync without a recorded budget (recorded before migration 0004) by the default 300 s budget', async () => {
    const now = new Date('2024-05-01T10:00:00Z');
    const legacy = (msAgo: number) => store().syncs.start({ org: org(), trigger: 'schedule', startedAt: new Date(now.getTime() - msAgo) });
    const within = await legacy(600_000);
    const beyond = await legacy(600_001);
    expect(await store().syncs.failAbandoned(org(), now)).toBe(1);
    expect((await store().syncs.get(beyond.id))?.status).toBe('failed');
    expect((await store().syncs.get(within.id))?.status).toBe('running');
  });

  it('reports an unknown sync id as a StoreError', async () => {
    const failure = await store().syncs.update('missing', { status: 'failed' }).catch((error: unknown) => error);
    expect(isStoreError(failure, 'STORE_INVALID_STATE')).toBe(true);
    expect(await store().syncs.get('missing')).toBeUndefined();
  });
});
