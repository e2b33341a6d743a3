import { generateOrg } from '../src/simulator/org/generate.js';
import { defineScenario } from './scenario.js';

const USERS = 50_000;
const TARGET_MS = 10_000;

/** A 50,000-user org (with its 14 days of System Log events) must be generated in under 10 s. */
export const orgGeneration = defineScenario({
  id: 'org-generation-50k',
  description: `generate a ${USERS}-user org, 1 log event per user per day over 14 days`,
  async run() {
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const org = generateOrg({ users: USERS, seed: 7, now: Date.now(), logEventsPerUserPerDay: 1 });
    const wallMs = Math.round(performance.now() - started);
    const factors = [...org.factorsByUser.values()].reduce((sum, list) => sum + list.length, 0);
    return Promise.resolve({
      scenario: 'org-generation-50k',
      figures: {
        users: org.users.length,
        factors,
        groups: org.groups.length,
        apps: org.apps.length,
        logEvents: org.logs.size,
        wallMs,
        rssGrowthMb: Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20),
      },
      target: `< ${TARGET_MS} ms`,
      passed: wallMs < TARGET_MS && org.users.length === USERS,
    });
  },
});
