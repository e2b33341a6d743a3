import type { KeysetPage, SnapshotRecord } from '../../store/index.js';
import type { ServerStore } from './context.js';
import { NotFoundError } from './errors.js';

/** The org's current snapshot: what every inventory read is about. */
export async function currentSnapshotOf(store: ServerStore, org: string): Promise<SnapshotRecord> {
  const snapshot = await store.snapshots.current(org);
  if (snapshot === undefined) throw new NotFoundError(`No synced snapshot of ${org}: sync it first (GET /api/orgs lists the synced orgs).`);
  return snapshot;
}

/**
 * A page read from the org's current snapshot (`{ currentOf: org }`), which reads as empty when the org has none: an
 * empty page is checked against the snapshot, so a never-synced org still fails with 404. A page with items needs no
 * second query.
 */
export async function ofCurrentSnapshot<T>(store: ServerStore, org: string, page: KeysetPage<T>): Promise<KeysetPage<T>> {
  if (page.items.length === 0) await currentSnapshotOf(store, org);
  return page;
}

/** Fails with 404 when the entity is not in the snapshot. */
export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new NotFoundError(`${what} is not in the current snapshot.`);
  return value;
}
