import pg from 'pg';
import { INITIAL_SCHEDULE_STATE, type ConnectionScheduleSource, type ScheduledConnection, type ScheduleState } from '../../src/schedule/schedule-state.js';

/**
 * The soak bench's shared state in PostgreSQL, beside the store's tables in the bench's schema: the connections (a
 * table of the bench's own, standing in for the product's connections table: the scheduler reads them through the same
 * `ConnectionScheduleSource` interface), and one row per sync run, which the orchestrator checks for lost runs and
 * overlaps.
 */
export const SOAK_TABLES = [
  `create table if not exists bench_connections (id text primary key, org text not null, base_url text not null, token text not null,
     interval_ms bigint not null, state jsonb not null)`,
  `create table if not exists bench_runs (id bigserial primary key, connection_id text not null, worker text not null,
     started_real bigint not null, ended_real bigint, started_sched bigint not null, due_sched bigint, status text, complete boolean, resumed boolean,
     error text)`,
] as const;

export interface SoakConnection {
  id: string;
  org: string;
  baseUrl: string;
  token: string;
  intervalMs: number;
}

export function pgPool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 4 });
}

export async function createSoakTables(pool: pg.Pool, connections: readonly SoakConnection[]): Promise<void> {
  for (const statement of SOAK_TABLES) await pool.query(statement);
  for (const c of connections) {
    await pool.query('insert into bench_connections (id, org, base_url, token, interval_ms, state) values ($1, $2, $3, $4, $5, $6)', [
      c.id,
      c.org,
      c.baseUrl,
      c.token,
      c.intervalMs,
      JSON.stringify(INITIAL_SCHEDULE_STATE),
    ]);
  }
}

interface Row {
  id: string;
  org: string;
  base_url: string;
  token: string;
  interval_ms: string;
  state: StoredState;
}

type StoredState = Omit<ScheduleState, 'nextRunAt' | 'lastSyncAt'> & { nextRunAt: string | null; lastSyncAt: string | null };

function toConnection(row: Row): ScheduledConnection & { baseUrl: string; token: string } {
  return {
    id: row.id,
    name: row.id,
    org: row.org,
    autoSync: true,
    syncIntervalMs: Number(row.interval_ms),
    budgetMs: 300_000,
    baseUrl: row.base_url,
    token: row.token,
    schedule: {
      ...row.state,
      nextRunAt: row.state.nextRunAt === null ? null : new Date(row.state.nextRunAt),
      lastSyncAt: row.state.lastSyncAt === null ? null : new Date(row.state.lastSyncAt),
    },
  };
}

export type SoakScheduledConnection = ReturnType<typeof toConnection>;

/** The bench's connections, with the address and token the product would keep sealed on the connection. */
export interface SoakConnectionSource extends ConnectionScheduleSource {
  get(id: string): Promise<SoakScheduledConnection | undefined>;
}

export function soakConnectionSource(pool: pg.Pool): SoakConnectionSource {
  return {
    async listScheduled() {
      const { rows } = await pool.query<Row>('select * from bench_connections');
      return rows.map(toConnection);
    },
    async get(id) {
      const { rows } = await pool.query<Row>('select * from bench_connections where id = $1', [id]);
      return rows[0] === undefined ? undefined : toConnection(rows[0]);
    },
    async saveSchedule(id, state) {
      await pool.query('update bench_connections set state = $2 where id = $1', [id, JSON.stringify(state)]);
    },
  };
}

export interface RunRow {
  connectionId: string;
  worker: string;
  startedReal: number;
  endedReal: number | null;
  startedSched: number;
  /** The due time the run was started for, on the schedule's clock (null: the connection's first run). */
  dueSched: number | null;
  status: string | null;
  complete: boolean | null;
  resumed: boolean | null;
  error: string | null;
}

export async function readRuns(pool: pg.Pool): Promise<RunRow[]> {
  const { rows } = await pool.query<Record<string, string | boolean | null>>('select * from bench_runs order by started_real, id');
  return rows.map((row) => ({
    connectionId: String(row.connection_id),
    worker: String(row.worker),
    startedReal: Number(row.started_real),
    endedReal: row.ended_real === null ? null : Number(row.ended_real),
    startedSched: Number(row.started_sched),
    dueSched: row.due_sched === null ? null : Number(row.due_sched),
    status: row.status === null ? null : String(row.status),
    complete: row.complete === null ? null : Boolean(row.complete),
    resumed: row.resumed === null ? null : Boolean(row.resumed),
    error: row.error === null ? null : String(row.error),
  }));
}
