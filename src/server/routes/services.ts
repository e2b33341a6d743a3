import { z } from 'zod';
import { actorName } from '../../app/accounts/accounts.js';
import { attestServiceFact, importDownstreamService, latestPassthroughResults, runDownstreamPassthrough } from '../../app/index.js';
import { FAILURE_REASONS, PASSTHROUGH_LINKS } from '../../checks/downstream/passthrough-types.js';
import { CHECK_STATUSES } from '../../store/types.js';
import { read, write } from '../auth/access.js';
import { encodeCursor, pageQuery } from '../pagination.js';
import { principalOf } from '../auth/authenticate.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { emailSchema, problemResponses } from './schemas.js';
import { timestamp } from './timestamp.js';

const attestationSchema = z
  .object({ id: z.string(), serviceId: z.string(), fact: z.string(), value: z.union([z.boolean(), z.string()]), attestedBy: z.string(), attestedAt: timestamp, statement: z.string(), recordedAt: timestamp })
  .meta({ id: 'ServiceAttestation' });

const countsSchema = z.record(z.string(), z.number());

const chainLinkSchema = z
  .object({
    link: z.enum(PASSTHROUGH_LINKS),
    state: z.enum(['proven', 'broken', 'unknown']),
    detail: z.string(),
    source: z.record(z.string(), z.unknown()).describe('Where the link comes from: ids, names, policy and rule, factor, attestation.'),
    failure: z.enum(FAILURE_REASONS).optional(),
  })
  .meta({ id: 'PassthroughChainLink' });

const bypassCredentialSchema = z.object({ login: z.string(), credentialId: z.string(), credentialType: z.string(), authorizedAt: z.string(), lastAccessedAt: z.string().nullable(), expiresAt: z.string().nullable() });

const accountResultSchema = z
  .object({
    accountId: z.string(),
    login: z.string(),
    kind: z.string().describe('member, outside_collaborator (SAML SSO does not apply: reported apart) or account (imported).'),
    ownMfa: z.string(),
    status: z.enum(CHECK_STATUSES),
    basis: z.enum(['own-mfa', 'own-mfa-weak', 'passthrough']).nullable(),
    failures: z.array(z.enum(FAILURE_REASONS)),
    reason: z.string(),
    chain: z.array(chainLinkSchema),
    oktaUser: z.object({ id: z.string(), login: z.string() }).nullable(),
    signIns: z.array(z.object({ eventId: z.string(), at: z.string(), outcome: z.string().nullable(), mfa: z.object({ eventId: z.string(), eventType: z.string(), at: z.string(), correlation: z.string() }).nullable() })),
    bypassCredentials: z.array(bypassCredentialSchema),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'PassthroughAccountResult' });

const passthroughPageSchema = z.object({
  service: z.object({ id: z.string(), kind: z.string(), name: z.string(), oktaOrg: z.string(), oktaAppId: z.string().nullable() }),
  evaluation: z.object({
    id: z.string(),
    oktaOrg: z.string(),
    oktaSnapshotId: z.string(),
    evaluatedAt: timestamp,
    readAt: z.string(),
    status: z.string(),
    counts: countsSchema,
    serviceChain: z.array(chainLinkSchema).describe('The links every account shares (okta-app, sso-enforced).'),
    nameIdFormat: z.object({ format: z.string(), source: z.string() }),
    gaps: z.array(z.string()).describe('Why the evaluation cannot be whole (incomplete reads); empty when it is.'),
    bypassCredentials: z.array(bypassCredentialSchema).describe('Credentials that reach the service without a fresh Okta sign-in, reported apart.'),
  }),
  items: z.array(accountResultSchema),
  next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
});

/** Downstream services and the MFA passthrough (issue 15): attestations and imports, admins only (each audited). */
export function registerServiceRoutes(app: ZodApp, { store, now }: RouteDeps): void {
  app.get(
    '/api/services/:service/passthrough',
    {
      config: { access: read() },
      schema: {
        operationId: 'getServicePassthrough',
        tags: ['services'],
        summary: "The newest evaluation of a service's MFA test: per account its verdict and the chain of reasons, in login order. 404 before its first evaluation.",
        params: z.strictObject({ service: z.string().min(1).max(200).describe('The service id or name.') }),
        querystring: z.strictObject({
          verdict: z.enum(CHECK_STATUSES).optional(),
          basis: z.enum(['own-mfa', 'own-mfa-weak', 'passthrough']).optional().describe('How a passing account is covered.'),
          ...pageQuery,
        }),
        response: { 200: passthroughPageSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { verdict, basis, limit, cursor } = request.query;
      const page = await latestPassthroughResults(store, request.params.service, { verdict, basis, limit, after: cursor });
      return { service: page.service, evaluation: page.evaluation, items: page.items, next: encodeCursor(page.nextKey) };
    },
  );

  app.post(
    '/api/services/:service/attestations',
    {
      config: { access: write(['admin']) },
      schema: {
        operationId: 'attestServiceFact',
        tags: ['services'],
        summary: "Record a fact about a downstream service that its API cannot show (SSO enforced, the NameID format), attested by a named admin.",
        params: z.strictObject({ service: z.string().min(1).max(200) }),
        body: z.strictObject({
          fact: z.enum(['sso-enforced', 'name-id-format']),
          value: z.union([z.boolean(), z.enum(['login', 'email'])]),
          attestedBy: emailSchema.optional().describe('Who checked the setting (default: the caller).'),
          attestedAt: z.iso.datetime().optional(),
          statement: z.string().min(1).max(2000),
        }),
        response: { 201: z.object({ attestation: attestationSchema }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { body } = request;
      const attestation = await attestServiceFact({
        database: store,
        service: request.params.service,
        fact: body.fact,
        value: body.value,
        attestedBy: body.attestedBy ?? principal.user.email,
        attestedAt: body.attestedAt === undefined ? undefined : new Date(body.attestedAt),
        statement: body.statement,
        actor: actorName(principal),
        now: now(),
      });
      return await reply.code(201).send({ attestation });
    },
  );

  app.post(
    '/api/services/imports',
    {
      config: { access: write(['admin']) },
      schema: {
        operationId: 'importService',
        tags: ['services'],
        summary: 'Import the accounts of a service without a connector (CSV or JSON text), map it to an Okta app and run its downstream MFA test.',
        body: z.strictObject({
          name: z.string().min(1).max(200),
          oktaConnection: z.string().min(1).max(200),
          oktaApp: z.string().min(1).max(200),
          fileName: z.string().min(1).max(200).describe('Its extension (.csv, .json) says the format.'),
          content: z.string().min(1).max(20_000_000),
          match: z.enum(['email', 'login']).default('email'),
        }),
        response: { 201: z.object({ serviceId: z.string(), snapshotId: z.string(), accounts: z.number(), status: z.string(), counts: countsSchema }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { body } = request;
      const at = now();
      const imported = await importDownstreamService({ database: store, name: body.name, oktaConnection: body.oktaConnection, oktaApp: body.oktaApp, file: { text: body.content, fileName: body.fileName }, match: body.match, actor: actorName(principal), now: at });
      const outcome = await runDownstreamPassthrough({ database: store, service: imported.service.id, now: at });
      return await reply.code(201).send({ serviceId: imported.service.id, snapshotId: imported.snapshotId, accounts: imported.accounts, status: outcome.stored.status, counts: outcome.stored.counts });
    },
  );
}
