import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_COLLECTORS } from '../src/collect/index.js';
import { runSync } from '../src/collect/sync-run.js';
import { createSswsAuth } from '../src/okta/auth/ssws.js';
import { createOktaClient } from '../src/okta/client.js';
import { silentLogger } from '../src/config/runtime.js';
import { startSimulator } from '../src/simulator/server.js';
import { openDatabase } from '../src/store/database.js';
import { rateLimitFloorMs } from './rate-limit-floor.js';
import { defineScenario } from './scenario.js';

/** `BENCH_SYNC_USERS` shrinks the org for a quick run; the scenario's target is for 5,000. */
const USERS = Number(process.env.BENCH_SYNC_USERS ?? 5000);
/**
 * Real Workforce windows (one minute). A time scale K shortens the windows but not the rate (the simulator allows
 * round(limit / K) per 60/K s), so it does not make the bench faster; it only makes the window edges — the up to one
 * second lost to `X-Rate-Limit-Reset`'s resolution and the one-request reserve kept per window — K times heavier,
 * which a one-minute window does not suffer in production.
 */
const TIME_SCALE = 1;
const LATENCY_MS = 40;
const TOKEN_SHARE = 0.5;
const TARGET_RATIO = 1.05;

export { rateLimitFloorMs } from './rate-limit-floor.js';

/**
 * A first full sync of a Workforce org against the simulator in-process: 40 ms ± 25 % latency, Workforce limits with
 * one-minute windows, one sync with a budget long enough to finish (a scheduled sync would spread it over several
 * budgets and resume). Factors count against `GET /api/v1/users/{id}` (the optimistic reading, 2,000/min): with the
 * pessimistic one (600/min) 5,000 factor calls alone need 17 minutes.
 */
function syncFullScenario(id: string, users: number, timeoutMs: number) {
  return defineScenario({
    id,
    description: `first full sync of ${users} users, Workforce limits at time scale ${TIME_SCALE}, ${LATENCY_MS} ms latency, SQLite`,
    run: () => runFullSync(id, users, timeoutMs),
  });
}

/** `BENCH_SYNC_USERS` shrinks the 5k org for a quick run. */
export const syncFull5k = syncFullScenario('sync-full-5k', USERS, 30 * 60_000);
/** About an hour: 50,000 factor calls at the token's 1,000 a minute, and the apps bucket (50 a minute for the token). */
export const syncFull50k = syncFullScenario('sync-full-50k', 50_000, 4 * 60 * 60_000);

async function runFullSync(id: string, users: number, timeoutMs: number) {
  const sim = await startSimulator({ users, seed: 7, rateLimits: 'workforce', timeScale: TIME_SCALE, latencyMs: LATENCY_MS, tokenShare: TOKEN_SHARE, factorsBucket: 'users-id' });
  const client = createOktaClient({ domain: 'example.okta.com', baseUrl: new URL(sim.baseUrl), auth: createSswsAuth(sim.token) });
  const directory = mkdtempSync(join(tmpdir(), 'okta-evidence-bench-sync-'));
  const store = await openDatabase(join(directory, 'bench.sqlite'));
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    const started = performance.now();
    const outcome = await runSync(
      { store, client, org: 'example.okta.com', collectors: ALL_COLLECTORS, clock: Date.now, logger: silentLogger },
      { trigger: 'manual', timeoutMs },
    );
    const wallMs = Math.round(performance.now() - started);
    const stats = sim.stats();
    const floor = rateLimitFloorMs(stats.requestsByBucket, TIME_SCALE, TOKEN_SHARE);
    const lowerBoundMs = Math.round(floor.ms);
    const ratio = Math.round((wallMs / lowerBoundMs) * 1000) / 1000;
    const throttled = stats.throttled + stats.concurrencyThrottled;
    return {
      scenario: id,
      figures: {
        users,
        wallMs,
        lowerBoundMs,
        ratio,
        requests: stats.requests,
        throttled,
        peakRssMb: Math.round(peakRss / 1_048_576),
        slowestBucket: floor.bucket,
        buckets: JSON.stringify(stats.requestsByBucket),
        loadAverage: Math.round(loadavg()[0]! * 10) / 10,
        status: outcome.status,
      },
      target: `ratio <= ${TARGET_RATIO}, 0 throttled, sync succeeded`,
      passed: ratio <= TARGET_RATIO && throttled === 0 && outcome.status === 'succeeded' && outcome.complete,
    };
  } finally {
    clearInterval(sampler);
    await client.close();
    await store.close();
    await sim.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
