import { describe, expect, it } from 'vitest';
import type { SimGroup } from '../org/types.js';
import { adAdmins, alice, BASE_URL, carol, engineering, everyone, linkOf, makeUsers, routesApp, walkPages } from './test-kit.js';

interface WireGroup {
  id: string;
  type: string;
  profile: { name: string };
  _links: Record<string, unknown>;
  _embedded?: { stats: { usersCount: number; appsCount: number; hasAdminPrivilege: boolean } };
}

function manyGroups(count: number): SimGroup[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00g${String(i).padStart(17, '0')}`,
    created: '2024-01-01T00:00:00.000Z',
    lastUpdated: '2024-01-01T00:00:00.000Z',
    lastMembershipUpdated: '2024-01-01T00:00:00.000Z',
    objectClass: ['okta:user_group'],
    type: 'OKTA_GROUP' as const,
    profile: { name: `Team ${String(i).padStart(4, '0')}`, description: null },
  }));
}

describe('GET /api/v1/groups', () => {
  it('lists groups with links, including the source app of an APP_GROUP', async () => {
    const { app } = await routesApp();
    const groups = (await app.inject('/api/v1/groups')).json<WireGroup[]>();
    expect(groups.map((g) => g.id)).toEqual([everyone.id, engineering.id, adAdmins.id]);
    expect(groups[1]?._links).toMatchObject({
      users: { href: `${BASE_URL}/api/v1/groups/${engineering.id}/users` },
      apps: { href: `${BASE_URL}/api/v1/groups/${engineering.id}/apps` },
    });
    expect(groups[2]?._links.source).toEqual({ href: `${BASE_URL}/api/v1/apps/${adAdmins.sourceAppId ?? ''}` });
  });

  it('pages at 200 by default, honours limits up to 10000, and walks every group once', async () => {
    const { app } = await routesApp({ groups: manyGroups(450) });
    const byDefault = await app.inject('/api/v1/groups');
    expect(byDefault.json<WireGroup[]>()).toHaveLength(200);
    expect(linkOf(byDefault, 'next')).not.toBeNull();
    const big = await app.inject('/api/v1/groups?limit=20000');
    expect(big.json<WireGroup[]>()).toHaveLength(450);
    expect(linkOf(big, 'next')).toBeNull();
    const pages = await walkPages<WireGroup>(app, '/api/v1/groups?limit=100');
    expect(pages.map((p) => p.length)).toEqual([100, 100, 100, 100, 50]);
    expect(new Set(pages.flat().map((g) => g.id)).size).toBe(450);
  });

  it('q matches name prefixes, caps at 300 and never pages', async () => {
    const { app } = await routesApp({ groups: manyGroups(450) });
    const res = await app.inject('/api/v1/groups?q=team');
    expect(res.json<WireGroup[]>()).toHaveLength(300);
    expect(linkOf(res, 'next')).toBeNull();
    const narrow = await app.inject('/api/v1/groups?q=Team%20000');
    expect(narrow.json<WireGroup[]>()).toHaveLength(10);
  });

  it('filters on type, id and the two dates; refuses other fields and unquoted values', async () => {
    const { app } = await routesApp();
    const get = async (filter: string): Promise<number | string[]> => {
      const res = await app.inject({ url: '/api/v1/groups', query: { filter } });
      return res.statusCode === 200 ? res.json<WireGroup[]>().map((g) => g.id) : res.statusCode;
    };
    expect(await get('type eq "APP_GROUP"')).toEqual([adAdmins.id]);
    expect(await get(`id eq "${engineering.id}" or type eq "BUILT_IN"`)).toEqual([everyone.id, engineering.id]);
    expect(await get('lastMembershipUpdated gt "2026-01-01T00:00:00.000Z"')).toHaveLength(3);
    expect(await get('lastUpdated lt "2025-01-01T00:00:00.000Z"')).toEqual([]);
    expect(await get('profile.name eq "Everyone"')).toBe(400);
    expect(await get('type eq OKTA_GROUP')).toBe(400);
  });

  it('searches profile attributes case-insensitively, with co only on name and description', async () => {
    const { app } = await routesApp();
    const search = async (expr: string): Promise<number | string[]> => {
      const res = await app.inject({ url: '/api/v1/groups', query: { search: expr } });
      return res.statusCode === 200 ? res.json<WireGroup[]>().map((g) => g.id) : res.statusCode;
    };
    expect(await search('profile.name sw "eng"')).toEqual([engineering.id]);
    expect(await search('profile.name co "admin"')).toEqual([adAdmins.id]);
    expect(await search(`source.id eq "${adAdmins.sourceAppId ?? ''}"`)).toEqual([adAdmins.id]);
    expect(await search('type eq "OKTA_GROUP" and created lt "2025-01-01T00:00:00.000Z"')).toEqual([engineering.id]);
    expect(await search('id co "00g"')).toBe(400);
  });

  it('embeds stats with expand=stats', async () => {
    const { app } = await routesApp();
    const groups = (await app.inject('/api/v1/groups?expand=stats')).json<WireGroup[]>();
    expect(groups.map((g) => g._embedded?.stats)).toEqual([
      { usersCount: 8, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivilege: false },
      { usersCount: 2, appsCount: 1, groupPushMappingsCount: 0, hasAdminPrivilege: false },
      { usersCount: 1, appsCount: 1, groupPushMappingsCount: 0, hasAdminPrivilege: true },
    ]);
    const plain = (await app.inject('/api/v1/groups')).json<WireGroup[]>();
    expect(plain[0]?._embedded).toBeUndefined();
  });
});

describe('GET /api/v1/groups/{id} and /users', () => {
  it('gets one group, or 404 E0000007 (UserGroup)', async () => {
    const { app } = await routesApp();
    expect((await app.inject(`/api/v1/groups/${engineering.id}`)).json<WireGroup>().profile.name).toBe('Engineering');
    const missing = await app.inject('/api/v1/groups/00gnope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: 00gnope (UserGroup)' });
  });

  it('lists the apps a group is assigned to (Application objects, paged), or 404 for an unknown group', async () => {
    const { app } = await routesApp();
    const apps = (await app.inject(`/api/v1/groups/${engineering.id}/apps`)).json<{ id: string; label: string; _links: Record<string, unknown> }[]>();
    expect(apps.map((a) => a.label)).toEqual(['Slack']);
    expect(apps[0]?._links.groups).toEqual({ href: `${BASE_URL}/api/v1/apps/${apps[0]?.id ?? ''}/groups` });
    expect((await app.inject(`/api/v1/groups/${everyone.id}/apps`)).json()).toEqual([]);
    const missing = await app.inject('/api/v1/groups/00gnope/apps');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ errorCode: 'E0000007' });
  });

  it('lists members including DEPROVISIONED ones', async () => {
    const { app } = await routesApp();
    const members = (await app.inject(`/api/v1/groups/${engineering.id}/users`)).json<{ id: string; status: string }[]>();
    expect(members.map((m) => m.id)).toEqual([alice.id, carol.id]);
    expect(members[1]?.status).toBe('DEPROVISIONED');
  });

  it('pages members at 1000 by default and walks them all', async () => {
    const users = makeUsers(2500, ['ACTIVE', 'DEPROVISIONED']);
    const { app } = await routesApp({ users, groups: [everyone], groupMembers: { [everyone.id]: users.map((u) => u.id) } });
    const pages = await walkPages<{ id: string }>(app, `/api/v1/groups/${everyone.id}/users`);
    expect(pages.map((p) => p.length)).toEqual([1000, 1000, 500]);
    expect(pages.flat().map((u) => u.id)).toEqual(users.map((u) => u.id));
    const capped = await app.inject(`/api/v1/groups/${everyone.id}/users?limit=5000`);
    expect(capped.json<unknown[]>()).toHaveLength(1000);
  });

  it('answers writes with 405', async () => {
    const { app } = await routesApp();
    const res = await app.inject({ method: 'DELETE', url: `/api/v1/groups/${engineering.id}` });
    expect(res.statusCode).toBe(405);
    expect(res.json()).toMatchObject({ errorCode: 'E0000022' });
  });
});
