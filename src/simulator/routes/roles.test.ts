import { describe, expect, it } from 'vitest';
import type { SimRoleAssignment } from '../org/types.js';
import { alice, BASE_URL, bob, erin, makeUsers, pathOf, routesApp } from './test-kit.js';

interface AssigneesBody {
  value: { id: string; orn: string; _links: { self: { href: string }; roles: { href: string } } }[];
  _links: { next?: { href: string } };
}

describe('GET /api/v1/iam/assignees/users', () => {
  it('lists users with at least one role, next link in the body and no Link header', async () => {
    const { app } = await routesApp();
    const first = await app.inject('/api/v1/iam/assignees/users?limit=2');
    expect(first.statusCode).toBe(200);
    expect(first.headers.link).toBeUndefined();
    const body = first.json<AssigneesBody>();
    expect(body.value.map((v) => v.id)).toEqual([alice.id, bob.id]);
    expect(body.value[0]).toEqual({
      id: alice.id,
      orn: expect.stringMatching(new RegExp(`^orn:okta:00o\\w+:users:${alice.id}$`)) as unknown,
      _links: {
        self: { href: `${BASE_URL}/api/v1/users/${alice.id}` },
        roles: { href: `${BASE_URL}/api/v1/users/${alice.id}/roles` },
      },
    });
    const next = body._links.next?.href;
    expect(next).toMatch(/^http:\/\/127\.0\.0\.1:9999\/api\/v1\/iam\/assignees\/users\?.*after=/);

    const second = (await app.inject(pathOf(next ?? ''))).json<AssigneesBody>();
    // dave has an empty role list, so he is not an assignee
    expect(second.value.map((v) => v.id)).toEqual([erin.id]);
    expect(second._links).toEqual({});
  });

  it('defaults to 100 per page', async () => {
    const users = makeUsers(150);
    const role: SimRoleAssignment = {
      id: 'ra1',
      label: 'Read Only Administrator',
      type: 'READ_ONLY_ADMIN',
      status: 'ACTIVE',
      created: '2024-01-01T00:00:00.000Z',
      lastUpdated: '2024-01-01T00:00:00.000Z',
      assignmentType: 'USER',
    };
    const { app } = await routesApp({ users, roles: Object.fromEntries(users.map((u) => [u.id, [role]])) });
    const body = (await app.inject('/api/v1/iam/assignees/users')).json<AssigneesBody>();
    expect(body.value).toHaveLength(100);
    const rest = (await app.inject(pathOf(body._links.next?.href ?? ''))).json<AssigneesBody>();
    expect(rest.value).toHaveLength(50);
    expect(rest._links.next).toBeUndefined();
  });

  it('refuses a forged cursor', async () => {
    const { app } = await routesApp();
    const res = await app.inject('/api/v1/iam/assignees/users?after=00u00000000000000001');
    expect(res.statusCode).toBe(400);
  });
});
