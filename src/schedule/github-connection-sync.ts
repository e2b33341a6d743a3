import type { DownstreamEvidenceTarget } from '../app/downstream/evidence.js';
import { runGithubSync, type DownstreamSnapshotStored } from '../app/github/sync.js';
import type { SecretKeyLocation } from '../app/secrets/secret-key.js';
import type { Env } from '../config/env.js';
import type { Clock, Logger } from '../config/runtime.js';
import type { GithubConnectionRecord } from '../store/downstream-store-types.js';
import type { Store } from '../store/store.js';
import type { RunConnectionSync } from './run-scheduled-sync.js';
import type { ConnectionScheduleSource, ScheduledConnection } from './schedule-state.js';
import { scheduleStateOf } from './store-connections.js';

/*
 * GitHub connections on the same scheduler as Okta ones: one schedule source lists both tables, and the runner sends a
 * GitHub connection's run to the GitHub sync. A GitHub connection's lease key is `github:<service id>`, apart from
 * every Okta domain.
 */

export function scheduledGithubConnectionOf(record: GithubConnectionRecord): ScheduledConnection {
  return {
    id: record.id,
    name: record.name,
    org: `github:${record.serviceId}`,
    autoSync: record.settings.autoSync,
    syncIntervalMs: record.settings.syncIntervalS * 1000,
    budgetMs: record.settings.budgetS * 1000,
    schedule: scheduleStateOf(record),
  };
}

/** Okta connections (`okta`) and GitHub connections together; writes go to the table the id belongs to. */
export function withGithubConnections(store: Store, okta: ConnectionScheduleSource): ConnectionScheduleSource {
  return {
    async listScheduled() {
      return [...(await okta.listScheduled()), ...(await store.githubConnections.list()).map(scheduledGithubConnectionOf)];
    },
    async get(id) {
      const github = await store.githubConnections.get(id);
      return github === undefined ? okta.get(id) : scheduledGithubConnectionOf(github);
    },
    async saveSchedule(id, state) {
      if ((await store.githubConnections.get(id)) === undefined) return okta.saveSchedule(id, state);
      await store.transaction(async (tx) => {
        await tx.githubConnections.updateSchedule(id, { nextRunAt: state.nextRunAt, lastSyncAt: state.lastSyncAt, lastSyncId: state.lastSyncId });
        await tx.githubConnections.updateHealth(id, { state: state.healthState, reason: state.healthReason, consecutiveFailures: state.consecutiveFailures, pausedReason: state.pausedReason });
      });
    },
  };
}

export interface GithubSyncRunnerDeps {
  store: Store;
  secretKey: SecretKeyLocation;
  /** HTTPS_PROXY/NO_PROXY: GitHub is reached through the same egress proxy as Okta. */
  env?: Env | undefined;
  clock: Clock;
  logger: Logger;
  /** What evaluates each stored snapshot (default: the registered DOWNSTREAM_SNAPSHOT_HANDLERS). */
  handlers?: readonly DownstreamSnapshotStored[] | undefined;
  /**
   * Where each successful sync's evidence goes (the installation's evidence root and signing key), as an Okta
   * connection's: `<root>/<okta domain>/downstream/<service id>/`, in the service's own chain.
   */
  evidence?: DownstreamEvidenceTarget | undefined;
}

/** Runs GitHub connections' syncs (read, evaluation, evidence); every other id goes to `okta`. */
export function withGithubSyncs(deps: GithubSyncRunnerDeps, okta: RunConnectionSync): RunConnectionSync {
  return async (scheduled, context) => {
    const connection = await deps.store.githubConnections.get(scheduled.id);
    if (connection === undefined) return okta(scheduled, context);
    const outcome = await runGithubSync({ deps, connection, clock: deps.clock, signal: context.signal, logger: deps.logger, handlers: deps.handlers, evidence: deps.evidence });
    if (!outcome.ok) return { kind: 'not_run', error: outcome.error };
    return { kind: 'synced', syncId: outcome.snapshotId, status: outcome.complete ? 'succeeded' : 'partial', complete: outcome.complete, progressed: true };
  };
}
