import type { DatasetStatus, KeysetPage, PageRequest, SyncRecord } from '../../store/index.js';
import type { ServerStore } from './context.js';
import { NotFoundError } from './errors.js';

export interface OrgOverview {
  org: string;
  snapshotId: string;
  snapshotCreatedAt: Date;
  datasets: DatasetStatus[];
  lastSync: SyncRecord | null;
}

/** Every org with a current snapshot, with that snapshot's completeness and the newest sync. */
export async function listOrgs(store: ServerStore): Promise<OrgOverview[]> {
  const orgs = await store.snapshots.currentOrgs();
  return Promise.all(
    orgs.map(async (org) => {
      const snapshot = await store.snapshots.current(org);
      if (snapshot === undefined) throw new NotFoundError(`${org} lost its snapshot while being read.`);
      return { org, snapshotId: snapshot.id, snapshotCreatedAt: snapshot.createdAt, datasets: snapshot.datasets, lastSync: (await store.syncs.latest(org)) ?? null };
    }),
  );
}

/** Sync history, newest first. */
export function listSyncs(store: ServerStore, org: string, page: PageRequest): Promise<KeysetPage<SyncRecord>> {
  return store.pages.syncs(org, page);
}

export async function getSync(store: ServerStore, org: string, syncId: string): Promise<SyncRecord> {
  const sync = await store.syncs.get(syncId);
  if (sync?.org !== org) throw new NotFoundError(`No sync ${syncId} of ${org}.`);
  return sync;
}
