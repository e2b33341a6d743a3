import { describe, expect, it } from 'vitest';
import { defineCollector, type Collector } from './collector.js';
import { assertRunnable } from './collector-order.js';

const collector = (id: string, dependsOn: string[] = [], waitsFor: string[] = []): Collector =>
  defineCollector({ id, datasets: [], dependsOn, waitsFor, collect: () => Promise.resolve({ datasets: [], errors: [] }) });

describe('assertRunnable', () => {
  it('accepts prerequisites in any order: the sync runs collectors concurrently and reports them in list order', () => {
    expect(() => assertRunnable([collector('factors', ['users']), collector('users', [], ['groups']), collector('groups'), collector('apps', ['groups'])])).not.toThrow();
  });

  it.each([
    [[collector('a', ['missing'])], /depends on "missing", which is not in the list/],
    [[collector('a'), collector('a')], /share the id "a"/],
    [[collector('a', ['b']), collector('b', ['a'])], /a, b depend on each other in a cycle/],
    [[collector('a', [], ['b']), collector('b', ['a'])], /a, b depend on each other in a cycle/],
    [[collector('a', [], ['missing'])], /depends on "missing", which is not in the list/],
  ])('rejects a broken list (%#)', (collectors, message) => {
    expect(() => assertRunnable(collectors)).toThrow(message);
  });
});
