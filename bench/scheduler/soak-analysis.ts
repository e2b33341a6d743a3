import type { RunRow } from './soak-db.js';

/** When a run ended: its recorded end, else when its worker was killed, else never (still running at the end). */
function endOf(run: RunRow, killedAt: ReadonlyMap<string, number>): number {
  return run.endedReal ?? killedAt.get(run.worker) ?? Number.POSITIVE_INFINITY;
}

/** Pairs of runs of one connection that were running at the same moment (real clock). */
export function countOverlaps(runs: readonly RunRow[], killedAt: ReadonlyMap<string, number>): number {
  let overlaps = 0;
  for (const runsOfOne of byConnection(runs).values()) {
    for (let i = 1; i < runsOfOne.length; i += 1) {
      const current = runsOfOne[i];
      if (current === undefined) continue;
      for (let j = 0; j < i; j += 1) {
        const earlier = runsOfOne[j];
        if (earlier !== undefined && current.startedReal < endOf(earlier, killedAt)) overlaps += 1;
      }
    }
  }
  return overlaps;
}

export interface LostRunsInput {
  /** The soak's window on the schedule's clock. */
  startSched: number;
  endSched: number;
  intervalMs: number;
  /** The longest a due run may start after the previous one started: interval + jitter + run time + pick-up slack. */
  maxSpacingMs: number;
  /** The longest the first run may start after the window opened (a new connection's first sync is due at once). */
  firstRunSlackMs: number;
}

/**
 * Due runs that never happened: every stretch of the schedule's clock longer than `maxSpacingMs` without a run start
 * (from the window's start, between runs, and up to its end) lost one run per interval beyond the allowed spacing.
 */
export function countLostRuns(runs: readonly RunRow[], connectionIds: readonly string[], input: LostRunsInput): { lost: number; maxGapMs: number } {
  const grouped = byConnection(runs);
  let lost = 0;
  let maxGapMs = 0;
  for (const id of connectionIds) {
    const starts = (grouped.get(id) ?? []).map((run) => run.startedSched);
    // The first sync of a new connection is due at once: the window's start is its first due time.
    const points = [input.startSched, ...starts, input.endSched];
    for (let i = 1; i < points.length; i += 1) {
      const gap = (points[i] ?? 0) - (points[i - 1] ?? 0);
      const allowed = i === 1 ? input.firstRunSlackMs : input.maxSpacingMs;
      if (i > 1) maxGapMs = Math.max(maxGapMs, gap);
      if (gap > allowed) lost += Math.floor((gap - allowed) / input.intervalMs) + 1;
    }
  }
  return { lost, maxGapMs };
}

function byConnection(runs: readonly RunRow[]): Map<string, RunRow[]> {
  const grouped = new Map<string, RunRow[]>();
  for (const run of runs) grouped.set(run.connectionId, [...(grouped.get(run.connectionId) ?? []), run]);
  for (const list of grouped.values()) list.sort((a, b) => a.startedReal - b.startedReal);
  return grouped;
}

export interface DueRunsInput {
  /** The soak's window on the schedule's clock. */
  startSched: number;
  endSched: number;
  intervalMs: number;
  /** How long after its due time a run may start (queue polling, a free slot), on the schedule's clock. */
  pickupSlackMs: number;
  /** When the killed worker died, on the schedule's clock: the resume of its sync is due from then (by connection). */
  killedSched: ReadonlyMap<string, number>;
  /** Each connection's due time when the soak ended (its stored `nextRunAt`; null = not planned). */
  finalDue: ReadonlyMap<string, number | null>;
}

/**
 * Lost and late runs, measured against the due times the scheduler itself set: each run records the `nextRunAt` it
 * was started for (null for a connection's first run, due when the window opened). A run that started n whole
 * intervals after its due time stands for n due runs that never happened (lost); one that started more than the
 * pick-up slack after it was late. A due time still unserved at the end counts the same way.
 */
export function countDueRuns(runs: readonly RunRow[], connectionIds: readonly string[], input: DueRunsInput): { lost: number; late: number; maxDelayMs: number } {
  const grouped = byConnection(runs);
  let lost = 0;
  let late = 0;
  let maxDelayMs = 0;
  const count = (delay: number) => {
    maxDelayMs = Math.max(maxDelayMs, delay);
    if (delay > input.pickupSlackMs) late += 1;
    lost += Math.floor(delay / input.intervalMs);
  };
  for (const id of connectionIds) {
    const list = grouped.get(id) ?? [];
    list.forEach((run, i) => {
      if (run.startedSched > input.endSched) return;
      const previous = list[i - 1];
      // The resume of a killed sync is due when its worker died (the lease lapsing is part of the pick-up).
      const killedAt = previous !== undefined && previous.endedReal === null ? input.killedSched.get(id) : undefined;
      const due = killedAt ?? run.dueSched ?? input.startSched;
      count(Math.max(0, run.startedSched - due));
    });
    const finalDue = input.finalDue.get(id);
    if (finalDue !== undefined && finalDue !== null && finalDue < input.endSched) count(input.endSched - finalDue);
  }
  return { lost, late, maxDelayMs };
}
