import { describe, expect, it } from 'vitest';
import { countDueRuns, countLostRuns, countOverlaps } from '../bench/scheduler/soak-analysis.js';
import type { RunRow } from '../bench/scheduler/soak-db.js';

const HOUR = 3_600_000;
const run = (connectionId: string, startedReal: number, endedReal: number | null, worker = 'w1', startedSched = startedReal): RunRow => ({
  connectionId,
  worker,
  startedReal,
  endedReal,
  startedSched,
  status: 'succeeded',
  complete: true,
  resumed: false,
  dueSched: null,
  error: null,
});

describe('the soak analysis', () => {
  it('counts runs of one connection that overlap, a killed worker’s run ending when it was killed', () => {
    expect(countOverlaps([run('a', 0, 10), run('a', 10, 20), run('b', 5, 15)], new Map())).toBe(0);
    expect(countOverlaps([run('a', 0, 10), run('a', 9, 20)], new Map())).toBe(1);
    expect(countOverlaps([run('a', 0, null, 'dead'), run('a', 50, 60, 'w2')], new Map([['dead', 40]]))).toBe(0);
    expect(countOverlaps([run('a', 0, null, 'dead'), run('a', 30, 60, 'w2')], new Map([['dead', 40]]))).toBe(1);
  });

  it('counts one lost run per interval missed beyond the allowed spacing, including before the first and after the last', () => {
    const window = { startSched: 0, endSched: 5 * HOUR, intervalMs: HOUR, maxSpacingMs: 1.2 * HOUR, firstRunSlackMs: 0.1 * HOUR };
    const hourly = [0, 1, 2, 3, 4].map((h) => run('a', h, h + 1, 'w', h * HOUR));
    expect(countLostRuns(hourly, ['a'], window)).toEqual({ lost: 0, maxGapMs: HOUR });
    const missing = [0, 1, 4].map((h) => run('a', h, h + 1, 'w', h * HOUR));
    expect(countLostRuns(missing, ['a'], window).lost).toBe(2);
    expect(countLostRuns([], ['a'], window).lost).toBe(5);
  });

  it('measures each run against the due time it was started for: late past the slack, lost per whole interval', () => {
    const window = { startSched: 0, endSched: 6 * HOUR, intervalMs: HOUR, pickupSlackMs: 0.1 * HOUR, killedSched: new Map<string, number>() };
    const at = (startH: number, dueH: number | null): RunRow => ({ ...run('a', startH, startH + 0.01, 'w', startH * HOUR), dueSched: dueH === null ? null : dueH * HOUR });
    const onTime = [at(0, null), at(1.05, 1), at(2.15, 2.1), at(3.2, 3.2)];
    expect(countDueRuns(onTime, ['a'], { ...window, finalDue: new Map([['a', 6.1 * HOUR]]) })).toEqual({ lost: 0, late: 0, maxDelayMs: 0.05 * HOUR });
    // Started 1.5 h after it was due: one due run never happened; and the final due time went unserved for 2 h.
    const slow = [at(0, null), at(2.5, 1)];
    expect(countDueRuns(slow, ['a'], { ...window, finalDue: new Map([['a', 4 * HOUR]]) })).toEqual({ lost: 3, late: 2, maxDelayMs: 2 * HOUR });
  });

  it('measures the resume of a killed sync from the kill, not from the killed run’s due time', () => {
    const killed = { ...run('a', 0, null, 'dead', 0), dueSched: null };
    const resumed = { ...run('a', 10, 20, 'w2', 2.05 * HOUR), dueSched: null };
    const input = { startSched: 0, endSched: 3 * HOUR, intervalMs: HOUR, pickupSlackMs: 0.1 * HOUR, finalDue: new Map([['a', 3.1 * HOUR]]) };
    expect(countDueRuns([killed, resumed], ['a'], { ...input, killedSched: new Map([['a', 2 * HOUR]]) }).lost).toBe(0);
    expect(countDueRuns([killed, resumed], ['a'], { ...input, killedSched: new Map() }).lost).toBe(2);
  });
});
