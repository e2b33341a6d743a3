import { z } from 'zod';
import { listLogEvents } from '../../app/read/system-log.js';
import { read } from '../auth/access.js';
import { encodeCursor, pageOf, pageQuery, pageRequest } from '../pagination.js';
import { orgParams } from './params.js';
import { logEventSchema } from './records.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { problemResponses } from './schemas.js';

const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

export function registerActivityRoutes(app: ZodApp, { store }: RouteDeps): void {
  app.get(
    '/api/orgs/:org/system-log',
    {
      config: { access: read() },
      schema: {
        operationId: 'listSystemLogEvents',
        tags: ['inventory'],
        summary: 'Stored System Log events, newest first.',
        params: orgParams,
        querystring: z
          .strictObject({
            ...pageQuery,
            type: z.string().max(200).regex(/^[a-z0-9_.]+$/, 'An event type, e.g. user.session.start.').optional(),
            actor: z.string().max(254).optional().describe('Actor id or login.'),
            target: z.string().max(64).optional().describe('A target’s id.'),
            since: instant.optional().describe('Published at or after (ISO 8601).'),
            until: instant.optional().describe('Published before (ISO 8601).'),
          })
          .refine((query) => query.since === undefined || query.until === undefined || query.since < query.until, { error: 'since must be before until', path: ['since'] }),
        response: { 200: pageOf(logEventSchema), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor, type, ...filter } = request.query;
      const defined = Object.fromEntries(Object.entries({ ...filter, eventType: type }).filter(([, value]) => value !== undefined));
      const page = await listLogEvents(store, request.params.org, defined, pageRequest({ limit, cursor }));
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );
}
