import type { Store } from '../store/store.js';
import type { DatasetId, DatasetState, DatasetStatus, LogCursor, SyncErrorEntry } from '../store/types.js';
import type { Budget } from './budget.js';
import type { ChangeSummary } from './change-scope.js';
import type { CollectContext, Collector, ProgressReporter, StoredPages } from './collector.js';
import { prerequisitesOf } from './collector-order.js';
import { PageChannel } from './page-channel.js';
import { classifyError, errorEntry, isFinished, isUsable } from './sync-outcome.js';

/** Live progress for a display (the CLI's terminal lines); every method is optional to implement. */
export interface SyncProgressListener {
  /** A collector's running count for a dataset (items read so far, of `total` when known). */
  update?: ProgressReporter;
  /** A dataset's state for this sync, once its collector has ended or been skipped. */
  datasetFinished?(status: DatasetStatus): void;
  /** An incremental sync's change-driven plan, as soon as it is read: before any re-verification of old data. */
  changesFound?(summary: ChangeSummary): void;
}

export interface CollectorRunInput {
  store: Store;
  /** Everything a collector gets except what connects it to the others (`progress`, `after`, pages), wired here. */
  context: Omit<CollectContext, 'progress' | 'after' | 'pageStored' | 'storedPages'>;
  budget: Budget;
  /** Checked by `assertRunnable`; results are reported in this order. */
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
  /** The failure that stopped the run, if any; collectors still running were stopped, later ones did not start. */
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
 * Runs the collectors concurrently into the building snapshot, each as soon as what it `dependsOn` has been read:
 * Okta paces each rate-limit bucket on its own (the apps bucket, the factor calls and the System Log each have
 * theirs), so a sync takes as long as its busiest bucket rather than the sum of all of them. A collector whose
 * prerequisites could not be read does not run; on resume, one whose datasets an earlier sync of the same snapshot
 * finished is not run again. Failures of one dataset are recorded and the run goes on; a fatal failure (bad
 * credentials, the store) stops every collector still running, as does the budget.
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
  // A fatal failure in one collector stops the others at once: their requests would fail the same way.
  const stopAll = new AbortController();
  const signal = AbortSignal.any([context.signal, stopAll.signal]);
  const failFatally = (entry: SyncErrorEntry): void => {
    fatal ??= entry;
    stopAll.abort(new Error(`the sync stopped: ${entry.code}`));
  };
  const ended = new Map(collectors.map((collector) => [collector.id, deferred<readonly DatasetStatus[]>()]));
  const endedPromise = (id: string): Promise<readonly DatasetStatus[]> => {
    const end = ended.get(id);
    if (end === undefined) throw new Error(`No collector "${id}" in this sync.`);
    return end.promise;
  };
  // A channel for each collector whose pages another starts on; closed when that collector ends, however it ends.
  type Page = StoredPages[keyof StoredPages];
  const channels = new Map<string, PageChannel<Page>>();
  for (const collector of collectors) for (const id of collector.startsOnPagesOf ?? []) channels.set(id, new PageChannel<Page>(id));

  // Progress saves run one at a time, in the order collectors end, each with every state known by then.
  let saving = Promise.resolve();
  const saveProgress = (): Promise<void> =>
    (saving = saving.then(async () => {
      if (fatal !== undefined) return;
      try {
        await input.saveProgress(orderedStates(collectors, states), logCursor);
      } catch (error) {
        failFatally(errorEntry(error));
      }
    }));

  const settle = (collector: Collector, statuses: readonly DatasetStatus[]): void => {
    for (const dataset of collector.datasets) {
      const status = statuses.find((s) => s.dataset === dataset) ?? failedStatus(dataset, `the ${collector.id} collector did not report it`);
      states.set(dataset, status);
      listener.datasetFinished(status);
    }
  };
  const markAll = (collector: Collector, state: DatasetState, reason: string): void =>
    settle(collector, collector.datasets.map((dataset) => ({ dataset, state, count: carried.get(dataset)?.count ?? 0, reason })));
  /** A dataset this sync did not get to keeps what an earlier sync of the snapshot read: partial, or not started. */
  const leaveUnread = (collector: Collector, reason: string): void =>
    settle(
      collector,
      collector.datasets.map((dataset) => {
        const before = carried.get(dataset);
        return { dataset, state: before?.state === 'partial' ? 'partial' : 'not_started', count: before?.count ?? 0, reason };
      }),
    );
  const stopReason = (verb: 'not read' | 'not finished'): string | undefined => {
    const stop = budget.stopped();
    if (stop !== undefined) return STOP_REASONS[stop];
    return fatal === undefined ? undefined : `${verb}: the sync stopped (${fatal.code})`;
  };

  const collect = async (collector: Collector): Promise<void> => {
    const previous = collector.datasets.map((dataset) => carried.get(dataset));
    if (previous.length > 0 && previous.every((status) => status !== undefined && isFinished(status.state))) {
      settle(collector, previous.filter((status) => status !== undefined));
      return;
    }
    const prerequisites = await Promise.all(collector.dependsOn.map(async (id) => ({ id, statuses: await endedPromise(id) })));
    const stopped = stopReason('not read');
    if (stopped !== undefined) {
      leaveUnread(collector, stopped);
      return;
    }
    const unmet = prerequisites.filter(({ statuses }) => !statuses.every((s) => isUsable(s.state))).map(({ id }) => id);
    if (unmet.length > 0) {
      leaveUnread(collector, `not read: it needs ${unmet.join(', ')}, which could not be read`);
      return;
    }
    const allowed = new Set(prerequisitesOf(collector));
    const after = (id: string): Promise<readonly DatasetStatus[]> => {
      // Waiting on an undeclared collector could deadlock; `assertRunnable` proves the declared ones cannot.
      if (!allowed.has(id)) return Promise.reject(new Error(`Collector "${collector.id}" waits for "${id}" without declaring it in waitsFor.`));
      return endedPromise(id);
    };
    const startsOn: readonly string[] = collector.startsOnPagesOf ?? [];
    const pages = {
      pageStored: (page: Page): void => channels.get(collector.id)?.push(page),
      storedPages: <K extends keyof StoredPages>(id: K): AsyncIterable<StoredPages[K]> => {
        const channel = channels.get(id);
        if (!startsOn.includes(id) || channel === undefined) throw new Error(`Collector "${collector.id}" reads the pages of "${id}" without declaring it in startsOnPagesOf.`);
        return channel.read() as AsyncIterable<StoredPages[K]>;
      },
    };
    try {
      const result = await collector.collect({ ...context, ...pages, signal, after, progress: listener.update });
      settle(collector, result.datasets);
      if (result.errors.length > 0) {
        // Keyed by dataset and entity id: a collector that stored its own errors already loses nothing here.
        await store.entities.upsert('collectionErrors', context.snapshotId, result.errors);
        for (const error of result.errors) parseErrors.set(error.dataset, (parseErrors.get(error.dataset) ?? 0) + 1);
      }
      if (result.logCursor !== undefined) logCursor = result.logCursor;
    } catch (error) {
      const stopped = stopReason('not finished');
      if (stopped !== undefined && signal.aborted) {
        markAll(collector, 'partial', stopped);
      } else {
        const effect = classifyError(error);
        const entry = { code: effect.entry.code, message: `${collector.datasets.join(', ')}: ${effect.entry.message}` };
        if (effect.kind === 'fatal') failFatally(effect.entry);
        else errors.push(entry);
        markAll(collector, effect.kind === 'fatal' ? 'failed' : effect.state, effect.entry.message);
      }
    }
  };

  await Promise.all(
    collectors.map(async (collector) => {
      try {
        await collect(collector);
        await saveProgress();
      } finally {
        // Whatever happened, collectors waiting on this one must not wait forever.
        channels.get(collector.id)?.close();
        ended.get(collector.id)?.resolve(collector.datasets.map((dataset) => states.get(dataset) ?? failedStatus(dataset, 'not reported')));
      }
    }),
  );
  if (parseErrors.size > 0) errors.push(parseErrorSummary(parseErrors));
  return { datasets: orderedStates(collectors, states), fatal, errors, logCursor };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A display that throws must not end the sync: its errors are logged and dropped. */
/** The listener with every method present and none able to break the sync: a throwing display is logged and ignored. */
export function guarded(listener: SyncProgressListener | undefined, logger: CollectContext['logger']): Required<SyncProgressListener> {
  const safely =
    <A extends unknown[]>(call: ((...args: A) => void) | undefined) =>
    (...args: A): void => {
      try {
        call?.(...args);
      } catch (error) {
        logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'sync progress listener failed');
      }
    };
  return {
    update: safely(listener?.update),
    datasetFinished: safely(listener?.datasetFinished?.bind(listener)),
    changesFound: safely(listener?.changesFound?.bind(listener)),
  };
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
