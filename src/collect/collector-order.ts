import type { Collector } from './collector.js';

/**
 * The collectors in an order where each runs after everything it `dependsOn`, keeping the given order otherwise.
 * An unknown dependency, a duplicate id or a cycle is a programming error in the collector list, so it throws.
 */
export function orderCollectors(collectors: readonly Collector[]): Collector[] {
  const byId = new Map<string, Collector>();
  for (const collector of collectors) {
    if (byId.has(collector.id)) throw new Error(`Two collectors share the id "${collector.id}".`);
    byId.set(collector.id, collector);
  }
  for (const collector of collectors) {
    for (const dependency of collector.dependsOn) {
      if (!byId.has(dependency)) throw new Error(`Collector "${collector.id}" depends on "${dependency}", which is not in the list.`);
    }
  }
  const ordered: Collector[] = [];
  const placed = new Set<string>();
  while (ordered.length < collectors.length) {
    const next = collectors.find((c) => !placed.has(c.id) && c.dependsOn.every((dependency) => placed.has(dependency)));
    if (next === undefined) {
      const stuck = collectors.filter((c) => !placed.has(c.id)).map((c) => c.id);
      throw new Error(`Collectors ${stuck.join(', ')} depend on each other in a cycle.`);
    }
    ordered.push(next);
    placed.add(next.id);
  }
  return ordered;
}
