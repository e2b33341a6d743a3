import { randomUUID } from 'node:crypto';
import type { SyncProgressListener } from '../collect/run-collectors.js';
import type { DatasetStatus } from '../store/types.js';

/** What a watcher of an org's running sync is told, as it happens. */
export type SyncProgressEvent =
  | { type: 'dataset'; dataset: string; count: number; total?: number | undefined }
  | { type: 'datasetFinished'; status: DatasetStatus }
  | { type: 'changesFound'; summary: unknown };

export type SyncProgressWatcher = (event: SyncProgressEvent) => void;

export interface SyncProgressHub {
  /** Tells this hub's events from other processes' apart (shared-sync-progress.ts). */
  readonly id: string;
  /** The listener a sync of `org` reports to (the scheduler's runner passes it to the sync). */
  listenerFor(org: string): SyncProgressListener;
  /**
   * Calls `watcher` with each event of `org`'s syncs, those run in this process and those `deliver`ed from others,
   * until the returned function is called.
   */
  subscribe(org: string, watcher: SyncProgressWatcher): () => void;
  watcherCount(org: string): number;
  /**
   * Also hands every event of the syncs this process runs to `send`, coalesced as for watchers, whether or not anyone
   * watches here (another process's watchers may): until the returned function is called.
   */
  relayTo(send: (org: string, event: SyncProgressEvent) => void): () => void;
  /** An event of a sync another process runs, for this process's watchers (never relayed again). */
  deliver(org: string, event: SyncProgressEvent): void;
}

/**
 * A dataset's running count goes to watchers at most this often (the latest count wins). Collectors report per item
 * (the factors collector once per user: 50,000 times in a large sync), and each event is written to every watcher:
 * unthrottled, 100 watchers of a 5,000-user sync meant 600,000 socket writes in the sync's process.
 */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * Fans a sync's progress out to any number of watchers (the API's Server-Sent Events). A slow or failing watcher
 * cannot slow the sync: each is called synchronously, and one that throws is dropped. A dataset's counts are
 * coalesced to one event per `intervalMs` (the first at once, the last before the dataset's `datasetFinished`).
 */
export function createSyncProgressHub(intervalMs = PROGRESS_INTERVAL_MS): SyncProgressHub {
  const watchers = new Map<string, Set<SyncProgressWatcher>>();
  /** By org and dataset: when its count was last published, and the newer count held back since, with its timer. */
  const lastSent = new Map<string, number>();
  const held = new Map<string, { event: SyncProgressEvent; timer: NodeJS.Timeout }>();
  let relay: ((org: string, event: SyncProgressEvent) => void) | undefined;
  function publish(org: string, event: SyncProgressEvent): void {
    try {
      relay?.(org, event);
    } catch {
      // The relay only queues the event; whatever happens there must not reach the sync.
    }
    deliver(org, event);
  }
  function deliver(org: string, event: SyncProgressEvent): void {
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
  function flush(org: string, key: string): void {
    const pending = held.get(key);
    if (pending === undefined) return;
    clearTimeout(pending.timer);
    held.delete(key);
    lastSent.set(key, Date.now());
    publish(org, pending.event);
  }
  function update(org: string, event: Extract<SyncProgressEvent, { type: 'dataset' }>): void {
    if (!watchers.has(org) && relay === undefined) return;
    const key = `${org}\u0000${event.dataset}`;
    const pending = held.get(key);
    if (pending !== undefined) {
      pending.event = event;
      return;
    }
    const since = Date.now() - (lastSent.get(key) ?? -Infinity);
    if (since >= intervalMs) {
      lastSent.set(key, Date.now());
      publish(org, event);
      return;
    }
    const timer = setTimeout(() => flush(org, key), intervalMs - since);
    timer.unref();
    held.set(key, { event, timer });
  }
  return {
    id: randomUUID(),
    listenerFor: (org) => ({
      update: (dataset, progress) => update(org, { type: 'dataset', dataset, count: progress.count, total: progress.total }),
      datasetFinished: (status) => {
        flush(org, `${org}\u0000${status.dataset}`);
        publish(org, { type: 'datasetFinished', status });
      },
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
    relayTo(send) {
      relay = send;
      return () => {
        if (relay === send) relay = undefined;
      };
    },
    deliver,
  };
}
