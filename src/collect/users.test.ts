import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SimUser } from '../simulator/org/types.js';
import { makeUser } from '../store/testing/fixtures.js';
import type { UserRecord } from '../store/types.js';
import { all, craftOrg, simUser, startHarness } from './testing/collect-kit.js';
import { usersCollector } from './users.js';

function expected(user: SimUser): UserRecord {
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return {
    id: user.id,
    login: user.profile.login,
    email: user.profile.email,
    firstName: user.profile.firstName,
    lastName: user.profile.lastName,
    displayName: user.profile.displayName ?? null,
    department: user.profile.department ?? null,
    title: user.profile.title ?? null,
    status: user.status,
    created: date(user.created),
    activated: date(user.activated),
    statusChanged: date(user.statusChanged),
    lastLogin: date(user.lastLogin),
    lastUpdated: date(user.lastUpdated),
    passwordChanged: date(user.passwordChanged),
    providerType: user.credentials.provider.type,
    providerName: user.credentials.provider.name,
  };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('users collector', () => {
  it('stores every user in every status, DEPROVISIONED included, exactly as the org has them', async () => {
    const h = await startHarness({ sim: { users: 450, seed: 7 } });
    expect(h.sim.org.users.some((u) => u.status === 'DEPROVISIONED')).toBe(true);

    const result = await usersCollector.collect(h.context());

    const stored = await all(h.store.entities.stream('users', h.snapshotId));
    expect(stored.sort(byId)).toEqual(h.sim.org.users.map(expected).sort(byId));
    expect(result.datasets).toEqual([{ dataset: 'users', state: 'complete', count: h.sim.org.users.length }]);
    expect(result.errors).toEqual([]);
    expect(h.progress.at(-1)).toEqual({ dataset: 'users', count: 450, total: 450 });
  });

  it('never stores credentials or recovery questions', async () => {
    const question = 'What is the name of your first stuffed animal?';
    const user = simUser('00uCRED1', { credentials: { password: {}, recovery_question: { question }, provider: { type: 'OKTA', name: 'OKTA' } } });
    const h = await startHarness({ org: craftOrg({ users: [user] }) });

    await usersCollector.collect(h.context());

    const [stored] = await all(h.store.entities.stream('users', h.snapshotId));
    expect(Object.keys(stored ?? {}).sort()).toEqual(Object.keys(expected(user)).sort());
    await h.store.close();
    const bytes = readFileSync(h.dbPath).toString('latin1') + readFileSync(`${h.dbPath}-wal`, { flag: 'a+' }).toString('latin1');
    // Matched as booleans: a failing toContain would print the whole database file.
    expect(bytes.includes('00ucred1@example.com')).toBe(true);
    // `"credentials"` as a JSON key or column: the schema itself names tables such as downstream_credentials.
    for (const secret of [question, 'recovery_question', '"credentials"']) expect(bytes.includes(secret), secret).toBe(false);
  });

  it('keeps where each user authenticates: a federated user keeps its identity provider, a user without credentials has none', async () => {
    const federated = simUser('00uFED1', { credentials: { provider: { type: 'FEDERATION', name: 'Partner IdP' } } });
    const social = simUser('00uSOC1', { credentials: { provider: { type: 'SOCIAL', name: 'Google' } } });
    const h = await startHarness({ org: craftOrg({ users: [federated, social] }) });

    await usersCollector.collect(h.context());

    const stored = (await all(h.store.entities.stream('users', h.snapshotId))).sort(byId);
    expect(stored.map((u) => [u.id, u.providerType, u.providerName])).toEqual([
      ['00uFED1', 'FEDERATION', 'Partner IdP'],
      ['00uSOC1', 'SOCIAL', 'Google'],
    ]);
  });

  it('records a user that fails to parse as a collection error and marks the dataset partial', async () => {
    const broken = simUser('00uBROKEN1');
    // A user without profile.login: Okta requires it, so the record cannot be trusted.
    delete (broken.profile as Partial<SimUser['profile']>).login;
    const h = await startHarness({ org: craftOrg({ users: [simUser('00uGOOD1'), broken, simUser('00uGOOD2', { status: 'DEPROVISIONED' })] }) });

    const result = await usersCollector.collect(h.context());

    expect(result.errors).toEqual([{ dataset: 'users', entityId: '00uBROKEN1', message: expect.stringContaining('profile.login') as unknown }]);
    expect(result.datasets[0]).toMatchObject({ dataset: 'users', state: 'partial', count: 2, reason: expect.stringContaining('1 record could not be parsed') as unknown });
    expect((await all(h.store.entities.stream('users', h.snapshotId))).map((u) => u.id)).toEqual(['00uGOOD1', '00uGOOD2']);
    expect(await h.store.entities.find('collectionErrors', h.snapshotId, { dataset: 'users', entityId: '00uBROKEN1' })).toMatchObject({ dataset: 'users' });
  });

  it('removes users the snapshot still holds but Okta no longer has, and replaces old collection errors', async () => {
    const h = await startHarness({ org: craftOrg({ users: [simUser('00uKEEP1')] }) });
    await h.store.entities.upsert('users', h.snapshotId, [makeUser({ id: '00uGONE1', status: 'DEPROVISIONED' })]);
    await h.store.entities.upsert('factors', h.snapshotId, [{ userId: '00uGONE1', id: 'fac1', factorType: 'sms', provider: 'OKTA', vendorName: 'OKTA', status: 'ACTIVE', created: null, lastUpdated: null, profileSummary: null }]);
    await h.store.entities.upsert('collectionErrors', h.snapshotId, [{ dataset: 'users', entityId: '00uOLD', message: 'from an earlier read' }]);

    const result = await usersCollector.collect(h.context());

    expect(result.datasets[0]).toEqual({ dataset: 'users', state: 'complete', count: 1 });
    expect((await all(h.store.entities.stream('users', h.snapshotId))).map((u) => u.id)).toEqual(['00uKEEP1']);
    expect(await h.store.entities.count('factors', h.snapshotId)).toBe(0);
    expect(await h.store.entities.count('collectionErrors', h.snapshotId)).toBe(0);
  });

  it('fails loudly on a malformed page, for the sync run to record', async () => {
    const h = await startHarness({ sim: { users: 450, seed: 3 } });
    h.sim.setFaults({ malformedPage: { pathPrefix: '/api/v1/users', pageNumber: 2 } });
    await expect(usersCollector.collect(h.context())).rejects.toMatchObject({ code: 'OKTA_BAD_RESPONSE' });
  });
});
