import { describe, expect, it } from 'vitest';
import type { DownstreamAccount, DownstreamSnapshot } from '../downstream-types.js';
import { describeEachBackend } from '../testing/backend-suite.js';

function account(id: number, overrides: Partial<DownstreamAccount> = {}): DownstreamAccount {
  return { accountId: String(id), login: `dev${id}`, email: null, kind: 'member', ownMfa: 'enabled', samlNameId: `dev${id}@example.com`, ...overrides };
}

function snapshotOf(service: DownstreamSnapshot['service'], accounts: DownstreamAccount[], readAt = '2026-12-01T10:00:00.000Z'): DownstreamSnapshot {
  return {
    service,
    readAt,
    accounts,
    credentials: [
      { login: 'dev1', credentialId: '77', credentialType: 'personal access token', authorizedAt: '2026-11-01T00:00:00Z', lastAccessedAt: null, expiresAt: '2027-01-01T00:00:00Z' },
      { login: 'dev2', credentialId: '78', credentialType: 'SSH key', authorizedAt: '2026-11-02T00:00:00Z', lastAccessedAt: '2026-11-30T00:00:00Z', expiresAt: null },
    ],
    requiresOwnMfa: null,
    samlConfigured: true,
    ssoEnforced: { source: 'unverified', value: null, why: 'GitHub does not show whether a standalone organization enforces SAML SSO.' },
    completeness: { accounts: true, ownMfa: false, samlIdentities: true, credentials: true, notes: ['ownMfa: not permitted (needs an owner)'] },
  };
}

describeEachBackend('downstream services on %s', ({ store, org }) => {
  it('creates a service, updates it by id or by name in any case, and refuses a name another service has', async () => {
    const created = await store().downstream.upsertService({ kind: 'github', name: `GitHub ${org()}`, oktaOrg: org(), oktaAppId: null });
    expect(created).toEqual({ id: created.id, kind: 'github', name: `GitHub ${org()}`, oktaOrg: org(), oktaAppId: null });
    expect(created.id).toMatch(/^[0-9A-Z]{26}$/);
    const mapped = await store().downstream.upsertService({ kind: 'github', name: `github ${org()}`.toUpperCase(), oktaOrg: org(), oktaAppId: '0oaGITHUB' });
    expect(mapped.id).toBe(created.id);
    expect(mapped.oktaAppId).toBe('0oaGITHUB');
    const other = await store().downstream.upsertService({ kind: 'imported', name: `Datadog ${org()}`, oktaOrg: org(), oktaAppId: '0oaDD' });
    await expect(store().downstream.upsertService({ id: other.id, kind: 'imported', name: `GitHub ${org()}`, oktaOrg: org(), oktaAppId: null })).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    await expect(store().downstream.upsertService({ id: 'nope', kind: 'imported', name: 'x', oktaOrg: org(), oktaAppId: null })).rejects.toMatchObject({ code: 'STORE_INVALID_STATE' });
    expect(await store().downstream.findServiceByName(`datadog ${org()}`)).toEqual(other);
    expect((await store().downstream.listServices()).filter((s) => s.oktaOrg === org()).map((s) => s.name)).toEqual([`Datadog ${org()}`, `github ${org()}`.toUpperCase()]);
  });

  it('stores a read whole as the current snapshot and keeps the one before as history, per service', async () => {
    const github = await store().downstream.upsertService({ kind: 'github', name: `gh ${org()}`, oktaOrg: org(), oktaAppId: '0oaGH' });
    const imported = await store().downstream.upsertService({ kind: 'imported', name: `imp ${org()}`, oktaOrg: org(), oktaAppId: null });
    const first = snapshotOf(github, [account(1), account(2, { ownMfa: 'disabled', samlNameId: null }), account(3, { kind: 'outside_collaborator', ownMfa: 'insecure' })]);
    const { snapshotId: firstId } = await store().downstream.saveSnapshot(first);
    expect(await store().downstream.currentSnapshot(github.id)).toEqual({ ...first, snapshotId: firstId });
    expect(await store().downstream.currentSnapshot(imported.id)).toBeUndefined();

    const second = { ...snapshotOf(github, [account(1)], '2026-12-01T16:00:00.000Z'), requiresOwnMfa: true, ssoEnforced: { source: 'api' as const, value: true, detail: 'enterprise SAML ENFORCED' } };
    const { snapshotId: secondId } = await store().downstream.saveSnapshot(second);
    expect(await store().downstream.currentSnapshot(github.id)).toEqual({ ...second, snapshotId: secondId });
    expect(await store().downstream.getSnapshot(firstId)).toEqual({ ...first, snapshotId: firstId });
    expect(await store().downstream.listSnapshots(github.id)).toEqual([
      { id: secondId, serviceId: github.id, readAt: second.readAt, current: true, accountCount: 1, credentialCount: 2, complete: false },
      { id: firstId, serviceId: github.id, readAt: first.readAt, current: false, accountCount: 3, credentialCount: 2, complete: false },
    ]);
    expect(await store().downstream.listSnapshots(imported.id)).toEqual([]);

    // The current mapping is what a read comes back with.
    await store().downstream.upsertService({ id: github.id, kind: 'github', name: github.name, oktaOrg: org(), oktaAppId: '0oaNEW' });
    expect((await store().downstream.currentSnapshot(github.id))?.service.oktaAppId).toBe('0oaNEW');

    expect(await store().downstream.pruneSnapshots(github.id, 1)).toEqual([firstId]);
    expect(await store().downstream.getSnapshot(firstId)).toBeUndefined();
    expect(await store().downstream.currentSnapshot(github.id)).toMatchObject({ snapshotId: secondId });
  });

  it('refuses a read with an account twice, or of an unknown service, and keeps the last good snapshot', async () => {
    const service = await store().downstream.upsertService({ kind: 'imported', name: `dup ${org()}`, oktaOrg: org(), oktaAppId: null });
    const { snapshotId } = await store().downstream.saveSnapshot(snapshotOf(service, [account(1)]));
    await expect(store().downstream.saveSnapshot(snapshotOf(service, [account(1), account(2), account(1, { login: 'again' })]))).rejects.toThrow(/Account "1" \(again\) appears twice/);
    await expect(store().downstream.saveSnapshot(snapshotOf({ ...service, id: 'missing' }, [account(1)]))).rejects.toMatchObject({ code: 'STORE_INVALID_STATE' });
    expect((await store().downstream.currentSnapshot(service.id))?.snapshotId).toBe(snapshotId);
    expect(await store().downstream.listSnapshots(service.id)).toHaveLength(1);
  });

  it('stores thousands of accounts in batches and removes a service with its history', async () => {
    const service = await store().downstream.upsertService({ kind: 'github', name: `big ${org()}`, oktaOrg: org(), oktaAppId: null });
    const accounts = Array.from({ length: 6_000 }, (_, i) => account(i + 1));
    const { snapshotId } = await store().downstream.saveSnapshot(snapshotOf(service, accounts));
    expect((await store().downstream.getSnapshot(snapshotId))?.accounts).toHaveLength(6_000);
    expect(await store().downstream.removeService(service.id)).toBe(true);
    expect(await store().downstream.getSnapshot(snapshotId)).toBeUndefined();
    expect(await store().downstream.removeService(service.id)).toBe(false);
  });
});

describeEachBackend('GitHub connections on %s', ({ store, org }) => {
  const settings = { autoSync: true, syncIntervalS: 21_600, budgetS: 600 };
  it('creates, reads without the secret, updates, reseals and removes a connection', async () => {
    const service = await store().downstream.upsertService({ kind: 'github', name: `GitHub ${org()}`, oktaOrg: org(), oktaAppId: '0oaGH' });
    const created = await store().githubConnections.create({
      name: `gh-${org()}`,
      apiUrl: 'https://api.github.com',
      org: 'acme-example',
      enterprise: null,
      serviceId: service.id,
      credential: { kind: 'app', appId: '12345', installationId: null },
      sealedSecret: 'oes1.sealed',
      settings,
      orgId: '9001',
    });
    expect(created).toMatchObject({ name: `gh-${org()}`, org: 'acme-example', credential: { kind: 'app', appId: '12345', installationId: null }, settings, orgId: '9001', health: { state: 'healthy' } });
    expect(JSON.stringify(created)).not.toContain('oes1.sealed');
    expect(await store().githubConnections.readSealedSecret(created.id)).toBe('oes1.sealed');
    expect(await store().githubConnections.findByName(`GH-${org()}`)).toEqual(created);

    await expect(
      store().githubConnections.create({ name: `GH-${org()}`, apiUrl: 'https://api.github.com', org: 'x', enterprise: null, serviceId: 'other', credential: { kind: 'token' }, sealedSecret: 's', settings, orgId: null }),
    ).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    await expect(
      store().githubConnections.create({ name: `another-${org()}`, apiUrl: 'https://api.github.com', org: 'x', enterprise: null, serviceId: service.id, credential: { kind: 'token' }, sealedSecret: 's', settings, orgId: null }),
    ).rejects.toThrow(/already reads this service/);

    const updated = await store().githubConnections.update(created.id, { settings: { autoSync: false }, enterprise: 'acme-corp' });
    expect(updated.settings).toEqual({ ...settings, autoSync: false });
    expect(updated.enterprise).toBe('acme-corp');
    const replaced = await store().githubConnections.replaceCredential(created.id, { kind: 'token' }, 'oes1.other', '9001');
    expect(replaced.credential).toEqual({ kind: 'token' });
    await store().githubConnections.resealSecret(created.id, 'oes1.resealed');
    expect((await store().githubConnections.listSealedSecrets()).find((s) => s.id === created.id)).toEqual({ id: created.id, name: created.name, serviceId: service.id, sealedSecret: 'oes1.resealed' });

    const at = new Date('2026-12-01T10:00:00.000Z');
    await store().githubConnections.updateSchedule(created.id, { nextRunAt: at, lastSyncAt: at, lastSyncId: 'snap1' });
    await store().githubConnections.updateHealth(created.id, { state: 'paused', reason: 'Bad credentials', consecutiveFailures: 1, pausedReason: 'Bad credentials' });
    expect(await store().githubConnections.get(created.id)).toMatchObject({
      schedule: { nextRunAt: at, lastSyncAt: at, lastSyncId: 'snap1' },
      health: { state: 'paused', reason: 'Bad credentials', consecutiveFailures: 1, pausedReason: 'Bad credentials' },
    });
    expect(await store().githubConnections.remove(created.id)).toBe(true);
    expect(await store().githubConnections.get(created.id)).toBeUndefined();
  });
});

describe('the downstream types', () => {
  it('are exported from the store barrel', async () => {
    const barrel = await import('../index.js');
    expect(barrel.DOWNSTREAM_KINDS).toEqual(['github', 'imported']);
    expect(barrel.GITHUB_CREDENTIAL_KINDS).toEqual(['app', 'token']);
  });
});
