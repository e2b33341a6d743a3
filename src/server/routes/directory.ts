import { z } from 'zod';
import { FACTOR_STRENGTH_NAMES, STRONGEST_FACTOR_FILTERS, getGroup, getUser, listFactors, listGroupMembers, listGroups, listUsers } from '../../app/read/inventory.js';
import { read } from '../auth/access.js';
import { encodeCursor, pageOf, pageQuery, pageRequest } from '../pagination.js';
import { commaList, orgIdParams, orgParams, queryBoolean, searchSchema } from './params.js';
import { assignmentSchema, checkStatusSchema, factorSchema, groupSchema, userSchema } from './records.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { problemResponses } from './schemas.js';

const USER_STATUSES = ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED', 'DEPROVISIONED'] as const;

const userDetailSchema = z.object({
  user: userSchema,
  groups: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
  apps: z.array(assignmentSchema.extend({ appLabel: z.string().nullable() })),
  verdicts: z.array(z.object({ checkId: z.string(), status: checkStatusSchema, reason: z.string() })).describe('Each security test’s result for this user in the latest run.'),
});

/** Users (with factors, groups, apps and verdicts) and groups of the current snapshot. */
export function registerDirectoryRoutes(app: ZodApp, { store, now }: RouteDeps): void {
  app.get(
    '/api/orgs/:org/users',
    {
      config: { access: read() },
      schema: {
        operationId: 'listUsers',
        tags: ['inventory'],
        summary: 'Users of the current snapshot, filtered, in id order.',
        params: orgParams,
        querystring: z.strictObject({
          ...pageQuery,
          status: commaList(z.enum(USER_STATUSES)).optional().describe('Comma-separated Okta statuses.'),
          search: searchSchema.describe('Part of the login, email or name, ignoring case.'),
          mfa: checkStatusSchema.optional().describe('The MFA test’s verdict on the user in the latest run.'),
          strongestFactor: z.enum(STRONGEST_FACTOR_FILTERS).optional().describe('The strength of the user’s strongest active factor.'),
          inactiveDays: z.coerce.number().int().min(1).max(3650).optional().describe('No sign-in (or, never signed in, created) for more than this many days.'),
          deprovisionedWithAccess: queryBoolean.optional().describe('DEPROVISIONED users who still hold an app assignment.'),
        }),
        response: { 200: pageOf(userSchema), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor, status, ...filter } = request.query;
      const page = await listUsers(store, request.params.org, { ...filter, statuses: status }, pageRequest({ limit, cursor }), now());
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );

  app.get(
    '/api/orgs/:org/users/:id',
    { config: { access: read() }, schema: { operationId: 'getUser', tags: ['inventory'], summary: 'A user with their groups, apps and test verdicts.', params: orgIdParams, response: { 200: userDetailSchema, ...problemResponses } } },
    (request) => getUser(store, request.params.org, request.params.id),
  );

  app.get(
    '/api/orgs/:org/users/:id/factors',
    {
      config: { access: read() },
      schema: { operationId: 'listUserFactors', tags: ['inventory'], summary: 'A user’s enrolled factors.', params: orgIdParams, querystring: z.strictObject(pageQuery), response: { 200: pageOf(factorSchema.extend({ strength: z.enum(FACTOR_STRENGTH_NAMES).describe('How strong the MFA tests count the factor (docs/verdicts.md).') })), ...problemResponses } },
    },
    async (request) => {
      const page = await listFactors(store, request.params.org, request.params.id, pageRequest(request.query));
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );

  app.get(
    '/api/orgs/:org/groups',
    {
      config: { access: read() },
      schema: {
        operationId: 'listGroups',
        tags: ['inventory'],
        summary: 'Groups of the current snapshot.',
        params: orgParams,
        querystring: z.strictObject({ ...pageQuery, search: searchSchema.describe('Part of the name.'), type: z.enum(['OKTA_GROUP', 'APP_GROUP', 'BUILT_IN']).optional() }),
        response: { 200: pageOf(groupSchema), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const page = await listGroups(store, request.params.org, filter, pageRequest({ limit, cursor }));
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );

  app.get(
    '/api/orgs/:org/groups/:id',
    { config: { access: read() }, schema: { operationId: 'getGroup', tags: ['inventory'], summary: 'A group with its member count.', params: orgIdParams, response: { 200: groupSchema.extend({ memberCount: z.number().int() }), ...problemResponses } } },
    (request) => getGroup(store, request.params.org, request.params.id),
  );

  app.get(
    '/api/orgs/:org/groups/:id/members',
    {
      config: { access: read() },
      schema: {
        operationId: 'listGroupMembers',
        tags: ['inventory'],
        summary: 'A group’s members.',
        params: orgIdParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(z.object({ userId: z.string(), login: z.string().nullable(), status: z.string().nullable() })), ...problemResponses },
      },
    },
    async (request) => {
      const page = await listGroupMembers(store, request.params.org, request.params.id, pageRequest(request.query));
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );
}
