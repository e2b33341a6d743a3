import { simulatorOptionsSchema } from '../src/simulator/options.js';
import { generateOrg } from '../src/simulator/org/generate.js';
import { buildSimulatorApp } from '../src/simulator/server.js';
import { newStats } from '../src/simulator/stats.js';
import { defineScenario } from './scenario.js';

const CHANGES = 10_000;
const TARGET_MS = 2_000;
const TOKEN = '00bench-admin-token-0123456789abcdefghij';

/**
 * `POST /__sim/changes` with 10,000 user creations (each joins Everyone and its apps) must answer in under 2 s: it
 * used to be quadratic (8,000 creations blocked the simulator for 104 s, issue 14 item 13).
 */
export const simulatorChanges = defineScenario({
  id: 'simulator-changes-10k',
  description: `POST /__sim/changes with ${CHANGES.toLocaleString('en-US')} user creations on a 5,000-user org`,
  async run() {
    const now = Date.now();
    const org = generateOrg({ users: 5_000, seed: 3, now });
    org.sswsTokens.push(TOKEN);
    const app = buildSimulatorApp({ org, options: simulatorOptionsSchema.parse({}), stats: newStats(), clock: () => now, baseUrl: 'http://127.0.0.1:0' });
    await app.ready();
    const body = JSON.stringify(Array.from({ length: CHANGES }, (_, i) => ({ kind: 'user.create', profile: { login: `bench.${i}@example.com`, firstName: 'Bench', lastName: `User ${i}` } })));
    const started = performance.now();
    const response = await app.inject({ method: 'POST', url: '/__sim/changes', headers: { 'content-type': 'application/json', authorization: `SSWS ${TOKEN}` }, payload: body });
    const wallMs = Math.round(performance.now() - started);
    await app.close();
    return {
      scenario: 'simulator-changes-10k',
      figures: { changes: CHANGES, status: response.statusCode, bodyMb: Math.round((body.length / 2 ** 20) * 10) / 10, wallMs },
      target: `< ${TARGET_MS} ms, HTTP 200`,
      passed: response.statusCode === 200 && wallMs < TARGET_MS,
    };
  },
});
