import { z } from 'zod';
import { getApp, getPolicy, listAppAssignments, listApps, listPolicies } from '../../app/read/inventory.js';
import { REVIEWERS, read } from '../auth/access.js';
import { principalOf } from '../auth/authenticate.js';
import { HttpProblem } from '../problem.js';
import { encodeCursor, pageOf, pageQuery, pageRequest } from '../pagination.js';
import { orgIdParams, orgParams, searchSchema } from './params.js';
import { appSchema, assignmentSchema, policyRuleSchema, policySchema } from './records.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { problemResponses } from './schemas.js';
import type { FastifyRequest } from 'fastify';
import { timestamp } from './timestamp.js';

const appDetailSchema = z.object({
  app: appSchema,
  accessPolicy: policySchema.nullable().describe('The authentication policy the app uses.'),
  assignedUsers: z.number().int(),
  groups: z.array(z.object({ groupId: z.string(), name: z.string().nullable(), priority: z.number().nullable() })),
  lastReview: z.object({ reviewerEmail: z.string(), attestedAt: timestamp, assignmentCount: z.number().int() }).nullable(),
});

/** A reviewer sees only the apps assigned to them for review. */
export function assertMayReview(request: FastifyRequest, appId: string): void {
  const { user } = principalOf(request);
  if (user.role === 'reviewer' && !user.reviewAppIds.includes(appId)) throw new HttpProblem(403, 'FORBIDDEN', `App ${appId} is not among the apps you review.`);
}

/** Apps (with assignments and authentication policy) and policies (with rules) of the current snapshot. */
export function registerAppRoutes(app: ZodApp, { store }: RouteDeps): void {
  app.get(
    '/api/orgs/:org/apps',
    {
      config: { access: read() },
      schema: {
        operationId: 'listApps',
        tags: ['inventory'],
        summary: 'Apps of the current snapshot.',
        params: orgParams,
        querystring: z.strictObject({ ...pageQuery, search: searchSchema.describe('Part of the label.'), status: z.enum(['ACTIVE', 'INACTIVE']).optional() }),
        response: { 200: pageOf(appSchema), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const page = await listApps(store, request.params.org, filter, pageRequest({ limit, cursor }));
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );

  app.get(
    '/api/orgs/:org/apps/:id',
    { config: { access: read(REVIEWERS) }, schema: { operationId: 'getApp', tags: ['inventory'], summary: 'An app with its authentication policy, assigned groups and last access review.', params: orgIdParams, response: { 200: appDetailSchema, ...problemResponses } } },
    (request) => {
      assertMayReview(request, request.params.id);
      return getApp(store, request.params.org, request.params.id);
    },
  );

  app.get(
    '/api/orgs/:org/apps/:id/assignments',
    {
      config: { access: read(REVIEWERS) },
      schema: {
        operationId: 'listAppAssignments',
        tags: ['inventory'],
        summary: 'Who has the app: directly (USER) or through which groups (GROUP).',
        params: orgIdParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(assignmentSchema.extend({ login: z.string().nullable(), userStatus: z.string().nullable() })), ...problemResponses },
      },
    },
    async (request) => {
      assertMayReview(request, request.params.id);
      const page = await listAppAssignments(store, request.params.org, request.params.id, pageRequest(request.query));
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );

  app.get(
    '/api/orgs/:org/policies',
    {
      config: { access: read() },
      schema: {
        operationId: 'listPolicies',
        tags: ['inventory'],
        summary: 'Policies of the current snapshot.',
        params: orgParams,
        querystring: z.strictObject({ ...pageQuery, type: z.string().max(64).regex(/^[A-Z_]+$/, 'An Okta policy type, e.g. PASSWORD or ACCESS_POLICY.').optional() }),
        response: { 200: pageOf(policySchema), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const page = await listPolicies(store, request.params.org, filter, pageRequest({ limit, cursor }));
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );

  app.get(
    '/api/orgs/:org/policies/:id',
    { config: { access: read() }, schema: { operationId: 'getPolicy', tags: ['inventory'], summary: 'A policy with its rules.', params: orgIdParams, response: { 200: z.object({ policy: policySchema, rules: z.array(policyRuleSchema) }), ...problemResponses } } },
    (request) => getPolicy(store, request.params.org, request.params.id),
  );
}
