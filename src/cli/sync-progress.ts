import type { SyncProgressListener } from '../collect/sync-run.js';
import type { Clock } from '../config/runtime.js';
import type { DatasetId, DatasetStatus } from '../store/types.js';
import { datasetLabel, formatCount, formatDuration } from './sync-report.js';

/** Calls `tick` every `ms` until the returned function is called. Injected so tests tick by hand. */
export type Every = (tick: () => void, ms: number) => () => void;

const realEvery: Every = (tick, ms) => {
  const timer = setInterval(tick, ms);
  return () => clearInterval(timer);
};

/** Four redraws a second: smooth enough to read, cheap on a slow terminal or an SSH session. */
const REDRAW_MS = 250;
/** Longer lines would wrap, and the cursor-up redraw would then eat lines above the block. */
const MAX_LINE = 100;

interface Row {
  count: number;
  total?: number;
  /** When the first update came, and its count: the rate is measured from there. */
  since?: { at: number; count: number };
  final?: DatasetStatus;
}

export interface ProgressDisplay {
  listener: SyncProgressListener;
  /** A line drawn under the datasets from the next redraw on (an incremental sync's changes, once known). */
  setNote(line: string): void;
  /** Draws the final state once and stops redrawing. */
  stop(): void;
}

/**
 * Live progress on a terminal's stderr: one line per dataset (count, total when known, rate) under a header with the
 * budget left, redrawn in place. Only for a TTY; elsewhere the sync is quiet until its summary.
 */
export function startProgressDisplay(input: {
  write: (block: string) => void;
  org: string;
  datasets: readonly DatasetId[];
  timeoutMs: number;
  clock: Clock;
  every?: Every;
}): ProgressDisplay {
  const { clock } = input;
  const startedAt = clock();
  const rows = new Map<DatasetId, Row>(input.datasets.map((dataset) => [dataset, { count: 0 }]));
  let drawnLines = 0;
  let note: string | undefined;

  const draw = (): void => {
    const left = Math.max(0, input.timeoutMs - (clock() - startedAt));
    const lines = [`Syncing ${input.org} — ${formatDuration(left)} of budget left`];
    for (const [dataset, row] of rows) lines.push(`  ${datasetLabel(dataset).padEnd(18)} ${describeRow(row, clock())}`);
    if (note !== undefined) lines.push(`  ${note}`);
    const block = lines.map((line) => line.slice(0, MAX_LINE)).join('\n');
    // Move up over the previous drawing and clear it, then draw the new one in its place.
    input.write(drawnLines === 0 ? block : `\x1b[${drawnLines}A\x1b[J${block}`);
    drawnLines = lines.length;
  };
  const cancel = (input.every ?? realEvery)(draw, REDRAW_MS);
  draw();

  const rowOf = (dataset: DatasetId): Row => {
    const row = rows.get(dataset) ?? { count: 0 };
    rows.set(dataset, row);
    return row;
  };
  return {
    listener: {
      update: (dataset, update) => {
        const row = rowOf(dataset);
        row.since ??= { at: clock(), count: update.count };
        row.count = update.count;
        if (update.total !== undefined) row.total = update.total;
      },
      datasetFinished: (status) => {
        const row = rowOf(status.dataset);
        row.final = status;
        row.count = status.count;
      },
    },
    setNote: (line) => (note = line),
    stop: () => {
      cancel();
      draw();
    },
  };
}

function describeRow(row: Row, now: number): string {
  if (row.final !== undefined) {
    const state = row.final.state === 'complete' ? 'done' : row.final.state.replace('_', ' ');
    return `${formatCount(row.count).padStart(9)}  ${state}`;
  }
  if (row.since === undefined) return `${'—'.padStart(9)}  waiting`;
  const of = row.total === undefined ? '' : ` of ${formatCount(row.total)}`;
  const seconds = (now - row.since.at) / 1000;
  const rate = seconds >= 1 ? `  ${formatCount(Math.round((row.count - row.since.count) / seconds))}/s` : '';
  return `${formatCount(row.count).padStart(9)}${of}${rate}`;
}
