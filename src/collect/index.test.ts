import { describe, expect, it } from 'vitest';
import { DATASET_IDS } from '../store/types.js';
import { ALL_COLLECTORS } from './index.js';

describe('ALL_COLLECTORS', () => {
  it('runs every collector after the ones it depends on', () => {
    const ids = ALL_COLLECTORS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    ALL_COLLECTORS.forEach((collector, position) => {
      for (const dependency of collector.dependsOn) expect(ids.indexOf(dependency), `${collector.id} needs ${dependency}`).toBeGreaterThanOrEqual(0);
      for (const dependency of collector.dependsOn) expect(ids.indexOf(dependency)).toBeLessThan(position);
    });
  });

  it('fills every dataset exactly once, with the factor backfill last', () => {
    expect(ALL_COLLECTORS.flatMap((c) => c.datasets).sort()).toEqual([...DATASET_IDS].sort());
    expect(ALL_COLLECTORS.at(-1)?.id).toBe('factors');
  });
});
