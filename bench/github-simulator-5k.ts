import { startGitHubSimulator } from '../src/simulator/github/index.js';
import { allPages, graphqlCall, type GraphqlBody, type Reply } from '../src/simulator/github/test-kit.js';
import { defineScenario } from './scenario.js';

const MEMBERS = 5000;
/** The simulator must never be what slows a 5,000-member read: GitHub's own floor is minutes (rate limits, paging). */
const TARGET_MS = 15_000;

interface IdentityPage {
  organization: { samlIdentityProvider: { externalIdentities: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
}

const QUERY = `query($cursor: String) { organization(login: "big") { samlIdentityProvider { externalIdentities(first: 100, after: $cursor, membersOnly: true) {
  edges { node { guid samlIdentity { nameId } user { login } } } pageInfo { hasNextPage endCursor } } } } }`;

/**
 * A 5,000-member SAML org of the GitHub simulator, read as the connector reads it: every member (REST, 100 per page)
 * and every SAML identity (GraphQL, 100 per page), serially, rate limits off.
 */
export const githubSimulator5k = defineScenario({
  id: 'github-simulator-5k',
  description: `start a ${MEMBERS}-member SAML org and read its members (REST) and SAML identities (GraphQL)`,
  async run() {
    const started = performance.now();
    const sim = await startGitHubSimulator({ seed: 1, rateLimits: 'off', okta: { seed: 1, users: MEMBERS + 1000 }, orgs: [{ login: 'big', members: MEMBERS, saml: 'org' }] });
    const startMs = Math.round(performance.now() - started);
    try {
      const readStart = performance.now();
      const members = await allPages(sim, '/orgs/big/members?per_page=100', sim.credentials.tokens.owner);
      const restMs = Math.round(performance.now() - readStart);
      let identities = 0;
      let cursor: string | null = null;
      const graphqlStart = performance.now();
      for (;;) {
        const page: Reply<GraphqlBody<IdentityPage>> = await graphqlCall<IdentityPage>(sim, sim.credentials.tokens.owner, QUERY, { cursor });
        const connection: IdentityPage['organization']['samlIdentityProvider']['externalIdentities'] | undefined = page.body.data?.organization.samlIdentityProvider.externalIdentities;
        if (connection === undefined) throw new Error(`GraphQL failed: ${JSON.stringify(page.body.errors)}`);
        identities += connection.edges.length;
        if (!connection.pageInfo.hasNextPage) break;
        cursor = connection.pageInfo.endCursor;
      }
      const graphqlMs = Math.round(performance.now() - graphqlStart);
      const readMs = restMs + graphqlMs;
      return {
        scenario: 'github-simulator-5k',
        figures: { members: members.length, identities, startMs, restMs, graphqlMs, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) },
        target: `read < ${TARGET_MS} ms`,
        passed: members.length === MEMBERS && identities > 0 && readMs < TARGET_MS,
      };
    } finally {
      await sim.close();
    }
  },
});
