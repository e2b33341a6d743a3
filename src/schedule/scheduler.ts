import type { WebhookNotifier } from '../app/webhooks/deliver.js';
import type { Random, Sleep } from '../config/runtime.js';
import type { Logger } from '../config/runtime.js';
import type { SyncLeaseRepository } from '../store/store.js';
import type { RunConnectionSync, ScheduledSyncDeps, ScheduledSyncReport } from './run-scheduled-sync.js';
import type { ConnectionScheduleSource } from './schedule-state.js';
import type { ScheduleClock } from './scheduler-loop.js';
import type { SyncLeaseOptions } from '../collect/sync-lease.js';

/** What both schedulers (embedded on SQLite, pg-boss on PostgreSQL) offer the process that runs them. */
export interface Scheduler {
  start(): Promise<void>;
  /** Sync Now: the connection's sync runs as soon as a slot is free, whatever its schedule (Auto Sync off, paused). */
  enqueueNow(connectionId: string): Promise<void>;
  /** A connection was added or changed: look at the schedule again now. */
  wake(): void;
  /**
   * Takes no more syncs, aborts the running ones (each checkpoints and is recorded `cancelled`, to resume at once on
   * the next start) and resolves when they have ended.
   */
  stop(): Promise<void>;
}

/** What either scheduler is built from. */
export interface SchedulerDeps {
  connections: ConnectionScheduleSource;
  leases: SyncLeaseRepository;
  runSync: RunConnectionSync;
  clock: ScheduleClock;
  random: Random;
  sleep: Sleep;
  logger: Logger;
  /** Syncs this process runs at once (default 2: syncs are bound by Okta's rate limits, not by this machine). */
  concurrency?: number | undefined;
  maxSleepMs?: number | undefined;
  lease?: Partial<SyncLeaseOptions> | undefined;
  /** Told of every job's end (the soak bench records them; tests wait on them). */
  onReport?: ((report: ScheduledSyncReport) => void) | undefined;
  /** Told what each run came to (outbound webhooks). */
  notifier?: WebhookNotifier | undefined;
}

export const DEFAULT_CONCURRENCY = 2;

/** The job runner's dependencies from the scheduler's. */
export function scheduledSyncDeps(deps: SchedulerDeps): ScheduledSyncDeps {
  const { connections, leases, runSync, random, logger, lease, notifier } = deps;
  return { connections, leases, runSync, clock: deps.clock.now, random, logger, lease, notifier };
}
