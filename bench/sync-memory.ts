import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimStats } from '../src/simulator/stats.js';
import { runProbedCli, type MemorySample } from './probed-cli.js';
import { defineScenario } from './scenario.js';
import { startSimProcess } from './sim-process.js';
import { rateLimitFloorMs } from './sync-full.js';

/** `BENCH_SYNC_MEMORY_USERS` shrinks the org for a quick run; the scenario's target is for 50,000. */
const USERS = Number(process.env.BENCH_SYNC_MEMORY_USERS ?? 50_000);
/** `BENCH_MEMORY_TRACE=1` prints the sync's memory once a second on stderr. */
const TRACE = process.env.BENCH_MEMORY_TRACE === '1';
/**
 * The simulator generates `E × users × 14` events over 14 days with the same weekly rhythm in both weeks, so the
 * sync's default 7-day window holds about half of them: 2.86 × 50,000 × 7 ≈ 1,000,000. Every kind it generates is in
 * the default event types the sync reads (`DEFAULT_LOG_EVENT_TYPES`).
 */
const EVENTS_PER_USER_PER_DAY = 2.86;
const WINDOW_EVENTS = Math.round(USERS * EVENTS_PER_USER_PER_DAY * 7);
/** The scenario measures nothing if the window held far fewer events than meant (the generator's mix changed). */
const WINDOW_EVENTS_TOLERANCE = 0.02;
const TARGET_RSS_MB = 400;
const TIMEOUT_S = 3600;

/** The largest value of `key` over the samples, for saying what the peak was made of. */
function peakOf(samples: readonly MemorySample[], key: keyof MemorySample): number {
  return samples.reduce((max, s) => Math.max(max, s[key]), 0);
}

/** A live process's peak RSS so far (VmHWM, Linux), or -1 where /proc cannot tell. */
function vmHwmMb(pid: number | undefined): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? -1 : Math.round(Number(kb) / 1024);
  } catch {
    return -1;
  }
}

interface SyncJson {
  status: string;
  complete: boolean;
  counts: Record<string, number | undefined>;
  requests: { total: number; throttled: number };
  durationMs: number;
}

/**
 * Issue 4's memory target for a sync: 50,000 users and about 1,000,000 System Log events in the window must stay
 * within 400 MB peak RSS (stream to storage; never hold a dataset in memory). The simulator runs in its own process
 * (rate limits off, no latency) and so does the sync, started as a user would (`okta-evidence sync … --json`, token
 * from `OKTA_API_TOKEN`), so the peak is the sync's alone. `lowerBoundMs` is, as for `sync-incremental-50k`, the
 * floor of the requests made at real, unscaled Workforce limits with the token's 50 % share: informational here.
 */
export const syncMemory50k = defineScenario({
  id: 'sync-memory-50k',
  description: `first sync of ${USERS} users and ~${WINDOW_EVENTS} System Log events in the 7-day window, sync and simulator in their own processes, SQLite`,
  async run() {
    const sim = await startSimProcess(['--users', String(USERS), '--seed', '7', '--rate-limits', 'off', '--log-events-per-user-per-day', String(EVENTS_PER_USER_PER_DAY)]);
    const directory = mkdtempSync(join(tmpdir(), 'okta-evidence-bench-sync-memory-'));
    try {
      const args = ['sync', '--domain', 'example.okta.com', '--base-url', sim.baseUrl, '--db', join(directory, 'sync.sqlite'), '--json', '--timeout', String(TIMEOUT_S)];
      const env: NodeJS.ProcessEnv = { ...process.env, OKTA_API_TOKEN: sim.token };
      delete env.DATABASE_URL;
      const run = await runProbedCli(args, env);
      if (TRACE) for (const s of run.samples) process.stderr.write(`${JSON.stringify(s)}\n`);
      const line = run.out.trimEnd().split('\n').pop() ?? '';
      if (!line.startsWith('{')) throw new Error(`sync printed no JSON line (exit ${run.code}): ${run.errTail}`);
      const outcome = JSON.parse(line) as SyncJson;
      const stats = (await (await fetch(new URL('/__sim/stats', sim.baseUrl))).json()) as SimStats;
      const simPeakRssMb = vmHwmMb(sim.child.pid);
      const floor = rateLimitFloorMs(stats.requestsByBucket, 1, 0.5);
      const wallMs = outcome.durationMs;
      const logEvents = outcome.counts.logEvents ?? 0;
      const throttled = stats.throttled + stats.concurrencyThrottled;
      return {
        scenario: 'sync-memory-50k',
        figures: {
          users: USERS,
          wallMs,
          lowerBoundMs: Math.round(floor.ms),
          ratio: Math.round((wallMs / floor.ms) * 1000) / 1000,
          requests: stats.requests,
          throttled,
          peakRssMb: run.peakRssMb,
          peakHeapUsedMb: peakOf(run.samples, 'heapUsedMb'),
          peakExternalMb: peakOf(run.samples, 'externalMb'),
          logEvents,
          simPeakRssMb,
          processWallMs: run.wallMs,
          slowestBucket: floor.bucket,
          status: outcome.status,
          complete: String(outcome.complete),
        },
        target: `peak RSS <= ${TARGET_RSS_MB} MB, sync succeeded and complete, ${WINDOW_EVENTS} ± ${WINDOW_EVENTS_TOLERANCE * 100} % log events stored`,
        passed:
          run.peakRssMb <= TARGET_RSS_MB &&
          run.code === 0 &&
          outcome.status === 'succeeded' &&
          outcome.complete &&
          Math.abs(logEvents - WINDOW_EVENTS) <= WINDOW_EVENTS * WINDOW_EVENTS_TOLERANCE,
      };
    } finally {
      await sim.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  },
});
