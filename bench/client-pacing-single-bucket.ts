import { failureCount, flatOut, idsOf, startClientBench } from './client-load.js';
import { defineScenario } from './scenario.js';

/**
 * Time scale 2: 30 s windows. The simulator's `X-Rate-Limit-Reset` is a whole second rounded up (Okta's is a whole
 * second too); the client's early probe half a second before it wins back part of that second, and it keeps a 1 %
 * reserve per window. Before issue 13 (5 % reserve, budget spread over the window) the ratio was 0.93; at 20 s
 * windows it landed at 0.905–0.93, too close to the target to be a stable benchmark.
 */
const TIME_SCALE = 2;
const WINDOWS = 2;
const WORKERS = 50;
/** Workforce `GET /api/v1/users` (where the simulator counts `/users/{id}/factors` by default): 600/min org-wide. */
const BUCKET = 'GET /api/v1/users';
const ORG_LIMIT_PER_MINUTE = 600;
const TOKEN_SHARE = 0.5;
const TARGET_RATIO = 0.9;

/**
 * One bucket flat out: the client must sustain ≥ 90 % of the rate its token may use (50 % of the bucket), with zero
 * 429s. The limits the simulator applies per (scaled) window are computed as it computes them, then turned back into
 * a per-minute rate: a time scale keeps the rate per second and only shortens the window.
 */
export const clientPacingSingleBucket = defineScenario({
  id: 'client-pacing-single-bucket',
  description: `GET /api/v1/users/{id}/factors flat out (${WORKERS} callers, client concurrency 10) for ${WINDOWS} windows of ${60 / TIME_SCALE} s, Workforce limits at time scale ${TIME_SCALE}`,
  async run() {
    const windowMs = 60_000 / TIME_SCALE;
    const tokenPerWindow = Math.floor(Math.round(ORG_LIMIT_PER_MINUTE / TIME_SCALE) * TOKEN_SHARE);
    const allowedPerMinute = (tokenPerWindow * 60_000) / windowMs;
    const bench = await startClientBench(['--users', '500', '--seed', '7', '--rate-limits', 'workforce', '--time-scale', String(TIME_SCALE)]);
    try {
      const stop = new AbortController();
      const started = performance.now();
      const timer = setTimeout(() => stop.abort(), WINDOWS * windowMs);
      // The user list opens the bucket's first window; it is part of the load (a sync lists users, then their factors).
      const ids = idsOf(await bench.client.get('/api/v1/users', { signal: stop.signal, query: { limit: 200 } }));
      const load = await flatOut(WORKERS, stop.signal, (n, signal) => bench.client.get(`/api/v1/users/${ids[n % ids.length]!}/factors`, { signal }));
      clearTimeout(timer);
      const wallMs = Math.round(performance.now() - started);

      const requests = load.completed + 1;
      const achievedPerMinute = Math.round((requests * 60_000) / wallMs);
      const ratio = Math.round((achievedPerMinute / allowedPerMinute) * 1000) / 1000;
      const sim = await bench.simStats();
      const throttled = sim.throttled + bench.client.stats().throttled;
      return {
        scenario: 'client-pacing-single-bucket',
        figures: {
          requests,
          wallMs,
          windows: WINDOWS,
          windowMs,
          achievedPerMinute,
          allowedPerMinute,
          ratio,
          throttled,
          simRequests: sim.requestsByBucket[BUCKET] ?? 0,
          stoppedAtEnd: load.stopped,
          failures: failureCount(load),
        },
        target: `ratio >= ${TARGET_RATIO}, 0 throttled, 0 failures`,
        passed: ratio >= TARGET_RATIO && throttled === 0 && failureCount(load) === 0,
      };
    } finally {
      await bench.stop();
    }
  },
});
