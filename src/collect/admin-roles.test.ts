import { exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createOAuthAuth, oauthTokenUrl } from '../okta/auth/oauth.js';
import { makeAdminRole } from '../store/testing/fixtures.js';
import { OktaClientError } from '../okta/errors.js';
import { adminRolesCollector, ROLES_ROLE_NEEDED, ROLES_SCOPE_NEEDED } from './admin-roles.js';
import { all, craftOrg, simUser, startHarness } from './testing/collect-kit.js';
import { scriptedClient } from './testing/scripted-client.js';
import { usersCollector } from './users.js';

const AT = '2024-05-01T12:00:00.000Z';

describe('admin roles collector', () => {
  it('stores the role assignments of every user holding one, group-inherited roles with their group', async () => {
    const h = await startHarness({ sim: { users: 80, seed: 4 } });

    const result = await adminRolesCollector.collect(h.context());

    const expected = [...h.sim.org.rolesByUser].flatMap(([userId, roles]) => roles.map((r) => ({ userId, id: r.id, type: r.type, assignmentType: r.assignmentType, groupId: r.groupId ?? null })));
    expect(expected.length).toBeGreaterThan(0);
    expect(result.datasets).toEqual([{ dataset: 'adminRoles', state: 'complete', count: expected.length }]);
    const stored = await all(h.store.entities.stream('adminRoles', h.snapshotId));
    const key = (r: { userId: string; id: string }) => `${r.userId}/${r.id}`;
    expect(stored.map((r) => ({ userId: r.userId, id: r.id, type: r.type, assignmentType: r.assignmentType, groupId: r.groupId })).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      expected.sort((a, b) => key(a).localeCompare(key(b))),
    );
  });

  it('reads a group-inherited role from a crafted org, and clears roles users no longer hold', async () => {
    const roles = {
      '00uADMIN1': [
        { id: 'ra1', label: 'Super Administrator', type: 'SUPER_ADMIN', status: 'ACTIVE' as const, created: AT, lastUpdated: AT, assignmentType: 'USER' as const },
        { id: 'ra2', label: 'Help Desk Administrator', type: 'HELP_DESK_ADMIN', status: 'ACTIVE' as const, created: AT, lastUpdated: AT, assignmentType: 'GROUP' as const, groupId: '00gHELP1' },
      ],
    };
    const h = await startHarness({ org: craftOrg({ users: [simUser('00uADMIN1'), simUser('00uFORMER')], roles }) });
    await h.store.entities.upsert('adminRoles', h.snapshotId, [makeAdminRole({ userId: '00uFORMER', id: 'raOLD' })]);

    await adminRolesCollector.collect(h.context());

    expect(await all(h.store.entities.stream('adminRoles', h.snapshotId))).toEqual([
      { userId: '00uADMIN1', id: 'ra1', type: 'SUPER_ADMIN', label: 'Super Administrator', status: 'ACTIVE', assignmentType: 'USER', groupId: null },
      { userId: '00uADMIN1', id: 'ra2', type: 'HELP_DESK_ADMIN', label: 'Help Desk Administrator', status: 'ACTIVE', assignmentType: 'GROUP', groupId: '00gHELP1' },
    ]);
  });

  it('marks the dataset not_permitted, naming the scope, when the token lacks okta.roles.read — not a failed sync', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const scopes = ['okta.users.read', 'okta.groups.read', 'okta.apps.read', 'okta.policies.read', 'okta.logs.read'];
    const h = await startHarness({
      sim: { users: 30, seed: 4, oauthClients: [{ clientId: '0oaCOLLECTOR1', publicKey: await exportSPKI(publicKey), requireDpop: false, scopes }] },
    });
    const client = h.clientWith(createOAuthAuth({ tokenUrl: oauthTokenUrl(new URL(h.sim.baseUrl)), clientId: '0oaCOLLECTOR1', privateKey, alg: 'RS256', dpop: false, scopes }));
    await h.store.entities.upsert('adminRoles', h.snapshotId, [makeAdminRole({ userId: '00uSTALE', id: 'raSTALE' })]);

    // The same token still reads what it may.
    await expect(usersCollector.collect(h.context({ client }))).resolves.toMatchObject({ datasets: [{ state: 'complete' }] });
    const result = await adminRolesCollector.collect(h.context({ client }));

    expect(result.datasets).toEqual([
      {
        dataset: 'adminRoles',
        state: 'not_permitted',
        count: 0,
        reason: 'Okta refused to list admin role assignments (OKTA_SCOPE_MISSING); role-based checks cannot run on this data',
        permissionNeeded: ROLES_SCOPE_NEEDED,
      },
    ]);
    expect(await h.store.entities.count('adminRoles', h.snapshotId)).toBe(0);
  });

  it('marks the dataset not_permitted, naming the admin role, when a per-user roles read is refused (E0000006)', async () => {
    const h = await startHarness({ org: craftOrg({}) });
    const { client } = scriptedClient((url) =>
      url.pathname === '/api/v1/iam/assignees/users'
        ? { body: { value: [{ id: '00uADMIN1' }], _links: {} } }
        : new OktaClientError('OKTA_PERMISSION_DENIED', 'Okta refused', { status: 403, oktaErrorCode: 'E0000006' }),
    );

    const result = await adminRolesCollector.collect(h.context({ client }));

    expect(result.datasets[0]).toMatchObject({ state: 'not_permitted', permissionNeeded: expect.stringContaining(ROLES_ROLE_NEEDED) as unknown });
  });
});
