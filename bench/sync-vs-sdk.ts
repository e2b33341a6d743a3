import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALL_COLLECTORS } from '../src/collect/index.js';
import { runSync } from '../src/collect/sync-run.js';
import { createSswsAuth } from '../src/okta/auth/ssws.js';
import { createOktaClient } from '../src/okta/client.js';
import { silentLogger } from '../src/config/runtime.js';
import type { SimStats } from '../src/simulator/stats.js';
import { openDatabase } from '../src/store/database.js';
import { rateLimitFloorMs } from './rate-limit-floor.js';
import { defineScenario } from './scenario.js';
import { runSdkScript } from './sdk-script.js';
import { startSimProcess } from './sim-process.js';

const SEED = 11;
const LATENCY_MS = 40;
const TOKEN_SHARE = 0.5;
const FLOOR_TARGET = 1.05;
/** Every window is over after a minute without requests (a window starts at the first request after the last ended). */
const QUIET_MS = 61_000;

interface Traffic {
  requests: number;
  throttled: number;
  byBucket: Record<string, number>;
}

async function statsOf(baseUrl: string): Promise<SimStats> {
  const response = await fetch(`${baseUrl}/__sim/stats`);
  return (await response.json()) as SimStats;
}

function trafficBetween(before: SimStats, after: SimStats): Traffic {
  const byBucket: Record<string, number> = {};
  for (const [bucket, n] of Object.entries(after.requestsByBucket)) byBucket[bucket] = n - (before.requestsByBucket[bucket] ?? 0);
  const throttled = after.throttled + after.concurrencyThrottled - before.throttled - before.concurrencyThrottled;
  return { requests: after.requests - before.requests, throttled, byBucket };
}

/** Runs `work` and reports its wall time and the simulator traffic it caused. */
async function measured<T>(baseUrl: string, work: () => Promise<T>): Promise<{ result: T; wallMs: number; traffic: Traffic }> {
  const before = await statsOf(baseUrl);
  const started = performance.now();
  const result = await work();
  const wallMs = Math.round(performance.now() - started);
  return { result, wallMs, traffic: trafficBetween(before, await statsOf(baseUrl)) };
}

/** The product's full sync into a fresh SQLite store; only the sync is timed, not opening (migrating) the store. */
async function productSync(baseUrl: string, token: string) {
  const client = createOktaClient({ domain: 'example.okta.com', baseUrl: new URL(baseUrl), auth: createSswsAuth(token) });
  const directory = mkdtempSync(join(tmpdir(), 'okta-evidence-bench-vs-sdk-'));
  const store = await openDatabase(join(directory, 'bench.sqlite'));
  try {
    return await measured(baseUrl, () =>
      runSync({ store, client, org: 'example.okta.com', collectors: ALL_COLLECTORS, clock: Date.now, logger: silentLogger }, { trigger: 'manual', timeoutMs: 60 * 60_000 }),
    );
  } finally {
    await client.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The plain SDK script (bench/sdk-script.ts) and the product's first full sync, one after the other against the same
 * simulator process (`okta-evidence simulate`, real Workforce limits with one-minute windows, 40 ms ± 25 % latency,
 * factors in the users bucket as the simulator counts them by default), a minute of quiet in between so each starts
 * on fresh windows. Both use the same token, so both get its 50 % share of every bucket. The product reads more than
 * the script (deprovisioned users, app groups, admin roles); the floors are each one's own requests'.
 */
function syncVsSdkScenario(id: string, users: number) {
  return defineScenario({
    id,
    description: `SDK script vs the product's full sync, ${users} users (seed ${SEED}), Workforce limits, ${LATENCY_MS} ms latency, simulator in its own process`,
    async run() {
      const sim = await startSimProcess(['--users', String(users), '--seed', String(SEED), '--rate-limits', 'workforce', '--latency-ms', String(LATENCY_MS)]);
      try {
        const script = await measured(sim.baseUrl, () => runSdkScript(sim.baseUrl, sim.token));
        await sleep(QUIET_MS);
        const product = await productSync(sim.baseUrl, sim.token);
        const scriptFloor = rateLimitFloorMs(script.traffic.byBucket, 1, TOKEN_SHARE);
        const productFloor = rateLimitFloorMs(product.traffic.byBucket, 1, TOKEN_SHARE);
        const ratio = Math.round((product.wallMs / productFloor.ms) * 1000) / 1000;
        const vsScript = Math.round((product.wallMs / script.wallMs) * 1000) / 1000;
        const outcome = product.result;
        return {
          scenario: id,
          figures: {
            users,
            scriptWallMs: script.wallMs,
            scriptThrottled: script.traffic.throttled,
            scriptRequests: script.traffic.requests,
            scriptFloorMs: Math.round(scriptFloor.ms),
            scriptRatio: Math.round((script.wallMs / scriptFloor.ms) * 1000) / 1000,
            productWallMs: product.wallMs,
            productThrottled: product.traffic.throttled,
            productRequests: product.traffic.requests,
            productFloorMs: Math.round(productFloor.ms),
            productSlowestBucket: productFloor.bucket,
            productRatio: ratio,
            productVsScript: vsScript,
            scriptBuckets: JSON.stringify(script.traffic.byBucket),
            productBuckets: JSON.stringify(product.traffic.byBucket),
            status: outcome.status,
            loadAverage: Math.round(loadavg()[0]! * 10) / 10,
          },
          target: `product wall <= script wall, product 0 throttled, product <= ${FLOOR_TARGET} x its floor`,
          passed: vsScript <= 1 && product.traffic.throttled === 0 && ratio <= FLOOR_TARGET && outcome.status === 'succeeded' && outcome.complete,
        };
      } finally {
        await sim.stop();
      }
    },
  });
}

export const syncVsSdk1k = syncVsSdkScenario('sync-vs-sdk-1k', 1000);
export const syncVsSdk5k = syncVsSdkScenario('sync-vs-sdk-5k', 5000);
