import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorName } from '../../app/accounts/accounts.js';
import {
  createGithubConnection,
  GITHUB_DATASET_INFO,
  listGithubConnections,
  removeGithubConnection,
  testGithubConnection,
  testStoredGithubConnection,
  updateGithubConnection,
  type ConnectionDeps,
  type GithubConnectionRecord,
  type GithubTestReport,
} from '../../app/index.js';
import { ADMINS, read, write } from '../auth/access.js';
import { principalOf } from '../auth/authenticate.js';
import { HttpProblem } from '../problem.js';
import {
  githubBaseUrlSchema,
  githubConnectionSchema,
  githubCredentialInput,
  githubIdParams,
  githubLoginSchema,
  githubReportSchema,
  githubSavedSchema,
  githubSettingsInput,
  githubSyncSchema,
} from './github-schemas.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { problemResponses } from './schemas.js';

const TAGS = ['github-connections'];
const writeResponses = { ...problemResponses, 409: problemResponses[400], 422: problemResponses[400], 503: problemResponses[400] };

/** Each dataset with the label the CLI and the console show beside its state. */
function labelled(report: GithubTestReport) {
  return { ...report, datasets: report.datasets.map((d) => ({ ...d, label: GITHUB_DATASET_INFO[d.dataset].label })) };
}

/** Undefined fields are left out: the app layer reads "absent" as "unchanged". */
function defined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** GitHub connections (issue 15), the counterpart of the Okta connection routes: credentials write-only, every change audited. */
export function registerGithubConnectionRoutes(app: ZodApp, deps: RouteDeps): void {
  const { store } = deps;

  async function withService(connection: GithubConnectionRecord) {
    return { ...connection, service: (await store.downstream.getService(connection.serviceId)) ?? null };
  }

  async function connectionById(id: string): Promise<GithubConnectionRecord> {
    const connection = await store.githubConnections.get(id);
    if (connection === undefined) throw new HttpProblem(404, 'NOT_FOUND', `No GitHub connection ${id}: GET /api/github-connections lists them.`);
    return connection;
  }

  function connectionDeps(request: FastifyRequest): ConnectionDeps {
    if (deps.secretKey === undefined) throw new HttpProblem(503, 'CONNECTIONS_UNAVAILABLE', 'This server was started without a secret key location: connections cannot be stored.');
    return { store, secretKey: deps.secretKey, actor: actorName(principalOf(request)), clock: () => deps.now().getTime(), env: deps.env };
  }

  app.get(
    '/api/github-connections',
    { config: { access: read() }, schema: { operationId: 'listGithubConnections', tags: TAGS, summary: 'Stored GitHub connections with their state (never their credentials).', response: { 200: z.object({ items: z.array(githubConnectionSchema) }), ...problemResponses } } },
    async () => ({ items: await Promise.all((await listGithubConnections(store)).map(withService)) }),
  );

  app.get(
    '/api/github-connections/:id',
    { config: { access: read() }, schema: { operationId: 'getGithubConnection', tags: TAGS, summary: 'One GitHub connection.', params: githubIdParams, response: { 200: githubConnectionSchema, ...problemResponses } } },
    async (request) => withService(await connectionById(request.params.id)),
  );

  app.post(
    '/api/github-connections',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'createGithubConnection',
        tags: TAGS,
        summary: 'Connect a GitHub organization: Test connection, then store it with its credential sealed, mapped to the Okta app its members sign in through. Refused (422) when the members cannot be read, unless skipTest.',
        body: z.strictObject({
          name: z.string().min(1).max(100),
          org: githubLoginSchema,
          baseUrl: githubBaseUrlSchema.optional(),
          enterprise: githubLoginSchema.nullable().optional().describe('The enterprise slug, to read whether SAML SSO is enforced (enterprise owners only).'),
          credential: githubCredentialInput,
          oktaConnection: z.string().min(1).max(200).describe('The Okta connection (name or id) whose org the members sign in through.'),
          oktaApp: z.string().min(1).max(100).describe('The Okta app id of GitHub in that org.'),
          settings: githubSettingsInput.optional(),
          skipTest: z.boolean().optional(),
        }),
        response: { 201: githubSavedSchema, ...writeResponses },
      },
    },
    async (request, reply) => {
      const saved = await createGithubConnection(connectionDeps(request), request.body);
      return await reply.code(201).send({ connection: await withService(saved.connection), report: saved.report === null ? null : labelled(saved.report), warnings: saved.warnings });
    },
  );

  app.post(
    '/api/github-connections/test',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'testDraftGithubConnection',
        tags: TAGS,
        summary: 'Test connection before saving: per dataset readable / not permitted (which permission) / failed, and whether SAML lets passthrough apply. Nothing is stored.',
        body: z.strictObject({ org: githubLoginSchema, baseUrl: githubBaseUrlSchema.optional(), enterprise: githubLoginSchema.nullable().optional(), credential: githubCredentialInput }),
        response: { 200: githubReportSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { org, baseUrl, enterprise, credential } = request.body;
      return labelled(await testGithubConnection({ org, baseUrl: baseUrl ?? null, enterprise: enterprise ?? null, credential }));
    },
  );

  app.patch(
    '/api/github-connections/:id',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'updateGithubConnection',
        tags: TAGS,
        summary: 'Change a GitHub connection’s name, enterprise, settings, Okta app or credential (a new credential is tested first and must answer for the same organization).',
        params: githubIdParams,
        body: z.strictObject({
          name: z.string().min(1).max(100).optional(),
          enterprise: githubLoginSchema.nullable().optional(),
          settings: githubSettingsInput.optional(),
          credential: githubCredentialInput.optional(),
          oktaApp: z.string().min(1).max(100).optional(),
          skipTest: z.boolean().optional(),
        }),
        response: { 200: githubSavedSchema, ...writeResponses },
      },
    },
    async (request) => {
      await connectionById(request.params.id);
      const saved = await updateGithubConnection(connectionDeps(request), request.params.id, defined(request.body));
      return { connection: await withService(saved.connection), report: saved.report === null ? null : labelled(saved.report), warnings: saved.warnings };
    },
  );

  app.delete(
    '/api/github-connections/:id',
    {
      config: { access: write(ADMINS) },
      schema: { operationId: 'removeGithubConnection', tags: TAGS, summary: 'Remove a GitHub connection and its credential; its service, reads and evaluations stay.', params: githubIdParams, response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      await connectionById(request.params.id);
      await removeGithubConnection({ store, actor: actorName(principalOf(request)) }, request.params.id);
      return await reply.code(204).send(null);
    },
  );

  app.post(
    '/api/github-connections/:id/test',
    {
      config: { access: write(ADMINS) },
      schema: { operationId: 'testGithubConnection', tags: TAGS, summary: 'Test connection with the stored credential.', params: githubIdParams, response: { 200: z.object({ connection: githubConnectionSchema, report: githubReportSchema }), ...problemResponses, 503: problemResponses[400] } },
    },
    async (request) => {
      await connectionById(request.params.id);
      const { connection, report } = await testStoredGithubConnection(connectionDeps(request), request.params.id);
      return { connection: await withService(connection), report: labelled(report) };
    },
  );

  app.post(
    '/api/github-connections/:id/sync',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'syncGithubNow',
        tags: TAGS,
        summary: 'Sync Now: the GitHub connection syncs as soon as a worker of the scheduler is free; its service is evaluated after.',
        params: githubIdParams,
        response: { 202: z.object({ queued: z.literal(true), serviceId: z.string() }), ...problemResponses, 503: problemResponses[400] },
      },
    },
    async (request, reply) => {
      const connection = await connectionById(request.params.id);
      if (deps.githubSyncNow === undefined) throw new HttpProblem(503, 'NO_SCHEDULER', 'This server runs without a scheduler (--no-scheduler): start `okta-evidence run`, or serve without --no-scheduler.');
      await deps.githubSyncNow(connection, actorName(principalOf(request)));
      return await reply.code(202).send({ queued: true as const, serviceId: connection.serviceId });
    },
  );

  app.get(
    '/api/github-connections/:id/syncs',
    {
      config: { access: read() },
      schema: {
        operationId: 'listGithubSyncs',
        tags: TAGS,
        summary: 'The stored reads of the connection’s organization, newest first (a failed read stores nothing: the connection’s health says why).',
        params: githubIdParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(30) }),
        response: { 200: z.object({ items: z.array(githubSyncSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const connection = await connectionById(request.params.id);
      return { items: await store.downstream.listSnapshots(connection.serviceId, { limit: request.query.limit }) };
    },
  );
}
