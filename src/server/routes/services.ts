import { z } from 'zod';
import { actorName } from '../../app/accounts/accounts.js';
import { attestServiceFact, importDownstreamService, runDownstreamPassthrough } from '../../app/index.js';
import { write } from '../auth/access.js';
import { principalOf } from '../auth/authenticate.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { emailSchema, problemResponses } from './schemas.js';

const attestationSchema = z
  .object({ id: z.string(), serviceId: z.string(), fact: z.string(), value: z.union([z.boolean(), z.string()]), attestedBy: z.string(), attestedAt: z.date(), statement: z.string(), recordedAt: z.date() })
  .meta({ id: 'ServiceAttestation' });

const countsSchema = z.record(z.string(), z.number());

/** Downstream services and the MFA passthrough (issue 15): attestations and imports, admins only (each audited). */
export function registerServiceRoutes(app: ZodApp, { store, now }: RouteDeps): void {
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
