import { randomBytes } from 'node:crypto';
import type { Logger } from '../../config/runtime.js';
import type { Store } from '../../store/store.js';
import type { WebhookDeliveryRecord, WebhookFormat, WebhookRecord } from '../../store/webhook-types.js';
import { recordAudit } from '../audit.js';
import { InvalidInputError } from '../errors.js';
import { NotFoundError } from '../read/errors.js';
import { keyForSealing } from '../secrets/sealing-key.js';
import { loadSecretKeyring, type SecretKeyLocation } from '../secrets/secret-key.js';
import { openWebhookSecret, sealWebhookSecret } from '../secrets/webhook-secret.js';
import { deliverWebhook, TEST_EVENT, WEBHOOK_EVENTS, type DeliveryDeps, type WebhookEvent, type WebhookEventType } from './deliver.js';
import { createWebhookNotifier, type BackgroundNotifier, type WebhookSubscription } from './notifier.js';

/*
 * Outbound webhooks as an admin manages them. The signing secret is made here (256 random bits), shown once in the
 * answer to create, and stored sealed with the installation's secret key, bound to the webhook's id: no read returns
 * it, and only the delivery opens it.
 */

export interface WebhookDeps {
  store: Store;
  secretKey: SecretKeyLocation;
  now: () => Date;
}

export interface WebhookInput {
  name: string;
  url: string;
  events: readonly WebhookEventType[];
  format: WebhookFormat;
  enabled?: boolean | undefined;
}

/** http(s) only, without credentials in the URL (they would show in every list). */
export function checkWebhookUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidInputError('the webhook URL is not a URL: give https://…');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new InvalidInputError(`the webhook URL must be http(s), not ${parsed.protocol}`);
  if (parsed.username !== '' || parsed.password !== '') throw new InvalidInputError('the webhook URL must not carry a user name or password');
  return parsed.toString();
}

function checkEvents(events: readonly string[]): WebhookEventType[] {
  const unknown = events.filter((event) => !(WEBHOOK_EVENTS as readonly string[]).includes(event));
  if (unknown.length > 0) throw new InvalidInputError(`unknown webhook events: ${unknown.join(', ')} (known: ${WEBHOOK_EVENTS.join(', ')})`);
  if (events.length === 0) throw new InvalidInputError('a webhook needs at least one event');
  return [...new Set(events as readonly WebhookEventType[])];
}

async function requireWebhook(store: Store, id: string): Promise<WebhookRecord> {
  const webhook = await store.webhooks.get(id);
  if (webhook === undefined) throw new NotFoundError(`No webhook ${id}: GET /api/admin/webhooks lists them.`);
  return webhook;
}

/** Where the URL goes in the audit log: the origin only, since a path may hold a token (Slack's do). */
function auditedUrl(url: string): string {
  return new URL(url).origin;
}

/** Creates a webhook; the secret is in this answer only. */
export async function createWebhook(deps: WebhookDeps, input: WebhookInput, actor: string): Promise<{ webhook: WebhookRecord; secret: string; warnings: string[] }> {
  const url = checkWebhookUrl(input.url);
  const events = checkEvents(input.events);
  const { key, warnings } = await keyForSealing(deps.store, deps.secretKey);
  const secret = `oewh_${randomBytes(32).toString('base64url')}`;
  const webhook = await deps.store.webhooks.create(
    { name: input.name, url, events, format: input.format, enabled: input.enabled ?? true, createdBy: actor, createdAt: deps.now() },
    (id) => sealWebhookSecret(secret, key, id),
  );
  await recordAudit(deps.store, { actor, action: 'webhook.create', details: { webhookId: webhook.id, name: webhook.name, origin: auditedUrl(url), events, format: webhook.format } });
  return { webhook, secret, warnings };
}

export async function updateWebhook(deps: WebhookDeps, id: string, changes: { [K in keyof WebhookInput]?: WebhookInput[K] | undefined }, actor: string): Promise<WebhookRecord> {
  const before = await requireWebhook(deps.store, id);
  const checked = {
    ...(changes.name === undefined ? {} : { name: changes.name }),
    ...(changes.url === undefined ? {} : { url: checkWebhookUrl(changes.url) }),
    ...(changes.events === undefined ? {} : { events: checkEvents(changes.events) }),
    ...(changes.format === undefined ? {} : { format: changes.format }),
    ...(changes.enabled === undefined ? {} : { enabled: changes.enabled }),
  };
  const updated = await deps.store.webhooks.update(id, checked, deps.now());
  if (updated === undefined) throw new NotFoundError(`No webhook ${id}.`);
  const changed = Object.keys(checked).filter((key) => JSON.stringify(before[key as keyof WebhookRecord]) !== JSON.stringify(updated[key as keyof WebhookRecord]));
  await recordAudit(deps.store, { actor, action: 'webhook.update', details: { webhookId: id, name: updated.name, changed, origin: auditedUrl(updated.url) } });
  return updated;
}

export async function removeWebhook(deps: WebhookDeps, id: string, actor: string): Promise<void> {
  const webhook = await requireWebhook(deps.store, id);
  await deps.store.webhooks.remove(id);
  await recordAudit(deps.store, { actor, action: 'webhook.remove', details: { webhookId: id, name: webhook.name } });
}

export async function webhookDeliveries(store: Store, id: string, page: { limit: number; before?: string | undefined }): Promise<WebhookDeliveryRecord[]> {
  await requireWebhook(store, id);
  return store.webhooks.listDeliveries(id, page);
}

/** Subscriptions as the notifier reads them: enabled webhooks with their secrets opened. One that does not open is skipped and logged. */
export function storeWebhookSubscriptions(store: Store, secretKey: SecretKeyLocation, logger: Logger): () => Promise<WebhookSubscription[]> {
  return async () => {
    const enabled = (await store.webhooks.list()).filter((webhook) => webhook.enabled);
    if (enabled.length === 0) return [];
    const keyring = await loadSecretKeyring(secretKey);
    const subscriptions: WebhookSubscription[] = [];
    for (const webhook of enabled) {
      const sealed = await store.webhooks.readSealedSecret(webhook.id);
      try {
        if (sealed === undefined) continue;
        const secret = openWebhookSecret(sealed, keyring, webhook);
        subscriptions.push({ id: webhook.id, url: webhook.url, secret, format: webhook.format, events: webhook.events as WebhookEventType[] });
      } catch (error) {
        logger.warn({ webhookId: webhook.id, error: error instanceof Error ? error.message : String(error) }, 'webhook skipped: its secret does not open');
      }
    }
    return subscriptions;
  };
}

/** Logs a delivery (statuses and error names only). */
function recordDelivery(store: Store, webhookId: string, event: { type: string; org: string | null }, report: { startedAt: Date; endedAt: Date; result: { attempts: number; delivered: boolean; last: string; lastError: string | null } }) {
  const { result } = report;
  return store.webhooks.recordDelivery({ webhookId, eventType: event.type, org: event.org, startedAt: report.startedAt, endedAt: report.endedAt, attempts: result.attempts, delivered: result.delivered, lastStatus: result.last, lastError: result.lastError });
}

/** The notifier a scheduler gets: subscriptions from the store, every delivery logged there. */
export function createStoreWebhookNotifier(deps: { store: Store; secretKey: SecretKeyLocation; delivery: DeliveryDeps; now?: () => Date }): BackgroundNotifier {
  return createWebhookNotifier(storeWebhookSubscriptions(deps.store, deps.secretKey, deps.delivery.logger), deps.delivery, {
    now: deps.now,
    record: async (report) => {
      await recordDelivery(deps.store, report.target.id, report.event, report);
    },
  });
}

/**
 * Sends one test event to a webhook now (enabled or not), once, and logs it: what an admin clicks after setting one
 * up. Answers the logged delivery.
 */
export async function sendTestDelivery(deps: WebhookDeps & { delivery: DeliveryDeps }, id: string, actor: string): Promise<WebhookDeliveryRecord> {
  const webhook = await requireWebhook(deps.store, id);
  const sealed = await deps.store.webhooks.readSealedSecret(id);
  if (sealed === undefined) throw new NotFoundError(`No webhook ${id}.`);
  const secret = openWebhookSecret(sealed, await loadSecretKeyring(deps.secretKey), webhook);
  const startedAt = deps.now();
  const event: WebhookEvent = {
    type: TEST_EVENT,
    org: 'test.example.com',
    occurredAt: startedAt.toISOString(),
    summary: `test delivery to webhook "${webhook.name}" (sent by ${actor})`,
    data: { webhookId: id, test: true },
  };
  const result = await deliverWebhook({ id, url: webhook.url, secret, format: webhook.format }, event, { ...deps.delivery, maxAttempts: 1 });
  await recordAudit(deps.store, { actor, action: 'webhook.test', details: { webhookId: id, name: webhook.name, delivered: result.delivered, status: result.last } });
  return recordDelivery(deps.store, id, { type: event.type, org: null }, { startedAt, endedAt: deps.now(), result });
}
