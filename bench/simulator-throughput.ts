import { Pool } from 'undici';
import { defineScenario } from './scenario.js';
import { startSimProcess } from './sim-process.js';

const REQUESTS = 30_000;
const CONNECTIONS = 32;
const TARGET_RPS = 5_000;

/**
 * The simulator must never be the bottleneck of a client or sync benchmark: at least 5,000 requests/s on loopback
 * with rate limits off, over the single-user endpoint that a sync calls most (GET /users/{id}/factors).
 */
export const simulatorThroughput = defineScenario({
  id: 'simulator-throughput',
  description: `${REQUESTS} GET /api/v1/users/{id}/factors over ${CONNECTIONS} keep-alive connections, rate limits off`,
  async run() {
    const sim = await startSimProcess(['--users', '5000', '--seed', '7', '--rate-limits', 'off']);
    const pool = new Pool(sim.baseUrl, { connections: CONNECTIONS });
    const headers = { authorization: `SSWS ${sim.token}`, accept: 'application/json' };
    try {
      const list = await pool.request({ path: '/api/v1/users?limit=200', method: 'GET', headers });
      const ids = ((await list.body.json()) as { id: string }[]).map((u) => u.id);
      let next = 0;
      let failures = 0;
      const worker = async (): Promise<void> => {
        while (next < REQUESTS) {
          const id = ids[next++ % ids.length]!;
          const response = await pool.request({ path: `/api/v1/users/${id}/factors`, method: 'GET', headers });
          await response.body.dump();
          if (response.statusCode !== 200) failures++;
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: CONNECTIONS }, worker));
      const seconds = (performance.now() - started) / 1000;
      const rps = Math.round(REQUESTS / seconds);
      return {
        scenario: 'simulator-throughput',
        figures: { requests: REQUESTS, connections: CONNECTIONS, requestsPerSecond: rps, failures },
        target: `>= ${TARGET_RPS} req/s, 0 failures`,
        passed: rps >= TARGET_RPS && failures === 0,
      };
    } finally {
      await pool.close();
      await sim.stop();
    }
  },
});
