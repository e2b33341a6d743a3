import { startSimProcess, type SimProcess } from './sim-process.js';
import { defineScenario, type BenchResult } from './scenario.js';
import { readRuns, type SoakConnection } from './scheduler/soak-db.js';
import { benchPostgresUrl, createSoakDatabase, startSoakWorker, type SoakWorker } from './scheduler/soak-kit.js';

const HOUR = 3_600_000;
const CONNECTIONS = 30;
const CONCURRENCY = Number(process.env.BENCH_SCALE_CONCURRENCY ?? 1);
/** Measured window per worker count, after a warm-up. */
const WINDOW_MS = Number(process.env.BENCH_SCALE_WINDOW_MS ?? 45_000);
const WARMUP_MS = 8_000;
/** Each simulated request waits this long, as a real org's does: syncs wait on the network, not on this machine's CPU. */
const LATENCY_MS = Number(process.env.BENCH_SCALE_LATENCY_MS ?? 300);

/**
 * Workers scale: 30 connections always due (a 1-hour interval on a clock where an hour lasts a millisecond), rate
 * limits off, syncs per minute completed by 1 worker process and then by 3 (each running one sync at a time by default), on a fresh
 * database each time.
 */
export const schedulerScale = defineScenario({
  id: 'scheduler-scale',
  description: `pg-boss workers: syncs per minute with 1 and with 3 workers, ${CONNECTIONS} connections always due, rate limits off, ${LATENCY_MS} ms latency`,
  run: runScale,
});

async function runScale(): Promise<BenchResult> {
  const target = '3 workers >= 2.5x the syncs per minute of 1 worker';
  const baseUrl = benchPostgresUrl();
  if (baseUrl === undefined) return { scenario: 'scheduler-scale', figures: { skipped: 'set BENCH_DATABASE_URL (or TEST_DATABASE_URL)' }, target, passed: false };
  const sims: SimProcess[] = [];
  try {
    for (const seed of [21, 22]) sims.push(await startSimProcess(['--users', '4', '--seed', String(seed), '--rate-limits', 'off', '--latency-ms', String(LATENCY_MS)]));
    const one = await syncsPerMinute(baseUrl, sims, 1);
    const three = await syncsPerMinute(baseUrl, sims, 3);
    const ratio = one === 0 ? 0 : three / one;
    return {
      scenario: 'scheduler-scale',
      figures: { oneWorkerSyncsPerMin: Number(one.toFixed(1)), threeWorkersSyncsPerMin: Number(three.toFixed(1)), ratio: Number(ratio.toFixed(2)) },
      target,
      passed: ratio >= 2.5,
    };
  } finally {
    await Promise.all(sims.map((sim) => sim.stop()));
  }
}

async function syncsPerMinute(baseUrl: string, sims: SimProcess[], workerCount: number): Promise<number> {
  const connections: SoakConnection[] = Array.from({ length: CONNECTIONS }, (_, i) => {
    const sim = sims[i % sims.length];
    if (sim === undefined) throw new Error('simulator missing');
    return { id: `c${String(i).padStart(2, '0')}`, org: `scale-${i}.okta.com`, baseUrl: sim.baseUrl, token: sim.token, intervalMs: HOUR };
  });
  const db = await createSoakDatabase(baseUrl, connections);
  const workers: SoakWorker[] = [];
  try {
    const realStart = Date.now();
    const settings = { db, scale: HOUR, realStart, schedStart: Date.UTC(2026, 0, 1), leaseTtlMs: 30_000, concurrency: CONCURRENCY };
    for (let i = 0; i < workerCount; i += 1) workers.push(await startSoakWorker(settings));
    const from = Date.now() + WARMUP_MS;
    const to = from + WINDOW_MS;
    await new Promise((resolve) => setTimeout(resolve, to - Date.now()));
    const runs = await readRuns(db.pool);
    const completed = runs.filter((run) => run.endedReal !== null && run.endedReal >= from && run.endedReal < to && run.status === 'succeeded');
    return completed.length / (WINDOW_MS / 60_000);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await db.drop();
  }
}
