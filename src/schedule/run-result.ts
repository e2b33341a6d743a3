import type { SyncOutcome } from '../collect/sync-run.js';
import type { RunResult } from './schedule-state.js';

/**
 * What a sync's outcome means for the schedule. A timed-out sync `progressed` when it got answers beyond rate-limit
 * refusals: a backfill then continues at once, while one that spent its whole budget throttled backs off instead of
 * hammering the org. The error is the sync's own fatal one, else the first dataset that failed.
 */
export function runResultOf(outcome: SyncOutcome): Extract<RunResult, { kind: 'synced' }> {
  const failedDataset = outcome.datasets.find((dataset) => dataset.state === 'failed');
  const error =
    outcome.errors[0] ??
    (failedDataset === undefined ? undefined : { code: 'SYNC_DATASET_FAILED', message: `${failedDataset.dataset}: ${failedDataset.reason ?? 'could not be read'}` });
  return {
    kind: 'synced',
    syncId: outcome.syncId,
    status: outcome.status,
    complete: outcome.complete,
    progressed: outcome.requests.total > outcome.requests.throttled,
    error,
  };
}
