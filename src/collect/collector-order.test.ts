import { describe, expect, it } from 'vitest';
import { defineCollector, type Collector } from './collector.js';
import { orderCollectors } from './collector-order.js';

const collector = (id: string, dependsOn: string[] = [], waitsFor: string[] = []): Collector =>
  defineCollector({ id, datasets: [], dependsOn, waitsFor, collect: () => Promise.resolve({ datasets: [], errors: [] }) });

describe('orderCollectors', () => {
  it('keeps the given order where dependencies allow, and moves a collector after what it needs', () => {
    const ids = orderCollectors([collector('factors', ['users']), collector('groups'), collector('users'), collector('apps', ['groups'])]).map((c) => c.id);
    expect(ids).toEqual(['groups', 'users', 'factors', 'apps']);
  });

  it('places a collector after the ones it waits for part-way, too', () => {
    const ids = orderCollectors([collector('apps', [], ['groups']), collector('groups')]).map((c) => c.id);
    expect(ids).toEqual(['groups', 'apps']);
  });

  it.each([
    [[collector('a', ['missing'])], /depends on "missing", which is not in the list/],
    [[collector('a'), collector('a')], /share the id "a"/],
    [[collector('a', ['b']), collector('b', ['a'])], /a, b depend on each other in a cycle/],
    [[collector('a', [], ['b']), collector('b', ['a'])], /a, b depend on each other in a cycle/],
    [[collector('a', [], ['missing'])], /depends on "missing", which is not in the list/],
  ])('rejects a broken list (%#)', (collectors, message) => {
    expect(() => orderCollectors(collectors)).toThrow(message);
  });
});
