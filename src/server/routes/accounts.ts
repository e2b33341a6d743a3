import { z } from 'zod';
import { actorName } from '../../app/accounts/accounts.js';
import { isAccountError } from '../../app/accounts/errors.js';
import { ADMINS, READERS, read, write } from '../auth/access.js';
import { principalOf } from '../auth/authenticate.js';
import { HttpProblem } from '../problem.js';
import { encodeCursor, pageOf, pageQuery } from '../pagination.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { emailSchema, newPasswordSchema, problemResponses, roleSchema, serverUserSchema, toServerUser, tokenAccessSchema } from './schemas.js';
import { timestamp } from './timestamp.js';

const idParams = z.strictObject({ id: z.string().min(1).max(64).regex(/^[0-9A-Z]+$/, 'Not an id this API returned.') });

const apiTokenSchema = z
  .object({ id: z.string(), name: z.string(), ownerId: z.string(), access: tokenAccessSchema, createdAt: timestamp, expiresAt: timestamp, lastUsedAt: timestamp.nullable(), revoked: z.boolean() })
  .meta({ id: 'ApiToken' });

const auditEntrySchema = z
  .object({
    id: z.string(),
    at: timestamp,
    actor: z.string().describe('cli:<os user>, api:<email>, api:<email> (token <name>), scheduler…'),
    action: z.string(),
    connectionId: z.string().nullable(),
    connectionName: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).describe('What changed; never a secret value.'),
  })
  .meta({ id: 'AuditEntry' });

/** Server users and roles, API tokens, and the audit log. */
export function registerAccountRoutes(app: ZodApp, deps: RouteDeps): void {
  const { accounts } = deps;

  function mapAccountError(error: unknown): never {
    if (isAccountError(error, 'ACCOUNT_NOT_FOUND')) throw new HttpProblem(404, 'NOT_FOUND', error.message);
    if (isAccountError(error, 'ACCOUNT_EXISTS')) throw new HttpProblem(409, 'ALREADY_EXISTS', error.message);
    if (isAccountError(error, 'ACCOUNT_LAST_ADMIN')) throw new HttpProblem(409, 'LAST_ADMIN', error.message);
    if (isAccountError(error, 'ACCOUNT_WEAK_PASSWORD')) throw new HttpProblem(400, 'VALIDATION_FAILED', error.message, [{ field: 'body.password', message: error.message }]);
    throw error;
  }

  app.get(
    '/api/admin/users',
    { config: { access: read(ADMINS) }, schema: { operationId: 'listServerUsers', tags: ['admin'], summary: 'Server users and their roles.', response: { 200: z.object({ items: z.array(serverUserSchema) }), ...problemResponses } } },
    async () => ({ items: (await accounts.listUsers()).map(toServerUser) }),
  );

  app.post(
    '/api/admin/users',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'createServerUser',
        tags: ['admin'],
        summary: 'Create a server user with a role (reviewers: with the apps they review).',
        body: z.strictObject({ email: emailSchema, password: newPasswordSchema, role: roleSchema, displayName: z.string().max(200).optional(), reviewAppIds: z.array(z.string().max(64)).max(1000).optional() }),
        response: { 201: serverUserSchema, ...problemResponses, 409: problemResponses[400] },
      },
    },
    async (request, reply) => {
      try {
        const user = await accounts.createUser(request.body, actorName(principalOf(request)));
        return await reply.code(201).send(toServerUser(user));
      } catch (error) {
        return mapAccountError(error);
      }
    },
  );

  app.patch(
    '/api/admin/users/:id',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'updateServerUser',
        tags: ['admin'],
        summary: 'Change a server user’s role, apps to review, password, or disable them (their sessions end).',
        params: idParams,
        body: z.strictObject({ role: roleSchema.optional(), disabled: z.boolean().optional(), password: newPasswordSchema.optional(), displayName: z.string().max(200).nullable().optional(), reviewAppIds: z.array(z.string().max(64)).max(1000).optional() }),
        response: { 200: serverUserSchema, ...problemResponses, 409: problemResponses[400] },
      },
    },
    async (request) => {
      try {
        const { role, disabled, password, displayName, reviewAppIds } = request.body;
        const changes = Object.fromEntries(Object.entries({ role, disabled, password, displayName, reviewAppIds }).filter(([, value]) => value !== undefined));
        return toServerUser(await accounts.updateUser(request.params.id, changes, actorName(principalOf(request))));
      } catch (error) {
        return mapAccountError(error);
      }
    },
  );

  app.delete(
    '/api/admin/users/:id',
    { config: { access: write(ADMINS) }, schema: { operationId: 'deleteServerUser', tags: ['admin'], summary: 'Delete a server user with their sessions and tokens.', params: idParams, response: { 204: z.null(), ...problemResponses, 409: problemResponses[400] } } },
    async (request, reply) => {
      try {
        await accounts.deleteUser(request.params.id, actorName(principalOf(request)));
        return await reply.code(204).send(null);
      } catch (error) {
        return mapAccountError(error);
      }
    },
  );

  app.get(
    '/api/admin/tokens',
    { config: { access: read(ADMINS) }, schema: { operationId: 'listApiTokens', tags: ['admin'], summary: 'API tokens (never their secrets).', response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...problemResponses } } },
    async () => ({
      items: (await accounts.listTokens()).map((token) => ({ ...token, ownerId: token.userId, revoked: token.revokedAt !== null })),
    }),
  );

  app.post(
    '/api/admin/tokens',
    {
      config: { access: write(ADMINS) },
      schema: {
        operationId: 'createApiToken',
        tags: ['admin'],
        summary: 'Create an API token acting with its owner’s role; the secret is in this answer only.',
        body: z.strictObject({
          name: z.string().min(1).max(100),
          access: tokenAccessSchema,
          expiresInDays: z.number().int().min(1).max(366),
          ownerId: z.string().max(64).optional().describe('The server user the token acts as (default: the caller).'),
        }),
        response: { 201: apiTokenSchema.extend({ secret: z.string().describe('Shown once: send as Authorization: Bearer.') }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const owner = request.body.ownerId === undefined ? principal.user : (await accounts.listUsers()).find((user) => user.id === request.body.ownerId);
      if (owner === undefined) throw new HttpProblem(400, 'VALIDATION_FAILED', 'No server user with that id.', [{ field: 'body.ownerId', message: 'No server user with that id.' }]);
      const { secret, token } = await accounts.createToken(owner, request.body, actorName(principal));
      return reply.code(201).send({ ...token, ownerId: token.userId, revoked: false, secret });
    },
  );

  app.delete(
    '/api/admin/tokens/:id',
    { config: { access: write(ADMINS) }, schema: { operationId: 'revokeApiToken', tags: ['admin'], summary: 'Revoke an API token at once.', params: idParams, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      try {
        await accounts.revokeToken(request.params.id, actorName(principalOf(request)));
        return await reply.code(204).send(null);
      } catch (error) {
        return mapAccountError(error);
      }
    },
  );

  app.get(
    '/api/audit-log',
    {
      config: { access: read(READERS) },
      schema: {
        operationId: 'listAuditLog',
        tags: ['admin'],
        summary: 'Who did what through the server or the CLI, newest first.',
        querystring: z.strictObject({ ...pageQuery, action: z.string().max(100).optional() }),
        response: { 200: pageOf(auditEntrySchema), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor, action } = request.query;
      const entries = await deps.store.auditLog.list({ limit: limit + 1, ...(cursor === undefined ? {} : { before: cursor[0] }), ...(action === undefined ? {} : { action }) });
      const items = entries.slice(0, limit);
      const last = items[items.length - 1];
      return { items, next: encodeCursor(entries.length > limit && last !== undefined ? [last.id] : null) };
    },
  );
}
