import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/database.js';
import type { Store } from '../../store/store.js';
import { openConnectionSecret, sealConnectionSecret } from './connection-secret.js';
import { isSecretsError } from './errors.js';
import { rotateSecretKey, sealedKeyIds } from './rotate-key.js';
import { openWebhookSecret, sealWebhookSecret } from './webhook-secret.js';
import { loadOrCreateSecretKey, loadSecretKeyring, NEW_SECRET_KEY_ENV, pendingKeyPath, SECRET_KEY_ENV, SECRET_KEY_FILE, secretKeyLocation } from './secret-key.js';

const SETTINGS = { autoSync: true, syncIntervalS: 21_600, logWindowDays: 7, budgetS: 300, eventTypes: null, evidenceRetention: 30 };
const NOW = new Date('2026-12-02T07:00:00.000Z');

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oe-rotate-'));
  store = await openDatabase(join(dir, 'db.sqlite'));
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** Two connections whose tokens are sealed with the installation's current key. */
async function seedConnections(env: Record<string, string> = {}): Promise<void> {
  const location = secretKeyLocation(join(dir, 'db.sqlite'), env);
  const keyring = await loadOrCreateSecretKey(location, 0);
  for (const name of ['acme', 'globex']) {
    const domain = `${name}.okta.com`;
    await store.connections.create({ name, domain, baseUrl: null, proxyUrl: null, credential: { kind: 'ssws' }, sealedSecret: sealConnectionSecret(`00token-of-${name}-0123456789abcdefghij`, keyring.current, domain), settings: SETTINGS });
  }
}

async function openAll(env: Record<string, string> = {}): Promise<string[]> {
  const keyring = await loadSecretKeyring(secretKeyLocation(join(dir, 'db.sqlite'), env));
  return (await store.connections.listSealedSecrets()).map((s) => openConnectionSecret(s.sealedSecret, keyring, s));
}

describe('rotating the secret key', () => {
  it('re-seals every credential with a new key file and keeps the old key as a backup', async () => {
    await seedConnections();
    const location = secretKeyLocation(join(dir, 'db.sqlite'), {});
    const before = await sealedKeyIds(store);
    const result = await rotateSecretKey(store, location, NOW);
    expect(result.resealed).toBe(2);
    expect(before).toEqual([result.oldKeyId]);
    expect(await sealedKeyIds(store)).toEqual([result.newKeyId]);
    expect(result.backupPath).toBe(join(dir, `${SECRET_KEY_FILE}.2026-12-02T07-00-00-000Z.bak`));
    expect(result.message).toContain(`The old key is kept as ${result.backupPath}`);
    expect((await loadSecretKeyring(location)).current?.id).toBe(result.newKeyId);
    expect((await readdir(dir)).filter((n) => n.startsWith(SECRET_KEY_FILE)).sort()).toEqual([SECRET_KEY_FILE, `${SECRET_KEY_FILE}.2026-12-02T07-00-00-000Z.bak`]);
    expect(await openAll()).toEqual(['00token-of-acme-0123456789abcdefghij', '00token-of-globex-0123456789abcdefghij'].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('re-seals webhook signing secrets with the credentials', async () => {
    await seedConnections();
    const location = secretKeyLocation(join(dir, 'db.sqlite'), {});
    const keyring = await loadOrCreateSecretKey(location, 2);
    const webhook = await store.webhooks.create({ name: 'alerts', url: 'https://hooks.example.com/a', events: ['sync.failed'], format: 'json', enabled: true, createdBy: 'test', createdAt: NOW }, (id) =>
      sealWebhookSecret('oewh_signing-secret', keyring.current, id),
    );
    const result = await rotateSecretKey(store, location, NOW);
    expect(result.resealed).toBe(3);
    expect(await sealedKeyIds(store)).toEqual([result.newKeyId]);
    const sealed = await store.webhooks.readSealedSecret(webhook.id);
    expect(openWebhookSecret(sealed ?? '', await loadSecretKeyring(location), webhook)).toBe('oewh_signing-secret');
  });

  it('leaves every credential openable when it stops between its two renames', async () => {
    await seedConnections();
    const location = secretKeyLocation(join(dir, 'db.sqlite'), {});
    await rotateSecretKey(store, location, NOW);
    // As if killed after keeping the old key but before moving the new one into place.
    await rename(join(dir, SECRET_KEY_FILE), pendingKeyPath(join(dir, SECRET_KEY_FILE)));
    expect(await openAll()).toHaveLength(2);
    const again = await rotateSecretKey(store, location, new Date(NOW.getTime() + 1000));
    expect(again.resealed).toBe(2);
    expect(await openAll()).toHaveLength(2);
  });

  it('changes nothing when a credential does not open (e.g. its key was lost)', async () => {
    await seedConnections();
    const stranger = await loadOrCreateSecretKey({ kind: 'file', path: join(dir, 'other', SECRET_KEY_FILE) }, 0);
    await store.connections.create({ name: 'initech', domain: 'initech.okta.com', baseUrl: null, proxyUrl: null, credential: { kind: 'ssws' }, sealedSecret: sealConnectionSecret('00x-0123456789abcdefghijklmnop', stranger.current, 'initech.okta.com'), settings: SETTINGS });
    const sealedBefore = await store.connections.listSealedSecrets();
    const error = await rotateSecretKey(store, secretKeyLocation(join(dir, 'db.sqlite'), {}), NOW).catch((e: unknown) => e);
    expect(isSecretsError(error, 'SECRET_KEY_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain('connection "initech"');
    expect(await store.connections.listSealedSecrets()).toEqual(sealedBefore);
    expect((await readdir(dir)).filter((n) => n.startsWith(SECRET_KEY_FILE))).toEqual([SECRET_KEY_FILE]);
  });

  it('moves from one environment key to the next, and says to swap the variables', async () => {
    const current = { [SECRET_KEY_ENV]: randomBytes(32).toString('base64') };
    await seedConnections(current);
    const missing = await rotateSecretKey(store, secretKeyLocation(join(dir, 'db.sqlite'), current), NOW).catch((e: unknown) => e);
    expect((missing as Error).message).toContain(`set ${NEW_SECRET_KEY_ENV} to the new key`);
    const next = randomBytes(32).toString('base64');
    const result = await rotateSecretKey(store, secretKeyLocation(join(dir, 'db.sqlite'), { ...current, [NEW_SECRET_KEY_ENV]: next }), NOW);
    expect(result.message).toContain(`Now set ${SECRET_KEY_ENV} to the value of ${NEW_SECRET_KEY_ENV}`);
    expect(await openAll({ [SECRET_KEY_ENV]: next })).toHaveLength(2);
    await expect(openAll(current)).rejects.toThrow(/was sealed with secret key/);
  });
});
