import type { Selectable, Updateable } from 'kysely';
import type { OrgStateTable } from '../schema.js';
import type { CheckpointRepository } from '../store.js';
import type { OrgState } from '../types.js';
import { inTransaction, type RepositoryContext } from './context.js';
import { ensureOrgState } from './org-state-row.js';
import { readNullableDate, readNullableJson, writeDate, writeJson } from './row-values.js';

export function createCheckpointRepository(ctx: RepositoryContext): CheckpointRepository {
  /** Upserts one org's row: the row may not exist before the org's first sync. */
  const setOrgState = (org: string, set: Updateable<OrgStateTable>) =>
    inTransaction(ctx.db, async (trx) => {
      await ensureOrgState(trx, org);
      await trx.updateTable('org_state').set(set).where('org', '=', org).execute();
    });

  return {
    async getOrgState(org) {
      const row = await ctx.db.selectFrom('org_state').selectAll().where('org', '=', org).executeTakeFirst();
      return row === undefined ? emptyOrgState(org) : toOrgState(row);
    },

    async setBuildingSnapshot(org, snapshotId) {
      await setOrgState(org, { building_snapshot_id: snapshotId });
    },

    async saveCheckpoint(org, checkpoint) {
      await setOrgState(org, { checkpoint: checkpoint === null || checkpoint === undefined ? null : writeJson(checkpoint) });
    },

    async saveLogCursor(org, cursor) {
      await setOrgState(org, {
        log_cursor_until: cursor === null ? null : writeDate(cursor.until),
        log_cursor_uuids: cursor === null ? null : writeJson(cursor.lastUuids),
      });
    },

    async recordSyncTimes(org, times) {
      await setOrgState(org, {
        last_sync_at: writeDate(times.lastSyncAt),
        ...(times.lastFullSyncAt === undefined ? {} : { last_full_sync_at: writeDate(times.lastFullSyncAt) }),
      });
    },
  };
}

function emptyOrgState(org: string): OrgState {
  return {
    org,
    currentSnapshotId: null,
    buildingSnapshotId: null,
    checkpoint: null,
    logCursor: null,
    lastFullSyncAt: null,
    lastSyncAt: null,
  };
}

function toOrgState(row: Selectable<OrgStateTable>): OrgState {
  const cursorUntil = readNullableDate(row.log_cursor_until, 'org_state.log_cursor_until');
  return {
    org: row.org,
    currentSnapshotId: row.current_snapshot_id,
    buildingSnapshotId: row.building_snapshot_id,
    checkpoint: readNullableJson(row.checkpoint, 'org_state.checkpoint'),
    logCursor:
      cursorUntil === null
        ? null
        : { until: cursorUntil, lastUuids: (readNullableJson(row.log_cursor_uuids, 'org_state.log_cursor_uuids') ?? []) as string[] },
    lastFullSyncAt: readNullableDate(row.last_full_sync_at, 'org_state.last_full_sync_at'),
    lastSyncAt: readNullableDate(row.last_sync_at, 'org_state.last_sync_at'),
  };
}
