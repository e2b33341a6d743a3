import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../context.js';
import { SIMULATOR_MARKER } from '../../okta/org-metadata.js';
import { sendOktaError } from '../okta-errors.js';

/**
 * `GET /.well-known/okta-organization` (SPEC getWellknownOrgMetadata, `security: []`): the org id, the pipeline
 * (`idx` Identity Engine, `v1` Classic) and links, served without authentication as Okta does. `settings` is not in
 * SPEC's WellKnownOrgMetadata but real orgs send it (analytics and bug-reporting opt-ins); clients must ignore it.
 * It also sends `SIMULATOR_MARKER`, which no real org does, so evidence read from it is marked simulated.
 * The simulator has no custom domain, so `_links.alternate` is left out, as on an org without one.
 */
export function registerOrgMetadataRoute(app: FastifyInstance, ctx: SimContext): void {
  const url = '/.well-known/okta-organization';
  app.get(url, (_request, reply) =>
    reply.send({
      id: ctx.org.orgId,
      pipeline: ctx.org.pipeline,
      _links: { organization: { href: ctx.baseUrl } },
      settings: { analyticsCollectionEnabled: false, bugReportingEnabled: true, omEnabled: false },
      [SIMULATOR_MARKER.member]: SIMULATOR_MARKER.value,
    }),
  );
  app.route({ method: ['POST', 'PUT', 'PATCH', 'DELETE'], url, handler: async (_request, reply) => sendOktaError(reply, 'E0000022') });
}
