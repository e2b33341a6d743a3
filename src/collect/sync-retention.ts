import type { Logger } from '../config/runtime.js';
import type { Store } from '../store/store.js';
import type { SyncErrorEntry, TimeWindow } from '../store/types.js';
import { errorEntry } from './sync-outcome.js';
import { DAY_MS } from '../config/runtime.js';


/** The code of a pruning failure in a succeeded sync's outcome: a warning, not a failure. */
export const PRUNE_FAILED_CODE = 'SYNC_PRUNE_FAILED';

export interface RetentionInput {
  store: Store;
  org: string;
  settings: { retainSnapshots: number; logRetentionDays: number };
  /** When the sync ended: retention counts back from here. */
  now: Date;
  /** The System Log window the promoted snapshot's evidence covers; null when the log was not read. */
  logWindow: TimeWindow | null;
  logger: Logger;
}

interface PruneStep {
  /** What is deleted, for the log and the warning: "could not prune <what>". */
  what: string;
  run: () => Promise<number>;
}

/**
 * What a successful sync deletes, in this order: snapshots beyond `retainSnapshots`; then the check runs that only
 * those snapshots made reachable (so after them); then System Log events older than `logRetentionDays`. Each step
 * stands alone: a failure is logged and returned as a warning for the outcome, never fails the sync (the next
 * successful sync prunes again), and does not stop the steps after it. Never throws.
 */
export async function pruneAfterSuccess(input: RetentionInput): Promise<SyncErrorEntry[]> {
  const { store, org, settings, logger } = input;
  const steps: PruneStep[] = [
    { what: 'old snapshots', run: async () => (await store.snapshots.prune(org, settings.retainSnapshots)).length },
    { what: 'check runs over pruned snapshots', run: async () => (await store.checkResults.prune(org)).length },
    { what: 'old System Log events', run: () => store.logEvents.pruneOlderThan(org, logPruneCutoff(input.now, settings.logRetentionDays, input.logWindow)) },
  ];
  const warnings: SyncErrorEntry[] = [];
  for (const step of steps) {
    try {
      const deleted = await step.run();
      if (deleted > 0) logger.info({ org, deleted }, `pruned ${step.what}`);
    } catch (error) {
      const entry = errorEntry(error);
      logger.warn({ org, error: entry }, `could not prune ${step.what}`);
      warnings.push({
        code: PRUNE_FAILED_CODE,
        message: `Could not prune ${step.what} (${entry.code}): ${entry.message} The sync succeeded; the next successful sync prunes again.`,
      });
    }
  }
  return warnings;
}

/**
 * Events published before this instant are deleted: `retentionDays` before `now`, but never later than the start of
 * the window the promoted snapshot's evidence covers (the window ends where the log was read, which may lag `now`).
 */
export function logPruneCutoff(now: Date, retentionDays: number, logWindow: TimeWindow | null): Date {
  const byRetention = now.getTime() - retentionDays * DAY_MS;
  return new Date(logWindow === null ? byRetention : Math.min(byRetention, logWindow.since.getTime()));
}
