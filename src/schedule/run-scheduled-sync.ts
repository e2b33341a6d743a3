import type { WebhookNotifier } from '../app/webhooks/deliver.js';
import type { Clock, Logger, Random } from '../config/runtime.js';
import type { SyncLeaseRepository } from '../store/store.js';
import { decideAfterRun, isDue } from './next-run.js';
import { runEndedEvents } from './run-notifications.js';
import type { ConnectionScheduleSource, RunResult, ScheduledConnection, ScheduleState } from './schedule-state.js';
import { acquireSyncLease, SyncLeaseHeldError, type SyncLeaseOptions } from '../collect/sync-lease.js';

export type RunTrigger = 'schedule' | 'manual';

/**
 * Runs one sync of a connection and says what it came to: the application's sync pipeline (sync, then tests, then
 * evidence) with the connection's stored credential. Expected failures are values (`synced` with `failed`,
 * `not_run`); a throw is taken as `not_run` with the error's code and message.
 */
export type RunConnectionSync = (connection: ScheduledConnection, context: { signal: AbortSignal; trigger: RunTrigger }) => Promise<RunResult>;

export interface ScheduledSyncDeps {
  connections: ConnectionScheduleSource;
  leases: SyncLeaseRepository;
  runSync: RunConnectionSync;
  /** The schedule's clock (a scaled one in the soak bench). */
  clock: Clock;
  random: Random;
  logger: Logger;
  /** Lease settings; its clock defaults to `clock`. */
  lease?: Partial<SyncLeaseOptions> | undefined;
  /** Told what each run came to (outbound webhooks); it delivers in the background and never fails the run. */
  notifier?: WebhookNotifier | undefined;
}

/** What a job did: ran (with the state it left), or why it did not. */
export type ScheduledSyncReport =
  | { ran: true; connectionId: string; result: RunResult; state: ScheduleState }
  | { ran: false; connectionId: string; reason: 'unknown_connection' | 'not_due' | 'busy' };

/**
 * One job of either scheduler: takes the org's sync lease, checks the connection is still due (another process may
 * have synced it since the job was queued), runs the sync, and records the next due time and health. Never throws
 * for a sync's failure; `signal` (shutdown) makes the sync checkpoint and end `cancelled`.
 */
export async function runScheduledSync(
  deps: ScheduledSyncDeps,
  connectionId: string,
  options: { trigger: RunTrigger; signal: AbortSignal },
): Promise<ScheduledSyncReport> {
  const before = await deps.connections.get(connectionId);
  if (before === undefined) return { ran: false, connectionId, reason: 'unknown_connection' };
  let held;
  try {
    held = await acquireSyncLease(deps.leases, before.org, { clock: deps.clock, logger: deps.logger, ...deps.lease });
  } catch (error) {
    // The holder's own outcome decides the schedule; a dead holder's lease lapses and the connection is due again then.
    if (error instanceof SyncLeaseHeldError) return { ran: false, connectionId, reason: 'busy' };
    throw error;
  }
  try {
    // Read again under the lease: a sync that ended just before it was taken has already moved the due time on.
    const connection = await deps.connections.get(connectionId);
    if (connection === undefined) return { ran: false, connectionId, reason: 'unknown_connection' };
    if (options.trigger === 'schedule' && !isDue(connection, deps.clock())) return { ran: false, connectionId, reason: 'not_due' };
    const signal = AbortSignal.any([options.signal, held.signal]);
    const result = await runGuarded(deps, connection, signal, options.trigger);
    const outcome: RunResult = options.signal.aborted && !(result.kind === 'synced' && (result.status === 'succeeded' || result.status === 'partial')) ? { kind: 'cancelled' } : result;
    // The latest stored state (Sync Now or a settings change while it ran), with the run's outcome applied.
    const latest = (await deps.connections.get(connectionId)) ?? connection;
    const state = decideAfterRun(latest, outcome, deps.clock(), deps.random);
    await deps.connections.saveSchedule(connectionId, state);
    notifyRunEnded(deps, latest, outcome, state);
    deps.logger.info({ connectionId, org: connection.org, result: describe(outcome), nextRunAt: state.nextRunAt?.toISOString() ?? null, health: state.healthState }, 'scheduled sync ended');
    return { ran: true, connectionId, result: outcome, state };
  } finally {
    await held.release().catch((error: unknown) => {
      deps.logger.warn({ connectionId, error: error instanceof Error ? error.message : String(error) }, 'sync lease release failed');
    });
  }
}

function notifyRunEnded(deps: ScheduledSyncDeps, connection: ScheduledConnection, outcome: RunResult, state: ScheduleState): void {
  if (deps.notifier === undefined) return;
  try {
    const events = runEndedEvents(connection, outcome, state, new Date(deps.clock()));
    if (events.length > 0) deps.notifier.notify(events);
  } catch (error) {
    deps.logger.warn({ connectionId: connection.id, error: error instanceof Error ? error.message : String(error) }, 'run notification failed');
  }
}

async function runGuarded(deps: ScheduledSyncDeps, connection: ScheduledConnection, signal: AbortSignal, trigger: RunTrigger): Promise<RunResult> {
  try {
    return await deps.runSync(connection, { signal, trigger });
  } catch (error) {
    // A connection that cannot even start (its credential cannot be decrypted…) is unhealthy, never a crashed scheduler.
    const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'SYNC_INTERNAL_ERROR';
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'not_run', error: { code, message } };
  }
}

function describe(result: RunResult): string {
  return result.kind === 'synced' ? `${result.status}${result.complete ? '' : ' (incomplete)'}` : result.kind;
}
