import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubSimulator, type GitHubSimulatorHandle } from './server.js';

interface Login {
  login: string;
}

async function get(sim: GitHubSimulatorHandle, path: string, token: string | null, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sim.url}${path}`, { headers: { 'user-agent': 'sim-test', ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers } });
}

interface GraphqlReply {
  status: number;
  body: { data?: Record<string, unknown>; errors?: Record<string, unknown>[] };
  headers: Headers;
}

interface IdentityPage {
  organization: { samlIdentityProvider: { externalIdentities: { edges: { node: { samlIdentity: { nameId: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
  rateLimit: { cost: number };
}

async function graphql(sim: GitHubSimulatorHandle, token: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlReply> {
  const response = await fetch(sim.graphqlUrl, { method: 'POST', headers: { 'user-agent': 'sim-test', authorization: `bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as GraphqlReply['body'], headers: response.headers };
}

describe('GitHub simulator, end to end over HTTP', () => {
  let sim: GitHubSimulatorHandle;
  beforeAll(async () => {
    sim = await startGitHubSimulator({ seed: 7 });
  }, 60_000);
  afterAll(() => sim.close());

  it('lists members page by page with Link headers and rate-limit headers', async () => {
    const first = await get(sim, '/orgs/example-eng/members?per_page=25', sim.credentials.tokens.owner);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(first.headers.get('x-ratelimit-limit'))).toBe(5000);
    expect(Number(first.headers.get('x-ratelimit-used'))).toBeGreaterThan(0);
    const link = first.headers.get('link') ?? '';
    expect(link).toContain('rel="next"');
    expect(link).toContain('per_page=25');
    expect(link).toContain(`<${sim.url}/orgs/example-eng/members?`);
    const page1 = (await first.json()) as Login[];
    expect(page1).toHaveLength(25);
    const last = await get(sim, '/orgs/example-eng/members?per_page=25&page=3', sim.credentials.tokens.owner);
    expect(((await last.json()) as Login[]).length).toBe(10);
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('answers the owner-only 2FA filters for owners and 422 for members', async () => {
    const disabled = (await (await get(sim, '/orgs/example-eng/members?filter=2fa_disabled&per_page=100', sim.credentials.tokens.owner)).json()) as Login[];
    const insecure = (await (await get(sim, '/orgs/example-eng/members?filter=2fa_insecure&per_page=100', sim.credentials.tokens.owner)).json()) as Login[];
    expect(disabled.length).toBeGreaterThan(0);
    expect(insecure.length).toBeGreaterThan(0);
    const expected = sim.world.orgs.get('example-eng')?.members.filter((m) => m.user.twoFactor === 'none').map((m) => m.user.login);
    expect(disabled.map((u) => u.login).sort()).toEqual([...(expected ?? [])].sort());
    const refused = await get(sim, '/orgs/example-eng/members?filter=2fa_disabled', sim.credentials.tokens.member);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ message: 'Only owners can use this filter.', status: '422' });
  });

  it('refuses a fine-grained token without Members read, and unknown tokens', async () => {
    const noMembers = await get(sim, '/orgs/example-eng/members', sim.credentials.tokens.fineGrainedNoMembers);
    expect(noMembers.status).toBe(403);
    expect(noMembers.headers.get('x-accepted-github-permissions')).toBe('members=read');
    expect(await noMembers.json()).toMatchObject({ message: 'Resource not accessible by personal access token' });
    const bad = await get(sim, '/orgs/example-eng/members', 'ghp_not_a_token');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: 'Bad credentials', status: '401' });
  });

  it('mints an installation token from the App JWT (Octokit auth-app) and reads with it, on GHES paths too', async () => {
    const installationId = sim.credentials.installations['example-eng'];
    const auth = { appId: sim.credentials.appId, privateKey: sim.credentials.privateKeyPem };
    const asApp = new Octokit({ baseUrl: sim.ghesApiUrl, authStrategy: createAppAuth, auth });
    const { data: installation } = await asApp.request('GET /orgs/{org}/installation', { org: 'example-eng' });
    const octokit = new Octokit({ baseUrl: sim.ghesApiUrl, authStrategy: createAppAuth, auth: { ...auth, installationId: installation.id } });
    expect(installation.id).toBe(installationId);
    const members = await octokit.request('GET /orgs/{org}/outside_collaborators', { org: 'example-eng', per_page: 100 });
    expect(members.status).toBe(200);
    expect(members.data.length).toBe(sim.world.orgs.get('example-eng')?.outsideCollaborators.length);
    expect(members.headers['x-ratelimit-limit']).toBe('15000');
  });

  it('pages externalIdentities over GraphQL with NameIDs that are Okta logins', async () => {
    const query = `query($org: String!, $cursor: String) { organization(login: $org) { requiresTwoFactorAuthentication samlIdentityProvider { ssoUrl issuer
      externalIdentities(first: 20, after: $cursor, membersOnly: true) { totalCount edges { node { guid samlIdentity { nameId username emails { value primary type } } scimIdentity { username } user { login } } } pageInfo { hasNextPage endCursor } } } } rateLimit { cost remaining resetAt limit used } }`;
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const { status, body, headers } = await graphql(sim, sim.credentials.tokens.owner, query, { org: 'example-eng', cursor });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(headers.get('x-ratelimit-resource')).toBe('graphql');
      const data = body.data as unknown as IdentityPage;
      const connection = data.organization.samlIdentityProvider.externalIdentities;
      for (const edge of connection.edges) seen.push(edge.node.samlIdentity.nameId);
      expect(data.rateLimit.cost).toBe(1);
      if (!connection.pageInfo.hasNextPage) break;
      cursor = connection.pageInfo.endCursor;
    }
    const org = sim.world.orgs.get('example-eng');
    const members = org?.samlProvider?.identities.filter((i) => i.user !== null && org.membersByLogin.has(i.user.login)) ?? [];
    expect(seen.sort()).toEqual(members.map((i) => i.nameId).sort());
    expect(seen.some((n) => n.endsWith('@example.com'))).toBe(true);
  });

  it('answers GraphQL errors with HTTP 200: NOT_FOUND and pagination bounds', async () => {
    const missing = await graphql(sim, sim.credentials.tokens.owner, '{ organization(login: "nope") { login } }');
    expect(missing.status).toBe(200);
    expect(missing.body.errors?.[0]).toMatchObject({ type: 'NOT_FOUND', path: ['organization'], message: "Could not resolve to an Organization with the login of 'nope'." });
    const unbounded = await graphql(sim, sim.credentials.tokens.owner, '{ organization(login: "example-eng") { membersWithRole { totalCount } } }');
    expect(unbounded.body.errors?.[0]).toMatchObject({ type: 'MISSING_PAGINATION_BOUNDARIES' });
  });
});
