import { expect, it } from 'vitest';
import type { ConnectionSettings, NewConnection } from '../connection-types.js';
import { isStoreError } from '../errors.js';
import { describeEachBackend } from '../testing/backend-suite.js';

const SETTINGS: ConnectionSettings = { autoSync: true, syncIntervalS: 21_600, logWindowDays: 7, budgetS: 300, eventTypes: null, evidenceRetention: 30 };

function newConnection(domain: string, overrides: Partial<NewConnection> = {}): NewConnection {
  return {
    name: domain.split('.')[0] ?? domain,
    domain,
    baseUrl: null,
    proxyUrl: null,
    credential: { kind: 'ssws' },
    sealedSecret: 'v1.sealed-envelope',
    settings: SETTINGS,
    ...overrides,
  };
}

describeEachBackend('connections on %s', ({ store, org }) => {
  it('creates, reads by id, name (any case) and domain, and never returns the sealed secret', async () => {
    const created = await store().connections.create(newConnection(org(), { name: 'Acme Prod ' + org() }));
    expect(created).toMatchObject({
      domain: org(),
      credential: { kind: 'ssws' },
      settings: SETTINGS,
      org: { orgId: null, pipeline: null, verifiedAt: null },
      health: { state: 'healthy', reason: null, consecutiveFailures: 0, pausedReason: null },
      schedule: { nextRunAt: null, lastSyncId: null, lastSyncAt: null },
    });
    expect(JSON.stringify(created)).not.toContain('sealed-envelope');
    expect(await store().connections.get(created.id)).toEqual(created);
    expect(await store().connections.findByName(created.name.toUpperCase())).toEqual(created);
    expect(await store().connections.findByDomain(org())).toEqual(created);
    expect(JSON.stringify(await store().connections.list())).not.toContain('sealed-envelope');
    expect(await store().connections.readSealedSecret(created.id)).toBe('v1.sealed-envelope');
    expect(await store().connections.get('nope')).toBeUndefined();
  });

  it('refuses a second connection with the same name (any case) or to the same domain, naming the existing one', async () => {
    const first = await store().connections.create(newConnection(org(), { name: `first-${org()}` }));
    const sameName = await store().connections.create(newConnection(`other-${org()}`, { name: first.name.toUpperCase() })).catch((e: unknown) => e);
    expect(isStoreError(sameName, 'STORE_CONFLICT')).toBe(true);
    expect((sameName as Error).message).toContain(`A connection named "${first.name}" already exists`);
    const sameDomain = await store().connections.create(newConnection(org(), { name: `second-${org()}` })).catch((e: unknown) => e);
    expect(isStoreError(sameDomain, 'STORE_CONFLICT')).toBe(true);
    expect((sameDomain as Error).message).toContain(`"${first.name}" already reads ${org()}`);
    expect((await store().connections.list()).filter((c) => c.domain === org())).toHaveLength(1);
  });

  it('keeps OAuth credential parts in clear and the secret sealed; replacing the credential forgets the verified org', async () => {
    const oauth = { kind: 'oauth', clientId: '0oaclient', keyId: 'kid-1', dpop: 'on' } as const;
    const created = await store().connections.create(
      newConnection(org(), { credential: oauth, org: { orgId: '00oORG', pipeline: 'idx', verifiedAt: new Date('2026-01-01T00:00:00Z') } }),
    );
    expect(created.credential).toEqual(oauth);
    expect(created.org).toEqual({ orgId: '00oORG', pipeline: 'idx', verifiedAt: new Date('2026-01-01T00:00:00Z') });
    const replaced = await store().connections.replaceCredential(created.id, { kind: 'ssws' }, 'v1.other');
    expect(replaced.credential).toEqual({ kind: 'ssws' });
    expect(replaced.org.orgId).toBeNull();
    expect(await store().connections.readSealedSecret(created.id)).toBe('v1.other');
    const verified = await store().connections.recordOrg(created.id, { orgId: '00oORG', pipeline: 'v1', verifiedAt: new Date('2026-02-01T00:00:00Z') });
    expect(verified.org.pipeline).toBe('v1');
  });

  it('updates name and settings, refusing a taken name and an unknown id', async () => {
    const a = await store().connections.create(newConnection(org(), { name: `a-${org()}` }));
    const b = await store().connections.create(newConnection(`b-${org()}`, { name: `b-${org()}` }));
    const updated = await store().connections.update(a.id, { name: `renamed-${org()}`, proxyUrl: 'http://proxy.example.com:3128', settings: { autoSync: false, eventTypes: ['user.session.start'] } });
    expect(updated).toMatchObject({ name: `renamed-${org()}`, proxyUrl: 'http://proxy.example.com:3128', settings: { ...SETTINGS, autoSync: false, eventTypes: ['user.session.start'] } });
    expect(isStoreError(await store().connections.update(a.id, { name: b.name }).catch((e: unknown) => e), 'STORE_CONFLICT')).toBe(true);
    expect(isStoreError(await store().connections.update('missing', { name: 'x' }).catch((e: unknown) => e), 'STORE_INVALID_STATE')).toBe(true);
    expect((await store().connections.get(a.id))?.name).toBe(`renamed-${org()}`);
  });

  it('reseals a secret without touching the credential, and lists sealed secrets for rotation', async () => {
    const c = await store().connections.create(newConnection(org()));
    await store().connections.resealSecret(c.id, 'v1.resealed');
    expect(await store().connections.readSealedSecret(c.id)).toBe('v1.resealed');
    expect((await store().connections.listSealedSecrets()).find((s) => s.id === c.id)).toEqual({ id: c.id, name: c.name, domain: c.domain, sealedSecret: 'v1.resealed' });
    expect((await store().connections.get(c.id))?.updatedAt).toEqual(c.updatedAt);
  });

  it('lists due connections for the scheduler: auto sync on, not paused, next run unset or past', async () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const due = await store().connections.create(newConnection(org(), { name: `due-${org()}` }));
    const later = await store().connections.create(newConnection(`later-${org()}`, { name: `later-${org()}` }));
    const paused = await store().connections.create(newConnection(`paused-${org()}`, { name: `paused-${org()}` }));
    const manual = await store().connections.create(newConnection(`manual-${org()}`, { name: `manual-${org()}`, settings: { ...SETTINGS, autoSync: false } }));
    await store().connections.updateSchedule(due.id, { nextRunAt: new Date(now.getTime() - 1), lastSyncId: 'sync-1', lastSyncAt: new Date(now.getTime() - 6 * 3600_000) });
    await store().connections.updateSchedule(later.id, { nextRunAt: new Date(now.getTime() + 1) });
    await store().connections.updateHealth(paused.id, { state: 'paused', reason: '401', consecutiveFailures: 1, pausedReason: 'the API token was rejected (401)' });
    const ids = (await store().connections.listDue(now, 1000)).map((c) => c.id);
    expect(ids).toContain(due.id);
    expect(ids).not.toContain(later.id);
    expect(ids).not.toContain(paused.id);
    expect(ids).not.toContain(manual.id);
    expect((await store().connections.get(due.id))?.schedule).toEqual({ nextRunAt: new Date(now.getTime() - 1), lastSyncId: 'sync-1', lastSyncAt: new Date(now.getTime() - 6 * 3600_000) });
    expect((await store().connections.get(paused.id))?.health).toEqual({ state: 'paused', reason: '401', consecutiveFailures: 1, pausedReason: 'the API token was rejected (401)' });
  });

  it('removes a connection and says whether there was one', async () => {
    const c = await store().connections.create(newConnection(org()));
    expect(await store().connections.remove(c.id)).toBe(true);
    expect(await store().connections.remove(c.id)).toBe(false);
    expect(await store().connections.get(c.id)).toBeUndefined();
    expect(await store().connections.readSealedSecret(c.id)).toBeUndefined();
  });

  it('lets exactly one of two racing creates of the same connection win', async () => {
    const results = await Promise.allSettled([0, 1].map(() => store().transaction((tx) => tx.connections.create(newConnection(org())))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected');
    expect(isStoreError(loser?.reason, 'STORE_CONFLICT')).toBe(true);
  });

  it('rolls a create back with the transaction it ran in', async () => {
    await expect(
      store().transaction(async (tx) => {
        await tx.connections.create(newConnection(org()));
        throw new Error('crash after the write');
      }),
    ).rejects.toThrow('crash after the write');
    expect(await store().connections.findByDomain(org())).toBeUndefined();
  });
});
