import type { StoreDb } from '../schema.js';

/** Creates the org's state row if it is missing, so the updates that follow always find one. */
export async function ensureOrgState(db: StoreDb, org: string): Promise<void> {
  await db
    .insertInto('org_state')
    .values({
      org,
      current_snapshot_id: null,
      building_snapshot_id: null,
      checkpoint: null,
      log_cursor_until: null,
      log_cursor_uuids: null,
      last_full_sync_at: null,
      last_sync_at: null,
    })
    .onConflict((conflict) => conflict.column('org').doNothing())
    .execute();
}
