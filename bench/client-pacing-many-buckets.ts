import type { OktaClient } from '../src/okta/client.js';
import { failureCount, flatOut, idsOf, startClientBench } from './client-load.js';
import { defineScenario } from './scenario.js';

const TIME_SCALE = 3;
const DURATION_MS = 30_000;
const LATENCY_MS = 40;
const CLIENT_CONCURRENCY = 10;
const WORKERS_PER_ENDPOINT = 4;

type Call = (client: OktaClient, n: number, signal: AbortSignal) => Promise<unknown>;

/** What a sync reads, across the Workforce buckets: users list and users/{id}, groups, groups/{id}, apps, apps/{id}, logs, other. */
function endpoints(ids: { users: string[]; groups: string[]; apps: string[] }): Record<string, Call> {
  const pick = (list: string[], n: number): string => list[n % list.length]!;
  const since = new Date(Date.now() - 86_400_000).toISOString();
  const until = new Date().toISOString();
  return {
    usersList: (c, _n, signal) => c.get('/api/v1/users', { signal, query: { limit: 200, search: 'status pr' } }),
    factors: (c, n, signal) => c.get(`/api/v1/users/${pick(ids.users, n)}/factors`, { signal }),
    userById: (c, n, signal) => c.get(`/api/v1/users/${pick(ids.users, n)}`, { signal }),
    groupsList: (c, _n, signal) => c.get('/api/v1/groups', { signal, query: { limit: 200 } }),
    groupMembers: (c, n, signal) => c.get(`/api/v1/groups/${pick(ids.groups, n)}/users`, { signal, query: { limit: 200 } }),
    groupById: (c, n, signal) => c.get(`/api/v1/groups/${pick(ids.groups, n)}`, { signal }),
    appsList: (c, _n, signal) => c.get('/api/v1/apps', { signal, query: { limit: 200 } }),
    appById: (c, n, signal) => c.get(`/api/v1/apps/${pick(ids.apps, n)}`, { signal }),
    logs: (c, _n, signal) => c.get('/api/v1/logs', { signal, query: { since, until, limit: 100 } }),
    policies: (c, _n, signal) => c.get('/api/v1/policies', { signal, query: { type: 'OKTA_SIGN_ON' } }),
  };
}

/**
 * Many buckets flat out at once with Okta-like latency (40 ms ± 25 %): the simulator must never see more requests in
 * flight than the client's cap, and no request may draw a 429.
 */
export const clientPacingManyBuckets = defineScenario({
  id: 'client-pacing-many-buckets',
  description: `10 endpoints over 8 buckets flat out (${WORKERS_PER_ENDPOINT} callers each, client concurrency ${CLIENT_CONCURRENCY}) for ${DURATION_MS / 1000} s, ${LATENCY_MS} ms latency, Workforce limits at time scale ${TIME_SCALE}`,
  async run() {
    const bench = await startClientBench(
      ['--users', '2000', '--seed', '7', '--rate-limits', 'workforce', '--time-scale', String(TIME_SCALE), '--latency-ms', String(LATENCY_MS)],
      { concurrency: CLIENT_CONCURRENCY },
    );
    try {
      const setup = AbortSignal.timeout(60_000);
      const ids = {
        users: idsOf(await bench.client.get('/api/v1/users', { signal: setup, query: { limit: 200 } })),
        groups: idsOf(await bench.client.get('/api/v1/groups', { signal: setup, query: { limit: 200 } })),
        apps: idsOf(await bench.client.get('/api/v1/apps', { signal: setup, query: { limit: 200 } })),
      };
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), DURATION_MS);
      const started = performance.now();
      const loads = await Promise.all(
        Object.values(endpoints(ids)).map((call) => flatOut(WORKERS_PER_ENDPOINT, stop.signal, (n, signal) => call(bench.client, n, signal))),
      );
      clearTimeout(timer);
      const wallMs = Math.round(performance.now() - started);

      const sim = await bench.simStats();
      const own = bench.client.stats();
      const failures = loads.reduce((sum, load) => sum + failureCount(load), 0);
      const throttled = sim.throttled + own.throttled;
      const perBucket = Object.fromEntries(Object.entries(sim.requestsByBucket).map(([bucket, n]) => [`requests ${bucket}`, n]));
      return {
        scenario: 'client-pacing-many-buckets',
        figures: {
          wallMs,
          requests: sim.requests,
          peakConcurrency: sim.peakConcurrency,
          clientPeakConcurrency: own.peakConcurrency,
          concurrencyCap: CLIENT_CONCURRENCY,
          throttled,
          failures,
          ...perBucket,
        },
        target: `simulator peak concurrency <= ${CLIENT_CONCURRENCY}, 0 throttled, 0 failures`,
        passed: sim.peakConcurrency <= CLIENT_CONCURRENCY && throttled === 0 && failures === 0,
      };
    } finally {
      await bench.stop();
    }
  },
});
