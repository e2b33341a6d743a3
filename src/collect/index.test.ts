import { describe, expect, it } from 'vitest';
import { DATASET_IDS } from '../store/types.js';
import { DATASET_DECLARATIONS } from './datasets.js';
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

  it('declares every dataset on the collector that fills it, and those declarations are the ones the evidence and the CLI use', () => {
    const declared = ALL_COLLECTORS.flatMap((c) => c.declares ?? []);
    expect(declared.map((d) => d.dataset)).toEqual(ALL_COLLECTORS.flatMap((c) => c.datasets));
    expect([...declared].sort((a, b) => a.dataset.localeCompare(b.dataset))).toEqual([...DATASET_DECLARATIONS].sort((a, b) => a.dataset.localeCompare(b.dataset)));
    for (const declaration of declared) {
      expect(declaration.requests.length, declaration.dataset).toBeGreaterThan(0);
      expect(declaration.requests.every((request) => request.startsWith('GET /api/v1/')), declaration.dataset).toBe(true);
      expect(declaration.scopes, declaration.dataset).not.toContain('unknown');
    }
  });
});
