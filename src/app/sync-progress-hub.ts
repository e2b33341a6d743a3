import type { SyncProgressListener } from '../collect/run-collectors.js';
import type { DatasetStatus } from '../store/types.js';

/** What a watcher of an org's running sync is told, as it happens. */
export type SyncProgressEvent =
  | { type: 'dataset'; dataset: string; count: number; total?: number | undefined }
  | { type: 'datasetFinished'; status: DatasetStatus }
  | { type: 'changesFound'; summary: unknown };

export type SyncProgressWatcher = (event: SyncProgressEvent) => void;

export interface SyncProgressHub {
  /** The listener a sync of `org` reports to (the scheduler's runner passes it to the sync). */
  listenerFor(org: string): SyncProgressListener;
  /** Calls `watcher` with each event of `org`'s syncs in this process until the returned function is called. */
  subscribe(org: string, watcher: SyncProgressWatcher): () => void;
  watcherCount(org: string): number;
}

/**
 * Fans a sync's progress out to any number of watchers (the API's Server-Sent Events). A slow or failing watcher
 * cannot slow the sync: each is called synchronously, and one that throws is dropped.
 */
export function createSyncProgressHub(): SyncProgressHub {
  const watchers = new Map<string, Set<SyncProgressWatcher>>();
  function publish(org: string, event: SyncProgressEvent): void {
    const set = watchers.get(org);
    if (set === undefined) return;
    for (const watcher of set) {
      try {
        watcher(event);
      } catch {
        set.delete(watcher);
      }
    }
  }
  return {
    listenerFor: (org) => ({
      update: (dataset, update) => publish(org, { type: 'dataset', dataset, count: update.count, total: update.total }),
      datasetFinished: (status) => publish(org, { type: 'datasetFinished', status }),
      changesFound: (summary) => publish(org, { type: 'changesFound', summary }),
    }),
    subscribe(org, watcher) {
      let set = watchers.get(org);
      if (set === undefined) watchers.set(org, (set = new Set()));
      set.add(watcher);
      return () => {
        set.delete(watcher);
        if (set.size === 0) watchers.delete(org);
      };
    },
    watcherCount: (org) => watchers.get(org)?.size ?? 0,
  };
}
