import { describe, expect, it } from 'vitest';
import { backoffMs, decideAfterRun, decideCredentialUpdated, decideSyncNow, isDue, nextWakeAt, SCHEDULE_POLICY } from './next-run.js';
import { INITIAL_SCHEDULE_STATE, type RunResult, type ScheduledConnection, type ScheduleState } from './schedule-state.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1, 12);
const at = (offsetMs: number) => new Date(T0 + offsetMs);

function connection(schedule: Partial<ScheduleState> = {}, overrides: Partial<ScheduledConnection> = {}): ScheduledConnection {
  return {
    id: 'c1',
    name: 'Acme',
    org: 'acme.example.com',
    autoSync: true,
    syncIntervalMs: 6 * HOUR,
    budgetMs: 300_000,
    schedule: { ...INITIAL_SCHEDULE_STATE, ...schedule },
    ...overrides,
  };
}

const synced = (fields: Partial<Extract<RunResult, { kind: 'synced' }>>): RunResult => ({
  kind: 'synced',
  syncId: 's1',
  status: 'succeeded',
  complete: true,
  progressed: true,
  ...fields,
});

describe('isDue', () => {
  it.each([
    ['a new connection, never planned, runs at once', {}, {}, true],
    ['a due time in the future is not due', { nextRunAt: at(1) }, {}, false],
    ['a due time reached is due', { nextRunAt: at(0) }, {}, true],
    ['a due time two days past (downtime) is due, once', { nextRunAt: at(-48 * HOUR) }, {}, true],
    ['Auto Sync off never runs by schedule', { nextRunAt: at(-1) }, { autoSync: false }, false],
    ['a paused connection (credential refused) does not run', { nextRunAt: null, pausedReason: 'refused' }, {}, false],
  ] as const)('%s', (_title, schedule, overrides, expected) => {
    expect(isDue(connection(schedule, overrides), T0)).toBe(expected);
  });

  it('wakes at the earliest planned time, now for an unplanned connection, ignoring paused and Auto Sync off', () => {
    const list = [
      connection({ nextRunAt: at(3 * HOUR) }),
      connection({ nextRunAt: at(2 * HOUR) }),
      connection({ nextRunAt: at(HOUR) }, { autoSync: false }),
      connection({ nextRunAt: at(HOUR), pausedReason: 'refused' }),
    ];
    expect(nextWakeAt(list, T0)).toBe(T0 + 2 * HOUR);
    expect(nextWakeAt([...list, connection()], T0)).toBe(T0);
    expect(nextWakeAt([], T0)).toBeUndefined();
  });
});

describe('decideAfterRun', () => {
  const spread = Math.min(6 * HOUR * SCHEDULE_POLICY.jitterShare, SCHEDULE_POLICY.jitterCapMs);

  it.each([
    ['a success plans the next sync one interval later (no jitter drawn)', synced({}), 0, at(6 * HOUR)],
    ['a success adds up to the jitter spread', synced({}), 0.999_999, at(6 * HOUR + Math.floor(0.999_999 * spread))],
    ['a backfill that ran out of budget but advanced continues at once', synced({ status: 'timed_out', complete: false }), 0.5, at(0)],
    ['a shutdown-cancelled sync resumes at once', { kind: 'cancelled' } as const, 0.5, at(0)],
    ['a busy org is looked at again when its lease may lapse', { kind: 'busy', retryAt: at(30_000) } as const, 0.5, at(30_000)],
  ])('%s', (_title, result, random, nextRunAt) => {
    expect(decideAfterRun(connection(), result, T0, () => random).nextRunAt).toEqual(nextRunAt);
  });

  it('a success clears failures, the pause and the reason, and records the sync', () => {
    const before = connection({ consecutiveFailures: 3, healthState: 'unhealthy', healthReason: 'x', pausedReason: 'y' });
    expect(decideAfterRun(before, synced({ syncId: 's9' }), T0, () => 0)).toEqual({
      nextRunAt: at(6 * HOUR),
      lastSyncAt: at(0),
      lastSyncId: 's9',
      healthState: 'healthy',
      healthReason: null,
      consecutiveFailures: 0,
      pausedReason: null,
    });
  });

  it('a success with a dataset that failed keeps the schedule but says what is incomplete', () => {
    const after = decideAfterRun(connection(), synced({ complete: false, error: { code: 'OKTA_SERVER_ERROR', message: 'Groups failed.' } }), T0, () => 0);
    expect(after).toMatchObject({ nextRunAt: at(6 * HOUR), healthState: 'unhealthy', consecutiveFailures: 0 });
    expect(after.healthReason).toContain('Groups failed.');
  });

  it('failures back off exponentially from one minute, capped, and mark the connection unhealthy with the reason', () => {
    let current = connection();
    const delays: number[] = [];
    for (let run = 0; run < 10; run += 1) {
      const result = synced({ status: 'failed', complete: false, progressed: false, error: { code: 'OKTA_NETWORK_ERROR', message: 'acme.example.com did not answer.' } });
      const next = decideAfterRun(current, result, T0, () => 0);
      delays.push((next.nextRunAt?.getTime() ?? NaN) - T0);
      current = { ...current, schedule: next };
    }
    expect(delays.map((ms) => ms / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 360]);
    expect(current.schedule).toMatchObject({ healthState: 'unhealthy', consecutiveFailures: 10, pausedReason: null });
    expect(current.schedule.healthReason).toBe('acme.example.com did not answer. (OKTA_NETWORK_ERROR; 10 failed runs in a row)');
  });

  it('a timed-out sync that read nothing counts as a failure', () => {
    const after = decideAfterRun(connection(), synced({ status: 'timed_out', complete: false, progressed: false }), T0, () => 0);
    expect(after).toMatchObject({ nextRunAt: at(60_000), healthState: 'unhealthy', consecutiveFailures: 1, lastSyncId: 's1' });
  });

  it.each(['OKTA_TOKEN_INVALID', 'OKTA_OAUTH_TOKEN_FAILED'])('a refused credential (%s) stops the schedule until it is updated', (code) => {
    const result = synced({ status: 'failed', complete: false, progressed: false, error: { code, message: 'The token was refused.' } });
    const after = decideAfterRun(connection(), result, T0, () => 0);
    expect(after).toMatchObject({ nextRunAt: null, healthState: 'paused', consecutiveFailures: 1 });
    expect(after.pausedReason).toContain('Update the connection');
    const paused = connection(after);
    expect(isDue(paused, T0 + 100 * HOUR)).toBe(false);
    const updated = connection(decideCredentialUpdated(after, T0 + HOUR));
    expect(isDue(updated, T0 + HOUR)).toBe(true);
  });

  it('a sync that could not start (credentials cannot be decrypted) is a failure with its reason', () => {
    const result: RunResult = { kind: 'not_run', error: { code: 'SECRET_KEY_MISMATCH', message: 'The stored credential cannot be decrypted with this key.' } };
    const after = decideAfterRun(connection(), result, T0, () => 0);
    expect(after).toMatchObject({ healthState: 'unhealthy', nextRunAt: at(60_000), lastSyncAt: null });
    expect(after.healthReason).toContain('cannot be decrypted');
  });
});

describe('Sync Now and backoff', () => {
  it('Sync Now makes the connection due at once, even when it was planned hours later', () => {
    const planned = connection({ nextRunAt: at(5 * HOUR) });
    expect(isDue({ ...planned, schedule: decideSyncNow(planned.schedule, T0) }, T0)).toBe(true);
  });

  it('never backs off longer than the interval when the interval is longer than the cap', () => {
    expect(backoffMs(40, 24 * HOUR)).toBe(24 * HOUR);
    expect(backoffMs(40, 15 * 60_000)).toBe(SCHEDULE_POLICY.backoffCapMs);
  });
});
