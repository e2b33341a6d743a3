import { z } from 'zod';
import { frameworkStatus, listFrameworks } from '../../app/read/frameworks.js';
import { read } from '../auth/access.js';
import { orgNameSchema } from './params.js';
import { checkStatusSchema } from './records.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { problemResponses } from './schemas.js';

const statusSchema = z.union([checkStatusSchema, z.literal('unknown')]);

export function registerFrameworkRoutes(app: ZodApp, { store }: RouteDeps): void {
  app.get(
    '/api/frameworks',
    { config: { access: read() }, schema: { operationId: 'listFrameworks', tags: ['frameworks'], summary: 'The compliance frameworks the evidence maps to.', response: { 200: z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), controls: z.number().int() })) }), ...problemResponses } } },
    () => ({ items: listFrameworks() }),
  );

  app.get(
    '/api/orgs/:org/frameworks/:framework',
    {
      config: { access: read() },
      schema: {
        operationId: 'getFrameworkStatus',
        tags: ['frameworks'],
        summary: 'Each control of a framework with its tests, evidence artifacts and current status.',
        params: z.strictObject({ org: orgNameSchema, framework: z.string().min(1).max(40).regex(/^[A-Z0-9_]+$/, 'A framework id from GET /api/frameworks.') }),
        response: {
          200: z.object({
            id: z.string(),
            title: z.string(),
            controls: z.array(z.object({ id: z.string(), title: z.string(), status: statusSchema, checks: z.array(z.object({ id: z.string(), title: z.string(), status: statusSchema })), artifacts: z.array(z.string()) })),
          }),
          ...problemResponses,
        },
      },
    },
    (request) => frameworkStatus(store, request.params.org, request.params.framework),
  );
}
