import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { startSimProcess, type SimProcess } from './sim-process.js';
import { defineScenario, type BenchResult } from './scenario.js';
import { countLostRuns, countOverlaps } from './scheduler/soak-analysis.js';
import { readRuns, type SoakConnection } from './scheduler/soak-db.js';
import { benchPostgresUrl, createSoakDatabase, startSoakWorker, type SoakWorker } from './scheduler/soak-kit.js';

const HOUR = 3_600_000;
/** `BENCH_SOAK_HOURS` shortens the scheduled window for a quick run; the target is 48. */
const HOURS = Number(process.env.BENCH_SOAK_HOURS ?? 48);
/** Real milliseconds one scheduled hour lasts. */
const HOUR_REAL_MS = Number(process.env.BENCH_SOAK_HOUR_MS ?? 10_000);
const SCALE = HOUR / HOUR_REAL_MS;
const CONNECTIONS = 30;
const WORKERS = 3;
const CONCURRENCY = 2;
/** Real time without a heartbeat after which a dead worker's lease lapses (the product's default is 30 s). */
const LEASE_TTL_MS = Number(process.env.BENCH_SOAK_LEASE_TTL_MS ?? 5_000);
/** Real time a due sync may wait for a worker to pick it up (queue polling, the other syncs ahead of it). */
const PICKUP_SLACK_REAL_MS = 3_000;

/**
 * The scheduler soak on PostgreSQL: 3 worker processes (pg-boss 10, 2 syncs each at once) and 30 connections with a
 * 1-hour interval on a scaled clock, against 3 simulator processes (one larger org for the connection whose worker is
 * killed mid-sync, so its first sync is a backfill to resume). Measures lost due runs, overlapping syncs of one
 * connection, how long after a SIGKILL another worker resumed the killed sync, and whether every final snapshot is
 * complete.
 */
export const schedulerSoak = defineScenario({
  id: 'scheduler-soak',
  description: `${WORKERS} pg-boss workers, ${CONNECTIONS} connections, ${HOURS} h of 1-hour intervals (1 h = ${HOUR_REAL_MS / 1000} s), one worker killed mid-sync`,
  run: runSoak,
});

async function runSoak(): Promise<BenchResult> {
  const target = '0 lost, 0 overlaps, resumed within lease + 10 s, every final snapshot complete';
  const baseUrl = benchPostgresUrl();
  if (baseUrl === undefined) return { scenario: 'scheduler-soak', figures: { skipped: 'set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server' }, target, passed: false };
  const sims: SimProcess[] = [];
  const workers: SoakWorker[] = [];
  try {
    sims.push(await startSimProcess(['--users', '1500', '--seed', '7', '--rate-limits', 'off']));
    sims.push(await startSimProcess(['--users', '12', '--seed', '8', '--rate-limits', 'off', '--latency-ms', '5']));
    sims.push(await startSimProcess(['--users', '12', '--seed', '9', '--rate-limits', 'off', '--latency-ms', '5']));
    const connections: SoakConnection[] = Array.from({ length: CONNECTIONS }, (_, i) => {
      const sim = i === 0 ? sims[0] : sims[1 + (i % 2)];
      if (sim === undefined) throw new Error('simulator missing');
      return { id: `c${String(i).padStart(2, '0')}`, org: `soak-${i}.okta.com`, baseUrl: sim.baseUrl, token: sim.token, intervalMs: HOUR };
    });
    const db = await createSoakDatabase(baseUrl, connections);
    try {
      const realStart = Date.now();
      const schedStart = Date.UTC(2026, 0, 1);
      const settings = { db, scale: SCALE, realStart, schedStart, leaseTtlMs: LEASE_TTL_MS, concurrency: CONCURRENCY };
      for (let i = 0; i < WORKERS; i += 1) workers.push(await startSoakWorker(settings));
      const killed = await killMidSync(workers, 'c00');
      const endReal = realStart + HOURS * HOUR_REAL_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, endReal - Date.now())));
      await Promise.all(workers.map((worker) => worker.stop()));

      const runs = await readRuns(db.pool);
      // Every run, for diagnosing a failed soak: BENCH_SOAK_DUMP=<file.json>.
      const dump = process.env.BENCH_SOAK_DUMP;
      if (dump !== undefined && dump !== '') writeFileSync(dump, JSON.stringify({ realStart, schedStart, scale: SCALE, killed, runs }, null, 1));
      const killedAt = new Map([[killed.worker, killed.at]]);
      const resumedRun = runs.find((run) => run.connectionId === 'c00' && run.startedReal > killed.at);
      const lastRuns = connections.map((c) => runs.filter((run) => run.connectionId === c.id && run.endedReal !== null).at(-1));
      const { lost, maxGapMs } = countLostRuns(
        runs.filter((run) => run.startedSched <= schedStart + HOURS * HOUR),
        connections.map((c) => c.id),
        {
          startSched: schedStart,
          endSched: schedStart + HOURS * HOUR,
          intervalMs: HOUR,
          // The interval, its jitter (10 %), the run itself (the backfill's first sync is the longest) and pick-up.
          maxSpacingMs: 1.1 * HOUR + (LEASE_TTL_MS + PICKUP_SLACK_REAL_MS) * SCALE,
          firstRunSlackMs: (PICKUP_SLACK_REAL_MS + 10_000) * SCALE,
        },
      );
      const figures = {
        scheduledHours: HOURS,
        realSeconds: Math.round((Date.now() - realStart) / 1000),
        syncs: runs.length,
        meanSyncS: Number((mean(runs.flatMap((run) => (run.endedReal === null ? [] : [run.endedReal - run.startedReal]))) / 1000).toFixed(2)),
        lost,
        maxGapHours: Number((maxGapMs / HOUR).toFixed(2)),
        overlaps: countOverlaps(runs, killedAt),
        killedMidSync: killed.connectionId,
        resumedAfterKillS: resumedRun === undefined ? 'never' : Number(((resumedRun.startedReal - killed.at) / 1000).toFixed(1)),
        resumedFromCheckpoint: resumedRun?.resumed === true ? 'yes' : 'no',
        leaseTtlS: LEASE_TTL_MS / 1000,
        finalSnapshotsComplete: `${lastRuns.filter((run) => run?.complete === true).length}/${CONNECTIONS}`,
      };
      const passed =
        lost === 0 &&
        figures.overlaps === 0 &&
        typeof figures.resumedAfterKillS === 'number' &&
        figures.resumedAfterKillS <= LEASE_TTL_MS / 1000 + 10 &&
        lastRuns.every((run) => run?.complete === true);
      return { scenario: 'scheduler-soak', figures, target, passed };
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
      await db.drop();
    }
  } finally {
    await Promise.all(sims.map((sim) => sim.stop()));
  }
}

/** Waits until a worker starts `connectionId`'s sync, lets it read for a moment, and kills that worker with SIGKILL. */
async function killMidSync(workers: SoakWorker[], connectionId: string): Promise<{ worker: string; connectionId: string; at: number }> {
  const victim = await new Promise<SoakWorker>((resolve) => {
    for (const worker of workers) {
      if (worker.started.includes(connectionId)) resolve(worker);
      worker.onStart((id) => {
        if (id === connectionId) resolve(worker);
      });
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  victim.child.kill('SIGKILL');
  const at = Date.now();
  const index = workers.indexOf(victim);
  workers.splice(index, 1);
  return { worker: `${hostname()}:${victim.child.pid ?? 0}`, connectionId, at };
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
