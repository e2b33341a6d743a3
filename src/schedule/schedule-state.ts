import type { HealthState } from '../store/connection-types.js';
import type { SyncErrorEntry } from '../store/types.js';

/*
 * Health, as the console shows it (`HealthState` of the connections table): `healthy` for a new connection and after a
 * sync that succeeded (or a backfill that is still advancing), `unhealthy` while syncs fail (with the reason),
 * `paused` when its schedule stopped because the credential was refused (401) and only an updated credential (or a
 * Sync Now that succeeds) restarts it.
 */

/** A connection's scheduling state, as stored on the connection (columns of migration 0005). */
export interface ScheduleState {
  /** When the next scheduled sync is due; null when none is (Auto Sync off, paused, or never planned). */
  nextRunAt: Date | null;
  lastSyncAt: Date | null;
  lastSyncId: string | null;
  healthState: HealthState;
  /** Why the connection is unhealthy or paused, in a sentence that says how to fix it; null when healthy. */
  healthReason: string | null;
  consecutiveFailures: number;
  /** Set while a refused credential stops the schedule; cleared by an updated credential or a sync that succeeds. */
  pausedReason: string | null;
}

/** The slice of a stored connection the scheduler reads. */
export interface ScheduledConnection {
  id: string;
  name: string;
  /** The Okta domain: the key of the org's snapshots, history and sync lease. */
  org: string;
  autoSync: boolean;
  syncIntervalMs: number;
  /** The budget of one sync; a backfill continues budget after budget. */
  budgetMs: number;
  schedule: ScheduleState;
}

/** What one attempt to run a connection's sync came to, as the decision needs it. */
export type RunResult =
  | {
      kind: 'synced';
      syncId: string;
      status: 'succeeded' | 'partial' | 'failed' | 'timed_out';
      /** Every dataset complete (or honestly not permitted). */
      complete: boolean;
      /** The sync read something (a timed-out backfill that advanced continues at once; one that did not backs off). */
      progressed: boolean;
      /** The first error when the sync failed or is incomplete. */
      error?: SyncErrorEntry | undefined;
    }
  /** Another live process holds the org's sync lease; try again once it may have ended. */
  | { kind: 'busy'; retryAt: Date }
  /** The sync could not start: the stored credential cannot be decrypted, the connection is invalid… */
  | { kind: 'not_run'; error: SyncErrorEntry }
  /** Stopped by shutdown after checkpointing: it resumes as soon as a scheduler runs again. */
  | { kind: 'cancelled' };

export const INITIAL_SCHEDULE_STATE: ScheduleState = {
  nextRunAt: null,
  lastSyncAt: null,
  lastSyncId: null,
  healthState: 'healthy',
  healthReason: null,
  consecutiveFailures: 0,
  pausedReason: null,
};

/**
 * Where the scheduler reads and writes connections' schedules. Implemented over the connections repository (the
 * store) in product code and over a map in tests; the scheduler keeps no list of its own.
 */
export interface ConnectionScheduleSource {
  /** Every connection whose schedule the scheduler must consider (Auto Sync on or not: Sync Now runs either). */
  listScheduled(): Promise<ScheduledConnection[]>;
  get(id: string): Promise<ScheduledConnection | undefined>;
  saveSchedule(id: string, state: ScheduleState): Promise<void>;
}
