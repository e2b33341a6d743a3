import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createConnection } from '../../src/app/connections.js';
import { SECRET_KEY_ENV, secretKeyLocation } from '../../src/app/secrets/secret-key.js';
import { BENCH_SCHEDULE_ORIGIN_ENV, BENCH_SCHEDULE_SCALE_ENV } from '../../src/config/bench-schedule.js';
import { INSTALLATION_DIR_ENV } from '../../src/config/installation.js';
import { openDatabase } from '../../src/store/database.js';
import { createFreshPostgresDatabase } from '../../src/store/testing/fresh-postgres.js';
import type { RunRow } from './soak-db.js';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/**
 * The scheduler soak over the product itself: a database of its own holding the product's schema and 30 stored
 * connections (created by `createConnection`, as `okta-evidence connect` does: Test connection, then the credential
 * sealed with the installation's secret key), worked by real `okta-evidence worker` processes.
 *
 * The bench observes without touching the product's code paths: a trigger on the product's `syncs` table records, as
 * each sync starts, the due time stored on its connection (what the scheduler started it for) and the pid of the
 * process holding the org's sync lease. Everything else (starts, ends, status, snapshots) is the product's own record.
 */
export interface ProductSoakDatabase {
  url: string;
  /** Every variable a worker needs beside the database: the installation folder and its secret key. */
  env: Record<string, string>;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export interface SoakOrg {
  name: string;
  domain: string;
  baseUrl: string;
  token: string;
}

const OBSERVER = [
  `create table bench_sync_starts (sync_id text primary key, org text not null, holder_pid integer, due_at bigint)`,
  `create function bench_record_sync_start() returns trigger language plpgsql as $$
   begin
     insert into bench_sync_starts (sync_id, org, holder_pid, due_at)
     values (new.id, new.org, (select pid from sync_leases where org = new.org), (select next_run_at from connections where domain = new.org));
     return new;
   end $$`,
  `create trigger bench_record_sync_start after insert on syncs for each row execute function bench_record_sync_start()`,
] as const;

/** A fresh database beside `baseUrl`'s (dropped by `drop`), the product's schema, the connections and the observer. */
export async function createProductSoakDatabase(baseUrl: string, home: string, orgs: readonly SoakOrg[], intervalText: string): Promise<ProductSoakDatabase> {
  const database = await createFreshPostgresDatabase(baseUrl, 'soak');
  const url = new URL(database.url);
  const env = { [INSTALLATION_DIR_ENV]: home, [SECRET_KEY_ENV]: randomBytes(32).toString('base64') };
  const store = await openDatabase(url.toString());
  try {
    for (const org of orgs) {
      await createConnection(
        { store, secretKey: secretKeyLocation(url.toString(), env), actor: 'bench:scheduler-soak', env },
        { name: org.name, domain: org.domain, baseUrl: org.baseUrl, credential: { kind: 'ssws', token: org.token }, settings: { syncInterval: intervalText } },
      );
    }
  } finally {
    await store.close();
  }
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  for (const statement of OBSERVER) await pool.query(statement);
  return {
    url: url.toString(),
    env,
    pool,
    async drop() {
      await pool.end();
      await database.drop();
    },
  };
}

export interface ProductWorker {
  child: ChildProcess;
  pid: number;
  /** Sends SIGTERM and waits for the exit: how long it took and the exit code (the product promises 0 within 10 s). */
  stop(): Promise<{ exitCode: number | null; stopMs: number }>;
}

/**
 * `okta-evidence worker --db <url>` in a process of its own, its schedule on the bench's scaled clock. Its stderr
 * (the scheduler's report lines) goes to `logPath`. Resolves once it says the scheduler is running.
 */
export async function startProductWorker(db: ProductSoakDatabase, schedule: { scale: number; originMs: number }, logPath: string, concurrency: number): Promise<ProductWorker> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', '--db', db.url, '--concurrency', String(concurrency)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...db.env, [BENCH_SCHEDULE_SCALE_ENV]: String(schedule.scale), [BENCH_SCHEDULE_ORIGIN_ENV]: String(schedule.originMs) },
  });
  const log = createWriteStream(logPath);
  const lines = createInterface({ input: child.stderr });
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  lines.on('line', (line) => {
    log.write(`${line}\n`);
    if (line.startsWith('Scheduler running')) ready();
  });
  const exited = once(child, 'exit');
  // A worker that neither starts nor exits within 3 minutes is killed, so an unattended soak never hangs on one.
  let timer: NodeJS.Timeout | undefined;
  const tooSlow = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`a worker was not ready after 3 minutes (its log: ${logPath})`));
    }, 180_000);
  });
  try {
    await Promise.race([isReady, tooSlow, exited.then(() => Promise.reject(new Error(`a worker exited before it was ready (its log: ${logPath})`)))]);
  } finally {
    clearTimeout(timer);
  }
  return {
    child,
    pid: child.pid ?? 0,
    async stop() {
      const begin = Date.now();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      log.end();
      return { exitCode: child.exitCode, stopMs: Date.now() - begin };
    },
  };
}

/**
 * The pid of the worker syncing `domain`, once its sync has stored users in the snapshot it builds: from then on the
 * sync has a checkpoint to resume from (polled every 100 ms). Undefined when that did not happen before `untilMs`.
 */
export async function waitForSyncProgress(pool: pg.Pool, domain: string, untilMs: number): Promise<number | undefined> {
  while (Date.now() < untilMs) {
    const { rows } = await pool.query<{ pid: number }>(
      `select l.pid from sync_leases l join syncs s on s.org = l.org and s.ended_at is null and s.snapshot_id is not null
        where l.org = $1 and exists (select 1 from users u where u.snapshot_id = s.snapshot_id)`,
      [domain],
    );
    if (rows[0] !== undefined) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

export interface ProductRun extends RunRow {
  syncId: string;
  snapshotId: string | null;
}

/**
 * Every sync the product recorded, as the soak's analysis reads runs: started and ended on the real clock (the
 * product's sync records), on the schedule's clock (`toSched`), the due time its connection stood at when it started
 * and the worker holding its lease. A run still in progress when its worker was killed has no end.
 */
export async function readProductRuns(
  pool: pg.Pool,
  names: ReadonlyMap<string, string>,
  toSched: (realMs: number) => number,
  killed: { pid: number; at: number } | undefined,
): Promise<ProductRun[]> {
  const { rows } = await pool.query<{
    id: string;
    org: string;
    started_at: string;
    ended_at: string | null;
    status: string;
    complete: boolean;
    errors: unknown;
    snapshot_id: string | null;
    holder_pid: number | null;
    due_at: string | null;
  }>(
    `select s.id, s.org, s.started_at, s.ended_at, s.status, s.complete, s.errors, s.snapshot_id, b.holder_pid, b.due_at
       from syncs s left join bench_sync_starts b on b.sync_id = s.id order by s.started_at, s.id`,
  );
  return rows.map((row) => {
    const startedReal = Number(row.started_at);
    const recordedEnd = row.ended_at === null ? null : Number(row.ended_at);
    // The killed worker's syncs are ended by the next sync of their org (marked abandoned then): they ended at the kill.
    const killedMidRun = killed !== undefined && row.holder_pid === killed.pid && startedReal < killed.at && (recordedEnd === null || recordedEnd > killed.at);
    const errors = typeof row.errors === 'string' ? row.errors : JSON.stringify(row.errors ?? []);
    return {
      syncId: row.id,
      snapshotId: row.snapshot_id,
      connectionId: names.get(row.org) ?? row.org,
      worker: `pid:${row.holder_pid ?? 0}`,
      startedReal,
      endedReal: killedMidRun ? null : recordedEnd,
      startedSched: toSched(startedReal),
      dueSched: row.due_at === null ? null : Number(row.due_at),
      status: row.status,
      complete: row.complete,
      resumed: null,
      error: errors === '[]' ? null : errors.slice(0, 2000),
    };
  });
}

export const workerLogPath = (home: string, index: number): string => join(home, `worker-${index}.log`);
