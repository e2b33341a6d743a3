import { createGithubClient } from '../src/github/client.js';
import { readGithubOrganization } from '../src/github/read-org.js';
import { startGitHubSimulator } from '../src/simulator/github/index.js';
import { bucketFloorMs, type BurstModel } from './rate-limit-floor.js';
import { defineScenario } from './scenario.js';

const MEMBERS = 5000;
const ORG = 'big';
/** The simulator's answer time, so the floor has a round trip in it as a real read does. */
const LATENCY_MS = 20;
/** The reader pages one dataset at a time per resource (REST and GraphQL side by side). */
const BURST: BurstModel = { concurrency: 1, latencyMs: LATENCY_MS };
const HOUR_MS = 3_600_000;
/**
 * GitHub's primary budgets of an App installation on a GHEC organization (an org with SAML): 15,000 REST and 10,000
 * GraphQL points an hour (GITHUB-API.md §5, docs/github-simulator.md). A 5,000-member read needs a few hundred, so
 * they never bind: the "real" run shows that. The "paced" run makes them bind — the same limits per window, scaled
 * down, and the hour shortened by TIME_SCALE — so the floor is the rate limit and the pacer's waits are measured.
 */
const REAL = { coreLimit: 15_000, graphqlLimit: 10_000, timeScale: 1 };
const PACED = { coreLimit: 30, graphqlLimit: 15, timeScale: 180 };
const TARGET_RATIO = 1.2;
/** Requests signed with the App's JWT: the App's own budget, not the installation's. */
const APP_ROUTES = new Set(['GET /orgs/:org/installation', 'POST /app/installations/:installation_id/access_tokens']);

interface ReadFigures {
  wallMs: number;
  floorMs: number;
  ratio: number;
  core: number;
  graphqlPoints: number;
  members: number;
  primary403: number;
  secondary403: number;
  waits: number;
}

/** One read of the 5,000-member SAML org by the connector (App installation), and its rate-limit floor. */
async function readOnce(limits: typeof REAL): Promise<ReadFigures> {
  const sim = await startGitHubSimulator({
    seed: 1,
    okta: { seed: 1, users: MEMBERS + 1000 },
    orgs: [{ login: ORG, members: MEMBERS, saml: 'org', twoFactorRequired: true }],
    latencyMs: LATENCY_MS,
    ...limits,
  });
  try {
    const started = performance.now();
    const client = await createGithubClient({
      baseUrl: sim.url,
      org: ORG,
      credential: { kind: 'app', appId: String(sim.credentials.appId), privateKey: sim.credentials.privateKeyPem, installationId: null },
      throttleId: `bench-${limits.timeScale}-${Date.now()}`,
    });
    const read = await readGithubOrganization(client, { enterprise: null });
    const wallMs = Math.round(performance.now() - started);
    const stats = sim.stats();
    const core = Object.entries(stats.requestsByRoute)
      .filter(([route]) => !APP_ROUTES.has(route) && !/graphql/.test(route))
      .reduce((sum, [, n]) => sum + n, 0);
    const windowMs = HOUR_MS / limits.timeScale;
    const floorMs = Math.max(bucketFloorMs(core, limits.coreLimit, windowMs, BURST), bucketFloorMs(stats.graphqlCost, limits.graphqlLimit, windowMs, BURST));
    return {
      wallMs,
      floorMs,
      ratio: Math.round((wallMs / floorMs) * 100) / 100,
      core,
      graphqlPoints: stats.graphqlCost,
      members: read.accounts.filter((account) => account.kind === 'member').length,
      primary403: stats.primaryLimited,
      secondary403: stats.secondaryLimited,
      waits: client.stats.primaryWaits,
    };
  } finally {
    await sim.close();
  }
}

/**
 * Issue 15: a 5,000-member organization with SAML identities is read within 1.2× its rate-limit floor, with no
 * secondary-limit 403s. The connector's real read (createGithubClient + readGithubOrganization, as runGithubSync does)
 * against the GitHub simulator with GitHub's limits on; the floor is `bucketFloorMs` of rate-limit-floor.ts per
 * resource (core REST requests, GraphQL points), the slowest of the two.
 */
export const githubRead5k = defineScenario({
  id: 'github-read-5k',
  description: `read a ${MEMBERS}-member SAML org through the connector with GitHub's rate limits: real budgets, then budgets that bind (1/${PACED.timeScale} h windows)`,
  async run() {
    const real = await readOnce(REAL);
    const paced = await readOnce(PACED);
    const prefixed = (prefix: string, figures: ReadFigures) => Object.fromEntries(Object.entries(figures).map(([key, value]) => [`${prefix}${key[0]?.toUpperCase() ?? ''}${key.slice(1)}`, value]));
    return {
      scenario: 'github-read-5k',
      figures: { ...prefixed('real', real), ...prefixed('paced', paced) },
      target: `paced read ≤ ${TARGET_RATIO}× its rate-limit floor, no secondary-limit 403 in either read, every member read`,
      passed: paced.ratio <= TARGET_RATIO && real.secondary403 === 0 && paced.secondary403 === 0 && real.members === MEMBERS && paced.members === MEMBERS,
    };
  },
});
