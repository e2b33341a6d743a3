import { describe, expect, it } from 'vitest';
import type { SyncLease } from '../store/types.js';
import { INITIAL_SCHEDULE_STATE, type ScheduledConnection } from './schedule-state.js';
import { planTick } from './tick-plan.js';

const T0 = Date.UTC(2026, 0, 1, 12);
const HOUR = 3_600_000;

function conn(id: string, nextRunOffset: number | null, extra: Partial<ScheduledConnection['schedule']> = {}, autoSync = true): ScheduledConnection {
  return {
    id,
    name: id,
    org: `${id}.example.com`,
    autoSync,
    syncIntervalMs: HOUR,
    budgetMs: 300_000,
    schedule: { ...INITIAL_SCHEDULE_STATE, nextRunAt: nextRunOffset === null ? null : new Date(T0 + nextRunOffset), ...extra },
  };
}

function lease(org: string, expiresOffset: number): SyncLease {
  const at = new Date(T0);
  return { org, holder: { id: 'h', host: 'x', pid: 1 }, acquiredAt: at, heartbeatAt: at, expiresAt: new Date(T0 + expiresOffset) };
}

const plan = (connections: ScheduledConnection[], leases: SyncLease[] = [], inFlight: string[] = []) =>
  planTick({ connections, leases, nowMs: T0, leaseNowMs: T0, inFlight: new Set(inFlight) });

describe('planTick', () => {
  it('starts due connections oldest first (a new one before all) and wakes at the earliest future due time', () => {
    const result = plan([conn('later', HOUR), conn('due', -10), conn('older', -HOUR), conn('new', null), conn('soon', 60_000)]);
    expect(result.start.map((c) => c.id)).toEqual(['new', 'older', 'due']);
    expect(result.wakeAtMs).toBe(T0 + 60_000);
    expect(result.leaseWakeAtMs).toBeUndefined();
  });

  it('after two days of downtime, each connection runs once: one start per connection, never one per missed interval', () => {
    const result = plan([conn('a', -48 * HOUR), conn('b', -47 * HOUR)]);
    expect(result.start.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('leaves a due connection to a live lease holder and wakes when that lease would lapse; a lapsed lease is no obstacle', () => {
    const result = plan([conn('held', -10), conn('lapsed', -10)], [lease('held.example.com', 25_000), lease('lapsed.example.com', 0)]);
    expect(result.start.map((c) => c.id)).toEqual(['lapsed']);
    expect(result.leaseWakeAtMs).toBe(T0 + 25_000);
  });

  it('skips what is in flight here, Auto Sync off and paused connections, and plans nothing when nothing is scheduled', () => {
    const result = plan([conn('running', -10), conn('off', -10, {}, false), conn('paused', null, { pausedReason: 'refused' })], [], ['running']);
    expect(result).toEqual({ start: [], wakeAtMs: undefined, leaseWakeAtMs: undefined, resuming: new Set() });
  });

  it('puts the resume of a dead holder’s sync (its lapsed lease still there) ahead of connections merely due', () => {
    const result = plan([conn('overdue', -HOUR), conn('killed', -10), conn('new', null)], [lease('killed.example.com', -1)]);
    expect(result.start.map((c) => c.id)).toEqual(['killed', 'new', 'overdue']);
    expect(result.resuming).toEqual(new Set(['killed']));
  });
});
