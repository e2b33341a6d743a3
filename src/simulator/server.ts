import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { resolveOAuthClients } from './auth/clients.js';
import { registerAuth } from './auth/index.js';
import type { Clock, SimContext } from './context.js';
import { registerControlRoutes } from './control/index.js';
import { sendOktaError } from './okta-errors.js';
import { faultsSchema, simulatorOptionsSchema, type FaultsInput, type SimulatorOptionsInput } from './options.js';
import { generateOrg } from './org/generate.js';
import { loadOrgFile } from './org/load.js';
import { applyChanges, type AppliedChange, type SimChange } from './org/changes.js';
import type { SimOrg } from './org/types.js';
import { registerRoutes } from './routes/index.js';
import { newStats, type SimStats } from './stats.js';
import { registerTrafficControl } from './traffic/index.js';

/**
 * Builds the simulator as a Fastify app without listening, so tests can `inject()` requests. Hooks run in
 * registration order: request id → auth → rate limits, concurrency, latency and faults → route.
 */
export function buildSimulatorApp(ctx: SimContext): FastifyInstance {
  const app = Fastify({ logger: false, routerOptions: { maxParamLength: 500 }, keepAliveTimeout: 30_000 });

  app.addHook('onRequest', async (_request, reply) => {
    // Clients compute waits as X-Rate-Limit-Reset − Date, so Date must come from the simulator's (maybe fake) clock.
    void reply.header('x-okta-request-id', randomBytes(12).toString('base64url'));
    void reply.header('date', new Date(ctx.clock()).toUTCString());
  });

  registerControlRoutes(app, ctx);
  registerAuth(app, ctx);
  registerTrafficControl(app, ctx);
  registerRoutes(app, ctx);

  app.setNotFoundHandler(async (_request, reply) => sendOktaError(reply, 'E0000008'));
  app.setErrorHandler(async (error: { statusCode?: number }, _request, reply) => {
    // Fastify's own 4xx (e.g. a body it cannot parse) keep their status; anything else is Okta's generic 500.
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendOktaError(reply, 'E0000001', 'The request was not valid');
    }
    return sendOktaError(reply, 'E0000009');
  });
  return app;
}

export interface SimulatorHandle {
  /** e.g. `http://127.0.0.1:43123` */
  baseUrl: string;
  /** The SSWS token the simulator accepts. */
  token: string;
  org: SimOrg;
  app: FastifyInstance;
  stats(): SimStats;
  /** Replaces the fault settings; omitted fields fall back to off. */
  setFaults(faults: FaultsInput): void;
  /**
   * Changes the org as an admin or user would, at the simulator's clock, appending the System Log events Okta emits.
   * All or none: throws SimChangeError, with the org unchanged, on a change naming an unknown entity. Over HTTP:
   * `POST /__sim/changes`.
   */
  applyChanges(changes: readonly SimChange[]): AppliedChange[];
  close(): Promise<void>;
}

export interface StartOptions {
  /** Injected clock; defaults to the real one. */
  clock?: Clock;
  /** A ready org, e.g. built by a test; otherwise generated from users/seed or read from orgFile. */
  org?: SimOrg;
}

/** Starts a simulator on loopback. Options are validated; a bad value throws a ZodError naming it. */
export async function startSimulator(input: SimulatorOptionsInput = {}, start: StartOptions = {}): Promise<SimulatorHandle> {
  const options = simulatorOptionsSchema.parse(input);
  const clock = start.clock ?? Date.now;
  const org =
    start.org ??
    (options.orgFile !== undefined
      ? await loadOrgFile(options.orgFile, { now: clock() })
      : generateOrg({ users: options.users, seed: options.seed, now: clock(), logEventsPerUserPerDay: options.logEventsPerUserPerDay }));
  const token = options.token ?? org.sswsTokens[0] ?? '00' + randomBytes(21).toString('base64url');
  if (!org.sswsTokens.includes(token)) org.sswsTokens.unshift(token);
  org.oauthClients.push(...(await resolveOAuthClients(options.oauthClients)));

  const ctx: SimContext = { org, options, stats: newStats(), clock, baseUrl: '' };
  const app = buildSimulatorApp(ctx);
  const address = await app.listen({ host: options.host, port: options.port });
  ctx.baseUrl = address.replace('[::1]', 'localhost');

  return {
    baseUrl: ctx.baseUrl,
    token,
    org,
    app,
    stats: () => ctx.stats,
    setFaults: (faults) => {
      ctx.options.faults = faultsSchema.parse(faults);
    },
    applyChanges: (changes) => applyChanges(ctx.org, changes, ctx.clock()),
    close: () => app.close(),
  };
}
