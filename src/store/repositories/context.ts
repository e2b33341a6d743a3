import type { DialectProfile } from '../dialect-profile.js';
import { StoreError } from '../errors.js';
import type { IdGenerator } from '../ids.js';
import type { StoreDb } from '../schema.js';

/** What every repository is built from: a database handle (root or transaction), the dialect, a clock, ids. */
export interface RepositoryContext {
  readonly db: StoreDb;
  readonly profile: DialectProfile;
  readonly now: () => Date;
  readonly newId: IdGenerator;
  /**
   * Runs `action` with the root handle once the current writes are committed: at once outside a transaction, after
   * the commit inside `Store.transaction` (and not at all if it rolls back). For work that must not hold, or be able
   * to undo, the transaction it follows.
   */
  readonly afterCommit: (action: (root: StoreDb) => Promise<void>) => Promise<void>;
}

/** Joins the caller's transaction when there is one (Kysely does not nest transactions), else opens one. */
export function inTransaction<T>(db: StoreDb, work: (trx: StoreDb) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Writes only go into a `building` snapshot: this is what keeps a failed or killed sync from ever changing the
 * current one. Returns the snapshot's org.
 */
export async function requireBuildingSnapshot(db: StoreDb, snapshotId: string): Promise<string> {
  const snapshot = await db.selectFrom('snapshots').select(['org', 'state']).where('id', '=', snapshotId).executeTakeFirst();
  if (snapshot === undefined) throw new StoreError('STORE_INVALID_STATE', `Snapshot ${snapshotId} does not exist.`);
  if (snapshot.state !== 'building') {
    throw new StoreError(
      'STORE_INVALID_STATE',
      `Snapshot ${snapshotId} is ${snapshot.state}; only a building snapshot accepts writes. Begin a new snapshot (copying the current one) instead.`,
    );
  }
  return snapshot.org;
}
