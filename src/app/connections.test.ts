import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import Database from 'better-sqlite3';
import { openDatabase } from '../store/database.js';
import { isStoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';
import { connectionReach, testStoredConnection } from './connection-access.js';
import { ConnectionTestFailedError, createConnection, removeConnection, updateConnection, type ConnectionDeps } from './connections.js';
import { findConnection } from './connection-lookup.js';
import { InvalidInputError } from './errors.js';
import { isSecretsError } from './secrets/errors.js';
import { SECRET_KEY_FILE, secretKeyLocation } from './secrets/secret-key.js';

const DOMAIN = 'acme.okta.com';
const FAST = { retry: { baseDelayMs: 5, maxDelayMs: 20 } };

let dir: string;
let dbPath: string;
let store: Store;
let sim: SimulatorHandle;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oe-connections-'));
  dbPath = join(dir, 'evidence.sqlite');
  store = await openDatabase(dbPath);
  sim = await startSimulator({ users: 5, seed: 11, rateLimits: 'off', port: 0 });
});
afterEach(async () => {
  await store.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

function deps(env: Record<string, string> = {}): ConnectionDeps {
  return { store, secretKey: secretKeyLocation(dbPath, env), actor: 'cli:alice', clientTuning: FAST };
}

function connect(overrides: Partial<Parameters<typeof createConnection>[1]> = {}, env: Record<string, string> = {}) {
  return createConnection(deps(env), { name: 'acme', domain: DOMAIN, baseUrl: sim.baseUrl, credential: { kind: 'ssws', token: sim.token }, ...overrides });
}

describe('connect', () => {
  it('tests, records the org id and pipeline, stores the token sealed and audits the creation without it', async () => {
    const { connection, report, warnings } = await connect({ settings: { syncInterval: '1h' } });
    expect(report?.canReadUsers).toBe(true);
    expect(connection).toMatchObject({ name: 'acme', domain: DOMAIN, credential: { kind: 'ssws' }, settings: { syncIntervalS: 3600, autoSync: true }, org: { orgId: sim.org.orgId, pipeline: 'idx' } });
    expect(warnings.join(' ')).toContain(`created the secret key ${join(dir, SECRET_KEY_FILE)}`);
    const [entry] = await store.auditLog.list({ connectionId: connection.id });
    expect(entry).toMatchObject({ actor: 'cli:alice', action: 'connection.create', connectionName: 'acme', details: { domain: DOMAIN, credential: { kind: 'ssws' }, tested: true } });
    // The database file holds no trace of the token: a copy without the key file reveals nothing.
    const bytes = await readFile(dbPath);
    expect(bytes.includes(Buffer.from(sim.token))).toBe(false);
    expect(JSON.stringify([connection, entry, await store.connections.list()])).not.toContain(sim.token);
  });

  it('refuses (exit 2, the report attached) a credential that cannot read users, and stores nothing', async () => {
    const error = await connect({ credential: { kind: 'ssws', token: '00wrong-0123456789abcdefghijklmnopqrstuvw' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionTestFailedError);
    expect((error as ConnectionTestFailedError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/^not saved: Test connection could not read users of acme\.okta\.com: The API token is invalid or expired.*\(use --skip-test to store it anyway\)$/);
    expect((error as ConnectionTestFailedError).report.datasets.length).toBeGreaterThan(5);
    expect(await store.connections.list()).toEqual([]);
    expect(await store.auditLog.list()).toEqual([]);
  });

  it('stores without testing when asked, with no org recorded', async () => {
    const { connection, report } = await connect({ baseUrl: 'http://127.0.0.1:9', skipTest: true });
    expect(report).toBeNull();
    expect(connection.org.orgId).toBeNull();
  });

  it('refuses a duplicate name or domain before testing, naming the existing connection', async () => {
    await connect();
    await expect(connect({ name: 'ACME', domain: 'other.okta.com' })).rejects.toThrow(/^a connection named "acme" already exists: choose another name/);
    await expect(connect({ name: 'acme-2' })).rejects.toThrow(/^the connection "acme" already reads acme\.okta\.com/);
    expect(await store.connections.list()).toHaveLength(1);
  });

  it('refuses a bad interval or log window in one line before anything else', async () => {
    await expect(connect({ settings: { syncInterval: '6x' } })).rejects.toThrow(InvalidInputError);
    await expect(connect({ settings: { syncInterval: '25h' } })).rejects.toThrow('must be between 15m and 24h, got "25h"');
    await expect(connect({ settings: { logWindowDays: 91 } })).rejects.toThrow('from 1 to 90');
    await expect(connect({ domain: 'acme.example.com' })).rejects.toThrow(InvalidInputError);
    expect(await store.connections.list()).toEqual([]);
  });
});

describe('a stored connection', () => {
  it('opens its credential for a sync and tests again, recording the test in the audit log', async () => {
    const { connection } = await connect();
    const reach = await connectionReach(deps(), connection);
    expect(reach.org).toBe(DOMAIN);
    expect(reach.auth.kind).toBe('ssws');
    const { report } = await testStoredConnection(deps(), 'acme');
    expect(report.canReadUsers).toBe(true);
    expect((await store.auditLog.list({ limit: 1 }))[0]).toMatchObject({ action: 'connection.test', details: { canReadUsers: true, fatal: null } });
  });

  it('refuses a base URL that answers for another org, with both org ids, and keeps the old one', async () => {
    const { connection } = await connect();
    const other = await startSimulator({ users: 3, seed: 99, rateLimits: 'off', port: 0 });
    try {
      const error = await updateConnection(deps(), 'acme', { baseUrl: other.baseUrl }).catch((e: unknown) => e);
      expect((error as Error).message).toContain(`now answers as Okta org ${other.org.orgId}, but connection "acme" was recorded for org ${sim.org.orgId}`);
      expect((await findConnection(store, 'acme')).baseUrl).toBe(connection.baseUrl);
    } finally {
      await other.close();
    }
  });

  it('updates settings and audits what changed, from and to', async () => {
    await connect();
    const { connection } = await updateConnection(deps(), 'acme', { name: 'acme-prod', settings: { autoSync: false, syncInterval: '12h' } });
    expect(connection.settings).toMatchObject({ autoSync: false, syncIntervalS: 43_200 });
    const [entry] = await store.auditLog.list({ limit: 1 });
    expect(entry).toMatchObject({
      action: 'connection.update',
      connectionName: 'acme-prod',
      details: { changed: { name: { from: 'acme', to: 'acme-prod' }, autoSync: { from: true, to: false }, syncIntervalS: { from: 21_600, to: 43_200 } } },
    });
  });

  it('replaces the credential after testing it, never recording the token', async () => {
    await connect();
    const second = '00second-token-0123456789abcdefghijklmno';
    sim.org.sswsTokens.push(second);
    const { connection } = await updateConnection(deps(), 'acme', { credential: { kind: 'ssws', token: second } });
    expect(connection.org.orgId).toBe(sim.org.orgId);
    const [entry] = await store.auditLog.list({ limit: 1 });
    expect(entry?.details).toMatchObject({ credentialReplaced: { from: { kind: 'ssws' }, to: { kind: 'ssws' }, tested: true } });
    expect(JSON.stringify(await store.auditLog.list())).not.toContain(second);
    expect((await readFile(dbPath)).includes(Buffer.from(second))).toBe(false);
  });

  it('keeps a connection paused after a 401 through settings changes; a replaced credential restarts it with a sync at once', async () => {
    const { connection } = await connect();
    // What the scheduler records when Okta refuses the credential (src/schedule/next-run.ts): no next run, paused.
    const refused = 'Okta refused the credential (401): Update the connection with a valid token.';
    await store.connections.updateHealth(connection.id, { state: 'paused', reason: refused, pausedReason: refused, consecutiveFailures: 1 });
    await store.connections.updateSchedule(connection.id, { nextRunAt: null });

    await updateConnection(deps(), 'acme', { settings: { logWindowDays: 14 } });
    expect((await store.connections.get(connection.id))?.health).toMatchObject({ state: 'paused', pausedReason: refused });

    const second = '00second-token-0123456789abcdefghijklmno';
    sim.org.sswsTokens.push(second);
    await updateConnection(deps(), 'acme', { credential: { kind: 'ssws', token: second } });
    const restarted = await store.connections.get(connection.id);
    expect(restarted?.health).toMatchObject({ pausedReason: null, consecutiveFailures: 0, state: 'unhealthy', reason: 'The credential was replaced; the next sync (due now) checks it.' });
    // No planned time on an unpaused connection with Auto Sync is due now.
    expect(restarted?.schedule.nextRunAt).toBeNull();
  });

  it('says an unknown connection is unknown and lists the known ones', async () => {
    await connect();
    await expect(findConnection(store, 'nope')).rejects.toThrow('no connection named "nope" (known: acme)');
    await expect(removeConnection(deps(), 'nope')).rejects.toThrow(InvalidInputError);
  });

  it('removes a connection with an audit entry, keeping its data', async () => {
    const { connection } = await connect();
    await removeConnection(deps(), 'acme');
    expect(await store.connections.get(connection.id)).toBeUndefined();
    expect((await store.auditLog.list({ limit: 1 }))[0]).toMatchObject({ action: 'connection.remove', details: { domain: DOMAIN, dataKept: true } });
  });
});

describe('a missing or wrong secret key', () => {
  it('says the key file is missing and how to recover, never creating a new one over stored credentials', async () => {
    const { connection } = await connect();
    await unlink(join(dir, SECRET_KEY_FILE));
    const opening = await connectionReach(deps(), connection).catch((e: unknown) => e);
    expect(isSecretsError(opening, 'SECRET_KEY_MISMATCH')).toBe(true);
    expect((opening as Error).message).toContain(`restore ${join(dir, SECRET_KEY_FILE)} from this installation's backup`);
    // Adding a connection would need a new key: refused, so the stored credential stays recoverable.
    const adding = await connect({ name: 'globex', domain: 'globex.okta.com' }).catch((e: unknown) => e);
    expect(isSecretsError(adding, 'SECRET_KEY_MISSING')).toBe(true);
    expect(await store.connections.readSealedSecret(connection.id)).toMatch(/^oes1\./);
    expect((await store.connections.list()).map((c) => c.name)).toEqual(['acme']);
  });

  it('says a wrong OKTA_EVIDENCE_SECRET_KEY cannot open the credentials', async () => {
    const { connection } = await connect({}, { OKTA_EVIDENCE_SECRET_KEY: randomBytes(32).toString('base64') });
    const wrong = { OKTA_EVIDENCE_SECRET_KEY: randomBytes(32).toString('base64') };
    const error = await connectionReach(deps(wrong), connection).catch((e: unknown) => e);
    expect(isSecretsError(error, 'SECRET_KEY_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain('set OKTA_EVIDENCE_SECRET_KEY to the key the credentials were sealed with');
    expect((error as { exitCode?: number }).exitCode).toBe(2);
  });
});

describe('a database written by a newer version', () => {
  it('is refused with a clear line, and its connections and credentials survive for the newer version', async () => {
    const { connection } = await connect();
    await store.close();
    const raw = new Database(dbPath);
    raw.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999-from-the-future', new Date().toISOString());
    raw.close();
    const refused = await openDatabase(dbPath).catch((e: unknown) => e);
    expect(isStoreError(refused, 'STORE_MIGRATION_FAILED')).toBe(true);
    expect((refused as Error).message).toContain('migrated by a newer okta-evidence version');
    // The newer version (here: the future migration taken back) finds everything as it was.
    const again = new Database(dbPath);
    again.prepare('delete from kysely_migration where name = ?').run('9999-from-the-future');
    again.close();
    store = await openDatabase(dbPath);
    const reach = await connectionReach(deps(), (await store.connections.get(connection.id)) ?? connection);
    expect(reach.auth.kind).toBe('ssws');
    await reach.close();
  });
});
