import { describe, expect, it } from 'vitest';
import type { SimPolicy } from '../org/types.js';
import { BASE_URL, craftedOrg, linkOf, routesApp, salesforce, slack, walkPages } from './test-kit.js';

interface WirePolicy {
  id: string;
  name: string;
  priority: number;
  status: string;
  _links: Record<string, { href: string }>;
}

describe('GET /api/v1/policies', () => {
  it('requires type: missing → 400 E0000001, unknown → 400 E0000002', async () => {
    const { app } = await routesApp();
    const missing = await app.inject('/api/v1/policies');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: type' });
    const unknown = await app.inject('/api/v1/policies?type=OAUTH_AUTHORIZATION_POLICY');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ errorCode: 'E0000002', errorSummary: 'The request was not valid: Invalid policy type specified' });
  });

  it('lists one type sorted by priority with self, rules and mappings links', async () => {
    const { app } = await routesApp();
    const policies = (await app.inject('/api/v1/policies?type=PASSWORD')).json<WirePolicy[]>();
    expect(policies.map((p) => [p.name, p.priority])).toEqual([
      ['Default Policy', 1],
      ['Contractors', 2],
      ['Legacy', 3],
    ]);
    const self = `${BASE_URL}/api/v1/policies/00p00000000000000001`;
    expect(policies[0]?._links).toMatchObject({
      self: { href: self },
      rules: { href: `${self}/rules` },
      mappings: { href: `${self}/mappings` },
    });
    expect(policies[0]).toMatchObject({ settings: { password: { complexity: { minLength: 12 } } } });
  });

  it('filters by status and name prefix, and refuses a bad status', async () => {
    const { app } = await routesApp();
    const active = (await app.inject('/api/v1/policies?type=PASSWORD&status=INACTIVE')).json<WirePolicy[]>();
    expect(active.map((p) => p.name)).toEqual(['Legacy']);
    const named = (await app.inject('/api/v1/policies?type=PASSWORD&q=contr')).json<WirePolicy[]>();
    expect(named.map((p) => p.name)).toEqual(['Contractors']);
    expect((await app.inject('/api/v1/policies?type=PASSWORD&status=ON')).statusCode).toBe(400);
  });

  it('pages with limit and after', async () => {
    const policies: SimPolicy[] = Array.from({ length: 45 }, (_, i) => ({
      id: `rst${String(i).padStart(17, '0')}`,
      type: 'ACCESS_POLICY',
      name: `Policy ${i}`,
      description: null,
      status: 'ACTIVE',
      priority: 45 - i,
      system: false,
      conditions: null,
      settings: null,
      created: '2024-01-01T00:00:00.000Z',
      lastUpdated: '2024-01-01T00:00:00.000Z',
    }));
    const { app } = await routesApp({ policies });
    const first = await app.inject('/api/v1/policies?type=ACCESS_POLICY');
    expect(first.json<WirePolicy[]>()).toHaveLength(20);
    expect(linkOf(first, 'next')).not.toBeNull();
    const all = (await walkPages<WirePolicy>(app, '/api/v1/policies?type=ACCESS_POLICY&limit=10')).flat();
    expect(all.map((p) => p.priority)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
  });
});

describe('GET /api/v1/policies/{id}, /rules, /mappings', () => {
  it('gets one policy or 404 (Policy)', async () => {
    const { app } = await routesApp();
    expect((await app.inject('/api/v1/policies/rst00000000000000001')).json<WirePolicy>().name).toBe('Default Policy');
    const missing = await app.inject('/api/v1/policies/00pnope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: 00pnope (Policy)' });
  });

  it('lists rules by priority with their links', async () => {
    const { app } = await routesApp();
    const rules = (await app.inject('/api/v1/policies/rst00000000000000001/rules')).json<Record<string, unknown>[]>();
    expect(rules.map((r) => r.name)).toEqual(['Admins need MFA', 'Catch-all Rule']);
    expect(rules[0]).toMatchObject({
      type: 'ACCESS_POLICY',
      actions: { appSignOn: { access: 'ALLOW' } },
      _links: { self: { href: `${BASE_URL}/api/v1/policies/rst00000000000000001/rules/rul00000000000000001` } },
    });
    expect((await app.inject('/api/v1/policies/00p00000000000000001/rules')).json()).toEqual([]);
    expect((await app.inject('/api/v1/policies/nope/rules')).statusCode).toBe(404);
  });

  it('serves rule conditions as the org holds them: null as null (crafted orgs), absent left out', async () => {
    const parts = craftedOrg();
    const [catchAll, admins] = parts.policyRules?.rst00000000000000001 ?? [];
    if (!catchAll || !admins) throw new Error('crafted org changed');
    const { conditions: _dropped, ...withoutConditions } = admins;
    parts.policyRules = { rst00000000000000001: [catchAll, withoutConditions] };
    const { app } = await routesApp(parts);
    const rules = (await app.inject('/api/v1/policies/rst00000000000000001/rules')).json<Record<string, unknown>[]>();
    expect(rules.map((r) => [r.name, 'conditions' in r, r.conditions])).toEqual([
      ['Admins need MFA', false, undefined],
      ['Catch-all Rule', true, null],
    ]);
  });

  it('maps a policy to the apps that use it', async () => {
    const { app } = await routesApp();
    const mappings = (await app.inject('/api/v1/policies/rst00000000000000001/mappings')).json<
      { id: string; _links: { application: { href: string } } }[]
    >();
    expect(mappings.map((m) => m._links.application.href)).toEqual([
      `${BASE_URL}/api/v1/apps/${salesforce.id}`,
      `${BASE_URL}/api/v1/apps/${slack.id}`,
    ]);
    expect(new Set(mappings.map((m) => m.id)).size).toBe(2);
    expect((await app.inject('/api/v1/policies/rst00000000000000002/mappings')).json()).toEqual([]);
  });

  it('answers writes with 405', async () => {
    const { app } = await routesApp();
    for (const url of ['/api/v1/policies', '/api/v1/policies/rst00000000000000001/rules']) {
      const res = await app.inject({ method: 'POST', url, payload: {} });
      expect(res.statusCode).toBe(405);
    }
  });
});
