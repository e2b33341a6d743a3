import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateChecks } from '../../checks/engine.js';
import { loadSnapshotView } from '../../checks/snapshot-view.js';
import type { Store } from '../../store/store.js';
import { DATASET_IDS } from '../../store/types.js';
import { makeGroup, makePolicy, makeUser, paddedId } from '../../store/testing/fixtures.js';
import { startTestServer, type TestServer } from '../testing/server-kit.js';

const ORG = 'passwords.example.com';

/** An org whose one password policy governs everybody: 8-character minimum, digits required, no history. */
async function seedPasswordOrg(store: Store, now: Date): Promise<void> {
  const snapshot = await store.snapshots.begin(ORG, {});
  await store.entities.upsert('users', snapshot.id, Array.from({ length: 3 }, (_, i) => makeUser({ id: paddedId('00u', i), login: `person${i}@example.com`, lastLogin: now })));
  await store.entities.upsert('groups', snapshot.id, [makeGroup({ id: '00geveryone', name: 'Everyone', type: 'BUILT_IN' })]);
  await store.entities.upsert('groupMemberships', snapshot.id, Array.from({ length: 3 }, (_, i) => ({ groupId: '00geveryone', userId: paddedId('00u', i) })));
  await store.entities.upsert('policies', snapshot.id, [
    makePolicy({
      id: '00ppassword',
      type: 'PASSWORD',
      name: 'Default Policy',
      conditions: { people: { groups: { include: ['00geveryone'] } }, authProvider: { provider: 'OKTA' } },
      settings: { password: { complexity: { minLength: 8, minNumber: 1, minLowerCase: 1 }, age: { historyCount: 0, maxAgeDays: 0 }, lockout: { maxAttempts: 10, autoUnlockMinutes: 0 } } },
    }),
  ]);
  await store.snapshots.promote(ORG, snapshot.id, { datasets: DATASET_IDS.map((dataset) => ({ dataset, state: 'complete' as const, count: 1 })) });
  const promoted = await store.snapshots.current(ORG);
  if (promoted === undefined) throw new Error('snapshot was not promoted');
  await store.checkResults.save(evaluateChecks(await loadSnapshotView(store, promoted), {}, { now }));
}

describe('console views: active frameworks and password compliance', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await seedPasswordOrg(server.store, server.now());
  });
  afterAll(() => server.close());

  it('has every framework active until an admin chooses, then keeps and audits the choice', async () => {
    const admin = await server.signIn('admin', { email: 'chooser@example.com' });
    const auditor = await server.signIn('auditor');
    const initial = await server.request('GET', '/api/frameworks/active', auditor);
    expect(initial.json()).toEqual({ active: ['SOC2', 'ISO27001_2013', 'ISO27001_2022', 'HIPAA', 'GDPR', 'PCI_DSS_4', 'NIST_CSF_1_1', 'NIST_CSF_2_0'], chosenBy: null, chosenAt: null });

    const chosen = await server.request('PUT', '/api/frameworks/active', admin, { active: ['HIPAA', 'SOC2'] });
    expect(chosen.statusCode, chosen.body).toBe(200);
    // Kept in the product's order, whatever order they were sent in.
    expect(chosen.json()).toMatchObject({ active: ['SOC2', 'HIPAA'], chosenBy: 'api:chooser@example.com' });
    expect((await server.request('GET', '/api/frameworks/active', auditor)).json()).toMatchObject({ active: ['SOC2', 'HIPAA'] });

    const audit = await server.request('GET', '/api/audit-log?action=frameworks.choose', auditor);
    expect(audit.json<{ items: { details: unknown }[] }>().items[0]?.details).toEqual({ from: ['SOC2', 'ISO27001_2013', 'ISO27001_2022', 'HIPAA', 'GDPR', 'PCI_DSS_4', 'NIST_CSF_1_1', 'NIST_CSF_2_0'], to: ['SOC2', 'HIPAA'] });
  });

  it('refuses an empty or unknown choice and changes nothing', async () => {
    const admin = await server.signIn('admin', { email: 'second-admin@example.com' });
    const before = (await server.request('GET', '/api/frameworks/active', admin)).json<{ active: string[] }>().active;
    const empty = await server.request('PUT', '/api/frameworks/active', admin, { active: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.active');
    const unknown = await server.request('PUT', '/api/frameworks/active', admin, { active: ['SOC2', 'SOX'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.active.1');
    expect((await server.request('GET', '/api/frameworks/active', admin)).json<{ active: string[] }>().active).toEqual(before);
  });

  it('shows each requirement of each profile, actual against required, agreeing with the check', async () => {
    const auditor = await server.signIn('auditor', { email: 'auditor2@example.com' });
    const response = await server.request('GET', `/api/orgs/${ORG}/password-compliance`, auditor);
    expect(response.statusCode, response.body).toBe(200);
    type Row = { source: string; required: string; actual: string; met: boolean };
    const { policies } = response.json<{ policies: { policyId: string; status: string; governedUsers: number; profiles: { profileId: string; chosen: boolean; met: boolean; requirements: Row[] }[] }[] }>();
    expect(policies).toHaveLength(1);
    const [policy] = policies;
    expect(policy).toMatchObject({ policyId: '00ppassword', status: 'fail', governedUsers: 3 });
    const pci = policy?.profiles.find((profile) => profile.profileId === 'pci-dss-v4');
    expect(pci).toMatchObject({ chosen: true, met: false });
    expect(pci?.requirements).toContainEqual({ source: '8.3.6', required: 'minimum length ≥ 12 characters', actual: '8 characters', fields: ['complexity.minLength'], met: false });
    expect(pci?.requirements).toContainEqual({ source: '8.3.6', required: 'a digit required', actual: 'required', fields: ['complexity.minNumber'], met: true });
    expect(pci?.requirements).toContainEqual({ source: '8.3.7', required: 'password history ≥ 4 passwords', actual: '0 (not set)', fields: ['age.historyCount'], met: false });
    // Lockout duration 0 means only an admin unlocks, which PCI DSS 8.3.4 accepts.
    expect(pci?.requirements).toContainEqual(expect.objectContaining({ source: '8.3.4', required: 'lockout duration ≥ 30 minutes or 0 (admin unlock)', met: true }));
    expect(policy?.profiles.map((profile) => profile.profileId)).toEqual(['pci-dss-v4', 'nist-800-63b', 'disa-stig', 'okta-healthinsight']);
    expect(policy?.profiles.filter((profile) => profile.chosen)).toHaveLength(1);
  });

  it('answers 404 for an org without test results', async () => {
    const auditor = await server.signIn('auditor', { email: 'auditor3@example.com' });
    expect((await server.request('GET', '/api/orgs/nobody.example.com/password-compliance', auditor)).statusCode).toBe(404);
  });
});
