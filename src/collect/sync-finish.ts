import type { Clock, Logger } from '../config/runtime.js';
import type { Store, SyncUpdate } from '../store/store.js';
import { DATASET_IDS, type DatasetId, type DatasetStatus, type LogCursor, type SyncErrorEntry, type SyncRecord, type TimeWindow } from '../store/types.js';
import type { BudgetStop } from './budget.js';
import type { CollectorRunResult } from './run-collectors.js';
import { writeBackfillCheckpoint } from './sync-checkpoint.js';
import { pruneAfterSuccess } from './sync-retention.js';
import { decideStatus, errorEntry, isFinished, isPromoted, type SyncOutcome, type SyncRequests } from './sync-outcome.js';
import { DAY_MS } from '../config/runtime.js';


export interface FinishInput {
  store: Store;
  org: string;
  clock: Clock;
  logger: Logger;
  settings: { timeoutMs: number; logWindowDays: number; retainSnapshots: number; logRetentionDays: number };
  /** The System Log event types this sync asked Okta for (empty: every type), recorded beside its log window. */
  logEventTypes: readonly string[];
  sync: SyncRecord;
  /** The snapshot the sync wrote into; undefined when it stopped before it had one. */
  target: { snapshotId: string; snapshotStartedAt: Date; resumed: boolean; since?: Date | undefined } | undefined;
  run: CollectorRunResult;
  stopped: BudgetStop | undefined;
  requests: SyncRequests;
}

/**
 * Decides the sync's status from what the collectors did, then either promotes its snapshot and prunes what retention
 * allows (success) or records why it did not (failure, timeout) and keeps the snapshot for the next sync. Never throws
 * for a database failure: the outcome carries it.
 */
export async function finishSync(input: FinishInput): Promise<SyncOutcome> {
  const { store, org, clock, logger, settings, sync, target, run, stopped, requests } = input;
  let fatal = run.fatal;
  let datasets = run.datasets;
  let counts = countsOf(datasets);
  const until = run.logCursor?.until;
  const logWindow = until === undefined ? null : { since: new Date(until.getTime() - settings.logWindowDays * DAY_MS), until };
  if (target !== undefined && fatal === undefined) {
    try {
      counts = await countSnapshot(store, org, target.snapshotId, datasets, logWindow);
      datasets = datasets.map((status) => ({ ...status, count: counts[status.dataset] }));
    } catch (error) {
      fatal = errorEntry(error);
    }
  }
  let { status, complete } = decideStatus({ fatal: fatal !== undefined, stopped, datasets });
  if (isPromoted(status) && target === undefined) throw new Error('a sync without a snapshot cannot succeed');
  const errors = [
    ...(fatal === undefined ? [] : [fatal]),
    ...(status === 'timed_out' ? [timedOutEntry(settings.timeoutMs, datasets)] : []),
    ...(stopped === 'cancelled' ? [{ code: 'SYNC_CANCELLED', message: 'The sync was cancelled; the next sync resumes from what it read.' }] : []),
    ...run.errors,
  ];
  const endedAt = new Date(clock());
  // The evidence of the window states which event types were read: the types go with the window, or neither.
  const logEventTypes = logWindow === null ? null : [...input.logEventTypes];
  const record = { endedAt, datasets, requestsByBucket: requests.byBucket, requestsTotal: requests.total, throttled: requests.throttled, logWindow, logEventTypes };
  if (isPromoted(status) && target !== undefined) {
    try {
      await promoteSnapshot(store, {
        org,
        syncId: sync.id,
        snapshotId: target.snapshotId,
        record: { ...record, status, complete, errors },
        logCursor: run.logCursor,
        syncStartedAt: sync.startedAt,
        // An incremental sync read only changes: the last full read is still the one before it.
        snapshotStartedAt: target.since === undefined ? target.snapshotStartedAt : undefined,
      });
      // Never throws: a pruning failure is a warning in the outcome, not a failed sync.
      errors.push(...(await pruneAfterSuccess({ store, org, settings, now: endedAt, logWindow, logger })));
    } catch (error) {
      // The transaction rolled back: nothing was promoted. Recorded below like any other failure.
      status = 'failed';
      complete = false;
      errors.unshift(errorEntry(error));
    }
  }
  if (!isPromoted(status)) {
    const resume = target === undefined ? undefined : { snapshotId: target.snapshotId, datasets, logCursor: run.logCursor };
    errors.push(...(await recordUnfinishedSync(store, { org, syncId: sync.id, record: { ...record, status, complete, errors }, resume })));
  }
  const durationMs = endedAt.getTime() - sync.startedAt.getTime();
  logger.info({ syncId: sync.id, org, status, complete, durationMs, requests: requests.total }, 'sync ended');
  return {
    syncId: sync.id,
    org,
    snapshotId: target?.snapshotId ?? null,
    resumed: target?.resumed ?? false,
    status,
    complete,
    datasets,
    counts,
    requests,
    durationMs,
    errors,
  };
}

function timedOutEntry(timeoutMs: number, datasets: readonly DatasetStatus[]): SyncErrorEntry {
  const unfinished = datasets.filter((d) => !isFinished(d.state)).map((d) => d.dataset);
  const seconds = Number((timeoutMs / 1000).toFixed(timeoutMs < 10_000 ? 1 : 0));
  return {
    code: 'SYNC_TIMED_OUT',
    message: `The sync used its ${seconds} s budget before finishing ${unfinished.join(', ')}; what it read is kept and the next sync resumes from there.`,
  };
}

interface PromotionInput {
  org: string;
  syncId: string;
  snapshotId: string;
  /** The sync's final record: status succeeded and everything it reports. */
  record: SyncUpdate;
  logCursor: LogCursor | null;
  /** When this sync started, and when the snapshot's first sync started (a backfill spans several syncs). */
  syncStartedAt: Date;
  snapshotStartedAt: Date | undefined;
}

/**
 * Makes the snapshot current and records the sync as succeeded in one transaction: either both happen or neither,
 * so the history never shows a success whose data is not current. The resume state and the System Log cursor move
 * with them. Times recorded are when reading began, so a change made while the sync ran is seen again next time.
 */
async function promoteSnapshot(store: Store, input: PromotionInput): Promise<void> {
  await store.transaction(async (tx) => {
    // The snapshot carries the sync that completed it: a resumed backfill's evidence covers this sync's System Log
    // window, not the window of the sync that began the snapshot (or of one killed before it recorded any).
    const datasets = input.record.datasets === undefined ? {} : { datasets: input.record.datasets };
    await tx.snapshots.promote(input.org, input.snapshotId, { ...datasets, syncId: input.syncId });
    await tx.syncs.update(input.syncId, input.record);
    await tx.checkpoints.setBuildingSnapshot(input.org, null);
    await tx.checkpoints.saveCheckpoint(input.org, null);
    if (input.logCursor !== null) await tx.checkpoints.saveLogCursor(input.org, input.logCursor);
    const times = input.snapshotStartedAt === undefined ? {} : { lastFullSyncAt: input.snapshotStartedAt };
    await tx.checkpoints.recordSyncTimes(input.org, { lastSyncAt: input.syncStartedAt, ...times });
  });
}

/**
 * Records a sync that did not succeed. The sync's own record comes first and alone: whatever else fails, the history
 * must not keep saying `running`. The snapshot's per-dataset states and the checkpoint then let the next sync resume.
 * Returns what could not be recorded (the database may be what failed); it never throws.
 */
async function recordUnfinishedSync(
  store: Store,
  input: { org: string; syncId: string; record: SyncUpdate; resume?: { snapshotId: string; datasets: DatasetStatus[]; logCursor: LogCursor | null } },
): Promise<SyncErrorEntry[]> {
  const problems: SyncErrorEntry[] = [];
  const attempt = async (what: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      const entry = errorEntry(error);
      problems.push({ code: entry.code, message: `Could not record ${what}: ${entry.message}` });
    }
  };
  await attempt('the sync outcome', () => store.syncs.update(input.syncId, input.record));
  const resume = input.resume;
  if (resume !== undefined) {
    await attempt('the progress to resume from', () =>
      store.transaction(async (tx) => {
        await tx.snapshots.setDatasets(resume.snapshotId, resume.datasets);
        await tx.checkpoints.saveCheckpoint(input.org, writeBackfillCheckpoint({ snapshotId: resume.snapshotId, logCursor: resume.logCursor }));
      }),
    );
  }
  return problems;
}

/** The counts the collectors reported; zero for a dataset none of them reads. */
function countsOf(datasets: readonly DatasetStatus[]): Record<DatasetId, number> {
  const counts = Object.fromEntries(DATASET_IDS.map((id) => [id, 0])) as Record<DatasetId, number>;
  for (const status of datasets) counts[status.dataset] = status.count;
  return counts;
}

/**
 * Rows per dataset in the snapshot, which for a resumed backfill includes what earlier syncs read. System Log events
 * belong to the org, not to a snapshot: theirs is the count in the window the sync's evidence covers (the last
 * `logWindowDays` up to where the log was read), whichever syncs stored them.
 */
async function countSnapshot(
  store: Store,
  org: string,
  snapshotId: string,
  datasets: readonly DatasetStatus[],
  logWindow: TimeWindow | null,
): Promise<Record<DatasetId, number>> {
  const counts = countsOf(datasets);
  for (const { dataset } of datasets) {
    if (dataset !== 'logEvents') counts[dataset] = await store.entities.count(dataset, snapshotId);
    else if (logWindow !== null) counts[dataset] = await store.logEvents.count(org, logWindow);
  }
  return counts;
}
