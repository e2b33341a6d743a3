import { recordAudit } from '../app/audit.js';
import type { Clock } from '../config/runtime.js';
import type { ConnectionRecord } from '../store/connection-types.js';
import type { GithubConnectionRecord } from '../store/downstream-store-types.js';
import type { Store, StoreRepositories } from '../store/store.js';
import { scheduledGithubConnectionOf } from './github-connection-sync.js';
import { decideSyncNow } from './next-run.js';
import type { ScheduledConnection } from './schedule-state.js';
import type { Scheduler } from './scheduler.js';
import { scheduledConnectionOf } from './store-connections.js';

export interface SyncNowDeps {
  store: Store;
  scheduler: Scheduler;
  clock: Clock;
  /** Who asked (`api:<token name>`, `cli:<user>`…), for the audit log. */
  actor: string;
}

/**
 * Sync Now: the connection's sync runs as soon as a worker is free, whatever its schedule (Auto Sync off, or paused
 * after a refused credential: a Sync Now is how a person retries it). Recorded in the audit log with who asked; the
 * due time is also stored, so a scheduler that restarts before the run still honours a request for a scheduled
 * connection.
 */
export function queueSyncNow(deps: SyncNowDeps, connection: ConnectionRecord): Promise<void> {
  return queue(deps, scheduledConnectionOf(connection), (tx) => tx.connections, {});
}

/** Sync Now for a GitHub connection: the same path, on the same scheduler (src/schedule/github-connection-sync.ts). */
export function queueGithubSyncNow(deps: SyncNowDeps, connection: GithubConnectionRecord): Promise<void> {
  return queue(deps, scheduledGithubConnectionOf(connection), (tx) => tx.githubConnections, { kind: 'github' });
}

async function queue(
  deps: SyncNowDeps,
  connection: ScheduledConnection,
  rows: (tx: StoreRepositories) => Pick<StoreRepositories['connections'], 'updateSchedule'>,
  details: Record<string, unknown>,
): Promise<void> {
  const now = deps.clock();
  const state = decideSyncNow(connection.schedule, now);
  await deps.store.transaction(async (tx) => {
    await rows(tx).updateSchedule(connection.id, { nextRunAt: state.nextRunAt });
    await recordAudit(tx, { actor: deps.actor, action: 'sync.now', connection, details: { ...details, requestedAt: new Date(now).toISOString() } });
  });
  await deps.scheduler.enqueueNow(connection.id);
}
