import { z } from 'zod';
import type { ZodApp } from './route-deps.js';

export function registerMetaRoutes(app: ZodApp): void {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { operationId: 'getHealth', tags: ['meta'], summary: 'Liveness: answers without credentials and says nothing else.', security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    () => ({ status: 'ok' as const }),
  );
  // The document is generated from the routes' schemas by @fastify/swagger; it is itself behind sign-in.
  app.get('/api/openapi.json', { config: { access: 'signedIn' }, schema: { hide: true } }, () => app.swagger());
}
