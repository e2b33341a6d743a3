import type { Store } from '../../store/store.js';
import type { SecretKey } from './secret-box.js';
import { loadOrCreateSecretKey, type SecretKeyLocation } from './secret-key.js';

/*
 * Every secret the installation seals (Okta connections, GitHub connections, webhooks) is sealed with one key. Where
 * a new secret gets that key is here, for all three: the key is created on first use, and refused when any table
 * already holds sealed secrets without it (a new key would leave them unreadable).
 */

/** Every sealed secret the database holds, whatever its table. */
export async function allSealedSecrets(store: Pick<Store, 'connections' | 'githubConnections' | 'webhooks'>): Promise<{ id: string; sealedSecret: string }[]> {
  return [...(await store.connections.listSealedSecrets()), ...(await store.webhooks.listSealedSecrets()), ...(await store.githubConnections.listSealedSecrets())];
}

/** The current key to seal with, and what the person should know (a key file just created, one others can read). */
export async function keyForSealing(store: Pick<Store, 'connections' | 'githubConnections' | 'webhooks'>, location: SecretKeyLocation): Promise<{ key: SecretKey; warnings: string[] }> {
  const keyring = await loadOrCreateSecretKey(location, (await allSealedSecrets(store)).length);
  const warnings = keyring.warning === undefined ? [] : [keyring.warning];
  if (keyring.created) warnings.push(`created the secret key ${keyring.source} (mode 0600): back it up with the database; without it the stored credentials cannot be read`);
  return { key: keyring.current, warnings };
}
