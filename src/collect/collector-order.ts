import type { Collector } from './collector.js';

/**
 * Everything a collector needs another collector for: what it starts after, what it waits for part-way and whose
 * pages it starts on.
 */
export function prerequisitesOf(collector: Collector): readonly string[] {
  return [...collector.dependsOn, ...(collector.waitsFor ?? []), ...(collector.startsOnPagesOf ?? [])];
}

/**
 * Checks that the sync can run these collectors: ids are unique, every prerequisite (`dependsOn`, `waitsFor`, `startsOnPagesOf`) is in
 * the list, and none depend on each other in a cycle, which would be a deadlock when they run concurrently. A broken
 * list is a programming error, so it throws. The list's own order is the one results are reported in.
 */
export function assertRunnable(collectors: readonly Collector[]): void {
  const ids = new Set<string>();
  for (const collector of collectors) {
    if (ids.has(collector.id)) throw new Error(`Two collectors share the id "${collector.id}".`);
    ids.add(collector.id);
  }
  for (const collector of collectors) {
    for (const dependency of prerequisitesOf(collector)) {
      if (!ids.has(dependency)) throw new Error(`Collector "${collector.id}" depends on "${dependency}", which is not in the list.`);
    }
  }
  // Place collectors whose prerequisites are placed until none is left; what cannot be placed is in a cycle.
  const placed = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const collector of collectors) {
      if (!placed.has(collector.id) && prerequisitesOf(collector).every((dependency) => placed.has(dependency))) {
        placed.add(collector.id);
        progress = true;
      }
    }
  }
  const stuck = collectors.filter((c) => !placed.has(c.id)).map((c) => c.id);
  if (stuck.length > 0) throw new Error(`Collectors ${stuck.join(', ')} depend on each other in a cycle.`);
}
