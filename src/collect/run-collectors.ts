import type { Store } from '../store/store.js';
import type { DatasetId, DatasetState, DatasetStatus, LogCursor, SyncErrorEntry } from '../store/types.js';
import type { Budget } from './budget.js';
import type { CollectContext, Collector, ProgressReporter } from './collector.js';
import { classifyError, errorEntry, isFinished, isUsable } from './sync-outcome.js';

/** Live progress for a display (the CLI's terminal lines); every method is optional to implement. */
export interface SyncProgressListener {
  /** A collector's running count for a dataset (items read so far, of `total` when known). */
  update?: ProgressReporter;
  /** A dataset's state for this sync, once its collector has ended or been skipped. */
  datasetFinished?(status: DatasetStatus): void;
}

export interface CollectorRunInput {
  store: Store;
  /** Everything a collector gets except `progress`, which is wired to `listener` here. */
  context: Omit<CollectContext, 'progress'>;
  budget: Budget;
  /** In dependency order. */
  collectors: readonly Collector[];
  /** Dataset states an earlier sync recorded in the snapshot being resumed (empty for a fresh snapshot). */
  carried: readonly DatasetStatus[];
  /** Where the System Log read of the resumed snapshot ended, if an earlier sync of it got that far. */
  carriedLogCursor: LogCursor | null;
  listener?: SyncProgressListener | undefined;
  /** Called after each collector, so a process killed later still leaves a resumable snapshot. */
  saveProgress(datasets: DatasetStatus[], logCursor: LogCursor | null): Promise<void>;
}

export interface CollectorRunResult {
  /** One status per dataset the collectors declare, in their order. */
  datasets: DatasetStatus[];
  /** The failure that stopped the run, if any; later collectors did not run. */
  fatal: SyncErrorEntry | undefined;
  /** Dataset-level failures the run went past, and a summary of records that failed to parse. */
  errors: SyncErrorEntry[];
  logCursor: LogCursor | null;
}

const STOP_REASONS = {
  timed_out: 'not finished: the sync ran out of time; the next sync resumes from here',
  cancelled: 'not finished: the sync was cancelled; the next sync resumes from here',
} as const;

/**
 * Runs the collectors one after another into the building snapshot. A collector runs only when what it depends on
 * was read; on resume, one whose datasets an earlier sync of the same snapshot finished is not run again. Failures
 * of one dataset are recorded and the run goes on; a fatal failure (bad credentials, the store) or the budget ends it.
 */
export async function runCollectors(input: CollectorRunInput): Promise<CollectorRunResult> {
  const { store, context, budget, collectors } = input;
  const listener = guarded(input.listener, context.logger);
  const states = new Map<DatasetId, DatasetStatus>();
  const carried = new Map(input.carried.map((status) => [status.dataset, status]));
  const errors: SyncErrorEntry[] = [];
  const parseErrors = new Map<DatasetId, number>();
  let logCursor = input.carriedLogCursor;
  let fatal: SyncErrorEntry | undefined;

  const settle = (collector: Collector, statuses: DatasetStatus[]): void => {
    for (const dataset of collector.datasets) {
      const status = statuses.find((s) => s.dataset === dataset) ?? failedStatus(dataset, `the ${collector.id} collector did not report it`);
      states.set(dataset, status);
      listener.datasetFinished(status);
    }
  };
  const markAll = (collector: Collector, state: DatasetState, reason: string): void =>
    settle(collector, collector.datasets.map((dataset) => ({ dataset, state, count: carried.get(dataset)?.count ?? 0, reason })));
  const collectorOf = (id: string) => collectors.find((c) => c.id === id);

  /** A dataset this sync did not get to keeps what an earlier sync of the snapshot read: partial, or not started. */
  const leaveUnread = (collector: Collector, reason: string): void =>
    settle(
      collector,
      collector.datasets.map((dataset) => {
        const before = carried.get(dataset);
        return { dataset, state: before?.state === 'partial' ? 'partial' : 'not_started', count: before?.count ?? 0, reason };
      }),
    );

  for (const collector of collectors) {
    const previous = collector.datasets.map((dataset) => carried.get(dataset));
    if (previous.length > 0 && previous.every((status) => status !== undefined && isFinished(status.state))) {
      settle(collector, previous.filter((status) => status !== undefined));
      continue;
    }
    const stop = budget.stopped();
    if (stop !== undefined || fatal !== undefined) {
      leaveUnread(collector, stop === undefined ? `not read: the sync stopped (${fatal?.code ?? 'failed'})` : STOP_REASONS[stop]);
      continue;
    }
    const unmet = collector.dependsOn.filter((id) => !(collectorOf(id)?.datasets ?? []).every((d) => isUsable(states.get(d)?.state ?? 'not_started')));
    if (unmet.length > 0) {
      leaveUnread(collector, `not read: it needs ${unmet.join(', ')}, which could not be read`);
      continue;
    }
    try {
      const result = await collector.collect({ ...context, progress: listener.update });
      settle(collector, result.datasets);
      if (result.errors.length > 0) {
        // Keyed by dataset and entity id: a collector that stored its own errors already loses nothing here.
        await store.entities.upsert('collectionErrors', context.snapshotId, result.errors);
        for (const error of result.errors) parseErrors.set(error.dataset, (parseErrors.get(error.dataset) ?? 0) + 1);
      }
      if (result.logCursor !== undefined) logCursor = result.logCursor;
    } catch (error) {
      const stopped = budget.stopped();
      if (stopped !== undefined) {
        markAll(collector, 'partial', STOP_REASONS[stopped]);
      } else {
        const effect = classifyError(error);
        const entry = { code: effect.entry.code, message: `${collector.datasets.join(', ')}: ${effect.entry.message}` };
        if (effect.kind === 'fatal') fatal = effect.entry;
        else errors.push(entry);
        markAll(collector, effect.kind === 'fatal' ? 'failed' : effect.state, effect.entry.message);
      }
    }
    if (fatal === undefined) {
      try {
        await input.saveProgress(orderedStates(collectors, states), logCursor);
      } catch (error) {
        fatal = errorEntry(error);
      }
    }
  }
  if (parseErrors.size > 0) errors.push(parseErrorSummary(parseErrors));
  return { datasets: orderedStates(collectors, states), fatal, errors, logCursor };
}

/** A display that throws must not end the sync: its errors are logged and dropped. */
function guarded(listener: SyncProgressListener | undefined, logger: CollectContext['logger']): Required<SyncProgressListener> {
  const safely =
    <A extends unknown[]>(call: ((...args: A) => void) | undefined) =>
    (...args: A): void => {
      try {
        call?.(...args);
      } catch (error) {
        logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'sync progress listener failed');
      }
    };
  return { update: safely(listener?.update), datasetFinished: safely(listener?.datasetFinished?.bind(listener)) };
}

function failedStatus(dataset: DatasetId, reason: string): DatasetStatus {
  return { dataset, state: 'failed', count: 0, reason };
}

/** Datasets in the collectors' order; ones not reached yet read as not started. */
function orderedStates(collectors: readonly Collector[], states: ReadonlyMap<DatasetId, DatasetStatus>): DatasetStatus[] {
  return collectors.flatMap((collector) =>
    collector.datasets.map((dataset) => states.get(dataset) ?? { dataset, state: 'not_started' as const, count: 0 }),
  );
}

function parseErrorSummary(counts: ReadonlyMap<DatasetId, number>): SyncErrorEntry {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const perDataset = [...counts].map(([dataset, n]) => `${dataset} ${n}`).join(', ');
  return {
    code: 'SYNC_RECORDS_UNPARSED',
    message: `${total} record(s) could not be parsed (${perDataset}); each is kept with its id in the snapshot's collection errors.`,
  };
}
