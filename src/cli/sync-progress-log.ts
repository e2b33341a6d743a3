import type { ChangeSummary } from '../collect/change-scope.js';
import type { SyncProgressListener } from '../collect/sync-run.js';
import type { Clock } from '../config/runtime.js';
import type { DatasetId } from '../store/types.js';
import type { Every } from './sync-progress.js';
import { datasetLabel, formatCount } from './sync-report.js';

/** Often enough that a log shows the sync is alive, rarely enough that a long backfill's log stays readable. */
export const PROGRESS_LOG_MS = 5_000;

const realEvery: Every = (tick, ms) => {
  const timer = setInterval(tick, ms);
  return () => clearInterval(timer);
};

interface Row {
  count: number;
  total?: number;
  /** The count last written, so an idle dataset is not repeated every report. */
  reported: number;
  /** How the dataset ended, once it has: written once, then the row is dropped. */
  final?: string;
}

/**
 * Progress off a terminal (a log file, CI, a service's journal): every few seconds, one plain line per dataset that
 * moved or ended since the last report, and the change-driven result of an incremental sync as
 * soon as it is known. No cursor movement, so every line reads on its own.
 */
export function startProgressLog(input: { write: (line: string) => void; clock: Clock; every?: Every }): { listener: SyncProgressListener; stop(): void } {
  const counts = new Map<DatasetId, Row>();
  const report = (): void => {
    for (const [dataset, row] of counts) {
      if (row.count === row.reported && row.final === undefined) continue;
      row.reported = row.count;
      const of = row.total === undefined ? '' : ` of ${formatCount(row.total)}`;
      input.write(`progress: ${datasetLabel(dataset)} ${formatCount(row.count)}${of}${row.final === undefined ? '' : ` ${row.final}`}`);
      if (row.final !== undefined) counts.delete(dataset);
    }
  };
  const cancel = (input.every ?? realEvery)(report, PROGRESS_LOG_MS);
  return {
    listener: {
      update: (dataset, update) => {
        const row = counts.get(dataset) ?? { count: 0, reported: 0 };
        if (row.final !== undefined) return;
        row.count = update.count;
        if (update.total !== undefined) row.total = update.total;
        counts.set(dataset, row);
      },
      datasetFinished: (status) => {
        // Said once, at the next report; a sync that ends before then prints only its summary.
        const row = counts.get(status.dataset) ?? { count: 0, reported: -1 };
        row.count = status.count;
        row.final = status.state === 'complete' ? 'done' : status.state.replace('_', ' ');
        counts.set(status.dataset, row);
      },
      changesFound: (summary) => input.write(changesLine(summary)),
    },
    stop: cancel,
  };
}

/** What an incremental sync's change-driven part found, by kind, and how far the System Log was read. */
export function changesLine(summary: ChangeSummary): string {
  const kinds: [number, string][] = [
    [summary.users, 'users'],
    [summary.factors, "users' factors"],
    [summary.groupMemberships, 'group memberships'],
    [summary.apps, 'apps'],
    [summary.appAssignments, 'app assignments'],
    [summary.policies, 'policies'],
  ];
  const found = kinds.filter(([n]) => n > 0).map(([n, label]) => `${formatCount(n)} ${label}`);
  const cutoff = summary.logCutoff === null ? 'the System Log was not read' : `System Log read to ${summary.logCutoff.toISOString()}${summary.logComplete ? '' : ' (cut short)'}`;
  return `changes: ${found.length === 0 ? 'none' : found.join(', ')}; ${cutoff}`;
}
