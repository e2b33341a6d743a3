import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../context.js';
import { loopbackOnly } from './access.js';
import { registerChangesRoute } from './changes-route.js';

/**
 * The simulator's own routes under `/__sim/` (not Okta's API): stats for observers and the change API. Okta's
 * authentication hook and traffic control (rate limits, concurrency, latency, faults) leave `/__sim/*` alone, so
 * these are never counted or throttled; each route guards itself (see access.ts).
 */
export function registerControlRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get('/__sim/stats', { onRequest: loopbackOnly() }, (_request, reply) => reply.send(ctx.stats));
  registerChangesRoute(app, ctx);
}
