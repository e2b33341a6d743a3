import { z } from 'zod';
import { checkHistory, latestTestResults, listCheckEntities, testChanges } from '../../app/read/tests.js';
import { read } from '../auth/access.js';
import { encodeCursor, pageOf, pageQuery, pageRequest } from '../pagination.js';
import { orgNameSchema, searchSchema } from './params.js';
import { checkEntitySchema, checkStatusSchema } from './records.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { problemResponses } from './schemas.js';
import { timestamp } from './timestamp.js';

const checkParams = z.strictObject({ org: orgNameSchema, checkId: z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'A check id, e.g. mfa-enabled-all-users.') });
const countsSchema = z.object({ pass: z.number().int(), fail: z.number().int(), not_applicable: z.number().int(), error: z.number().int() });

const runSchema = z.object({
  id: z.string(),
  syncId: z.string().nullable(),
  snapshotId: z.string(),
  evaluatedAt: timestamp,
  results: z.array(z.object({ id: z.string(), title: z.string(), severity: z.string(), status: checkStatusSchema, controls: z.array(z.string()).readonly(), counts: countsSchema })),
});

const entityChangeSchema = z.object({ entityType: z.string(), entityId: z.string(), entityName: z.string(), before: checkStatusSchema.nullable(), after: checkStatusSchema.nullable(), reason: z.string() });

export function registerTestRoutes(app: ZodApp, { store }: RouteDeps): void {
  app.get(
    '/api/orgs/:org/tests',
    { config: { access: read() }, schema: { operationId: 'getLatestTests', tags: ['tests'], summary: 'The latest result of each security test.', params: z.strictObject({ org: orgNameSchema }), response: { 200: runSchema, ...problemResponses } } },
    (request) => latestTestResults(store, request.params.org),
  );

  app.get(
    '/api/orgs/:org/tests/changes',
    {
      config: { access: read() },
      schema: {
        operationId: 'getTestChanges',
        tags: ['tests'],
        summary: 'Entities newly failing and newly fixed since the previous sync.',
        params: z.strictObject({ org: orgNameSchema }),
        response: {
          200: z.object({
            previous: z.object({ runId: z.string(), syncId: z.string().nullable(), evaluatedAt: timestamp }).nullable(),
            checks: z.array(z.object({ checkId: z.string(), before: checkStatusSchema.nullable(), after: checkStatusSchema.nullable(), newlyFailing: z.array(entityChangeSchema), newlyFixed: z.array(entityChangeSchema) })),
          }),
          ...problemResponses,
        },
      },
    },
    (request) => testChanges(store, request.params.org),
  );

  app.get(
    '/api/orgs/:org/tests/:checkId/entities',
    {
      config: { access: read() },
      schema: {
        operationId: 'listCheckEntities',
        tags: ['tests'],
        summary: 'A test’s result per entity in the latest run, with the reason and the fields it read.',
        params: checkParams,
        querystring: z.strictObject({ ...pageQuery, status: checkStatusSchema.optional(), entityType: z.enum(['user', 'app', 'policy', 'organization', 'dataset']).optional(), search: searchSchema }),
        response: { 200: pageOf(checkEntitySchema), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const page = await listCheckEntities(store, request.params.org, request.params.checkId, filter, pageRequest({ limit, cursor }));
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );

  app.get(
    '/api/orgs/:org/tests/:checkId/history',
    {
      config: { access: read() },
      schema: {
        operationId: 'getCheckHistory',
        tags: ['tests'],
        summary: 'A test’s status and counts run by run, newest first (its trend over syncs).',
        params: checkParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(z.object({ runId: z.string(), syncId: z.string().nullable(), evaluatedAt: timestamp, status: checkStatusSchema, counts: countsSchema })), ...problemResponses },
      },
    },
    async (request) => {
      const page = await checkHistory(store, request.params.org, request.params.checkId, pageRequest(request.query));
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );
}
