import { openSecret, sealSecret, type SecretKey } from './secret-box.js';
import type { SecretKeyring } from './secret-key.js';

/** What a connection's sealed secret is bound to: its domain, which never changes for a connection. */
function context(domain: string): string {
  return `okta-evidence/connection/${domain}`;
}

export function sealConnectionSecret(plaintext: string, key: SecretKey, domain: string): string {
  return sealSecret(plaintext, key, context(domain));
}

/** Opens a connection's sealed secret; a SecretsError names the connection and how to recover. */
export function openConnectionSecret(sealed: string, keyring: SecretKeyring, connection: { name: string; domain: string }): string {
  return openSecret(sealed, keyring.keys, context(connection.domain), `the stored credential of connection "${connection.name}"`, keyring.fix);
}
