import { INITIAL_SCHEDULE_STATE, type ConnectionScheduleSource, type ScheduledConnection, type ScheduleState } from '../schedule-state.js';

/** Connections kept in a map, for scheduler tests and benches that do not need the store's connections table. */
export interface MemoryConnections extends ConnectionScheduleSource {
  add(connection: Partial<Omit<ScheduledConnection, 'schedule'>> & { id: string; schedule?: Partial<ScheduleState> }): ScheduledConnection;
  state(id: string): ScheduleState;
}

export function memoryConnections(): MemoryConnections {
  const byId = new Map<string, ScheduledConnection>();
  const copy = (connection: ScheduledConnection): ScheduledConnection => ({ ...connection, schedule: { ...connection.schedule } });
  return {
    add(input) {
      const connection: ScheduledConnection = {
        name: input.id,
        org: `${input.id}.example.com`,
        autoSync: true,
        syncIntervalMs: 6 * 3_600_000,
        budgetMs: 300_000,
        ...input,
        schedule: { ...INITIAL_SCHEDULE_STATE, ...input.schedule },
      };
      byId.set(connection.id, connection);
      return copy(connection);
    },
    state(id) {
      const connection = byId.get(id);
      if (connection === undefined) throw new Error(`no connection ${id}`);
      return { ...connection.schedule };
    },
    listScheduled: () => Promise.resolve([...byId.values()].map(copy)),
    get: (id) => {
      const connection = byId.get(id);
      return Promise.resolve(connection === undefined ? undefined : copy(connection));
    },
    saveSchedule(id, state) {
      const connection = byId.get(id);
      if (connection !== undefined) byId.set(id, { ...connection, schedule: { ...state } });
      return Promise.resolve();
    },
  };
}
