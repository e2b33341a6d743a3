import { z } from 'zod';
import { actorName } from '../../app/accounts/accounts.js';
import { listConnections } from '../../app/connection-lookup.js';
import { testStoredConnection } from '../../app/connection-access.js';
import { createConnection, removeConnection, updateConnection, type ConnectionDeps } from '../../app/connections.js';
import { testDraftConnection } from '../../app/test-draft-connection.js';
import { ADMINS, read, write } from '../auth/access.js';
import { principalOf } from '../auth/authenticate.js';
import { HttpProblem } from '../problem.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { problemResponses } from './schemas.js';
import type { FastifyRequest } from 'fastify';
import { timestamp } from './timestamp.js';

const idParams = z.strictObject({ id: z.string().min(1).max(64).regex(/^[0-9A-Z]+$/, 'A connection id from GET /api/connections.') });

/** The credential is write-only: it is accepted here and never appears in any answer. */
const credentialInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ssws'), token: z.string().min(10).max(200).describe('An Okta API token (SSWS).') }),
  z.strictObject({
    kind: z.literal('oauth'),
    clientId: z.string().min(1).max(100),
    privateKey: z.string().min(1).max(20_000).describe('PEM or JWK text of the service app’s private key.'),
    keyId: z.string().max(200).nullable().default(null),
    dpop: z.enum(['auto', 'on', 'off']).default('auto'),
  }),
]);

const settingsInput = z.strictObject({
  autoSync: z.boolean().optional(),
  syncInterval: z.string().max(20).optional().describe('15m to 24h, e.g. 6h.'),
  logWindowDays: z.number().int().min(1).max(90).optional(),
  budget: z.string().max(20).optional().describe('Time budget per sync, e.g. 300s.'),
  eventTypes: z.array(z.string().max(200)).max(500).nullable().optional(),
  evidenceRetention: z.number().int().min(1).max(10_000).optional(),
});

const connectionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domain: z.string(),
    baseUrl: z.string().nullable(),
    proxyUrl: z.string().nullable(),
    credential: z.union([z.object({ kind: z.literal('ssws') }), z.object({ kind: z.literal('oauth'), clientId: z.string(), keyId: z.string().nullable(), dpop: z.string() })]),
    settings: z.object({ autoSync: z.boolean(), syncIntervalS: z.number(), logWindowDays: z.number(), budgetS: z.number(), eventTypes: z.array(z.string()).nullable(), evidenceRetention: z.number() }),
    org: z.object({ orgId: z.string().nullable(), pipeline: z.string().nullable().describe('idx: Identity Engine; v1: Classic.'), verifiedAt: timestamp.nullable() }),
    health: z.object({ state: z.string(), reason: z.string().nullable(), consecutiveFailures: z.number(), pausedReason: z.string().nullable() }),
    schedule: z.object({ nextRunAt: timestamp.nullable(), lastSyncId: z.string().nullable(), lastSyncAt: timestamp.nullable() }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Connection' });

const reportSchema = z
  .object({
    domain: z.string(),
    org: z.object({ orgId: z.string(), pipeline: z.string().nullable(), organizationUrl: z.string().nullable(), customDomainUrl: z.string().nullable() }).nullable(),
    fatal: z.object({ code: z.string(), message: z.string() }).nullable(),
    datasets: z.array(
      z.object({ id: z.string(), dataset: z.string(), label: z.string(), request: z.string(), state: z.enum(['readable', 'not_permitted', 'failing', 'skipped']), reason: z.string().optional(), permissionNeeded: z.string().optional(), code: z.string().optional() }),
    ),
    canReadUsers: z.boolean(),
    durationMs: z.number(),
  })
  .meta({ id: 'TestConnectionReport' });

const savedSchema = z.object({ connection: connectionSchema, report: reportSchema.nullable(), warnings: z.array(z.string()) });

/** Stored connections (credentials write-only), Test connection and Sync Now. */
export function registerConnectionRoutes(app: ZodApp, deps: RouteDeps): void {
  const { store } = deps;

  /** 404 for an id that names no connection (the app's lookup by name or id answers 400 for the CLI's sake). */
  async function connectionById(id: string) {
    const connection = await store.connections.get(id);
    if (connection === undefined) throw new HttpProblem(404, 'NOT_FOUND', `No connection ${id}: GET /api/connections lists them.`);
    return connection;
  }

  function connectionDeps(request: FastifyRequest): ConnectionDeps {
    if (deps.secretKey === undefined) throw new HttpProblem(503, 'CONNECTIONS_UNAVAILABLE', 'This server was started without a secret key location: connections cannot be stored.');
    return { store, secretKey: deps.secretKey, actor: actorName(principalOf(request)), clock: () => deps.now().getTime(), env: deps.env, ...(deps.clientTuning === undefined ? {} : { clientTuning: deps.clientTuning }) };
  }

  app.get(
    '/api/connections',
    { config: { access: read() }, schema: { operationId: 'listConnections', tags: ['connections'], summary: 'Stored connections with their state (never their credentials).', response: { 200: z.object({ items: z.array(connectionSchema) }), ...problemResponses } } },
    async () => ({ items: await listConnections(store) }),
  );

  app.get(
    '/api/connections/:id',
    { config: { access: read() }, schema: { operationId: 'getConnection', tags: ['connections'], summary: 'One connection.', params: idParams, response: { 200: connectionSchema, ...problemResponses } } },
    (request) => connectionById(request.params.id),
  );

  app.post(
    '/api/connections',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'createConnection',
        tags: ['connections'],
        summary: 'Connect: Test connection, then store the connection with its credential sealed. Refused (422) when users cannot be read, unless skipTest.',
        body: z.strictObject({ name: z.string().min(1).max(100), domain: z.string().min(3).max(253), baseUrl: z.string().max(500).optional(), proxyUrl: z.string().max(500).optional(), credential: credentialInput, settings: settingsInput.optional(), skipTest: z.boolean().optional() }),
        response: { 201: savedSchema, ...problemResponses, 409: problemResponses[400], 422: problemResponses[400], 503: problemResponses[400] },
      },
    },
    async (request, reply) => {
      const { settings, skipTest, ...input } = request.body;
      const saved = await createConnection(connectionDeps(request), { ...input, ...(settings === undefined ? {} : { settings }), ...(skipTest === undefined ? {} : { skipTest }) });
      return await reply.code(201).send(saved);
    },
  );

  app.post(
    '/api/connections/test',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'testDraftConnection',
        tags: ['connections'],
        summary: 'Test connection before saving: per dataset readable / not permitted (which scope or role) / failing. Nothing is stored.',
        body: z.strictObject({ domain: z.string().min(3).max(253), baseUrl: z.string().max(500).optional(), credential: credentialInput }),
        response: { 200: reportSchema, ...problemResponses },
      },
    },
    (request) => testDraftConnection({ ...request.body, ...(deps.clientTuning === undefined ? {} : { clientTuning: deps.clientTuning }) }),
  );

  app.patch(
    '/api/connections/:id',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'updateConnection',
        tags: ['connections'],
        summary: 'Change a connection’s name, base URL, proxy, settings or credential (a new credential is tested first).',
        params: idParams,
        body: z.strictObject({ name: z.string().min(1).max(100).optional(), baseUrl: z.string().max(500).nullable().optional(), proxyUrl: z.string().max(500).nullable().optional(), settings: settingsInput.optional(), credential: credentialInput.optional(), skipTest: z.boolean().optional() }),
        response: { 200: savedSchema, ...problemResponses, 409: problemResponses[400], 422: problemResponses[400], 503: problemResponses[400] },
      },
    },
    async (request) => {
      await connectionById(request.params.id);
      const { name, baseUrl, proxyUrl, settings, credential, skipTest } = request.body;
      return updateConnection(connectionDeps(request), request.params.id, {
        ...(name === undefined ? {} : { name }),
        ...(baseUrl === undefined ? {} : { baseUrl }),
        ...(proxyUrl === undefined ? {} : { proxyUrl }),
        ...(settings === undefined ? {} : { settings }),
        ...(credential === undefined ? {} : { credential }),
        ...(skipTest === undefined ? {} : { skipTest }),
      });
    },
  );

  app.delete(
    '/api/connections/:id',
    { config: { access: write(ADMINS) }, schema: { operationId: 'removeConnection', tags: ['connections'], summary: 'Remove a connection and its credential; its snapshots, results and evidence stay.', params: idParams, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      await connectionById(request.params.id);
      await removeConnection({ store, actor: actorName(principalOf(request)) }, request.params.id);
      return await reply.code(204).send(null);
    },
  );

  app.post(
    '/api/connections/:id/test',
    {
      config: { access: write(ADMINS) },
      schema: { operationId: 'testConnection', tags: ['connections'], summary: 'Test connection with the stored credential.', params: idParams, response: { 200: z.object({ connection: connectionSchema, report: reportSchema }), ...problemResponses, 503: problemResponses[400] } },
    },
    async (request) => {
      await connectionById(request.params.id);
      return testStoredConnection(connectionDeps(request), request.params.id);
    },
  );

  app.post(
    '/api/connections/:id/sync',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'syncNow',
        tags: ['connections'],
        summary: 'Sync Now: the connection syncs as soon as a worker is free. Watch it with GET /api/orgs/{org}/sync-events.',
        params: idParams,
        response: { 202: z.object({ queued: z.literal(true), org: z.string() }), ...problemResponses, 503: problemResponses[400] },
      },
    },
    async (request, reply) => {
      const connection = await connectionById(request.params.id);
      if (deps.syncNow === undefined) throw new HttpProblem(503, 'NO_SCHEDULER', 'This server runs without a scheduler (--no-scheduler): start `okta-evidence run`, or serve without --no-scheduler.');
      await deps.syncNow(connection, actorName(principalOf(request)));
      return await reply.code(202).send({ queued: true as const, org: connection.domain });
    },
  );
}
