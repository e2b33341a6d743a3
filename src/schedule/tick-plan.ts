import type { SyncLease } from '../store/types.js';
import { isDue } from './next-run.js';
import type { ScheduledConnection } from './schedule-state.js';

export interface TickInput {
  connections: readonly ScheduledConnection[];
  leases: readonly SyncLease[];
  /** The schedule's clock. */
  nowMs: number;
  /** The leases' clock (the same as `nowMs` except in the scaled soak bench). */
  leaseNowMs: number;
  /** Connections this process is already running or has just handed to the queue. */
  inFlight: ReadonlySet<string>;
}

export interface TickPlan {
  /** Due connections to start (or enqueue) now, oldest due first. */
  start: ScheduledConnection[];
  /** When to look again, on the schedule's clock: the earliest future due time; undefined when nothing is planned. */
  wakeAtMs: number | undefined;
  /** When a live lease on a due connection lapses, on the leases' clock: its holder may have died. */
  leaseWakeAtMs: number | undefined;
  /**
   * Connections in `start` whose org still has a lapsed lease: their last sync's holder died mid-sync, so this run
   * resumes it from its checkpoint. They go first, ahead of syncs merely due.
   */
  resuming: Set<string>;
}

/**
 * One scheduling tick as a pure function: which due connections to start and when to wake next. A due connection
 * whose org is leased by a live holder is left to it (its outcome moves the due time on); if the holder died, the
 * lease lapses and the tick at that moment starts the sync again, resuming from its checkpoint.
 */
export function planTick(input: TickInput): TickPlan {
  const live = new Map<string, number>();
  const lapsed = new Set<string>();
  for (const lease of input.leases) {
    const expires = lease.expiresAt.getTime();
    // A released lease is deleted: one still there past its expiry was left by a holder that died.
    if (expires > input.leaseNowMs) live.set(lease.org, expires);
    else lapsed.add(lease.org);
  }
  const start: ScheduledConnection[] = [];
  let wakeAtMs: number | undefined;
  let leaseWakeAtMs: number | undefined;
  for (const connection of input.connections) {
    if (input.inFlight.has(connection.id)) continue;
    if (!isDue(connection, input.nowMs)) {
      const at = connection.autoSync && connection.schedule.pausedReason === null ? connection.schedule.nextRunAt?.getTime() : undefined;
      if (at !== undefined && (wakeAtMs === undefined || at < wakeAtMs)) wakeAtMs = at;
      continue;
    }
    const leasedUntil = live.get(connection.org);
    if (leasedUntil !== undefined) {
      if (leaseWakeAtMs === undefined || leasedUntil < leaseWakeAtMs) leaseWakeAtMs = leasedUntil;
      continue;
    }
    start.push(connection);
  }
  const resuming = new Set(start.filter((connection) => lapsed.has(connection.org)).map((connection) => connection.id));
  start.sort((a, b) => Number(resuming.has(b.id)) - Number(resuming.has(a.id)) || dueMs(a) - dueMs(b));
  return { start, wakeAtMs, leaseWakeAtMs, resuming };
}

function dueMs(connection: ScheduledConnection): number {
  return connection.schedule.nextRunAt?.getTime() ?? Number.NEGATIVE_INFINITY;
}
