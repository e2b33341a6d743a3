import type { ConnectionRecord } from '../store/connection-types.js';
import type { Store } from '../store/store.js';
import type { ConnectionScheduleSource, ScheduledConnection } from './schedule-state.js';

/** A stored connection as the scheduler sees it. */
export function scheduledConnectionOf(record: ConnectionRecord): ScheduledConnection {
  return {
    id: record.id,
    name: record.name,
    org: record.domain,
    autoSync: record.settings.autoSync,
    syncIntervalMs: record.settings.syncIntervalS * 1000,
    budgetMs: record.settings.budgetS * 1000,
    schedule: scheduleStateOf(record),
  };
}

/** The schedule and health columns of a stored connection (Okta or GitHub) as the scheduler's state. */
export function scheduleStateOf(record: Pick<ConnectionRecord, 'schedule' | 'health'>): ScheduledConnection['schedule'] {
  return {
    nextRunAt: record.schedule.nextRunAt,
    lastSyncAt: record.schedule.lastSyncAt,
    lastSyncId: record.schedule.lastSyncId,
    healthState: record.health.state,
    healthReason: record.health.reason,
    consecutiveFailures: record.health.consecutiveFailures,
    pausedReason: record.health.pausedReason,
  };
}

/** The scheduler's view of the store's connections table: every read goes to the database, nothing is cached. */
export function storeConnectionSchedules(store: Store): ConnectionScheduleSource {
  return {
    async listScheduled() {
      return (await store.connections.list()).map(scheduledConnectionOf);
    },
    async get(id) {
      const record = await store.connections.get(id);
      return record === undefined ? undefined : scheduledConnectionOf(record);
    },
    async saveSchedule(id, state) {
      await store.transaction(async (tx) => {
        await tx.connections.updateSchedule(id, { nextRunAt: state.nextRunAt, lastSyncAt: state.lastSyncAt, lastSyncId: state.lastSyncId });
        await tx.connections.updateHealth(id, {
          state: state.healthState,
          reason: state.healthReason,
          consecutiveFailures: state.consecutiveFailures,
          pausedReason: state.pausedReason,
        });
      });
    },
  };
}
