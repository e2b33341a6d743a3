import { rename } from 'node:fs/promises';
import type { Store } from '../../store/store.js';
import { openConnectionSecret, sealConnectionSecret } from './connection-secret.js';
import { openWebhookSecret, sealWebhookSecret } from './webhook-secret.js';
import { SecretsError } from './errors.js';
import { allSealedSecrets } from './sealing-key.js';
import { generateSecretKey, sealedKeyId, type SecretKey } from './secret-box.js';
import { loadSecretKeyring, NEW_SECRET_KEY_ENV, parseSecretKey, pendingKeyPath, readKeyFile, SECRET_KEY_ENV, writeKeyFileOnce, type SecretKeyLocation } from './secret-key.js';

export interface RotateKeyResult {
  resealed: number;
  oldKeyId: string;
  newKeyId: string;
  /** Where the replaced key file was kept (file keys only). */
  backupPath?: string;
  /** What the operator must do next, in one or two sentences. */
  message: string;
}

/**
 * Re-seals every stored credential with a new key, in one transaction: either all move to the new key or none do.
 *
 * File key: the new key is first written to `secret.key.new`; after the commit the old file becomes
 * `secret.key.<time>.bak` and the new one `secret.key`. A crash at any point leaves every credential openable, since
 * the keyring reads the pending and backup files too. Environment key: the new key is `OKTA_EVIDENCE_NEW_SECRET_KEY`,
 * and the operator swaps the variables afterwards. Nothing is changed when any credential cannot be opened first.
 */
export async function rotateSecretKey(store: Store, location: SecretKeyLocation, now: Date): Promise<RotateKeyResult> {
  if (location.kind === 'file') await finishInterruptedRotation(location.path);
  const keyring = await loadSecretKeyring(location);
  if (keyring.current === undefined) {
    throw new SecretsError('SECRET_KEY_MISSING', `there is no secret key at ${keyring.source} to rotate: it is created when the first connection is saved`);
  }
  const sealed = await store.connections.listSealedSecrets();
  // GitHub connections' secrets are bound to `github:<service id>` (src/app/github/credential.ts).
  const sealedGithub = (await store.githubConnections.listSealedSecrets()).map((s) => ({ ...s, domain: `github:${s.serviceId}` }));
  // Open everything before changing anything: a value that does not open stops the rotation with its own message.
  const opened = sealed.map((s) => ({ id: s.id, domain: s.domain, plaintext: openConnectionSecret(s.sealedSecret, keyring, s) }));
  // Webhook signing secrets are sealed with the same key and move with the credentials.
  const webhooks = (await store.webhooks.listSealedSecrets()).map((s) => ({ id: s.id, plaintext: openWebhookSecret(s.sealedSecret, keyring, s) }));
  const openedGithub = sealedGithub.map((s) => ({ id: s.id, domain: s.domain, plaintext: openConnectionSecret(s.sealedSecret, keyring, s) }));
  const oldKeyId = keyring.current.id;

  const newKey = location.kind === 'env' ? envNewKey(location) : await pendingFileKey(location.path);
  if (newKey.id === oldKeyId) throw new SecretsError('SECRET_KEY_INVALID', `the new secret key is the current one (${oldKeyId}): give a different key`);
  await store.transaction(async (tx) => {
    for (const s of opened) await tx.connections.resealSecret(s.id, sealConnectionSecret(s.plaintext, newKey, s.domain));
    for (const s of webhooks) await tx.webhooks.resealSecret(s.id, sealWebhookSecret(s.plaintext, newKey, s.id));
    for (const s of openedGithub) await tx.githubConnections.resealSecret(s.id, sealConnectionSecret(s.plaintext, newKey, s.domain));
  });

  if (location.kind === 'env') {
    return {
      resealed: opened.length + webhooks.length + openedGithub.length,
      oldKeyId,
      newKeyId: newKey.id,
      message: `Now set ${SECRET_KEY_ENV} to the value of ${NEW_SECRET_KEY_ENV} and unset ${NEW_SECRET_KEY_ENV}; until then both keys open the credentials.`,
    };
  }
  const backupPath = `${location.path}.${now.toISOString().replace(/[:.]/g, '-')}.bak`;
  await rename(location.path, backupPath);
  await rename(pendingKeyPath(location.path), location.path);
  return {
    resealed: opened.length + webhooks.length + openedGithub.length,
    oldKeyId,
    newKeyId: newKey.id,
    backupPath,
    message: `The old key is kept as ${backupPath}: database backups made before now need it to reveal their credentials. Delete it once those backups are gone (or if the old key leaked).`,
  };
}

/** Moves a pending key into place when a rotation stopped after keeping the old key but before renaming the new one. */
async function finishInterruptedRotation(path: string): Promise<void> {
  if ((await readKeyFile(path)) === undefined && (await readKeyFile(pendingKeyPath(path))) !== undefined) await rename(pendingKeyPath(path), path);
}

function envNewKey(location: Extract<SecretKeyLocation, { kind: 'env' }>): SecretKey {
  if (location.next === undefined) {
    throw new SecretsError(
      'SECRET_KEY_MISSING',
      `the secret key comes from ${SECRET_KEY_ENV}: set ${NEW_SECRET_KEY_ENV} to the new key (e.g. "openssl rand -base64 32") and run the rotation again`,
    );
  }
  return parseSecretKey(location.next, NEW_SECRET_KEY_ENV);
}

/**
 * The new key, written to `secret.key.new` before anything is sealed with it. A pending key left by an interrupted
 * rotation is reused rather than replaced: credentials may already be sealed with it.
 */
async function pendingFileKey(path: string): Promise<SecretKey> {
  const pending = pendingKeyPath(path);
  const existing = await readKeyFile(pending);
  if (existing !== undefined) return existing;
  await writeKeyFileOnce(pending, generateSecretKey());
  const written = await readKeyFile(pending);
  if (written === undefined) throw new SecretsError('SECRET_KEY_IO', `the new secret key file ${pending} vanished right after it was written`);
  return written;
}

/** The key ids the stored credentials are sealed with, for `secrets status`-like reports and tests. */
export async function sealedKeyIds(store: Store): Promise<string[]> {
  const sealed = await allSealedSecrets(store);
  return [...new Set(sealed.map((s) => sealedKeyId(s.sealedSecret) ?? 'unreadable'))].sort();
}
