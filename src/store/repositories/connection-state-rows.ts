import type { ConnectionHealth, ConnectionSchedule } from '../connection-types.js';
import type { StoreDb } from '../schema.js';
import { writeNullableDate } from './row-values.js';

/*
 * What the scheduler writes after every run, and how a connection goes: the same columns in the Okta and the GitHub
 * connection tables (migrations 0005 and 0011), written by one implementation parameterised by table.
 */

export type ConnectionTable = 'connections' | 'github_connections';

/** The state columns of a connection just created: healthy, never synced, no run scheduled yet. */
export const NEW_CONNECTION_STATE = {
  health_state: 'healthy',
  health_reason: null,
  consecutive_failures: 0,
  paused_reason: null,
  next_run_at: null,
  last_sync_id: null,
  last_sync_at: null,
} as const;

export interface ConnectionStateRows {
  /** Scheduler: when the next run is due and what the last sync was; fields left undefined stay. */
  updateSchedule(id: string, schedule: Partial<ConnectionSchedule>): Promise<void>;
  /** Scheduler: health after a sync; fields left undefined stay. */
  updateHealth(id: string, health: Partial<ConnectionHealth>): Promise<void>;
  /** False when there was no such row. */
  remove(id: string): Promise<boolean>;
}

export function connectionStateRows(db: StoreDb, table: ConnectionTable): ConnectionStateRows {
  return {
    async updateSchedule(id, schedule) {
      const values = {
        ...(schedule.nextRunAt === undefined ? {} : { next_run_at: writeNullableDate(schedule.nextRunAt) }),
        ...(schedule.lastSyncId === undefined ? {} : { last_sync_id: schedule.lastSyncId }),
        ...(schedule.lastSyncAt === undefined ? {} : { last_sync_at: writeNullableDate(schedule.lastSyncAt) }),
      };
      if (Object.keys(values).length > 0) await db.updateTable(table).set(values).where('id', '=', id).execute();
    },
    async updateHealth(id, health) {
      const values = {
        ...(health.state === undefined ? {} : { health_state: health.state }),
        ...(health.reason === undefined ? {} : { health_reason: health.reason }),
        ...(health.consecutiveFailures === undefined ? {} : { consecutive_failures: health.consecutiveFailures }),
        ...(health.pausedReason === undefined ? {} : { paused_reason: health.pausedReason }),
      };
      if (Object.keys(values).length > 0) await db.updateTable(table).set(values).where('id', '=', id).execute();
    },
    async remove(id) {
      const result = await db.deleteFrom(table).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
