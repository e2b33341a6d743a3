import { describe, expect, it } from 'vitest';
import type { SimApp, SimAppUser } from '../org/types.js';
import { alice, BASE_URL, bob, carol, engineering, github, linkOf, makeUsers, routesApp, salesforce, slack, walkPages, workday } from './test-kit.js';

interface WireApp {
  id: string;
  name: string;
  status: string;
  _links: Record<string, { href: string } | undefined>;
}

function manyApps(count: number): SimApp[] {
  return Array.from({ length: count }, (_, i) => ({
    ...salesforce,
    id: `0oa${String(i).padStart(17, '0')}`,
    name: `app_${i}`,
    label: `App ${i}`,
  }));
}

describe('GET /api/v1/apps', () => {
  it('lists ACTIVE and INACTIVE apps with users, groups and accessPolicy links', async () => {
    const { app } = await routesApp();
    const apps = (await app.inject('/api/v1/apps')).json<WireApp[]>();
    expect(apps.map((a) => [a.name, a.status])).toEqual([
      ['salesforce', 'ACTIVE'],
      ['workday', 'INACTIVE'],
      ['slack', 'ACTIVE'],
      ['github', 'ACTIVE'],
    ]);
    expect(apps[0]?._links).toMatchObject({
      users: { href: `${BASE_URL}/api/v1/apps/${salesforce.id}/users` },
      groups: { href: `${BASE_URL}/api/v1/apps/${salesforce.id}/groups` },
      accessPolicy: { href: `${BASE_URL}/api/v1/policies/rst00000000000000001` },
    });
    expect(apps[1]?._links.accessPolicy).toBeUndefined();
  });

  it('pages at 20 by default, clamps to 200', async () => {
    const { app } = await routesApp({ apps: manyApps(250) });
    const first = await app.inject('/api/v1/apps');
    expect(first.json<WireApp[]>()).toHaveLength(20);
    expect(linkOf(first, 'next')).not.toBeNull();
    expect((await app.inject('/api/v1/apps?limit=500')).json<WireApp[]>()).toHaveLength(200);
    const pages = await walkPages<WireApp>(app, '/api/v1/apps?limit=200');
    expect(pages.map((p) => p.length)).toEqual([200, 50]);
  });

  it('filters by status, name, user.id (direct or via group) and group.id', async () => {
    const { app } = await routesApp();
    const names = async (filter: string): Promise<string[] | number> => {
      const res = await app.inject({ url: '/api/v1/apps', query: { filter } });
      return res.statusCode === 200 ? res.json<WireApp[]>().map((a) => a.name) : res.statusCode;
    };
    expect(await names('status eq "INACTIVE"')).toEqual(['workday']);
    expect(await names('status eq "ACTIVE" and name eq "slack"')).toEqual(['slack']);
    expect(await names(`user.id eq "${alice.id}"`)).toEqual(['salesforce', 'workday', 'slack']);
    expect(await names(`user.id eq "${bob.id}"`)).toEqual(['salesforce', 'github']);
    expect(await names(`group.id eq "${engineering.id}"`)).toEqual(['slack']);
    expect(await names('user.id eq "00unobody"')).toEqual([]);
    expect(await names('label eq "Slack"')).toBe(400);
    expect(await names('name sw "sl"')).toBe(400);
  });

  it('q matches name or label prefixes', async () => {
    const { app } = await routesApp();
    const apps = (await app.inject('/api/v1/apps?q=Git')).json<WireApp[]>();
    expect(apps.map((a) => a.id)).toEqual([github.id]);
  });

  it('gets one app or 404 (AppInstance)', async () => {
    const { app } = await routesApp();
    expect((await app.inject(`/api/v1/apps/${workday.id}`)).json<WireApp>().status).toBe('INACTIVE');
    const missing = await app.inject('/api/v1/apps/0oanope');
    expect(missing.json()).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: 0oanope (AppInstance)' });
  });

  it("serves a crafted directory integration as Okta does: signOnMode null, settings' nulls kept", async () => {
    // SPEC forbids both nulls; real Okta sends them (okta/okta-sdk-dotnet#821), so collectors must survive them.
    const directory: SimApp = { ...github, id: '0oaad000000000000001', name: 'active_directory', label: 'corp.example.com', signOnMode: null, settings: { app: {}, signOn: { defaultRelayState: null } } };
    const { app } = await routesApp({ apps: [directory] });
    expect((await app.inject(`/api/v1/apps/${directory.id}`)).json()).toMatchObject({ name: 'active_directory', signOnMode: null, settings: { signOn: { defaultRelayState: null } } });
  });
});

describe('GET /api/v1/apps/{id}/users and /groups', () => {
  it('lists app users with scope USER or GROUP and Okta App User fields', async () => {
    const { app } = await routesApp();
    const rows = (await app.inject(`/api/v1/apps/${slack.id}/users`)).json<Record<string, unknown>[]>();
    expect(rows.map((r) => [r.id, r.scope])).toEqual([
      [alice.id, 'GROUP'],
      [carol.id, 'GROUP'],
    ]);
    expect(rows[0]).toMatchObject({
      status: 'PROVISIONED',
      syncState: 'SYNCHRONIZED',
      credentials: { userName: 'alice.smith@example.com' },
      _links: { user: { href: `${BASE_URL}/api/v1/users/${alice.id}` }, app: { href: `${BASE_URL}/api/v1/apps/${slack.id}` } },
    });
    const direct = (await app.inject(`/api/v1/apps/${salesforce.id}/users`)).json<{ scope: string }[]>();
    expect(direct.map((r) => r.scope)).toEqual(['USER', 'USER']);
  });

  it('gets one app user (GROUP or USER scope), 404 AppUser when not assigned, 404 AppInstance for an unknown app', async () => {
    const { app } = await routesApp();
    const row = (await app.inject(`/api/v1/apps/${slack.id}/users/${alice.id}`)).json<Record<string, unknown>>();
    expect(row).toMatchObject({ id: alice.id, scope: 'GROUP', credentials: { userName: 'alice.smith@example.com' } });
    const missing = await app.inject(`/api/v1/apps/${slack.id}/users/${bob.id}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ errorCode: 'E0000007', errorSummary: expect.stringContaining('AppUser') as unknown });
    const noApp = await app.inject(`/api/v1/apps/0oanope/users/${alice.id}`);
    expect(noApp.json()).toMatchObject({ errorCode: 'E0000007', errorSummary: expect.stringContaining('AppInstance') as unknown });
  });

  it('refuses a filter on app users with 400 E0000031', async () => {
    const { app } = await routesApp();
    const res = await app.inject({ url: `/api/v1/apps/${salesforce.id}/users`, query: { filter: 'status eq "ACTIVE"' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errorCode: 'E0000031' });
  });

  it('pages app users at 50 by default, 500 at most', async () => {
    const users = makeUsers(1200);
    const rows: SimAppUser[] = users.map((u) => ({
      id: u.id,
      scope: 'USER',
      status: 'ACTIVE',
      syncState: 'DISABLED',
      externalId: null,
      created: u.created,
      lastUpdated: u.lastUpdated,
      statusChanged: null,
      credentials: { userName: u.profile.login },
      profile: {},
    }));
    const { app } = await routesApp({ users, apps: [salesforce], appUsers: { [salesforce.id]: rows } });
    expect((await app.inject(`/api/v1/apps/${salesforce.id}/users`)).json<unknown[]>()).toHaveLength(50);
    const pages = await walkPages<{ id: string }>(app, `/api/v1/apps/${salesforce.id}/users?limit=1000`);
    expect(pages.map((p) => p.length)).toEqual([500, 500, 200]);
    expect(new Set(pages.flat().map((r) => r.id)).size).toBe(1200);
  });

  it('lists app groups with links, 404 for an unknown app', async () => {
    const { app } = await routesApp();
    const rows = (await app.inject(`/api/v1/apps/${slack.id}/groups`)).json<Record<string, unknown>[]>();
    expect(rows).toEqual([
      {
        id: engineering.id,
        lastUpdated: '2025-03-01T00:00:00.000Z',
        priority: 0,
        profile: {},
        _links: { app: { href: `${BASE_URL}/api/v1/apps/${slack.id}` }, group: { href: `${BASE_URL}/api/v1/groups/${engineering.id}` } },
      },
    ]);
    expect((await app.inject('/api/v1/apps/0oanope/groups')).statusCode).toBe(404);
    expect((await app.inject(`/api/v1/apps/${salesforce.id}/groups`)).json()).toEqual([]);
  });

  it('answers writes with 405', async () => {
    const { app } = await routesApp();
    const res = await app.inject({ method: 'POST', url: `/api/v1/apps/${salesforce.id}/users`, payload: {} });
    expect(res.statusCode).toBe(405);
  });
});
