import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerRoutes } from './index.js';
import { alice, alina, BASE_URL, bob, carol, craftedOrg, linkOf, makeUsers, pathOf, routesApp, walkPages } from './test-kit.js';

interface WireUser {
  id: string;
  status: string;
  profile: { login: string };
  credentials?: Record<string, unknown>;
  _links: { self: { href: string } };
}

const ids = (users: WireUser[]): string[] => users.map((u) => u.id);

describe('GET /api/v1/users', () => {
  it('omits DEPROVISIONED users from a plain list, in creation order, with Okta wire shape', async () => {
    const { app } = await routesApp();
    const res = await app.inject('/api/v1/users');
    expect(res.statusCode).toBe(200);
    const users = res.json<WireUser[]>();
    expect(users.map((u) => u.status)).not.toContain('DEPROVISIONED');
    expect(users).toHaveLength(6);
    expect(users[0]).toMatchObject({
      id: alice.id,
      profile: { login: 'alice.smith@example.com', department: 'Engineering' },
      credentials: { password: {}, recovery_question: { question: 'First pet?' }, provider: { type: 'OKTA', name: 'OKTA' } },
      _links: { self: { href: `${BASE_URL}/api/v1/users/${alice.id}` } },
    });
    expect(linkOf(res, 'self')).toBe(`${BASE_URL}/api/v1/users`);
    expect(linkOf(res, 'next')).toBeNull();
  });

  it('includes DEPROVISIONED users with filter and search, e.g. search=status pr', async () => {
    const { app } = await routesApp();
    const all = await app.inject({ url: '/api/v1/users', query: { search: 'status pr' } });
    expect(all.json<WireUser[]>()).toHaveLength(8);
    const filtered = await app.inject({ url: '/api/v1/users', query: { filter: 'status eq "DEPROVISIONED"' } });
    expect(ids(filtered.json<WireUser[]>())).toEqual([carol.id, alina.id]);
  });

  it('walks every user exactly once through Link next pages, including deprovisioned ones with search', async () => {
    const users = makeUsers(25, ['ACTIVE', 'ACTIVE', 'DEPROVISIONED', 'SUSPENDED', 'STAGED']);
    const { app } = await routesApp({ users });
    const plain = (await walkPages<WireUser>(app, '/api/v1/users?limit=4')).flat();
    expect(ids(plain)).toEqual(users.filter((u) => u.status !== 'DEPROVISIONED').map((u) => u.id));

    const pages = await walkPages<WireUser>(app, `/api/v1/users?limit=7&search=${encodeURIComponent('status pr')}`);
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 4]);
    expect(ids(pages.flat())).toEqual(users.map((u) => u.id));
  });

  it('leaves next off an exactly full last page and carries the query in next links', async () => {
    const { app } = await routesApp({ users: makeUsers(6) });
    const first = await app.inject('/api/v1/users?limit=3&filter=status%20eq%20%22ACTIVE%22');
    const next = linkOf(first, 'next');
    expect(next).not.toBeNull();
    const nextUrl = new URL(next ?? '');
    expect(nextUrl.searchParams.get('filter')).toBe('status eq "ACTIVE"');
    expect(nextUrl.searchParams.get('limit')).toBe('3');
    const second = await app.inject(pathOf(next ?? ''));
    expect(second.json<WireUser[]>()).toHaveLength(3);
    expect(linkOf(second, 'next')).toBeNull();
  });

  it('clamps limit to 200 and defaults to 200', async () => {
    const { app } = await routesApp({ users: makeUsers(450) });
    const big = await app.inject('/api/v1/users?limit=1000');
    expect(big.json<WireUser[]>()).toHaveLength(200);
    expect(new URL(linkOf(big, 'next') ?? '').searchParams.get('limit')).toBe('200');
    const byDefault = await app.inject('/api/v1/users');
    expect(byDefault.json<WireUser[]>()).toHaveLength(200);
  });

  it('refuses a cursor it did not issue, a cursor from another query and a bad limit', async () => {
    const { app } = await routesApp({ users: makeUsers(10) });
    const forged = await app.inject('/api/v1/users?after=00u00000000000000003');
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ errorCode: 'E0000031' });

    const first = await app.inject('/api/v1/users?limit=2');
    const after = new URL(linkOf(first, 'next') ?? '').searchParams.get('after') ?? '';
    const reused = await app.inject({ url: '/api/v1/users', query: { limit: '2', after, search: 'status pr' } });
    expect(reused.statusCode).toBe(400);

    const badLimit = await app.inject('/api/v1/users?limit=-5');
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json()).toMatchObject({ errorCode: 'E0000001' });
  });

  it('filters with eq on the seven filter fields and date comparisons on lastUpdated', async () => {
    const { app } = await routesApp();
    const byLogin = await app.inject({ url: '/api/v1/users', query: { filter: 'profile.login eq "bob.jones@example.com"' } });
    expect(ids(byLogin.json<WireUser[]>())).toEqual([bob.id]);
    const recent = await app.inject({ url: '/api/v1/users', query: { filter: 'lastUpdated gt "2026-04-01T00:00:00.000Z"' } });
    expect(ids(recent.json<WireUser[]>())).toEqual([bob.id]);
    const either = await app.inject({
      url: '/api/v1/users',
      query: { filter: '(status eq "STAGED" or status eq "SUSPENDED") and lastUpdated lt "2026-04-01T00:00:00.000Z"' },
    });
    expect(either.json<WireUser[]>().map((u) => u.status).sort()).toEqual(['STAGED', 'SUSPENDED']);
    // filter values are case-sensitive
    const lower = await app.inject({ url: '/api/v1/users', query: { filter: 'status eq "active"' } });
    expect(lower.json<WireUser[]>()).toEqual([]);
  });

  it.each([
    ['unquoted date', 'lastUpdated gt 2026-01-01T00:00:00.000Z'],
    ['ne', 'status ne "ACTIVE"'],
    ['unsupported field', 'profile.department eq "Engineering"'],
    ['unsupported operator on an eq-only field', 'status sw "ACT"'],
    ['not', 'not status eq "ACTIVE"'],
    ['syntax', 'status eq'],
    ['bad date', 'lastUpdated gt "yesterday"'],
  ])('answers a filter with %s with 400 E0000031', async (_label, filter) => {
    const { app } = await routesApp();
    const res = await app.inject({ url: '/api/v1/users', query: { filter } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errorCode: 'E0000031', errorSummary: 'Invalid search criteria.', errorLink: 'E0000031' });
  });

  it('searches any profile attribute, case-insensitively, with sw/co/gt and parentheses', async () => {
    const { app } = await routesApp();
    const search = async (expr: string): Promise<string[]> =>
      ids((await app.inject({ url: '/api/v1/users', query: { search: expr } })).json<WireUser[]>());
    expect(await search('profile.department eq "engineering"')).toEqual([alice.id]);
    expect(await search('profile.lastName sw "jo" and (status eq "ACTIVE" or status eq "STAGED")')).toEqual([bob.id]);
    expect(await search('profile.email co "white"')).toEqual([carol.id]);
    expect(await search('created gt "2024-12-31T00:00:00.000Z" and status lt "ACTIVE"')).toEqual([]);
    expect(await search('(status lt "STAGED" or status gt "STAGED")')).toHaveLength(7);
  });

  it('refuses ne and co on other attributes in search', async () => {
    const { app } = await routesApp();
    for (const search of ['status ne "ACTIVE"', 'profile.department co "eng"', 'foo eq "x"']) {
      const res = await app.inject({ url: '/api/v1/users', query: { search } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ errorCode: 'E0000031' });
    }
  });

  it('q: startsWith on first name, last name or email, without deprovisioned users and without paging', async () => {
    const { app } = await routesApp();
    const res = await app.inject('/api/v1/users?q=al');
    // alina.green matches but is DEPROVISIONED
    expect(ids(res.json<WireUser[]>())).toEqual([alice.id]);
    expect(linkOf(res, 'next')).toBeNull();

    const many = await routesApp({ users: makeUsers(30) });
    const capped = await many.app.inject('/api/v1/users?q=first');
    expect(capped.json<WireUser[]>()).toHaveLength(10);
    expect(linkOf(capped, 'next')).toBeNull();
    const raised = await many.app.inject('/api/v1/users?q=first&limit=25');
    expect(raised.json<WireUser[]>()).toHaveLength(25);
  });
});

describe('GET /api/v1/users/{idOrLogin}', () => {
  it('finds a user by id, by URL-encoded login (any case) and by unambiguous short name', async () => {
    const { app } = await routesApp();
    for (const key of [alice.id, encodeURIComponent('alice.smith@example.com'), 'Alice.Smith@example.com', 'alice.smith']) {
      const res = await app.inject(`/api/v1/users/${key}`);
      expect(res.statusCode).toBe(200);
      expect(res.json<WireUser>().id).toBe(alice.id);
    }
    // "sam" is the short name of two users, so it is not resolved
    expect((await app.inject('/api/v1/users/sam')).statusCode).toBe(404);
  });

  it('answers an unknown user with Okta 404 E0000007', async () => {
    const { app } = await routesApp();
    const res = await app.inject('/api/v1/users/00unknown');
    expect(res.statusCode).toBe(404);
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      errorCode: 'E0000007',
      errorSummary: 'Not found: Resource not found: 00unknown (User)',
      errorLink: 'E0000007',
      errorCauses: [],
    });
    expect(body.errorId).toMatch(/^oae/);
  });

  it('never returns credential secrets', async () => {
    const user = { ...alice, credentials: { ...alice.credentials, password: { value: 'hunter2' } as unknown as Record<string, never> } };
    const { app } = await routesApp({ users: [user] });
    const res = await app.inject(`/api/v1/users/${alice.id}`);
    expect(res.body).not.toContain('hunter2');
    expect(res.json<WireUser>().credentials).toMatchObject({ password: {} });
  });
});

describe('per-user sub-resources', () => {
  it('lists factors as an unpaginated array, empty when none, 404 for an unknown user', async () => {
    const { app } = await routesApp();
    const res = await app.inject(`/api/v1/users/${alice.id}/factors`);
    expect(res.statusCode).toBe(200);
    const factors = res.json<{ factorType: string; _links: { self: { href: string } } }[]>();
    expect(factors.map((f) => f.factorType)).toEqual(['push', 'webauthn']);
    expect(factors[0]?._links.self.href).toBe(`${BASE_URL}/api/v1/users/${alice.id}/factors/opf00000000000000001`);
    expect(res.headers.link).toBeUndefined();
    expect((await app.inject(`/api/v1/users/${bob.id}/factors`)).json()).toEqual([]);
    expect((await app.inject('/api/v1/users/00unknown/factors')).json()).toMatchObject({ errorCode: 'E0000007' });
  });

  it('pages a user’s groups at 200 with a next link', async () => {
    const groups = Array.from({ length: 250 }, (_, i) => ({
      id: `00g${String(i).padStart(17, '0')}`,
      created: '2024-01-01T00:00:00.000Z',
      lastUpdated: '2024-01-01T00:00:00.000Z',
      lastMembershipUpdated: '2024-01-01T00:00:00.000Z',
      objectClass: ['okta:user_group'],
      type: 'OKTA_GROUP' as const,
      profile: { name: `Group ${i}`, description: null },
    }));
    const { app } = await routesApp({
      users: [alice],
      groups,
      groupMembers: Object.fromEntries(groups.map((g) => [g.id, [alice.id]])),
    });
    const pages = await walkPages<{ id: string }>(app, `/api/v1/users/${alice.id}/groups`);
    expect(pages.map((p) => p.length)).toEqual([200, 50]);
    expect(new Set(pages.flat().map((g) => g.id)).size).toBe(250);
  });

  it('lists app links for ACTIVE apps assigned directly or through a group', async () => {
    const { app } = await routesApp();
    const links = (await app.inject(`/api/v1/users/${alice.id}/appLinks`)).json<Record<string, unknown>[]>();
    // salesforce (direct) and slack (Engineering); workday is INACTIVE
    expect(links.map((l) => l.appName)).toEqual(['salesforce', 'slack']);
    expect(links[0]).toEqual({
      id: expect.any(String) as unknown,
      label: 'Salesforce',
      linkUrl: expect.stringContaining(`${BASE_URL}/home/salesforce/`) as unknown,
      logoUrl: expect.any(String) as unknown,
      appName: 'salesforce',
      appInstanceId: craftedOrg().apps?.[0]?.id,
      appAssignmentId: expect.stringMatching(/^0ua/) as unknown,
      credentialsSetup: false,
      hidden: false,
      sortOrder: 0,
    });
    const bobLinks = (await app.inject(`/api/v1/users/${bob.id}/appLinks`)).json<{ appName: string }[]>();
    // github comes only through the AD Admins group assignment
    expect(bobLinks.map((l) => l.appName)).toEqual(['salesforce', 'github']);
  });

  it('lists role assignments with their assignee link, USER or GROUP', async () => {
    const { app } = await routesApp();
    const roles = (await app.inject(`/api/v1/users/${bob.id}/roles`)).json<Record<string, unknown>[]>();
    expect(roles).toEqual([
      {
        id: 'ra100000000000000002',
        label: 'Read Only Administrator',
        type: 'READ_ONLY_ADMIN',
        status: 'ACTIVE',
        created: '2024-01-01T00:00:00.000Z',
        lastUpdated: '2024-01-01T00:00:00.000Z',
        assignmentType: 'GROUP',
        _links: { assignee: { href: `${BASE_URL}/api/v1/groups/00g00000000000000003` } },
      },
    ]);
    const aliceRoles = (await app.inject(`/api/v1/users/${alice.id}/roles`)).json<{ _links: { assignee: { href: string } } }[]>();
    expect(aliceRoles[0]?._links.assignee.href).toBe(`${BASE_URL}/api/v1/users/${alice.id}`);
    expect((await app.inject(`/api/v1/users/${carol.id}/roles`)).json()).toEqual([]);
  });

  it('answers write methods with 405 E0000022', async () => {
    const { app } = await routesApp();
    for (const [method, url] of [
      ['POST', '/api/v1/users'],
      ['DELETE', `/api/v1/users/${alice.id}`],
      ['PUT', `/api/v1/users/${alice.id}`],
      ['POST', `/api/v1/users/${alice.id}/factors`],
    ] as const) {
      const res = await app.inject({ method, url, payload: method === 'DELETE' ? undefined : {} });
      expect(res.statusCode).toBe(405);
      expect(res.json()).toMatchObject({ errorCode: 'E0000022', errorLink: 'E0000022' });
    }
  });

  it('declares okta.users.read on user routes and okta.roles.read on roles', async () => {
    const { ctx } = await routesApp();
    const app = Fastify();
    const scopes = new Map<string, unknown>();
    app.addHook('onRequest', (request, _reply, done) => {
      scopes.set(request.url, request.routeOptions.config.scope);
      done();
    });
    registerRoutes(app, ctx);
    await app.inject('/api/v1/users');
    await app.inject(`/api/v1/users/${alice.id}/roles`);
    expect(scopes.get('/api/v1/users')).toBe('okta.users.read');
    expect(scopes.get(`/api/v1/users/${alice.id}/roles`)).toBe('okta.roles.read');
  });
});

describe('GET /api/v1/users/me', () => {
  it('answers an API token with its admin (the org’s first Super Administrator), and an OAuth service app with 404', async () => {
    const { app } = await routesApp();
    const withPrincipal = (principal: 'ssws' | 'oauth') =>
      Fastify()
        .addHook('onRequest', (request, _reply, done) => {
          request.principal = principal === 'ssws' ? { kind: 'ssws', tokenId: 't1' } : { kind: 'oauth', tokenId: 'c1', clientId: 'c1', scopes: ['okta.users.read'], dpopJkt: null };
          done();
        })
        .register(async (scoped) => {
          registerRoutes(scoped, (await routesApp()).ctx);
        });
    await app.close();
    const ssws = withPrincipal('ssws');
    const me = await ssws.inject('/api/v1/users/me');
    expect(me.statusCode).toBe(200);
    expect(me.json<WireUser>()).toMatchObject({ id: alice.id, profile: { login: 'alice.smith@example.com' } });
    const oauth = withPrincipal('oauth');
    expect((await oauth.inject('/api/v1/users/me')).statusCode).toBe(404);
    await Promise.all([ssws.close(), oauth.close()]);
  });
});
