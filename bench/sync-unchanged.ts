import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ALL_COLLECTORS } from '../src/collect/index.js';
import { runSync, type SyncOutcome } from '../src/collect/sync-run.js';
import { REVERIFY_SHARE } from '../src/config/settings.js';
import { createSswsAuth } from '../src/okta/auth/ssws.js';
import { createOktaClient } from '../src/okta/client.js';
import { silentLogger } from '../src/config/runtime.js';
import { startSimulator } from '../src/simulator/server.js';
import { openDatabase } from '../src/store/database.js';
import { defineScenario } from './scenario.js';

/** `BENCH_UNCHANGED_USERS` changes the org size; 1,000 users is the size a new user tried it with. */
const USERS = Number(process.env.BENCH_UNCHANGED_USERS ?? 1000);
const BUDGET_MS = 300_000;
/** What re-verification could take before the share existed: everything down to the 20 % reserve. */
const BEFORE_SHARE = 0.8;
/**
 * Issue 13: an incremental sync of the unchanged org ≤ 0.1 × the plain SDK script's full read, measured by
 * `sync-vs-sdk-1k` at about 190 s for 1,000 users (docs/performance.md), so 19 s.
 */
const TARGET_MS = 19_000;
/**
 * A minute of quiet before each incremental sync, so it starts on fresh rate-limit windows as a scheduled sync hours
 * after the last does: without it the change-driven reads wait out the window the previous sync used up (measured
 * 59.4 s for 15 requests right after the full sync), which measures the bench's back-to-back order, not the sync.
 */
const QUIET_MS = 61_000;

/**
 * "Syncs a person waits for": an incremental sync of an org where nothing changed, at real Workforce rate limits
 * (the token's 50 % share). The full sync comes first (minutes: one factors call per user), then incremental syncs
 * with no re-verification (the change-driven part alone), with the default share, and with the share that reproduces
 * the earlier behaviour (re-verify until the 20 % reserve), each measured for wall time and requests.
 */
export const syncUnchanged1k = defineScenario({
  id: 'sync-unchanged-1k',
  description: `incremental sync of an unchanged ${USERS}-user org at Workforce limits: default re-verification share vs ${BEFORE_SHARE}`,
  async run() {
    const sim = await startSimulator({ users: USERS, seed: 11, rateLimits: 'workforce' });
    const client = createOktaClient({ domain: 'example.okta.com', baseUrl: new URL(sim.baseUrl), auth: createSswsAuth(sim.token) });
    const directory = mkdtempSync(join(tmpdir(), 'okta-evidence-bench-unchanged-'));
    const store = await openDatabase(join(directory, 'bench.sqlite'));
    const deps = { store, client, org: 'example.okta.com', collectors: ALL_COLLECTORS, clock: Date.now, logger: silentLogger };
    const measure = async (reverifyShare: number): Promise<{ wallMs: number; requests: number; outcome: SyncOutcome }> => {
      await sleep(QUIET_MS);
      const before = sim.stats().requests;
      const started = performance.now();
      const outcome = await runSync(deps, { trigger: 'manual', timeoutMs: BUDGET_MS, reverifyShare });
      return { wallMs: Math.round(performance.now() - started), requests: sim.stats().requests - before, outcome };
    };
    try {
      const fullStarted = performance.now();
      const full = await runSync(deps, { trigger: 'manual', timeoutMs: 60 * 60_000, incremental: false });
      const fullWallMs = Math.round(performance.now() - fullStarted);
      const changesOnly = await measure(0);
      const after = await measure(REVERIFY_SHARE.default);
      const before = await measure(BEFORE_SHARE);
      const changes = after.outcome.incremental?.changes;
      return {
        scenario: 'sync-unchanged-1k',
        figures: {
          users: USERS,
          fullStatus: full.status,
          fullWallMs,
          fullRequests: full.requests.total,
          changesOnlyWallMs: changesOnly.wallMs,
          changesOnlyRequests: changesOnly.requests,
          afterShare: REVERIFY_SHARE.default,
          afterStatus: after.outcome.status,
          afterWallMs: after.wallMs,
          afterRequests: after.requests,
          afterReverifiedUsers: after.outcome.incremental?.reverifiedUsers ?? 0,
          afterReverifiedApps: after.outcome.incremental?.reverifiedApps ?? 0,
          afterReverifyRequests: JSON.stringify(after.outcome.incremental?.reverifyRequests ?? {}),
          afterReverifyWithdrawn: after.outcome.incremental?.reverifyWithdrawn ?? 0,
          afterChangesFound: changes === undefined ? 'none reported' : JSON.stringify({ ...changes, logCutoff: changes.logCutoff?.toISOString() ?? null }),
          beforeShare: BEFORE_SHARE,
          beforeStatus: before.outcome.status,
          beforeWallMs: before.wallMs,
          beforeRequests: before.requests,
          beforeReverifiedUsers: before.outcome.incremental?.reverifiedUsers ?? 0,
        },
        target: `incremental sync of an unchanged org <= ${TARGET_MS / 1000} s (0.1 x the SDK script's ~190 s) with the default share`,
        passed: after.outcome.status === 'succeeded' && after.outcome.incremental !== undefined && after.wallMs <= TARGET_MS,
      };
    } finally {
      await client.close();
      await store.close();
      await sim.close();
      rmSync(directory, { recursive: true, force: true });
    }
  },
});
