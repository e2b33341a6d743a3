import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { loadSpecValidators, SPEC_PATH, specAvailable, specRequired, type SpecValidators } from './openapi-spec.js';

if (!specAvailable) {
  console.warn(`Okta OpenAPI spec not found at ${SPEC_PATH}: skipping the simulator conformance tests.`);
}

describe('OpenAPI spec presence', () => {
  it.runIf(specRequired)('is present where CI requires it', () => {
    expect(specAvailable, `REQUIRE_OKTA_OPENAPI=1 but ${SPEC_PATH} is missing`).toBe(true);
  });
});

describe.runIf(specAvailable)("simulator answers in the shapes of Okta's OpenAPI spec", () => {
  let sim: SimulatorHandle;
  let spec: SpecValidators;

  beforeAll(async () => {
    spec = loadSpecValidators();
    sim = await startSimulator({ users: 300, seed: 3, rateLimits: 'off' });
  }, 120_000);
  afterAll(() => sim.close());

  async function get(path: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(sim.baseUrl + path, { headers: { authorization: `SSWS ${sim.token}`, accept: 'application/json' } });
    return { status: response.status, body: await response.json() };
  }

  function expectConforms(specPath: string, status: number, body: unknown): void {
    const validate = spec.response(specPath, 'get', status);
    const valid = validate(body);
    expect(validate.errors?.slice(0, 5) ?? [], `${specPath} ${status}`).toEqual([]);
    expect(valid).toBe(true);
  }

  function firstId(body: unknown): string {
    const first = (body as { id: string }[])[0];
    if (!first) throw new Error('expected a non-empty list');
    return first.id;
  }

  it('users, a user, and the per-user resources', async () => {
    const list = await get('/api/v1/users?search=status%20pr&limit=200');
    expect(list.status).toBe(200);
    expectConforms('/api/v1/users', 200, list.body);
    const users = list.body as { id: string; status: string }[];
    const active = users.find((u) => u.status === 'ACTIVE')!;
    expectConforms('/api/v1/users/{id}', 200, (await get(`/api/v1/users/${active.id}`)).body);
    expectConforms('/api/v1/users/{userId}/factors', 200, (await get(`/api/v1/users/${active.id}/factors`)).body);
    expectConforms('/api/v1/users/{id}/groups', 200, (await get(`/api/v1/users/${active.id}/groups`)).body);
    expectConforms('/api/v1/users/{id}/appLinks', 200, (await get(`/api/v1/users/${active.id}/appLinks`)).body);
  });

  it('every factor of every user', async () => {
    const users = (await get('/api/v1/users?limit=200')).body as { id: string }[];
    const validate = spec.response('/api/v1/users/{userId}/factors', 'get', 200);
    for (const user of users.slice(0, 100)) {
      const factors = (await get(`/api/v1/users/${user.id}/factors`)).body;
      expect(validate(factors), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });

  it('admin roles and the users who hold them', async () => {
    const assignees = await get('/api/v1/iam/assignees/users');
    expectConforms('/api/v1/iam/assignees/users', 200, assignees.body);
    const first = (assignees.body as { value: { id: string }[] }).value[0]!;
    expectConforms('/api/v1/users/{userId}/roles', 200, (await get(`/api/v1/users/${first.id}/roles`)).body);
  });

  it('groups, a group and its members', async () => {
    const groups = await get('/api/v1/groups');
    expectConforms('/api/v1/groups', 200, groups.body);
    const id = firstId(groups.body);
    expectConforms('/api/v1/groups/{groupId}', 200, (await get(`/api/v1/groups/${id}`)).body);
    expectConforms('/api/v1/groups/{groupId}/users', 200, (await get(`/api/v1/groups/${id}/users`)).body);
  });

  it('apps, an app, its users and groups', async () => {
    const apps = await get('/api/v1/apps?limit=200');
    expectConforms('/api/v1/apps', 200, apps.body);
    for (const app of apps.body as { id: string }[]) {
      expectConforms('/api/v1/apps/{appId}', 200, (await get(`/api/v1/apps/${app.id}`)).body);
      expectConforms('/api/v1/apps/{appId}/users', 200, (await get(`/api/v1/apps/${app.id}/users`)).body);
      expectConforms('/api/v1/apps/{appId}/groups', 200, (await get(`/api/v1/apps/${app.id}/groups`)).body);
    }
  });

  it.each(['PASSWORD', 'MFA_ENROLL', 'OKTA_SIGN_ON', 'ACCESS_POLICY'])('%s policies, their rules and mappings', async (type) => {
    const policies = await get(`/api/v1/policies?type=${type}`);
    expectConforms('/api/v1/policies', 200, policies.body);
    for (const policy of policies.body as { id: string }[]) {
      expectConforms('/api/v1/policies/{policyId}', 200, (await get(`/api/v1/policies/${policy.id}`)).body);
      expectConforms('/api/v1/policies/{policyId}/rules', 200, (await get(`/api/v1/policies/${policy.id}/rules`)).body);
      expectConforms('/api/v1/policies/{policyId}/mappings', 200, (await get(`/api/v1/policies/${policy.id}/mappings`)).body);
    }
  });

  it('System Log events', async () => {
    const logs = await get('/api/v1/logs?limit=1000');
    expect((logs.body as unknown[]).length).toBeGreaterThan(0);
    expectConforms('/api/v1/logs', 200, logs.body);
  });

  it('errors: unknown user (404), a bad filter (400), a bad token (401)', async () => {
    const missing = await get('/api/v1/users/00unotarealuser00000');
    expect(missing.status).toBe(404);
    expectConforms('/api/v1/users/{id}', 404, missing.body);
    const bad = await get('/api/v1/users?filter=status%20ne%20%22ACTIVE%22');
    expect(bad.status).toBe(400);
    const error = spec.component('Error');
    expect(error(bad.body), JSON.stringify(error.errors)).toBe(true);
    const unauthorized = await fetch(`${sim.baseUrl}/api/v1/users`, { headers: { authorization: 'SSWS not-the-token-000' } });
    expect(unauthorized.status).toBe(401);
    expect(error(await unauthorized.json())).toBe(true);
  });
});
