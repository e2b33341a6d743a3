import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { actorName } from '../../app/accounts/accounts.js';
import { WEBHOOK_EVENTS, type DeliveryDeps } from '../../app/webhooks/deliver.js';
import { createWebhook, removeWebhook, sendTestDelivery, updateWebhook, webhookDeliveries, type WebhookDeps } from '../../app/webhooks/webhooks.js';
import { realSleep } from '../../config/runtime.js';
import { NotFoundError } from '../../app/read/errors.js';
import { WEBHOOK_FORMATS } from '../../store/webhook-types.js';
import { ADMINS, read, write } from '../auth/access.js';
import { principalOf } from '../auth/authenticate.js';
import { HttpProblem } from '../problem.js';
import { encodeCursor, pageOf, pageQuery } from '../pagination.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { problemResponses } from './schemas.js';
import { timestamp } from './timestamp.js';

const idParams = z.strictObject({ id: z.string().min(1).max(64).regex(/^[0-9A-Z]+$/, 'A webhook id from GET /api/admin/webhooks.') });

const urlSchema = z
  .string()
  .max(2_000)
  .refine((text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol), 'An http(s) URL.')
  .describe('Where events are POSTed: https://… (http only for a receiver on a trusted network).');
const eventsSchema = z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length);

const webhookSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    format: z.enum(WEBHOOK_FORMATS),
    enabled: z.boolean(),
    createdBy: z.string(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Webhook' });

const deliverySchema = z
  .object({
    id: z.string(),
    eventType: z.string().describe('The event, or webhook.test for a test delivery.'),
    org: z.string().nullable(),
    startedAt: timestamp,
    endedAt: timestamp,
    attempts: z.number(),
    delivered: z.boolean(),
    lastStatus: z.string().describe('The last HTTP status, or the network error’s name.'),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

/** Outbound webhooks (admins): subscriptions, a test delivery, the delivery log. The signing secret is shown once. */
export function registerWebhookRoutes(app: ZodApp, deps: RouteDeps): void {
  const { store } = deps;

  function webhookDeps(): WebhookDeps {
    if (deps.secretKey === undefined) throw new HttpProblem(503, 'WEBHOOKS_UNAVAILABLE', 'This server was started without a secret key location: webhook secrets cannot be stored.');
    return { store, secretKey: deps.secretKey, now: deps.now };
  }

  function delivery(request: FastifyRequest): DeliveryDeps {
    return { fetch, sleep: realSleep, nowSeconds: () => Math.floor(deps.now().getTime() / 1000), logger: request.log, ...deps.webhookDelivery };
  }

  async function webhookById(id: string) {
    const webhook = await store.webhooks.get(id);
    if (webhook === undefined) throw new NotFoundError(`No webhook ${id}: GET /api/admin/webhooks lists them.`);
    return webhook;
  }

  app.get(
    '/api/admin/webhooks',
    { config: { access: read(ADMINS) }, schema: { operationId: 'listWebhooks', tags: ['webhooks'], summary: 'Outbound webhooks (never their secrets).', response: { 200: z.object({ items: z.array(webhookSchema) }), ...problemResponses } } },
    async () => ({ items: await store.webhooks.list() }),
  );

  app.post(
    '/api/admin/webhooks',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'createWebhook',
        tags: ['webhooks'],
        summary: 'Subscribe a receiver to events; the signing secret is in this answer only.',
        body: z.strictObject({ name: z.string().min(1).max(100), url: urlSchema, events: eventsSchema, format: z.enum(WEBHOOK_FORMATS).default('json'), enabled: z.boolean().default(true) }),
        response: {
          201: webhookSchema.extend({ secret: z.string().describe('Shown once: verify x-okta-evidence-signature with it.'), warnings: z.array(z.string()) }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { webhook, secret, warnings } = await createWebhook(webhookDeps(), request.body, actorName(principalOf(request)));
      return reply.code(201).send({ ...webhook, secret, warnings });
    },
  );

  app.get(
    '/api/admin/webhooks/:id',
    { config: { access: read(ADMINS) }, schema: { operationId: 'getWebhook', tags: ['webhooks'], summary: 'One webhook (never its secret).', params: idParams, response: { 200: webhookSchema, ...problemResponses } } },
    async (request) => webhookById(request.params.id),
  );

  app.patch(
    '/api/admin/webhooks/:id',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'updateWebhook',
        tags: ['webhooks'],
        summary: 'Change a webhook’s name, URL, events, format, or turn it off.',
        params: idParams,
        body: z.strictObject({ name: z.string().min(1).max(100).optional(), url: urlSchema.optional(), events: eventsSchema.optional(), format: z.enum(WEBHOOK_FORMATS).optional(), enabled: z.boolean().optional() }),
        response: { 200: webhookSchema, ...problemResponses },
      },
    },
    async (request) => updateWebhook(webhookDeps(), request.params.id, request.body, actorName(principalOf(request))),
  );

  app.delete(
    '/api/admin/webhooks/:id',
    { config: { access: write(ADMINS) }, schema: { operationId: 'deleteWebhook', tags: ['webhooks'], summary: 'Delete a webhook with its delivery log.', params: idParams, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      await removeWebhook(webhookDeps(), request.params.id, actorName(principalOf(request)));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/admin/webhooks/:id/test',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'sendWebhookTest',
        tags: ['webhooks'],
        summary: 'Send a signed webhook.test event now (one attempt, enabled or not) and answer how it went.',
        params: idParams,
        response: { 200: deliverySchema, ...problemResponses },
      },
    },
    async (request) => sendTestDelivery({ ...webhookDeps(), delivery: delivery(request) }, request.params.id, actorName(principalOf(request))),
  );

  app.get(
    '/api/admin/webhooks/:id/deliveries',
    {
      config: { access: read(ADMINS) },
      schema: {
        operationId: 'listWebhookDeliveries',
        tags: ['webhooks'],
        summary: 'A webhook’s deliveries, newest first (the 500 newest are kept).',
        params: idParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(deliverySchema), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const entries = await webhookDeliveries(store, request.params.id, { limit: limit + 1, before: cursor?.[0] });
      const items = entries.slice(0, limit);
      const last = items[items.length - 1];
      return { items, next: encodeCursor(entries.length > limit && last !== undefined ? [last.id] : null) };
    },
  );
}
