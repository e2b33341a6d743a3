import { describe, expect, it } from 'vitest';
import type { SimPolicy } from '../simulator/org/types.js';
import { makePolicy } from '../store/testing/fixtures.js';
import { OktaClientError } from '../okta/errors.js';
import { policiesCollector, POLICY_TYPES } from './policies.js';
import { all, craftOrg, startHarness } from './testing/collect-kit.js';
import { scriptedClient } from './testing/scripted-client.js';

const AT = '2024-05-01T12:00:00.000Z';

describe('policies collector', () => {
  it('stores the four policy types with their rules, MFA_ENROLL in both the Classic and the Identity Engine shape', async () => {
    const h = await startHarness({ sim: { users: 20, seed: 2 } });
    const wanted = h.sim.org.policies.filter((p) => (POLICY_TYPES as readonly string[]).includes(p.type));

    const result = await policiesCollector.collect(h.context());

    expect(result.datasets).toEqual([{ dataset: 'policies', state: 'complete', count: wanted.length }]);
    const stored = await all(h.store.entities.stream('policies', h.snapshotId));
    expect(stored.map((p) => p.id).sort()).toEqual(wanted.map((p) => p.id).sort());
    const mfa = stored.filter((p) => p.type === 'MFA_ENROLL');
    const shapes = mfa.map((p) => (p.settings !== null && typeof p.settings === 'object' && 'authenticators' in p.settings ? 'authenticators' : 'factors'));
    expect(new Set(shapes)).toEqual(new Set(['authenticators', 'factors']));
    for (const policy of stored) {
      const original = wanted.find((p) => p.id === policy.id);
      expect(policy.settings).toEqual(original?.settings ?? null);
      expect(policy.conditions).toEqual(original?.conditions ?? null);
      const rules = await all(h.store.entities.stream('policyRules', h.snapshotId, { parentId: policy.id }));
      const originalRules = h.sim.org.rulesByPolicy.get(policy.id) ?? [];
      expect(rules.map((r) => r.id).sort()).toEqual(originalRules.map((r) => r.id).sort());
      for (const rule of rules) expect(rule.actions).toEqual(originalRules.find((r) => r.id === rule.id)?.actions);
    }
  });

  it('reads rules past the first page and records a rule that does not parse', async () => {
    const policy: SimPolicy = { id: '00pPW1', type: 'PASSWORD', name: 'Default Policy', description: null, status: 'ACTIVE', priority: 1, system: true, conditions: null, settings: { password: { age: { maxAgeDays: 90 } } }, created: AT, lastUpdated: AT };
    const rules = Array.from({ length: 230 }, (_, i) => ({
      id: `0prR${String(i).padStart(4, '0')}`,
      type: 'PASSWORD',
      name: i === 7 ? '' : `Rule ${i}`,
      priority: i,
      status: 'ACTIVE' as const,
      system: false,
      conditions: null,
      actions: { passwordChange: { access: 'ALLOW' } },
      created: AT,
      lastUpdated: AT,
    }));
    const h = await startHarness({ org: craftOrg({ policies: [policy], policyRules: { '00pPW1': rules } }) });

    const result = await policiesCollector.collect(h.context());

    expect(await h.store.entities.count('policyRules', h.snapshotId, { parentId: '00pPW1' })).toBe(229);
    expect(result.errors).toEqual([{ dataset: 'policies', entityId: '00pPW1/0prR0007', message: expect.stringContaining('name') as unknown }]);
    expect(result.datasets[0]).toMatchObject({ state: 'partial', count: 1 });
    expect(await h.store.entities.find('policies', h.snapshotId, { id: '00pPW1' })).toMatchObject({ system: true, priority: 1, settings: { password: { age: { maxAgeDays: 90 } } } });
  });

  it('removes policies Okta no longer has', async () => {
    const h = await startHarness({ org: craftOrg({}) });
    await h.store.entities.upsert('policies', h.snapshotId, [makePolicy({ id: '00pGONE' })]);

    const result = await policiesCollector.collect(h.context());

    expect(result.datasets).toEqual([{ dataset: 'policies', state: 'complete', count: 0 }]);
  });

  it('leaves out a policy type Okta refuses to list (400) and says so, without failing the sync', async () => {
    const h = await startHarness({ org: craftOrg({}) });
    const { client } = scriptedClient((url) =>
      url.searchParams.get('type') === 'ACCESS_POLICY'
        ? new OktaClientError('OKTA_BAD_REQUEST', 'Invalid policy type specified', { status: 400, oktaErrorCode: 'E0000002' })
        : { body: url.pathname.endsWith('/rules') ? [] : [{ id: `00p${url.searchParams.get('type') ?? ''}`.replace(/_/g, ''), type: url.searchParams.get('type'), name: 'Default Policy', status: 'ACTIVE' }] },
    );

    const result = await policiesCollector.collect(h.context({ client }));

    expect(result.datasets).toEqual([
      { dataset: 'policies', state: 'partial', count: 3, reason: 'Okta refused to list ACCESS_POLICY policies (E0000002); this org may not have that policy type' },
    ]);
  });

  it('records a policy whose settings nest thousands of levels deep as a collection error with its id, and goes on (issue 14 item 7)', async () => {
    const h = await startHarness({ org: craftOrg({}) });
    let deep: unknown = 1;
    for (let level = 0; level < 8000; level += 1) deep = { a: deep };
    const { client } = scriptedClient((url) => {
      const type = url.searchParams.get('type') ?? '';
      if (url.pathname.endsWith('/rules')) return { body: [] };
      const plain = { id: `00p${type.replace(/_/g, '')}`, type, name: 'Default Policy', status: 'ACTIVE' };
      return { body: type === 'PASSWORD' ? [plain, { ...plain, id: '00pDEEP', settings: deep }] : [plain] };
    });

    const result = await policiesCollector.collect(h.context({ client }));

    expect(result.errors).toEqual([{ dataset: 'policies', entityId: '00pDEEP', message: 'settings: nested deeper than 64 levels' }]);
    expect(result.datasets[0]).toMatchObject({ state: 'partial', count: 4 });
  });
});
