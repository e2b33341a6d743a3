import type { Collector } from './collector.js';

/** Everything a collector needs another collector for: what it starts after and what it waits for part-way. */
export function prerequisitesOf(collector: Collector): readonly string[] {
  return [...collector.dependsOn, ...(collector.waitsFor ?? [])];
}

/**
 * The collectors in an order where each comes after everything it `dependsOn` or `waitsFor`, keeping the given order
 * otherwise. The sync runs them concurrently, but this order is the one results are reported in, and a cycle here
 * would be a deadlock there. An unknown prerequisite, a duplicate id or a cycle is a programming error, so it throws.
 */
export function orderCollectors(collectors: readonly Collector[]): Collector[] {
  const byId = new Map<string, Collector>();
  for (const collector of collectors) {
    if (byId.has(collector.id)) throw new Error(`Two collectors share the id "${collector.id}".`);
    byId.set(collector.id, collector);
  }
  for (const collector of collectors) {
    for (const dependency of prerequisitesOf(collector)) {
      if (!byId.has(dependency)) throw new Error(`Collector "${collector.id}" depends on "${dependency}", which is not in the list.`);
    }
  }
  const ordered: Collector[] = [];
  const placed = new Set<string>();
  while (ordered.length < collectors.length) {
    const next = collectors.find((c) => !placed.has(c.id) && prerequisitesOf(c).every((dependency) => placed.has(dependency)));
    if (next === undefined) {
      const stuck = collectors.filter((c) => !placed.has(c.id)).map((c) => c.id);
      throw new Error(`Collectors ${stuck.join(', ')} depend on each other in a cycle.`);
    }
    ordered.push(next);
    placed.add(next.id);
  }
  return ordered;
}
