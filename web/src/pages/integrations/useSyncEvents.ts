import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Sync } from './connection-state';

/** A dataset's live progress: records read so far (of how many, when Okta says), and its end state. */
export interface DatasetProgress {
  count: number;
  total?: number | undefined;
  state?: string;
  reason?: string | undefined;
}

/**
 * The org's sync as it happens, over Server-Sent Events (GET /api/orgs/{org}/sync-events): `sync` carries the newest
 * sync record whenever it changes, `dataset` and `datasetFinished` each dataset's progress while it runs. A new sync
 * record refreshes the pages' cached data once it ends.
 */
export function useSyncEvents(org: string | undefined): { latest: Sync | null | undefined; progress: Record<string, DatasetProgress>; live: boolean } {
  const queryClient = useQueryClient();
  const [latest, setLatest] = useState<Sync | null | undefined>(undefined);
  const [progress, setProgress] = useState<Record<string, DatasetProgress>>({});
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (org === undefined || typeof EventSource === 'undefined') return undefined;
    const source = new EventSource(`/api/orgs/${encodeURIComponent(org)}/sync-events`);
    let runningId: string | undefined;
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('sync', (event) => {
      const sync = JSON.parse((event as MessageEvent<string>).data) as Sync | null;
      setLatest(sync);
      if (sync?.status === 'running' && sync.id !== runningId) {
        runningId = sync.id;
        setProgress({});
      }
      if (sync !== null && sync.status !== 'running') {
        // The sync ended: what every page shows may have changed.
        void queryClient.invalidateQueries();
      }
    });
    source.addEventListener('dataset', (event) => {
      const update = JSON.parse((event as MessageEvent<string>).data) as { dataset: string; count: number; total?: number };
      setProgress((previous) => ({ ...previous, [update.dataset]: { ...previous[update.dataset], count: update.count, total: update.total } }));
    });
    source.addEventListener('datasetFinished', (event) => {
      const { status } = JSON.parse((event as MessageEvent<string>).data) as { status: { dataset: string; state: string; count: number; reason?: string } };
      setProgress((previous) => ({ ...previous, [status.dataset]: { ...previous[status.dataset], count: status.count, state: status.state, reason: status.reason } }));
    });
    return () => source.close();
  }, [org, queryClient]);
  return { latest, progress, live };
}
