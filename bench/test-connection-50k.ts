import { testConnection } from '../src/app/test-connection.js';
import { createSswsAuth } from '../src/okta/auth/ssws.js';
import { defineScenario } from './scenario.js';
import { startSimProcess } from './sim-process.js';

const USERS = Number(process.env.BENCH_TEST_CONNECTION_USERS ?? 50_000);
/** Issue 9: Test connection answers in under 10 s on a real org. */
const TARGET_MS = 10_000;

/**
 * Test connection against a large simulated org (its own process), at real Workforce limits and 40 ms latency: one
 * small read per dataset must not grow with the org, so the whole test stays under 10 s however many users it has.
 */
export const testConnection50k = defineScenario({
  id: 'test-connection-50k',
  description: `Test connection on a ${USERS.toLocaleString('en-US')}-user simulated org, Workforce limits, 40 ms latency`,
  async run() {
    const sim = await startSimProcess(['--users', String(USERS), '--seed', '5', '--rate-limits', 'workforce', '--latency-ms', '40']);
    try {
      const started = performance.now();
      const report = await testConnection({ domain: 'example.okta.com', baseUrl: new URL(sim.baseUrl), auth: createSswsAuth(sim.token), timeoutMs: 30_000 });
      const wallMs = Math.round(performance.now() - started);
      const readable = report.datasets.filter((d) => d.state === 'readable').length;
      const unreadable = report.datasets.filter((d) => d.state === 'failing' || d.state === 'not_permitted').length;
      return {
        scenario: 'test-connection-50k',
        figures: { users: USERS, wallMs, reportedMs: report.durationMs, datasets: report.datasets.length, readable, unreadable, fatal: report.fatal?.code ?? 'none' },
        target: `< ${TARGET_MS / 1000} s, no dataset failing or not permitted`,
        passed: report.fatal === null && unreadable === 0 && wallMs < TARGET_MS,
      };
    } finally {
      await sim.stop();
    }
  },
});
