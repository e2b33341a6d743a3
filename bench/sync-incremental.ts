import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIGN_IN_STATUSES } from '../src/collect/collector.js';
import { ALL_COLLECTORS } from '../src/collect/index.js';
import { runSync } from '../src/collect/sync-run.js';
import { createSswsAuth } from '../src/okta/auth/ssws.js';
import { createOktaClient } from '../src/okta/client.js';
import { silentLogger } from '../src/config/runtime.js';
import { planChurn } from '../src/simulator/org/churn.js';
import type { SimOrg } from '../src/simulator/org/types.js';
import { startSimulator } from '../src/simulator/server.js';
import { openDatabase } from '../src/store/database.js';
import type { Store } from '../src/store/store.js';
import { defineScenario } from './scenario.js';
import { rateLimitFloorMs } from './sync-full.js';

/** `BENCH_INCR_USERS` shrinks the org for a quick run; the scenario's targets are for 50,000. */
const USERS = Number(process.env.BENCH_INCR_USERS ?? 50_000);
const CHURN = 0.01;
const MAX_SHARE = 0.05;
const BUDGET_MS = 300_000;
const MINUTE = 60_000;
const FACTORS_BUCKET = 'GET /api/v1/users';
const APPS_BUCKET = '/api/v1/apps*';

function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([bucket, n]) => [bucket, n - (before[bucket] ?? 0)]));
}

/**
 * The full sync runs with rate limits off (at real limits 50,000 factor calls take 50 minutes); what is measured is
 * the incremental sync's requests, whose rate-limit floor is computed at real, unscaled Workforce limits with the
 * token's 50 % share (the formula of `rateLimitFloorMs`), and checked against the 300 s budget.
 */
export const syncIncremental50k = defineScenario({
  id: 'sync-incremental-50k',
  description: `incremental sync after ${CHURN * 100} % churn (through the simulator's change API) on ${USERS} users`,
  async run() {
    let offset = 0;
    const clock = () => Date.now() + offset;
    const sim = await startSimulator({ users: USERS, seed: 11, rateLimits: 'off' }, { clock });
    const client = createOktaClient({ domain: 'example.okta.com', baseUrl: new URL(sim.baseUrl), auth: createSswsAuth(sim.token) });
    const directory = mkdtempSync(join(tmpdir(), 'okta-evidence-bench-incr-'));
    const store = await openDatabase(join(directory, 'bench.sqlite'));
    const deps = { store, client, org: 'example.okta.com', collectors: ALL_COLLECTORS, clock, logger: silentLogger };
    try {
      const full = await runSync(deps, { trigger: 'manual', timeoutMs: 60 * MINUTE, incremental: false, perEntityConcurrency: 16 });
      const fullRequests = sim.stats().requests;

      offset += 10 * MINUTE;
      const changes = planChurn(sim.org, CHURN, 3);
      const applied = sim.applyChanges(changes);
      offset += 5 * MINUTE;

      const before = { ...sim.stats().requestsByBucket };
      const requestsBefore = sim.stats().requests;
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
      const started = performance.now();
      const incremental = await runSync(deps, { trigger: 'manual', timeoutMs: BUDGET_MS });
      const wallMs = Math.round(performance.now() - started);
      clearInterval(sampler);

      const reverify = incremental.incremental?.reverifyRequests ?? { factors: 0, apps: 0 };
      const requests = sim.stats().requests - requestsBefore - reverify.factors - reverify.apps;
      const byBucket = delta(sim.stats().requestsByBucket, before);
      // Re-verification reads factors (the users bucket, the pessimistic reading) and whole apps (the apps bucket);
      // the floor is that of the change-driven requests.
      byBucket[FACTORS_BUCKET] = (byBucket[FACTORS_BUCKET] ?? 0) - reverify.factors;
      byBucket[APPS_BUCKET] = (byBucket[APPS_BUCKET] ?? 0) - reverify.apps;
      const floor = rateLimitFloorMs(byBucket, 1, 0.5);
      const touched = new Set(applied.flatMap((a) => [a.createdId, 'userId' in a.change ? a.change.userId : undefined]).filter((id) => id !== undefined));
      const wrong = await wrongUsers(store, incremental.snapshotId ?? '', sim.org, touched);
      const share = Math.round((requests / fullRequests) * 10_000) / 10_000;
      return {
        scenario: 'sync-incremental-50k',
        figures: {
          users: USERS,
          changes: changes.length,
          wallMs,
          lowerBoundMs: Math.round(floor.ms),
          slowestBucket: floor.bucket,
          requests,
          reverifyRequests: reverify.factors + reverify.apps,
          reverifiedUsers: incremental.incremental?.reverifiedUsers ?? 0,
          reverifiedApps: incremental.incremental?.reverifiedApps ?? 0,
          appsBucketRequests: byBucket[APPS_BUCKET] ?? 0,
          fullRequests,
          share,
          wrongUsers: wrong,
          peakRssMb: Math.round(peakRss / 1_048_576),
          fullStatus: full.status,
          status: incremental.status,
        },
        target: `requests <= ${MAX_SHARE * 100} % of the full sync's, floor at real limits <= ${BUDGET_MS / 1000} s, changed users correct`,
        passed: incremental.status === 'succeeded' && share <= MAX_SHARE && floor.ms <= BUDGET_MS && wrong === 0,
      };
    } finally {
      await client.close();
      await store.close();
      await sim.close();
      rmSync(directory, { recursive: true, force: true });
    }
  },
});

/** Changed users whose stored status, factor ids or app assignments (app, scope, granting groups) differ from the org. */
async function wrongUsers(store: Store, snapshotId: string, org: SimOrg, ids: ReadonlySet<string>): Promise<number> {
  const expectedApps = assignmentsInOrg(org, ids);
  const storedApps = new Map<string, string[]>();
  for await (const row of store.entities.stream('appAssignments', snapshotId)) {
    if (ids.has(row.userId)) storedApps.set(row.userId, [...(storedApps.get(row.userId) ?? []), assignmentKey(row.appId, row.scope, row.viaGroupIds)]);
  }
  let wrong = 0;
  for (const id of ids) {
    const simUser = org.usersById.get(id);
    const stored = await store.entities.find('users', snapshotId, { id });
    const eligible = simUser !== undefined && (SIGN_IN_STATUSES as readonly string[]).includes(simUser.status);
    const expected = eligible ? (org.factorsByUser.get(id) ?? []).map((f) => f.id).sort() : [];
    const factors: string[] = [];
    for await (const factor of store.entities.stream('factors', snapshotId, { parentId: id })) factors.push(factor.id);
    const apps = (storedApps.get(id) ?? []).sort();
    const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);
    if (stored?.status !== simUser?.status || !same(factors.sort(), expected) || !same(apps, (expectedApps.get(id) ?? []).sort())) wrong++;
  }
  return wrong;
}

function assignmentKey(appId: string, scope: string, viaGroupIds: readonly string[]): string {
  return `${appId}:${scope}:${[...viaGroupIds].sort().join(',')}`;
}

/** The org's assignments of `ids`, as `assignmentKey`s: GROUP rows name the app's groups the user is in. */
function assignmentsInOrg(org: SimOrg, ids: ReadonlySet<string>): Map<string, string[]> {
  const byUser = new Map<string, string[]>();
  for (const [appId, rows] of org.appUsers) {
    for (const row of rows) {
      if (!ids.has(row.id)) continue;
      const userGroups = new Set(org.userGroups.get(row.id) ?? []);
      const via = row.scope === 'GROUP' ? (org.appGroups.get(appId) ?? []).map((g) => g.id).filter((g) => userGroups.has(g)) : [];
      byUser.set(row.id, [...(byUser.get(row.id) ?? []), assignmentKey(appId, row.scope, via)]);
    }
  }
  return byUser;
}
