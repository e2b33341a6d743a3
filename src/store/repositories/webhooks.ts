import type { Selectable } from 'kysely';
import type { WebhookDeliveriesTable, WebhooksTable } from '../schema.js';
import type { WebhookDeliveryRecord, WebhookFormat, WebhookRecord, WebhookRepository } from '../webhook-types.js';
import type { RepositoryContext } from './context.js';
import { StoreError } from '../errors.js';
import { readBoolean, readDate, readJson, readNumber, writeBoolean, writeDate, writeJson } from './row-values.js';
import { sealedSecretRows } from './sealed-secret-rows.js';

const DEFAULT_KEEP = 500;

/** Outbound webhooks and their delivery log (migration 0010). Ids are time-sortable: newest first is largest id first. */
export function createWebhookRepository(ctx: RepositoryContext): WebhookRepository {
  const { db } = ctx;
  const sealed = sealedSecretRows(db, { table: 'webhooks', boundTo: 'id', gone: (id) => new StoreError('STORE_INVALID_STATE', `Webhook ${id} does not exist (it may have been removed).`) });
  const get = async (id: string): Promise<WebhookRecord | undefined> => {
    const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toWebhook(row);
  };
  return {
    async create(input, sealSecret) {
      const id = ctx.newId(input.createdAt);
      const webhook: WebhookRecord = { ...input, id, events: [...input.events], updatedAt: input.createdAt };
      await db
        .insertInto('webhooks')
        .values({
          id,
          name: webhook.name,
          url: webhook.url,
          events: writeJson(webhook.events),
          format: webhook.format,
          sealed_secret: sealSecret(id),
          enabled: writeBoolean(webhook.enabled),
          created_by: webhook.createdBy,
          created_at: writeDate(webhook.createdAt),
          updated_at: writeDate(webhook.updatedAt),
        })
        .execute();
      return webhook;
    },

    get,

    async list() {
      const rows = await db.selectFrom('webhooks').selectAll().orderBy('id').execute();
      return rows.map(toWebhook);
    },

    async update(id, changes, at) {
      const current = await get(id);
      if (current === undefined) return undefined;
      const updated: WebhookRecord = { ...current, ...changes, id, updatedAt: at };
      await db
        .updateTable('webhooks')
        .set({ name: updated.name, url: updated.url, events: writeJson(updated.events), format: updated.format, enabled: writeBoolean(updated.enabled), updated_at: writeDate(at) })
        .where('id', '=', id)
        .execute();
      return updated;
    },

    async remove(id) {
      await db.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
      const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    // Read and reseal as every sealed-secret table; the list names what the secret is bound to as this table's record does.
    ...sealed,
    async listSealedSecrets() {
      return (await sealed.listSealedSecrets()).map(({ id, name, sealedSecret }) => ({ id, name, sealedSecret }));
    },

    async recordDelivery(input, options = {}) {
      const delivery: WebhookDeliveryRecord = { ...input, id: ctx.newId(input.startedAt) };
      await db
        .insertInto('webhook_deliveries')
        .values({
          id: delivery.id,
          webhook_id: delivery.webhookId,
          event_type: delivery.eventType,
          org: delivery.org,
          started_at: writeDate(delivery.startedAt),
          ended_at: writeDate(delivery.endedAt),
          attempts: delivery.attempts,
          delivered: writeBoolean(delivery.delivered),
          last_status: delivery.lastStatus,
          last_error: delivery.lastError,
        })
        .execute();
      // The log stays bounded: everything older than the `keep`-th newest delivery of this webhook goes.
      const oldestKept = await db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('webhook_id', '=', delivery.webhookId)
        .orderBy('id', 'desc')
        .offset((options.keep ?? DEFAULT_KEEP) - 1)
        .limit(1)
        .executeTakeFirst();
      if (oldestKept !== undefined) await db.deleteFrom('webhook_deliveries').where('webhook_id', '=', delivery.webhookId).where('id', '<', oldestKept.id).execute();
      return delivery;
    },

    async listDeliveries(webhookId, options) {
      let query = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
      if (options.before !== undefined) query = query.where('id', '<', options.before);
      const rows = await query.orderBy('id', 'desc').limit(options.limit).execute();
      return rows.map(toDelivery);
    },
  };
}

function toWebhook(row: Selectable<WebhooksTable>): WebhookRecord {
  const events = readJson(row.events, 'webhooks.events');
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: Array.isArray(events) ? events.map(String) : [],
    format: row.format as WebhookFormat,
    enabled: readBoolean(row.enabled, 'webhooks.enabled'),
    createdBy: row.created_by,
    createdAt: readDate(row.created_at, 'webhooks.created_at'),
    updatedAt: readDate(row.updated_at, 'webhooks.updated_at'),
  };
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDeliveryRecord {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventType: row.event_type,
    org: row.org,
    startedAt: readDate(row.started_at, 'webhook_deliveries.started_at'),
    endedAt: readDate(row.ended_at, 'webhook_deliveries.ended_at'),
    attempts: readNumber(row.attempts, 'webhook_deliveries.attempts'),
    delivered: readBoolean(row.delivered, 'webhook_deliveries.delivered'),
    lastStatus: row.last_status,
    lastError: row.last_error,
  };
}
