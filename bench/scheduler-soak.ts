import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimProcess, type SimProcess } from './sim-process.js';
import { defineScenario, type BenchResult } from './scenario.js';
import { countDueRuns, countLostRuns, countOverlaps } from './scheduler/soak-analysis.js';
import { benchPostgresUrl } from './scheduler/soak-kit.js';
import {
  createProductSoakDatabase,
  readProductRuns,
  startProductWorker,
  waitForSyncProgress,
  workerLogPath,
  type ProductSoakDatabase,
  type ProductWorker,
  type SoakOrg,
} from './scheduler/soak-product.js';
import { DEFAULT_LEASE_TTL_MS } from '../src/collect/sync-lease.js';
import { openDatabase } from '../src/store/database.js';

const HOUR = 3_600_000;
/** `BENCH_SOAK_HOURS` shortens the scheduled window for a quick run; the target is 48. */
const HOURS = Number(process.env.BENCH_SOAK_HOURS ?? 48);
/** Real milliseconds one scheduled hour lasts. */
const HOUR_REAL_MS = Number(process.env.BENCH_SOAK_HOUR_MS ?? 30_000);
const SCALE = HOUR / HOUR_REAL_MS;
const CONNECTIONS = 30;
const WORKERS = 3;
const CONCURRENCY = 2;
/** The product's lease: a killed worker's lease lapses this long (real time) after its last heartbeat. */
const LEASE_TTL_MS = DEFAULT_LEASE_TTL_MS;
/** Real time a due sync may wait for a worker to pick it up (queue polling every 2 s, a free slot). */
const PICKUP_SLACK_REAL_MS = 3_000;
const KILLED_CONNECTION = 'c00';

/**
 * The scheduler soak on PostgreSQL, over the product itself: 3 `okta-evidence worker` processes (pg-boss 10, 2 syncs
 * each at once) and 30 stored connections (credentials sealed) with a 1-hour Sync Interval, the workers' schedule on a
 * scaled clock (`OKTA_EVIDENCE_BENCH_SCHEDULE_SCALE`), against 3 simulator processes (one 1,500-user org for the
 * connection whose worker is killed with SIGKILL mid-sync, so its first sync is a backfill to resume). Each sync is
 * the product's whole pipeline: sync, tests, signed evidence export. Measures lost due runs, overlapping syncs of one
 * connection, how long after the kill another worker resumed the killed sync (and whether from its checkpoint),
 * whether every final snapshot is complete, and whether the surviving workers exit 0 within 10 s of SIGTERM.
 */
export const schedulerSoak = defineScenario({
  id: 'scheduler-soak',
  description: `${WORKERS} okta-evidence workers, ${CONNECTIONS} stored connections, ${HOURS} h of 1-hour intervals (1 h = ${HOUR_REAL_MS / 1000} s), one worker killed mid-sync`,
  run: runSoak,
});

async function runSoak(): Promise<BenchResult> {
  const target = `0 lost, 0 overlaps, resumed within lease (${LEASE_TTL_MS / 1000} s) + 10 s, every final snapshot complete, workers exit 0 within 10 s of SIGTERM`;
  const baseUrl = benchPostgresUrl();
  if (baseUrl === undefined) return { scenario: 'scheduler-soak', figures: { skipped: 'set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server' }, target, passed: false };
  const home = await mkdtemp(join(tmpdir(), 'oe-soak-'));
  const sims: SimProcess[] = [];
  const workers: ProductWorker[] = [];
  let db: ProductSoakDatabase | undefined;
  let passed = false;
  try {
    sims.push(await startSimProcess(['--users', '1500', '--seed', '7', '--rate-limits', 'off']));
    sims.push(await startSimProcess(['--users', '12', '--seed', '8', '--rate-limits', 'off', '--latency-ms', '5']));
    sims.push(await startSimProcess(['--users', '12', '--seed', '9', '--rate-limits', 'off', '--latency-ms', '5']));
    const orgs: SoakOrg[] = Array.from({ length: CONNECTIONS }, (_, i) => {
      const sim = i === 0 ? sims[0] : sims[1 + (i % 2)];
      if (sim === undefined) throw new Error('simulator missing');
      return { name: `c${String(i).padStart(2, '0')}`, domain: `soak-${i}.okta.com`, baseUrl: sim.baseUrl, token: sim.token };
    });
    const soakDb = await createProductSoakDatabase(baseUrl, home, orgs, '1h');
    db = soakDb;
    // The scaled schedule reads real time when the soak starts: every connection's first sync is due at once.
    const realStart = Date.now();
    const toSched = (realMs: number) => realStart + (realMs - realStart) * SCALE;
    const endReal = realStart + HOURS * HOUR_REAL_MS;
    // Watching from the start: the first sync of c00 may begin before every worker is up. Its failure (the soak ended
    // early on another error) is no kill, never an unhandled rejection.
    const kill = killMidSync(soakDb, workers, orgs[0]?.domain ?? '', endReal).catch((error: unknown) => {
      process.stderr.write(`  scheduler-soak: no kill: ${error instanceof Error ? error.message : String(error)}\n`);
      return undefined;
    });
    // The first worker alone (it creates pg-boss's schema and queue: several doing that at once on a fresh database
    // can fail with "deadlock detected"), then the others side by side; each is listed as soon as it is up, so a
    // failure of another still stops it (finally).
    const startWorker = async (i: number) => {
      workers.push(await startProductWorker(soakDb, { scale: SCALE, originMs: realStart }, workerLogPath(home, i), CONCURRENCY));
    };
    await startWorker(0);
    const starting = await Promise.allSettled(Array.from({ length: WORKERS - 1 }, (_, i) => startWorker(i + 1)));
    const failedStart = starting.find((start) => start.status === 'rejected');
    if (failedStart !== undefined) throw failedStart.reason;
    // Process start-up (tsx, pg-boss) is not the scheduler's doing: first syncs are due once every worker is up.
    const readySched = toSched(Date.now());
    const progress = reportProgress(db, realStart);
    // No kill (the backfill never got far enough before the window ended) fails the soak: nothing to resume.
    const killed = (await kill) ?? { pid: -1, at: Number.POSITIVE_INFINITY };
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, endReal - Date.now())));
    clearInterval(progress);
    const stops = await Promise.all(workers.map((worker) => worker.stop()));

    const names = new Map(orgs.map((org) => [org.domain, org.name]));
    const runs = await readProductRuns(db.pool, names, toSched, killed);
    const finalDue = await finalDueTimes(db, names);
    const finalSnapshots = await currentSnapshotsComplete(db.url, orgs.map((org) => org.domain));
    const evidence = await connectionsWithEvidence(home, orgs);
    const dump = process.env.BENCH_SOAK_DUMP;
    if (dump !== undefined && dump !== '') await writeFile(dump, JSON.stringify({ realStart, scale: SCALE, killed, runs, finalDue: [...finalDue], finalSnapshots: [...finalSnapshots] }, null, 1));

    const killedRuns = runs.filter((run) => run.endedReal === null && run.worker === `pid:${killed.pid}`);
    const killedSync = killedRuns.find((run) => run.connectionId === KILLED_CONNECTION);
    const resumedRun = runs.find((run) => run.connectionId === KILLED_CONNECTION && run.startedReal > killed.at);
    const endSched = toSched(endReal);
    // Against the due times the scheduler set: a run n intervals late stands for n lost ones. The resume of a killed
    // sync is due when the dead worker's lease lapses (the lease is the product's guard against two syncs at once).
    const due = countDueRuns(runs, orgs.map((org) => org.name), {
      startSched: readySched,
      endSched,
      intervalMs: HOUR,
      pickupSlackMs: PICKUP_SLACK_REAL_MS * SCALE,
      killedSched: new Map(killedRuns.map((run) => [run.connectionId, toSched(killed.at + LEASE_TTL_MS)])),
      finalDue,
    });
    // The earlier measure, start to start, which also counts each run's own duration (the next is due after it ends).
    const { maxGapMs } = countLostRuns(
      runs.filter((run) => run.startedSched <= endSched),
      orgs.map((org) => org.name),
      { startSched: realStart, endSched, intervalMs: HOUR, maxSpacingMs: 1.1 * HOUR + (LEASE_TTL_MS + PICKUP_SLACK_REAL_MS) * SCALE, firstRunSlackMs: (PICKUP_SLACK_REAL_MS + 10_000) * SCALE },
    );
    const durations = runs.flatMap((run) => (run.endedReal === null ? [] : [run.endedReal - run.startedReal]));
    const complete = orgs.filter((org) => finalSnapshots.get(org.domain) === true).length;
    const resumedAfterKillS = resumedRun === undefined ? 'never' : Number(((resumedRun.startedReal - killed.at) / 1000).toFixed(1));
    const maxStopS = Math.max(...stops.map((stop) => stop.stopMs)) / 1000;
    const figures = {
      scheduledHours: HOURS,
      workersReadyS: Number(((readySched - realStart) / SCALE / 1000).toFixed(1)),
      hourRealS: HOUR_REAL_MS / 1000,
      realSeconds: Math.round((Date.now() - realStart) / 1000),
      loadAverage1m: Number(loadavg()[0]?.toFixed(1) ?? 0),
      syncs: runs.length,
      meanSyncS: Number((mean(durations) / 1000).toFixed(2)),
      p90SyncS: Number((percentile(durations, 0.9) / 1000).toFixed(2)),
      lost: due.lost,
      late: due.late,
      maxPickupDelayHours: Number((due.maxDelayMs / HOUR).toFixed(2)),
      maxStartGapHours: Number((maxGapMs / HOUR).toFixed(2)),
      overlaps: countOverlaps(runs, new Map([[`pid:${killed.pid}`, killed.at]])),
      killedMidSync: killedSync === undefined ? `no (${KILLED_CONNECTION}'s backfill had not stored users before the window ended, or had ended before the kill)` : `${KILLED_CONNECTION} (pid ${killed.pid})`,
      resumedAfterKillS,
      resumedFromCheckpoint: resumedRun !== undefined && killedSync !== undefined && resumedRun.snapshotId !== null && resumedRun.snapshotId === killedSync.snapshotId ? 'yes' : 'no',
      leaseTtlS: LEASE_TTL_MS / 1000,
      finalSnapshotsComplete: `${complete}/${CONNECTIONS}`,
      connectionsWithEvidence: `${evidence}/${CONNECTIONS}`,
      lastRunsCancelledAtStop: runs.filter((run) => run.error?.includes('SYNC_CANCELLED') === true && run.endedReal !== null && run.endedReal >= endReal).length,
      workersExit0: `${stops.filter((stop) => stop.exitCode === 0).length}/${stops.length}`,
      maxStopS,
    };
    passed =
      due.lost === 0 &&
      figures.overlaps === 0 &&
      killedSync !== undefined &&
      typeof resumedAfterKillS === 'number' &&
      resumedAfterKillS <= LEASE_TTL_MS / 1000 + 10 &&
      complete === CONNECTIONS &&
      stops.every((stop) => stop.exitCode === 0) &&
      maxStopS <= 10;
    return { scenario: 'scheduler-soak', figures: passed ? figures : { ...figures, workerLogs: home }, target, passed };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await db?.drop();
    await Promise.all(sims.map((sim) => sim.stop()));
    // The workers' logs stay for a failed soak (their folder is named in the figures).
    if (passed) await rm(home, { recursive: true, force: true });
  }
}

/** Waits until the connection's first sync (a backfill) has stored users, and SIGKILLs the worker running it. */
async function killMidSync(db: ProductSoakDatabase, workers: ProductWorker[], domain: string, untilMs: number): Promise<{ pid: number; at: number } | undefined> {
  const pid = await waitForSyncProgress(db.pool, domain, untilMs);
  if (pid === undefined) return undefined;
  // The lease may be taken before every worker said it was ready.
  while (!workers.some((worker) => worker.pid === pid) && workers.length < WORKERS) await new Promise((resolve) => setTimeout(resolve, 100));
  const victim = workers.find((worker) => worker.pid === pid);
  if (victim === undefined) throw new Error(`the lease of ${domain} is held by pid ${pid}, which is none of the workers`);
  victim.child.kill('SIGKILL');
  const at = Date.now();
  workers.splice(workers.indexOf(victim), 1);
  return { pid, at };
}

/** A line on stderr every minute, so an unattended 48-hour soak shows it is alive. */
function reportProgress(db: ProductSoakDatabase, realStart: number): NodeJS.Timeout {
  const timer = setInterval(() => {
    void db.pool
      .query<{ n: string }>('select count(*) as n from syncs')
      .then(({ rows }) => process.stderr.write(`  scheduler-soak: ${((Date.now() - realStart) / HOUR_REAL_MS).toFixed(1)}/${HOURS} scheduled h, ${rows[0]?.n ?? 0} syncs, load ${loadavg()[0]?.toFixed(1)}\n`))
      .catch(() => undefined);
  }, 60_000);
  timer.unref();
  return timer;
}

/** Each connection's stored due time at the end (null: none planned), by connection name. */
async function finalDueTimes(db: ProductSoakDatabase, names: ReadonlyMap<string, string>): Promise<Map<string, number | null>> {
  const { rows } = await db.pool.query<{ domain: string; next_run_at: string | null }>('select domain, next_run_at from connections');
  return new Map(rows.map((row) => [names.get(row.domain) ?? row.domain, row.next_run_at === null ? null : Number(row.next_run_at)]));
}

/** Connections whose evidence folder holds at least one export (every successful sync writes one). */
async function connectionsWithEvidence(home: string, orgs: readonly SoakOrg[]): Promise<number> {
  let count = 0;
  for (const org of orgs) {
    const exports = await readdir(join(home, 'evidence', org.domain)).catch(() => []);
    if (exports.length > 0) count += 1;
  }
  return count;
}

/**
 * Whether each org's current snapshot (the last one a sync promoted, what checks and evidence read) is complete. A
 * sync the soak's own stop cancelled leaves it as it was: its checkpoint waits for the next sync.
 */
async function currentSnapshotsComplete(storeUrl: string, orgs: readonly string[]): Promise<Map<string, boolean>> {
  const store = await openDatabase(storeUrl);
  try {
    const complete = new Map<string, boolean>();
    for (const org of orgs) {
      const state = await store.checkpoints.getOrgState(org);
      const snapshot = state.currentSnapshotId === null ? undefined : await store.snapshots.get(state.currentSnapshotId);
      complete.set(org, snapshot !== undefined && snapshot.datasets.length > 0 && snapshot.datasets.every((d) => d.state === 'complete'));
    }
    return complete;
  } finally {
    await store.close();
  }
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

