import { validate as validateGraphql } from '@octokit/graphql-schema';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubSimulator, type GitHubSimulatorHandle } from '../../src/simulator/github/server.js';
import { allPages, graphqlCall, rest, signAppJwt, type Reply } from '../../src/simulator/github/test-kit.js';
import { loadGitHubValidators, type GitHubValidators } from './github-openapi.js';

/*
 * Every REST body the simulator serves, checked against GitHub's own OpenAPI descriptions from @octokit/openapi
 * (GHEC, which carries the SAML endpoints, and api.github.com where the operation exists there): every page of every
 * list of every org with each filter, the org as an owner and as a member sees it, the installation and its token,
 * /rate_limit, /user, and the error bodies. GraphQL: the queries the connector sends (GITHUB-API.md §1.4, §2.2, §2.3)
 * validate against @octokit/graphql-schema's schema, and the simulator executes them on that same schema (graphql-js
 * checks every value it returns against the declared types).
 */

/** The GraphQL documents of GITHUB-API.md, as the connector sends them. */
export const CONNECTOR_QUERIES = {
  orgSamlIdentities: `query($org: String!, $cursor: String) { organization(login: $org) { requiresTwoFactorAuthentication samlIdentityProvider { id ssoUrl issuer
    externalIdentities(first: 100, after: $cursor, membersOnly: true) { totalCount
      edges { node { guid samlIdentity { nameId username emails { value primary type } } scimIdentity { username } user { login } } }
      pageInfo { hasNextPage endCursor } } } } }`,
  orgMembersWithRole: `query($org: String!, $cursor: String) { organization(login: $org) { membersWithRole(first: 100, after: $cursor) {
    totalCount edges { hasTwoFactorEnabled role node { login } } pageInfo { hasNextPage endCursor } } } }`,
  enterpriseSaml: `query($slug: String!, $cursor: String) { enterprise(slug: $slug) { slug ownerInfo {
    samlIdentityProviderSettingOrganizations(value: ENFORCED, first: 100, after: $cursor) { nodes { login } pageInfo { hasNextPage endCursor } }
    samlIdentityProvider { ssoUrl issuer externalIdentities(first: 100, membersOnly: true) { totalCount
      edges { node { guid samlIdentity { nameId } user { login } } } pageInfo { hasNextPage endCursor } } } } } }`,
  rateLimit: `query { rateLimit { cost remaining resetAt limit used nodeCount } }`,
} as const;


describe("GitHub simulator answers in the shapes of GitHub's OpenAPI description", () => {
  let sim: GitHubSimulatorHandle;
  let ghec: GitHubValidators;
  let dotcom: GitHubValidators;
  const violations: string[] = [];

  beforeAll(async () => {
    ghec = loadGitHubValidators('ghec');
    dotcom = loadGitHubValidators('api.github.com');
    sim = await startGitHubSimulator({ seed: 11, rateLimits: 'off' });
  }, 120_000);
  afterAll(() => sim.close());
  beforeEach(() => {
    violations.length = 0;
  });

  /** Checks `body` against the operation in GHEC and, when api.github.com has the operation too, there. */
  function check(what: string, path: string, method: string, status: number, body: unknown, dotcomToo = true): void {
    const validators: ValidateFunction[] = [ghec.response(path, method, status)];
    if (dotcomToo) validators.push(dotcom.response(path, method, status));
    validateWith(what, validators, body);
  }

  /** 403s the description does not declare per operation: GitHub's shared `basic-error` body. */
  function checkBasicError(what: string, body: unknown): void {
    validateWith(what, [ghec.component('basic-error'), dotcom.component('basic-error')], body);
  }

  function validateWith(what: string, validators: ValidateFunction[], body: unknown): void {
    for (const validate of validators) {
      if (validate(body)) continue;
      for (const error of validate.errors?.slice(0, 5) ?? []) violations.push(`${what}: ${error.instancePath || '/'} ${error.message ?? ''} (${error.schemaPath.split('#')[0] ?? ''})`);
    }
  }

  function expectNoViolations(): void {
    expect(violations.slice(0, 10), `${violations.length} violations`).toEqual([]);
  }

  it('organizations, as an owner and as a member sees them', async () => {
    const { owner, member } = sim.credentials.tokens;
    for (const org of sim.world.orgs.values()) {
      for (const [who, token] of [['owner', owner], ['member', member]] as const) {
        const reply = await rest(sim, `/orgs/${org.login}`, token);
        expect(reply.status).toBe(200);
        check(`GET /orgs/${org.login} as ${who}`, '/orgs/{org}', 'get', 200, reply.body);
      }
    }
    expectNoViolations();
  });

  it('every page of members (each filter and role), outside collaborators and credential authorizations', async () => {
    const { owner } = sim.credentials.tokens;
    let pages = 0;
    for (const org of sim.world.orgs.values()) {
      for (const query of ['', 'filter=2fa_disabled', 'filter=2fa_insecure', 'role=admin', 'role=member']) {
        const members = await allPages(sim, `/orgs/${org.login}/members?per_page=7&${query}`, owner, (page: Reply<unknown[]>) => {
          pages++;
          check(`members ${org.login} ${query}`, '/orgs/{org}/members', 'get', 200, page.body);
        });
        if (query === '') expect(members).toHaveLength(org.members.length);
      }
      const collaborators = await allPages(sim, `/orgs/${org.login}/outside_collaborators?per_page=5`, owner, (page: Reply<unknown[]>) => {
        pages++;
        check(`outside collaborators ${org.login}`, '/orgs/{org}/outside_collaborators', 'get', 200, page.body);
      });
      expect(collaborators).toHaveLength(org.outsideCollaborators.length);
      if (org.saml === 'none') continue;
      const authorizations = await allPages(sim, `/orgs/${org.login}/credential-authorizations?per_page=10`, owner, (page: Reply<unknown[]>) => {
        pages++;
        check(`credential authorizations ${org.login}`, '/orgs/{org}/credential-authorizations', 'get', 200, page.body, false);
      });
      expect(authorizations).toHaveLength(org.credentialAuthorizations.length);
      expect(authorizations.length).toBeGreaterThan(0);
    }
    expect(pages).toBeGreaterThan(20);
    expectNoViolations();
  });

  it('the installation, its access token, /rate_limit and /user', async () => {
    const jwt = await signAppJwt(sim);
    const installation = await rest<{ id: number }>(sim, '/orgs/example-eng/installation', jwt);
    check('GET /orgs/{org}/installation', '/orgs/{org}/installation', 'get', 200, installation.body);
    const token = await rest(sim, `/app/installations/${installation.body.id}/access_tokens`, jwt, { method: 'POST', body: { permissions: { members: 'read' } } });
    expect(token.status).toBe(201);
    check('POST access_tokens', '/app/installations/{installation_id}/access_tokens', 'post', 201, token.body);
    const limits = await rest(sim, '/rate_limit', sim.credentials.tokens.owner);
    check('GET /rate_limit', '/rate_limit', 'get', 200, limits.body);
    const user = await rest(sim, '/user', sim.credentials.tokens.owner);
    expect(user.status).toBe(200);
    // `GET /user` answers `private-user` or `public-user` (oneOf).
    check('GET /user', '/user', 'get', 200, user.body);
    expectNoViolations();
  });

  it('error bodies: 401, 403, 404, 422', async () => {
    const { member, fineGrainedNoMembers } = sim.credentials.tokens;
    const notFound = await rest(sim, '/orgs/no-such-org/members', member);
    expect(notFound.status).toBe(404);
    check('404 members', '/orgs/{org}', 'get', 404, notFound.body);
    const ownerOnly = await rest(sim, '/orgs/example-eng/members?filter=2fa_disabled', member);
    expect(ownerOnly.status).toBe(422);
    check('422 members', '/orgs/{org}/members', 'get', 422, ownerOnly.body);
    const notOwner = await rest(sim, '/orgs/example-eng/credential-authorizations', member);
    expect(notOwner.status).toBe(403);
    checkBasicError('403 credential authorizations', notOwner.body);
    const noMembers = await rest(sim, '/orgs/example-eng/members', fineGrainedNoMembers);
    expect(noMembers.status).toBe(403);
    checkBasicError('403 members', noMembers.body);
    const saml = await rest(sim, '/orgs/example-eng/members', sim.credentials.tokens.ownerNotSsoAuthorized);
    expect(saml.status).toBe(403);
    checkBasicError('403 SAML', saml.body);
    const badToken = await rest(sim, '/rate_limit', 'ghp_wrong');
    expect(badToken.status).toBe(401);
    checkBasicError('401 rate_limit', badToken.body);
    const unauthorized = await rest(sim, '/app/installations/1/access_tokens', 'ghp_wrong', { method: 'POST' });
    expect(unauthorized.status).toBe(401);
    check('401 access_tokens', '/app/installations/{installation_id}/access_tokens', 'post', 401, unauthorized.body);
    expectNoViolations();
  });
});

describe("the connector's GraphQL queries, against GitHub's schema and the simulator", () => {
  let sim: GitHubSimulatorHandle;
  beforeAll(async () => {
    sim = await startGitHubSimulator({ seed: 11, rateLimits: 'off' });
  }, 120_000);
  afterAll(() => sim.close());

  it.each(Object.entries(CONNECTOR_QUERIES))('%s is valid in @octokit/graphql-schema and executes without errors', async (_name, query) => {
    expect(validateGraphql(query).map((e) => e.message)).toEqual([]);
    const reply = await graphqlCall(sim, sim.credentials.tokens.owner, query, { org: 'example-eng', slug: 'example-corp', cursor: null });
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data).toBeTruthy();
  });
});
