import type { OktaClient } from '../okta/client.js';
import type { Clock, Logger } from '../config/runtime.js';
import type { StatsSnapshot } from '../okta/transport-stats.js';
import { isConfigError } from '../config/errors.js';
import { checkLogRetention, checkLogWindowDays, checkReverifyShare, LOG_RETENTION_DAYS, LOG_WINDOW_DAYS, REVERIFY_SHARE, SYNC_BUDGET } from '../config/settings.js';
import type { Store } from '../store/store.js';
import type { DatasetStatus, LogCursor, SyncErrorEntry, SyncOrgIdentity, SyncRecord, SyncTrigger } from '../store/types.js';
import { startBudget, type Schedule } from './budget.js';
import { DEFAULT_LOG_EVENT_TYPES, type Collector } from './collector.js';
import { assertRunnable } from './collector-order.js';
import { assertLogEventTypes } from './system-log-filter.js';
import { guarded, runCollectors, type CollectorRunResult, type SyncProgressListener } from './run-collectors.js';
import { createChangeScope, DEFAULT_REVERIFY_LIMIT, incrementalBase, incrementalLogTypes } from './incremental.js';
import { readBackfillCheckpoint, writeBackfillCheckpoint } from './sync-checkpoint.js';
import { finishSync } from './sync-finish.js';
import { errorEntry, type SyncOutcome, type SyncRequests } from './sync-outcome.js';

export type { SyncOutcome } from './sync-outcome.js';
export type { SyncProgressListener } from './run-collectors.js';

export interface SyncDeps {
  store: Store;
  client: OktaClient;
  /** The org's validated Okta domain (`parseOktaDomain`): the key of its history and snapshots. */
  org: string;
  collectors: readonly Collector[];
  clock: Clock;
  logger: Logger;
  progress?: SyncProgressListener | undefined;
  /**
   * Reads which org and whose credential the sync uses (`readSyncOrgIdentity`), recorded on the sync for the evidence.
   * Must not reject; if it does anyway, the sync goes on with the identity unrecorded.
   */
  identify?: ((signal: AbortSignal) => Promise<SyncOrgIdentity>) | undefined;
  /** Sets the budget's deadline timer; tests inject one they fire themselves. */
  schedule?: Schedule | undefined;
}

export interface SyncOptions {
  trigger: SyncTrigger;
  /** The sync's budget (default 300 s). */
  timeoutMs?: number | undefined;
  /** System Log window in whole days, 1–90 (default 7). */
  logWindowDays?: number | undefined;
  logEventTypes?: readonly string[] | undefined;
  /** Parallel per-entity calls, e.g. factors per user (default 8). */
  perEntityConcurrency?: number | undefined;
  /** Promoted snapshots kept, the current one included (default 5). */
  retainSnapshots?: number | undefined;
  /**
   * Stored System Log events are deleted after a successful sync once older than this, in whole days, 1–3650 and at
   * least `logWindowDays` (default 400: an auditor's 12-month period plus margin).
   */
  logRetentionDays?: number | undefined;
  /** Cancels the sync (Ctrl-C, shutdown): it ends `failed` and its snapshot is kept for the next sync to resume. */
  signal?: AbortSignal | undefined;
  /**
   * The caller holds the org's sync lease (`src/collect/sync-lease.ts`): no other sync of the org can be alive, so
   * one still recorded as running died and is marked abandoned at once instead of after twice its budget.
   */
  leaseHeld?: boolean | undefined;
  /** Read only what changed when the org has a complete current snapshot (default true); false forces a full read. */
  incremental?: boolean | undefined;
  /** Users whose factors an incremental sync re-verifies at most, oldest verification first (default 1,000). */
  reverifyLimit?: number | undefined;
  /**
   * The share of the budget (0–0.8, default `REVERIFY_SHARE.default`) an incremental sync may spend re-verifying the
   * oldest data once its change-driven reads are done: an unchanged org's sync then ends in seconds, not minutes.
   */
  reverifyShare?: number | undefined;
}

export const SYNC_DEFAULTS = {
  timeoutMs: SYNC_BUDGET.defaultMs,
  logWindowDays: LOG_WINDOW_DAYS.default,
  perEntityConcurrency: 8,
  retainSnapshots: 5,
  logRetentionDays: LOG_RETENTION_DAYS.default,
  reverifyShare: REVERIFY_SHARE.default,
} as const;

function resolveOptions(options: SyncOptions) {
  const resolved = {
    timeoutMs: options.timeoutMs ?? SYNC_DEFAULTS.timeoutMs,
    logWindowDays: options.logWindowDays ?? SYNC_DEFAULTS.logWindowDays,
    perEntityConcurrency: options.perEntityConcurrency ?? SYNC_DEFAULTS.perEntityConcurrency,
    retainSnapshots: options.retainSnapshots ?? SYNC_DEFAULTS.retainSnapshots,
    logRetentionDays: options.logRetentionDays ?? SYNC_DEFAULTS.logRetentionDays,
    logEventTypes: options.logEventTypes ?? DEFAULT_LOG_EVENT_TYPES,
    incremental: options.incremental ?? true,
    reverifyLimit: options.reverifyLimit ?? DEFAULT_REVERIFY_LIMIT,
    reverifyShare: options.reverifyShare ?? SYNC_DEFAULTS.reverifyShare,
  };
  // Callers (the CLI, the server) validate user input with messages of their own; these guard against bugs.
  if (!(resolved.timeoutMs > 0 && resolved.timeoutMs <= 2 ** 31 - 1)) throw new RangeError(`timeoutMs must be in (0, 2^31) ms, got ${resolved.timeoutMs}`);
  guard(() => checkLogWindowDays(resolved.logWindowDays));
  if (!Number.isInteger(resolved.perEntityConcurrency) || resolved.perEntityConcurrency < 1) throw new RangeError('perEntityConcurrency must be at least 1');
  if (!Number.isInteger(resolved.retainSnapshots) || resolved.retainSnapshots < 1) throw new RangeError('retainSnapshots must be at least 1');
  // Shorter than the window, pruning would delete events the evidence of the snapshot just promoted covers.
  guard(() => checkLogRetention(resolved.logRetentionDays, resolved.logWindowDays));
  guard(() => checkReverifyShare(resolved.reverifyShare));
  if (!Number.isInteger(resolved.reverifyLimit) || resolved.reverifyLimit < 0) throw new RangeError('reverifyLimit must be a whole number');
  assertLogEventTypes(resolved.logEventTypes);
  return resolved;
}

/** The ranges live in src/config/settings.ts; here a value outside them is a caller's bug, thrown as a RangeError. */
function guard(check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (isConfigError(error)) throw new RangeError(error.message, { cause: error });
    throw error;
  }
}

/**
 * One sync of an org into a snapshot, within a time budget. It continues the snapshot an earlier sync left unfinished
 * (a backfill that ran out of time); or, when the org has a complete current snapshot, reads only what changed since
 * into a copy of it (incremental, see `incrementalBase` and docs/sync.md); or begins a fresh full read. The snapshot
 * becomes current only when the sync succeeds; otherwise the current snapshot is untouched and an unfinished backfill
 * is kept for the next sync (an unfinished incremental copy is dropped: the next sync looks for the same changes
 * again). The sync always ends recorded as succeeded, failed or timed out; the only exception is a database that
 * cannot be written at all, when the outcome says what could not be recorded (a later sync then marks the leftover
 * `running` record as abandoned). Rejects only when not even the sync's start could be recorded.
 */
export async function runSync(deps: SyncDeps, options: SyncOptions): Promise<SyncOutcome> {
  const settings = resolveOptions(options);
  assertRunnable(deps.collectors);
  const collectors = deps.collectors;
  const { store, org, clock, logger } = deps;
  const startedMs = clock();
  const budget = startBudget({ timeoutMs: settings.timeoutMs, clock, schedule: deps.schedule, cancel: options.signal });
  const statsBefore = deps.client.stats();
  try {
    // A sync still `running` after twice its own budget belongs to a process that died: it will never record an end.
    // Under the org's lease, any sync still `running` did.
    await store.syncs.failAbandoned(org, new Date(startedMs), { whateverTheirAge: options.leaseHeld === true });
    let sync = await store.syncs.start({ org, trigger: options.trigger, startedAt: new Date(startedMs), timeoutMs: settings.timeoutMs });
    if (deps.identify !== undefined) {
      try {
        sync = await store.syncs.update(sync.id, { orgIdentity: await deps.identify(budget.signal) });
      } catch (error) {
        logger.warn({ syncId: sync.id, err: error }, 'could not record the org identity; the evidence will name it unknown');
      }
    }
    let logEventTypes = settings.logEventTypes;
    const finish = (target: BuildTarget | undefined, run: CollectorRunResult) =>
      finishSync({
        store,
        org,
        clock,
        logger,
        settings,
        logEventTypes,
        sync,
        target,
        run,
        stopped: budget.stopped(),
        requests: requestsSince(statsBefore, deps.client.stats()),
      });
    let target: BuildTarget;
    try {
      const concurrent = await otherRunningSync(store, sync);
      if (concurrent !== undefined) return await finish(undefined, notRun(concurrent));
      target = await openBuildTarget(store, org, sync, settings.incremental ? collectors : undefined);
    } catch (error) {
      return await finish(undefined, notRun(errorEntry(error)));
    }
    const changes =
      target.since === undefined
        ? undefined
        : createChangeScope({
            store,
            org,
            snapshotId: target.snapshotId,
            since: target.since,
            budget,
            clock,
            timeoutMs: settings.timeoutMs,
            reverifyLimit: settings.reverifyLimit,
            reverifyShare: settings.reverifyShare,
            schedule: deps.schedule,
            onChanges: guarded(deps.progress, logger).changesFound,
          });
    logger.info({ syncId: sync.id, org, snapshotId: target.snapshotId, resumed: target.resumed, incremental: changes !== undefined, fullReason: target.fullReason }, 'sync started');
    if (changes !== undefined) logEventTypes = incrementalLogTypes(settings.logEventTypes);
    const run = await runCollectors({
      store,
      context: {
        client: deps.client,
        store,
        org,
        snapshotId: target.snapshotId,
        signal: budget.signal,
        clock,
        logger,
        options: {
          logWindowDays: settings.logWindowDays,
          logEventTypes,
          perEntityConcurrency: settings.perEntityConcurrency,
          resume: target.resumed,
          changes,
        },
        // The System Log's events belong to the org and are stored as they are read, so a backfill's log read
        // continues from where an earlier sync of it stopped; otherwise from where the last promoted sync ended.
        logCursor: target.carriedLogCursor ?? target.orgLogCursor,
      },
      budget,
      collectors,
      carried: target.carried,
      carriedLogCursor: target.carriedLogCursor,
      listener: deps.progress,
      saveProgress: (datasets, logCursor) => saveResumeState(store, org, target.snapshotId, datasets, logCursor),
    });
    const outcome = await finish(target, run);
    if (target.fullReason !== undefined) return { ...outcome, fullReason: target.fullReason };
    if (changes === undefined || target.since === undefined) return outcome;
    return { ...outcome, incremental: { since: target.since, ...changes.result } };
  } finally {
    budget.dispose();
  }
}

interface BuildTarget {
  snapshotId: string;
  snapshotStartedAt: Date;
  resumed: boolean;
  carried: DatasetStatus[];
  carriedLogCursor: LogCursor | null;
  orgLogCursor: LogCursor | null;
  /** Set for an incremental sync: changes are read from this instant into a copy of the current snapshot. */
  since?: Date;
  /** Why an incremental sync was not possible, when one was asked for. */
  fullReason?: string;
}

/**
 * The org's unfinished snapshot when there is one (resume); else, when `incrementalFor` is given and the org allows
 * it, a copy of the current snapshot for the changes (not registered as a backfill: if it does not finish, the next
 * sync starts a new copy); else a fresh one registered as the org's backfill.
 */
async function openBuildTarget(store: Store, org: string, sync: SyncRecord, incrementalFor: readonly Collector[] | undefined): Promise<BuildTarget> {
  const state = await store.checkpoints.getOrgState(org);
  const unfinished = state.buildingSnapshotId === null ? undefined : await store.snapshots.get(state.buildingSnapshotId);
  if (unfinished?.state === 'building') {
    await store.syncs.update(sync.id, { snapshotId: unfinished.id });
    const checkpoint = readBackfillCheckpoint(state.checkpoint, unfinished.id);
    // The backfill began when its first sync did (the same clock as every sync time recorded).
    const firstSync = unfinished.syncId === null ? undefined : await store.syncs.get(unfinished.syncId);
    return {
      snapshotId: unfinished.id,
      snapshotStartedAt: firstSync?.startedAt ?? unfinished.createdAt,
      resumed: true,
      carried: unfinished.datasets,
      carriedLogCursor: checkpoint?.logCursor ?? null,
      orgLogCursor: state.logCursor,
    };
  }
  const base = incrementalFor === undefined ? undefined : await incrementalBase(store, state, incrementalFor, sync.startedAt.getTime());
  if (base?.kind === 'incremental') {
    const copy = await store.snapshots.begin(org, { syncId: sync.id, copyFrom: base.copyFrom });
    await store.syncs.update(sync.id, { snapshotId: copy.id });
    return { snapshotId: copy.id, snapshotStartedAt: sync.startedAt, resumed: false, carried: [], carriedLogCursor: null, orgLogCursor: state.logCursor, since: base.since };
  }
  // Worth saying only when the org could have been read incrementally: its very first read is full by nature.
  const fullReason = state.currentSnapshotId === null ? undefined : base?.reason;
  const snapshot = await store.snapshots.begin(org, { syncId: sync.id });
  await store.transaction(async (tx) => {
    await tx.checkpoints.setBuildingSnapshot(org, snapshot.id);
    await tx.checkpoints.saveCheckpoint(org, writeBackfillCheckpoint({ snapshotId: snapshot.id, logCursor: null }));
    await tx.syncs.update(sync.id, { snapshotId: snapshot.id });
  });
  return {
    snapshotId: snapshot.id,
    snapshotStartedAt: sync.startedAt,
    resumed: false,
    carried: [],
    carriedLogCursor: null,
    orgLogCursor: state.logCursor,
    ...(fullReason === undefined ? {} : { fullReason }),
  };
}

async function otherRunningSync(store: Store, sync: SyncRecord): Promise<SyncErrorEntry | undefined> {
  const other = (await store.syncs.list(sync.org, { limit: 20 })).find((s) => s.status === 'running' && s.id !== sync.id);
  if (other === undefined) return undefined;
  return {
    code: 'SYNC_ALREADY_RUNNING',
    message: `Another sync of ${sync.org} (${other.id}, started ${other.startedAt.toISOString()}) is still running: wait for it to end and run this one again.`,
  };
}

async function saveResumeState(store: Store, org: string, snapshotId: string, datasets: DatasetStatus[], logCursor: LogCursor | null): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.snapshots.setDatasets(snapshotId, datasets);
    await tx.checkpoints.saveCheckpoint(org, writeBackfillCheckpoint({ snapshotId, logCursor }));
  });
}

function notRun(fatal: SyncErrorEntry): CollectorRunResult {
  return { datasets: [], fatal, errors: [], logCursor: null };
}

function requestsSince(before: StatsSnapshot, after: StatsSnapshot): SyncRequests {
  const byBucket: Record<string, number> = {};
  for (const [bucket, n] of Object.entries(after.requestsByBucket)) {
    const delta = n - (before.requestsByBucket[bucket] ?? 0);
    if (delta > 0) byBucket[bucket] = delta;
  }
  return { total: after.requests - before.requests, throttled: after.throttled - before.throttled, byBucket };
}
