import { describe, expect, it } from 'vitest';
import { countLostRuns, countOverlaps } from '../bench/scheduler/soak-analysis.js';
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
});
