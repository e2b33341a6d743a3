import { openSecret, sealSecret, type SecretKey } from './secret-box.js';
import type { SecretKeyring } from './secret-key.js';

/** What a webhook's sealed signing secret is bound to: its id, so a sealed value copied to another row does not open. */
function context(webhookId: string): string {
  return `okta-evidence/webhook/${webhookId}`;
}

export function sealWebhookSecret(plaintext: string, key: SecretKey, webhookId: string): string {
  return sealSecret(plaintext, key, context(webhookId));
}

/** Opens a webhook's sealed secret; a SecretsError names the webhook and how to recover. */
export function openWebhookSecret(sealed: string, keyring: SecretKeyring, webhook: { id: string; name: string }): string {
  return openSecret(sealed, keyring.keys, context(webhook.id), `the signing secret of webhook "${webhook.name}"`, keyring.fix);
}
