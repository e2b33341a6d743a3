import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/ApiContext';
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
  const api = useApi();
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
        runningId = undefined;
        asked = false;
        // The sync ended: what every page shows may have changed.
        void queryClient.invalidateQueries();
      }
    });
    /**
     * The stream re-reads the newest sync record only every heartbeat (15 s), so a sync's first progress may come
     * before its `sync` event: read the running record then, for its start time and budget.
     */
    let asked = false;
    const readRunningSync = () => {
      if (runningId !== undefined || asked) return;
      asked = true;
      void api.GET('/api/orgs/{org}/syncs', { params: { path: { org }, query: { limit: 1 } } }).then(({ data }) => {
        const newest = data?.items[0];
        if (newest?.status === 'running' && runningId === undefined) {
          runningId = newest.id;
          setLatest(newest);
        }
      });
    };
    source.addEventListener('dataset', (event) => {
      readRunningSync();
      const update = JSON.parse((event as MessageEvent<string>).data) as { dataset: string; count: number; total?: number };
      setProgress((previous) => ({ ...previous, [update.dataset]: { ...previous[update.dataset], count: update.count, total: update.total } }));
    });
    source.addEventListener('datasetFinished', (event) => {
      const { status } = JSON.parse((event as MessageEvent<string>).data) as { status: { dataset: string; state: string; count: number; reason?: string } };
      setProgress((previous) => ({ ...previous, [status.dataset]: { ...previous[status.dataset], count: status.count, state: status.state, reason: status.reason } }));
    });
    return () => source.close();
  }, [org, queryClient, api]);
  return { latest, progress, live };
}
