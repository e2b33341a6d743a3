import { hostname } from 'node:os';
import { ALL_COLLECTORS } from '../../src/collect/index.js';
import { runSync } from '../../src/collect/sync-run.js';
import { createSswsAuth } from '../../src/okta/auth/ssws.js';
import { createOktaClient } from '../../src/okta/client.js';
import { realClock, realSleep, silentLogger } from '../../src/config/runtime.js';
import { createPgBossScheduler } from '../../src/schedule/pg-boss-scheduler.js';
import { runResultOf } from '../../src/schedule/run-result.js';
import type { RunConnectionSync } from '../../src/schedule/run-scheduled-sync.js';
import { openDatabase } from '../../src/store/database.js';
import { pgPool, soakConnectionSource } from './soak-db.js';

/**
 * One worker process of the scheduler soak: the pg-boss scheduler (enqueue and work) on the schedule's scaled clock,
 * syncing the bench's connections against the simulators with the real sync engine, and recording each run's start
 * and end in `bench_runs`. Prints `START <connection>` when a sync starts, so the orchestrator can kill it mid-sync.
 */
const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const storeUrl = env('SOAK_STORE_URL');
const bossSchema = env('SOAK_BOSS_SCHEMA');
const scale = Number(env('SOAK_SCALE'));
const realStart = Number(env('SOAK_REAL_START'));
const schedStart = Number(env('SOAK_SCHED_START'));
const leaseTtlMs = Number(env('SOAK_LEASE_TTL_MS'));
const concurrency = Number(env('SOAK_CONCURRENCY'));
const worker = `${hostname()}:${process.pid}`;

const scheduleNow = () => schedStart + (Date.now() - realStart) * scale;
const store = await openDatabase(storeUrl);
const pool = pgPool(storeUrl);
const connections = soakConnectionSource(pool);

const syncConnection: RunConnectionSync = async (scheduled, { signal }) => {
  const connection = await connections.get(scheduled.id);
  if (connection === undefined) throw new Error(`connection ${scheduled.id} is gone`);
  const { rows } = await pool.query<{ id: string }>(
    'insert into bench_runs (connection_id, worker, started_real, started_sched, due_sched) values ($1, $2, $3, $4, $5) returning id',
    [connection.id, worker, Date.now(), Math.round(scheduleNow()), scheduled.schedule.nextRunAt?.getTime() ?? null],
  );
  process.stdout.write(`START ${connection.id}\n`);
  const client = createOktaClient({ domain: connection.org, baseUrl: new URL(connection.baseUrl), auth: createSswsAuth(connection.token), clock: realClock });
  try {
    const outcome = await runSync(
      { store, client, org: connection.org, collectors: ALL_COLLECTORS, clock: realClock, logger: silentLogger },
      { trigger: 'schedule', timeoutMs: connection.budgetMs, signal, leaseHeld: true },
    );
    await pool.query('update bench_runs set ended_real = $2, status = $3, complete = $4, resumed = $5, error = $6 where id = $1', [
      rows[0]?.id,
      Date.now(),
      outcome.status,
      outcome.complete,
      outcome.resumed,
      outcome.errors.length === 0 ? null : JSON.stringify(outcome.errors).slice(0, 2000),
    ]);
    return runResultOf(outcome);
  } finally {
    await client.close();
  }
};

const scheduler = createPgBossScheduler({
  databaseUrl: storeUrl,
  bossSchema,
  connections,
  leases: store.leases,
  runSync: syncConnection,
  clock: { now: scheduleNow, realDelayMs: (ms) => ms / scale },
  random: Math.random,
  sleep: realSleep,
  logger: { ...silentLogger, warn: (fields, message) => process.stderr.write(`SOAK-WARN ${worker} ${message ?? ''} ${JSON.stringify(fields)}\n`) },
  concurrency,
  // Jobs that did not run (busy, not due) and every run's next due time, for diagnosing lost runs.
  onReport: (report) =>
    process.stderr.write(
      `SOAK-REPORT ${worker} ${Math.round(scheduleNow())} ${report.connectionId} ${report.ran ? `ran ${report.result.kind} next=${report.state.nextRunAt?.getTime() ?? 'none'}` : `not-run ${report.reason}`}\n`,
    ),
  pollingIntervalSeconds: 0.5,
  // Leases live on the real clock: a dead worker's lease lapses after `leaseTtlMs` of real time.
  lease: { clock: realClock, ttlMs: leaseTtlMs },
});
await scheduler.start();
process.stdout.write('READY\n');

const stop = async () => {
  await scheduler.stop();
  await pool.end();
  await store.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
