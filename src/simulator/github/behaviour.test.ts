import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubSimulator, type GitHubSimulatorHandle, type GitHubStartOptions } from './server.js';
import type { GitHubSimulatorOptionsInput } from './options.js';
import { graphqlCall, rest, signAppJwt } from './test-kit.js';

const SMALL_ORGS: GitHubSimulatorOptionsInput['orgs'] = [
  { login: 'example-eng', members: 12, saml: 'org', twoFactorRequired: true },
  { login: 'example-platform', members: 10, saml: 'enterprise', enterprise: 'example-corp' },
  { login: 'example-labs', members: 8, saml: 'none', appInstalled: false },
];

let sim: GitHubSimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: GitHubSimulatorOptionsInput = {}, startOptions: GitHubStartOptions = {}): Promise<GitHubSimulatorHandle> {
  sim = await startGitHubSimulator({ seed: 3, orgs: SMALL_ORGS, ...options }, startOptions);
  return sim;
}

const MEMBERS_2FA = `query($org: String!) { organization(login: $org) { requiresTwoFactorAuthentication membersWithRole(first: 100) { edges { hasTwoFactorEnabled role node { login } } } } }`;

describe('primary rate limits (D-RL, D-GRL)', () => {
  it('refuses REST with 403, remaining 0 and the reset, and does not count GET /rate_limit', async () => {
    const gh = await start({ coreLimit: 3 });
    const token = gh.credentials.tokens.owner;
    for (let i = 0; i < 3; i++) expect((await rest(gh, '/orgs/example-eng', token)).status).toBe(200);
    const limits = await rest<{ resources: { core: { remaining: number; used: number } } }>(gh, '/rate_limit', token);
    expect(limits.body.resources.core).toMatchObject({ remaining: 0, used: 3 });
    const refused = await rest(gh, '/orgs/example-eng/members', token);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(refused.body).toMatchObject({ message: expect.stringMatching(/^API rate limit exceeded for user ID \d+\.$/) as unknown, status: '403' });
    expect(gh.stats().primaryLimited).toBe(1);
  });

  it('can answer 429 instead, and budgets installations apart from users', async () => {
    const gh = await start({ coreLimit: 1, primaryLimitStatus: 429 });
    expect((await rest(gh, '/orgs/example-eng', gh.credentials.tokens.owner)).status).toBe(200);
    expect((await rest(gh, '/orgs/example-eng', gh.credentials.tokens.owner)).status).toBe(429);
    expect((await rest(gh, '/orgs/example-eng', gh.credentials.tokens.member)).status).toBe(200);
  });

  it('refuses GraphQL with HTTP 200 and RATE_LIMITED once the points are spent', async () => {
    const gh = await start({ graphqlLimit: 2 });
    const token = gh.credentials.tokens.owner;
    for (let i = 0; i < 2; i++) expect((await graphqlCall(gh, token, MEMBERS_2FA, { org: 'example-eng' })).body.errors).toBeUndefined();
    const refused = await graphqlCall(gh, token, MEMBERS_2FA, { org: 'example-eng' });
    expect(refused.status).toBe(200);
    expect(refused.body.errors?.[0]).toMatchObject({ type: 'RATE_LIMITED' });
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('x-ratelimit-resource')).toBe('graphql');
  });
});

describe('secondary rate limits (D-SEC)', () => {
  it('refuses over the points per minute of one endpoint with retry-after, other endpoints unaffected', async () => {
    const gh = await start({ restPointsPerMinute: 2 });
    const token = gh.credentials.tokens.owner;
    await rest(gh, '/orgs/example-eng/members', token);
    await rest(gh, '/orgs/example-eng/members?page=2', token);
    const refused = await rest(gh, '/orgs/example-eng/members', token);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect((refused.body as { message: string }).message).toMatch(/\bsecondary rate\b/i);
    expect((await rest(gh, '/orgs/example-eng', token)).status).toBe(200);
    expect(gh.stats().secondaryLimited).toBe(1);
  });

  it('refuses requests over the concurrency cap (429 and no retry-after when so configured)', async () => {
    const gh = await start({ concurrencyLimit: 2, latencyMs: 200, secondaryLimitStatus: 429, secondaryRetryAfterSeconds: null });
    const token = gh.credentials.tokens.owner;
    const replies = await Promise.all(Array.from({ length: 5 }, () => rest(gh, '/orgs/example-eng', token)));
    const refused = replies.filter((r) => r.status === 429);
    expect(refused.length).toBe(3);
    expect(refused[0]?.headers.get('retry-after')).toBeNull();
    expect(gh.stats().peakConcurrency).toBe(2);
  });

  it('counts GraphQL queries against their own per-minute points', async () => {
    const gh = await start({ graphqlPointsPerMinute: 1 });
    expect((await graphqlCall(gh, gh.credentials.tokens.owner, '{ rateLimit { cost } }')).status).toBe(200);
    expect((await graphqlCall(gh, gh.credentials.tokens.owner, '{ rateLimit { cost } }')).status).toBe(403);
  });
});

describe('who sees what', () => {
  it('hides 2FA and the 2FA requirement from non-owners (null, never false), shows them to owners and to the App', async () => {
    const gh = await start();
    const asMember = await graphqlCall<{ organization: { requiresTwoFactorAuthentication: boolean | null; membersWithRole: { edges: { hasTwoFactorEnabled: boolean | null }[] } } }>(gh, gh.credentials.tokens.member, MEMBERS_2FA, { org: 'example-eng' });
    expect(asMember.body.data?.organization.requiresTwoFactorAuthentication).toBeNull();
    expect(asMember.body.data?.organization.membersWithRole.edges.every((e) => e.hasTwoFactorEnabled === null)).toBe(true);
    const asOwner = await graphqlCall<typeof asMember.body.data & object>(gh, gh.credentials.tokens.owner, MEMBERS_2FA, { org: 'example-eng' });
    expect(asOwner.body.data?.organization.requiresTwoFactorAuthentication).toBe(true);
    const twoFactor = asOwner.body.data?.organization.membersWithRole.edges.map((e) => e.hasTwoFactorEnabled);
    expect(new Set(twoFactor)).toEqual(new Set([true, false]));
    const org = await rest<{ two_factor_requirement_enabled: boolean | null; plan?: unknown }>(gh, '/orgs/example-eng', gh.credentials.tokens.member);
    expect(org.body.two_factor_requirement_enabled).toBeNull();
    expect(org.body.plan).toBeUndefined();
    expect((await rest<{ two_factor_requirement_enabled: boolean | null }>(gh, '/orgs/example-eng', gh.credentials.tokens.owner)).body.two_factor_requirement_enabled).toBe(true);
  });

  it('refuses a classic PAT not authorized for SAML: REST 403 with x-github-sso, GraphQL FORBIDDEN with saml_failure', async () => {
    const gh = await start();
    const token = gh.credentials.tokens.ownerNotSsoAuthorized;
    const refused = await rest(gh, '/orgs/example-eng/members', token);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-github-sso')).toMatch(/^required; url=http/);
    expect((refused.body as { message: string }).message).toMatch(/^Resource protected by organization SAML enforcement/);
    const query = await graphqlCall(gh, token, '{ organization(login: "example-platform") { login } }');
    expect(query.body.errors?.[0]).toMatchObject({ type: 'FORBIDDEN', extensions: { saml_failure: true }, path: ['organization'] });
    expect(query.headers.get('x-github-sso')).toMatch(/^required/);
    // No SAML on example-labs: the same token reads it.
    expect((await rest(gh, '/orgs/example-labs/members', token)).status).toBe(200);
  });

  it('shows enterprise SAML enforcement only to an enterprise owner; the org itself shows no provider', async () => {
    const gh = await start();
    const query = `{ enterprise(slug: "example-corp") { ownerInfo { samlIdentityProviderSettingOrganizations(value: ENFORCED, first: 10) { nodes { login } } } }
      organization(login: "example-platform") { samlIdentityProvider { ssoUrl } } }`;
    const owner = await graphqlCall<{ enterprise: { ownerInfo: { samlIdentityProviderSettingOrganizations: { nodes: { login: string }[] } } | null }; organization: { samlIdentityProvider: unknown } }>(gh, gh.credentials.tokens.owner, query);
    expect(owner.body.data?.enterprise.ownerInfo?.samlIdentityProviderSettingOrganizations.nodes).toEqual([{ login: 'example-platform' }]);
    expect(owner.body.data?.organization.samlIdentityProvider).toBeNull();
    const member = await graphqlCall<typeof owner.body.data & object>(gh, gh.credentials.tokens.member, query);
    expect(member.body.data?.enterprise.ownerInfo).toBeNull();
  });

  it('refuses installation tokens and fine-grained PATs missing a permission, naming it', async () => {
    const gh = await start();
    const jwt = await signAppJwt(gh);
    const minted = await rest<{ token: string; permissions: Record<string, string> }>(gh, `/app/installations/${gh.credentials.installations['example-eng']}/access_tokens`, jwt, { method: 'POST', body: { permissions: { organization_administration: 'read' } } });
    expect(minted.body.permissions).toEqual({ organization_administration: 'read' });
    const refused = await rest(gh, '/orgs/example-eng/members', minted.body.token);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ message: 'Resource not accessible by integration' });
    expect(refused.headers.get('x-accepted-github-permissions')).toBe('members=read');
    expect((await rest(gh, '/orgs/example-eng/credential-authorizations', minted.body.token)).status).toBe(200);
    const escalate = await rest(gh, `/app/installations/${gh.credentials.installations['example-eng']}/access_tokens`, jwt, { method: 'POST', body: { permissions: { members: 'write' } } });
    expect(escalate.status).toBe(422);
  });

  it('answers 404 for an org the App is not installed on, and 401 without the JWT', async () => {
    const gh = await start();
    const jwt = await signAppJwt(gh);
    expect((await rest(gh, '/orgs/example-labs/installation', jwt)).status).toBe(404);
    expect((await rest(gh, '/orgs/example-eng/installation', gh.credentials.tokens.owner)).status).toBe(401);
  });
});

describe('tokens, clocks and hosts', () => {
  it('expires installation tokens after an hour', async () => {
    let now = Date.now();
    const gh = await start({}, { clock: () => now });
    const minted = await rest<{ token: string; expires_at: string }>(gh, `/app/installations/${gh.credentials.installations['example-eng']}/access_tokens`, await signAppJwt(gh, { now }), { method: 'POST' });
    expect(Date.parse(minted.body.expires_at) - now).toBeGreaterThan(3_599_000);
    expect((await rest(gh, '/orgs/example-eng/members', minted.body.token)).status).toBe(200);
    now += 3_600_000;
    const expired = await rest(gh, '/orgs/example-eng/members', minted.body.token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ message: 'Bad credentials' });
  });

  it('lets @octokit/auth-app recover from a server clock 5 minutes behind through the Date header', async () => {
    const gh = await start({}, { clock: () => Date.now() - 300_000 });
    const octokit = new Octokit({ baseUrl: gh.apiUrl, authStrategy: createAppAuth, auth: { appId: gh.credentials.appId, privateKey: gh.credentials.privateKeyPem }, log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
    const { data } = await octokit.request('GET /orgs/{org}/installation', { org: 'example-eng' });
    expect(data.id).toBe(gh.credentials.installations['example-eng']);
  });

  it('serves GHES paths with /api/v3 in Link URLs and GraphQL on /api/graphql', async () => {
    const gh = await start();
    const page = await rest(gh, '/api/v3/orgs/example-eng/members?per_page=5', gh.credentials.tokens.owner);
    expect(page.status).toBe(200);
    expect(page.headers.get('link')).toContain(`<${gh.url}/api/v3/orgs/example-eng/members?`);
    const query = await graphqlCall(gh, gh.credentials.tokens.owner, '{ organization(login: "example-eng") { login } }', {}, gh.ghesGraphqlUrl);
    expect(query.body.data).toEqual({ organization: { login: 'example-eng' } });
  });

  it('rejects requests without a User-Agent and unknown API versions', async () => {
    const gh = await start();
    const noAgent = await fetch(`${gh.url}/orgs/example-eng`, { headers: { 'user-agent': '' } });
    expect(noAgent.status).toBe(403);
    expect(((await noAgent.json()) as { message: string }).message).toMatch(/User-Agent/);
    const badVersion = await rest(gh, '/orgs/example-eng', gh.credentials.tokens.owner, { headers: { 'x-github-api-version': '2020-01-01' } });
    expect(badVersion.status).toBe(400);
    const newest = await rest<Record<string, unknown>>(gh, '/rate_limit', gh.credentials.tokens.owner, { headers: { 'x-github-api-version': '2026-03-10' } });
    expect(newest.body.rate).toBeUndefined();
  });
});
