import { z } from 'zod';
import { getSync, listOrgs, listSyncs } from '../../app/read/orgs.js';
import { REVIEWERS, read } from '../auth/access.js';
import { encodeCursor, pageOf, pageQuery, pageRequest } from '../pagination.js';
import { orgIdParams, orgParams } from './params.js';
import { orgSchema, syncSchema } from './records.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { problemResponses } from './schemas.js';

export function registerOrgRoutes(app: ZodApp, { store }: RouteDeps): void {
  app.get(
    '/api/orgs',
    { config: { access: read(REVIEWERS) }, schema: { operationId: 'listOrgs', tags: ['syncs'], summary: 'Synced orgs with their current snapshot’s completeness and last sync.', response: { 200: z.object({ items: z.array(orgSchema) }), ...problemResponses } } },
    async () => ({ items: await listOrgs(store) }),
  );

  app.get(
    '/api/orgs/:org/syncs',
    {
      config: { access: read() },
      schema: { operationId: 'listSyncs', tags: ['syncs'], summary: 'Sync history, newest first: per-dataset completeness, counts, requests, 429s, errors.', params: orgParams, querystring: z.strictObject(pageQuery), response: { 200: pageOf(syncSchema), ...problemResponses } },
    },
    async (request) => {
      const page = await listSyncs(store, request.params.org, pageRequest(request.query));
      return { items: page.items, next: encodeCursor(page.nextKey) };
    },
  );

  app.get(
    '/api/orgs/:org/syncs/:id',
    { config: { access: read() }, schema: { operationId: 'getSync', tags: ['syncs'], summary: 'One sync.', params: orgIdParams, response: { 200: syncSchema, ...problemResponses } } },
    (request) => getSync(store, request.params.org, request.params.id),
  );
}
