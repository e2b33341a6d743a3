import { writeFileSync } from 'node:fs';
import { hostname, loadavg } from 'node:os';
import { startSimProcess, type SimProcess } from './sim-process.js';
import { defineScenario, type BenchResult } from './scenario.js';
import { countDueRuns, countLostRuns, countOverlaps } from './scheduler/soak-analysis.js';
import { readRuns, soakConnectionSource, type SoakConnection } from './scheduler/soak-db.js';
import { openDatabase } from '../src/store/database.js';
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
      const finalState = await soakConnectionSource(db.pool).listScheduled();
      const finalSnapshots = await currentSnapshotsComplete(db.storeUrl, connections.map((c) => c.org));
      // Every run, for diagnosing a failed soak: BENCH_SOAK_DUMP=<file.json>.
      const dump = process.env.BENCH_SOAK_DUMP;
      if (dump !== undefined && dump !== '') writeFileSync(dump, JSON.stringify({ realStart, schedStart, scale: SCALE, killed, runs, finalState, finalSnapshots }, null, 1));
      const killedAt = new Map([[killed.worker, killed.at]]);
      const resumedRun = runs.find((run) => run.connectionId === 'c00' && run.startedReal > killed.at);
      const endSched = schedStart + HOURS * HOUR;
      // Against the due times the scheduler set: a run n intervals late stands for n lost ones.
      const due = countDueRuns(runs, connections.map((c) => c.id), {
        startSched: schedStart,
        endSched,
        intervalMs: HOUR,
        pickupSlackMs: PICKUP_SLACK_REAL_MS * SCALE,
        killedSched: new Map([[killed.connectionId, schedStart + (killed.at - realStart) * SCALE]]),
        finalDue: new Map(finalState.map((c) => [c.id, c.schedule.nextRunAt?.getTime() ?? null])),
      });
      // The earlier measure, start to start, which also counts each run's own duration (the next is due after it ends).
      const { maxGapMs } = countLostRuns(
        runs.filter((run) => run.startedSched <= endSched),
        connections.map((c) => c.id),
        {
          startSched: schedStart,
          endSched,
          intervalMs: HOUR,
          maxSpacingMs: 1.1 * HOUR + (LEASE_TTL_MS + PICKUP_SLACK_REAL_MS) * SCALE,
          firstRunSlackMs: (PICKUP_SLACK_REAL_MS + 10_000) * SCALE,
        },
      );
      const durations = runs.flatMap((run) => (run.endedReal === null ? [] : [run.endedReal - run.startedReal]));
      const complete = connections.filter((c) => finalSnapshots.get(c.org) === true).length;
      const figures = {
        scheduledHours: HOURS,
        realSeconds: Math.round((Date.now() - realStart) / 1000),
        loadAverage1m: Number(loadavg()[0]?.toFixed(1) ?? 0),
        syncs: runs.length,
        meanSyncS: Number((mean(durations) / 1000).toFixed(2)),
        p90SyncS: Number((percentile(durations, 0.9) / 1000).toFixed(2)),
        lost: due.lost,
        late: due.late,
        maxPickupDelayHours: Number((due.maxDelayMs / HOUR).toFixed(2)),
        maxStartGapHours: Number((maxGapMs / HOUR).toFixed(2)),
        overlaps: countOverlaps(runs, killedAt),
        killedMidSync: killed.connectionId,
        resumedAfterKillS: resumedRun === undefined ? 'never' : Number(((resumedRun.startedReal - killed.at) / 1000).toFixed(1)),
        resumedFromCheckpoint: resumedRun?.resumed === true ? 'yes' : 'no',
        leaseTtlS: LEASE_TTL_MS / 1000,
        finalSnapshotsComplete: `${complete}/${CONNECTIONS}`,
        lastRunsCancelledAtStop: runs.filter((run) => run.status === 'failed' && run.error?.includes('SYNC_CANCELLED') === true && run.endedReal !== null && run.endedReal >= endReal).length,
      };
      const passed =
        due.lost === 0 &&
        figures.overlaps === 0 &&
        typeof figures.resumedAfterKillS === 'number' &&
        figures.resumedAfterKillS <= LEASE_TTL_MS / 1000 + 10 &&
        complete === CONNECTIONS;
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
