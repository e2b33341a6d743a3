import { z } from 'zod';
import { actorName } from '../../app/accounts/accounts.js';
import { attestNow, listReviews } from '../../app/read/reviews.js';
import { REVIEWERS, read, write } from '../auth/access.js';
import { principalOf } from '../auth/authenticate.js';
import { orgIdParams, orgParams } from './params.js';
import { assertMayReview } from './apps.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { emailSchema, oktaIdSchema, problemResponses } from './schemas.js';
import { timestamp } from './timestamp.js';

const reviewSchema = z
  .object({
    id: z.string(),
    org: z.string(),
    appId: z.string(),
    appLabel: z.string(),
    reviewerEmail: z.string(),
    attestedAt: timestamp,
    note: z.string().nullable(),
    snapshotId: z.string(),
    assignments: z.array(z.object({ userId: z.string(), login: z.string().nullable(), userStatus: z.string().nullable(), scope: z.string(), assignmentStatus: z.string().nullable() })),
  })
  .meta({ id: 'AccessReview' });

export function registerReviewRoutes(app: ZodApp, { store, now }: RouteDeps): void {
  app.get(
    '/api/orgs/:org/reviews',
    {
      config: { access: read(REVIEWERS) },
      schema: {
        operationId: 'listReviews',
        tags: ['reviews'],
        summary: 'Access reviews, newest first (a reviewer sees the apps they review).',
        params: orgParams,
        querystring: z.strictObject({ appId: oktaIdSchema.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(reviewSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const { user } = principalOf(request);
      if (request.query.appId !== undefined) assertMayReview(request, request.query.appId);
      const appIds = user.role === 'reviewer' ? user.reviewAppIds : undefined;
      return { items: await listReviews(store, request.params.org, { ...request.query, appIds }) };
    },
  );

  app.post(
    '/api/orgs/:org/apps/:id/reviews',
    {
      config: { access: write(['admin', 'reviewer']) },
      schema: {
        operationId: 'attestReview',
        tags: ['reviews'],
        summary: 'Attest now: record that the app’s current assignment list was reviewed.',
        params: orgIdParams,
        body: z.strictObject({ note: z.string().max(2000).optional(), reviewerEmail: emailSchema.optional().describe('Admins only: who reviewed (default: the caller).') }),
        response: { 201: z.object({ review: reviewSchema, orphaned: z.array(z.object({ userId: z.string(), login: z.string().nullable() })), warnings: z.array(z.string()) }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      assertMayReview(request, request.params.id);
      const reviewerEmail = principal.user.role === 'admin' ? (request.body.reviewerEmail ?? principal.user.email) : principal.user.email;
      const attestation = await attestNow(store, { org: request.params.org, appId: request.params.id, reviewerEmail, note: request.body.note, actor: actorName(principal), now: now() });
      return await reply.code(201).send(attestation);
    },
  );
}
