import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubSimulator, type GitHubSimulatorHandle } from '../../simulator/github/index.js';
import { openDatabase } from '../../store/database.js';
import type { Store } from '../../store/store.js';
import { createConnection, type ConnectionDeps } from '../connections.js';
import { rotateSecretKey } from '../secrets/rotate-key.js';
import { secretKeyLocation } from '../secrets/secret-key.js';
import { createGithubConnection, GithubConnectionTestFailedError, openGithubCredential, removeGithubConnection, testStoredGithubConnection } from './connections.js';
import { runGithubSync, type DownstreamSnapshotStoredEvent } from './sync.js';

/* A GitHub connection end to end against the GitHub simulator: connect (tested, sealed, audited), sync, seam, rotation. */

let sim: GitHubSimulatorHandle;
let dir: string;
let store: Store;
let deps: ConnectionDeps;
const DOMAIN = 'acme-example.okta.com';
const clock = () => Date.parse('2026-12-02T10:00:00Z');

beforeAll(async () => {
  sim = await startGitHubSimulator({ seed: 3, orgs: [{ login: 'example-eng', members: 30, saml: 'org', twoFactorRequired: true }, { login: 'example-labs', members: 8, saml: 'none' }] });
  dir = await mkdtemp(join(tmpdir(), 'oe-github-'));
  const dbPath = join(dir, 'db.sqlite');
  store = await openDatabase(dbPath);
  deps = { store, secretKey: secretKeyLocation(dbPath, {}), actor: 'cli:alice', clock };
  await createConnection(deps, { name: 'acme', domain: DOMAIN, credential: { kind: 'ssws', token: '00abcdefghijklmnopqrstuvwxyz0123456789ABCD' }, skipTest: true });
}, 60_000);
afterAll(async () => {
  await store.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const app = () => ({ kind: 'app' as const, appId: String(sim.credentials.appId), privateKey: sim.credentials.privateKeyPem, installationId: null });

describe('a GitHub connection', () => {
  it('is tested, stored with its key sealed, synced into its service’s snapshot, and handed to the passthrough seam', async () => {
    const saved = await createGithubConnection(deps, { name: 'gh-eng', org: 'example-eng', baseUrl: sim.url, credential: app(), oktaConnection: 'acme', oktaApp: '0oaGITHUB' });
    expect(saved.report?.datasets.filter((d) => d.state !== 'complete' && d.state !== 'skipped')).toEqual([]);
    expect(saved.service).toMatchObject({ kind: 'github', oktaOrg: DOMAIN, oktaAppId: '0oaGITHUB' });
    expect(saved.connection).toMatchObject({ org: 'example-eng', credential: { kind: 'app', installationId: null }, orgId: String(sim.world.orgs.get('example-eng')?.id) });
    expect(saved.warnings.join('\n')).toMatch(/has not been synced yet/);
    const sealed = await store.githubConnections.readSealedSecret(saved.connection.id);
    expect(sealed).toMatch(/^oes1\./);
    expect(sealed).not.toContain('PRIVATE KEY');
    expect((await store.auditLog.list({ connectionId: saved.connection.id }))[0]).toMatchObject({ action: 'connection.create', details: { kind: 'github', org: 'example-eng' } });

    const seen: DownstreamSnapshotStoredEvent[] = [];
    const outcome = await runGithubSync({ deps, connection: saved.connection, clock, handlers: [(event) => Promise.resolve(void seen.push(event))] });
    expect(outcome).toMatchObject({ ok: true, complete: true });
    const current = await store.downstream.currentSnapshot(saved.service.id);
    expect(current?.accounts.filter((a) => a.kind === 'member')).toHaveLength(30);
    expect(current?.requiresOwnMfa).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.snapshotId).toBe(current?.snapshotId);

    // Rotation re-seals the GitHub secret too; it still opens.
    const rotated = await rotateSecretKey(store, deps.secretKey, new Date(clock()));
    expect(rotated.resealed).toBe(2);
    expect((await openGithubCredential(deps, saved.connection)).kind).toBe('app');
    expect((await testStoredGithubConnection(deps, 'gh-eng')).report.fatal).toBeNull();
  });

  it('keeps the last good snapshot when a read fails, and a handler failure never undoes a stored one', async () => {
    const connection = await store.githubConnections.findByName('gh-eng');
    if (connection === undefined) throw new Error('gh-eng missing');
    const before = await store.downstream.currentSnapshot(connection.serviceId);
    const failing = await runGithubSync({ deps, connection: { ...connection, org: 'example-unknown', orgId: null }, clock });
    expect(failing).toMatchObject({ ok: false, error: { code: 'GITHUB_APP_NOT_INSTALLED' } });
    expect((await store.downstream.currentSnapshot(connection.serviceId))?.snapshotId).toBe(before?.snapshotId);
    const outcome = await runGithubSync({ deps, connection, clock, handlers: [() => Promise.reject(new Error('evaluation failed'))] });
    expect(outcome).toMatchObject({ ok: true, handlerErrors: ['evaluation failed'] });
    expect((await store.downstream.listSnapshots(connection.serviceId)).length).toBe(2);
  });

  it('refuses a wrong token, an unknown Okta app and a taken name, storing nothing', async () => {
    const refused = await createGithubConnection(deps, { name: 'gh-bad', org: 'example-eng', baseUrl: sim.url, credential: { kind: 'token', token: 'ghp_wrongwrongwrongwrongwrong' }, oktaConnection: 'acme', oktaApp: '0oaX' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GithubConnectionTestFailedError);
    expect((refused as GithubConnectionTestFailedError).report.fatal?.code).toBe('GITHUB_CREDENTIAL_INVALID');
    await expect(createGithubConnection(deps, { name: 'gh-eng', org: 'example-labs', baseUrl: sim.url, credential: app(), oktaConnection: 'acme', oktaApp: '0oaX' })).rejects.toThrow(/already exists/);
    await expect(createGithubConnection(deps, { name: 'gh-x', org: 'example-labs', baseUrl: sim.url, credential: app(), oktaConnection: 'nope', oktaApp: '0oaX' })).rejects.toThrow(/no connection named "nope"/);
    expect((await store.githubConnections.list()).map((c) => c.name)).toEqual(['gh-eng']);
  });

  it('stores an organization without SAML and says passthrough cannot apply; removal keeps its snapshots', async () => {
    const saved = await createGithubConnection(deps, { name: 'gh-labs', org: 'example-labs', baseUrl: sim.url, credential: app(), oktaConnection: 'acme', oktaApp: '0oaGITHUB' });
    expect(saved.report?.saml).toMatchObject({ configured: false, enforcement: expect.stringContaining('passthrough cannot apply') as string });
    await runGithubSync({ deps, connection: saved.connection, clock, handlers: [] });
    await removeGithubConnection(deps, 'gh-labs');
    expect(await store.githubConnections.findByName('gh-labs')).toBeUndefined();
    expect(await store.downstream.currentSnapshot(saved.service.id)).toMatchObject({ samlConfigured: false });
  });
});
