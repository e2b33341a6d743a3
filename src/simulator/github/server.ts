import { generateKeyPairSync } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Clock } from '../context.js';
import { importAppKey, type AppKey } from './app-jwt.js';
import { newGhStats, type GhContext, type GhStats } from './context.js';
import { generateWorld } from './generate.js';
import { sendGitHubError } from './github-errors.js';
import { loadGitHubSchema } from './graphql/schema.js';
import { registerGraphqlRoute } from './graphql/route.js';
import { newLimiters, registerGitHubHooks } from './hooks.js';
import type { GhWorld } from './model.js';
import { githubSimulatorOptionsSchema, type GitHubSimulatorOptionsInput } from './options.js';
import { oktaPeopleForSeed, type OktaPerson } from './people.js';
import { registerRestRoutes } from './routes-rest.js';
import { issueTokens, type GitHubSimTokens } from './tokens.js';

/** The App the simulator knows: installed on each org with `appInstalled` (the default). */
const APP = { id: 424242, clientId: 'Iv23liExampleSimApp01', slug: 'okta-evidence-sim' } as const;

/**
 * Builds the GitHub simulator as a Fastify app without listening (tests may `inject()`): REST on `/` and on GHES's
 * `/api/v3`, GraphQL on `/graphql` and `/api/graphql`, and `GET /__sim/stats`.
 */
export function buildGitHubSimulatorApp(ctx: GhContext, schema: GraphQLSchema, appKey: AppKey): FastifyInstance {
  const app = Fastify({ logger: false, keepAliveTimeout: 30_000 });
  const limiters = newLimiters(ctx.options.timeScale);
  registerGitHubHooks(app, ctx, appKey, limiters);
  registerRestRoutes(app, ctx, limiters);
  void app.register(
    (ghes, _options, done) => {
      registerRestRoutes(ghes, ctx, limiters);
      done();
    },
    { prefix: '/api/v3' },
  );
  registerGraphqlRoute(app, ctx, schema, limiters);
  app.get('/__sim/stats', (_request, reply) => reply.send(ctx.stats));
  app.setNotFoundHandler(async (_request, reply) => sendGitHubError(reply, 404, 'Not Found'));
  app.setErrorHandler(async (error: { statusCode?: number; message?: string }, _request, reply) => {
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return sendGitHubError(reply, 400, 'Problems parsing JSON');
    return sendGitHubError(reply, 500, 'Server Error');
  });
  return app;
}

export interface GitHubSimCredentials {
  appId: number;
  /** GitHub recommends the client id as the JWT `iss` (CL-CID); the app id works too. */
  clientId: string;
  /** PKCS#8 PEM of the App's private key. */
  privateKeyPem: string;
  /** The App's installation on the first org that has one. */
  installationId: number | null;
  /** Installation id per org login (orgs without the App are absent). */
  installations: Record<string, number>;
  tokens: GitHubSimTokens;
}

export interface GitHubSimulatorHandle {
  /** e.g. `http://127.0.0.1:43123`: REST as on api.github.com. */
  url: string;
  /** Same as `url`: the api.github.com-style REST root. */
  apiUrl: string;
  /** `${url}/graphql`. */
  graphqlUrl: string;
  /** GitHub Enterprise Server style: `${url}/api/v3` and `${url}/api/graphql`. */
  ghesApiUrl: string;
  ghesGraphqlUrl: string;
  credentials: GitHubSimCredentials;
  world: GhWorld;
  app: FastifyInstance;
  stats(): GhStats;
  close(): Promise<void>;
}

export interface GitHubStartOptions {
  clock?: Clock;
  /** The Okta users the members link to (e.g. `peopleFromOktaUsers(oktaSim.org.users)`); else from `options.okta`. */
  people?: readonly OktaPerson[];
}

/** Starts a GitHub simulator on loopback. Options are validated; a bad value throws a ZodError naming it. */
export async function startGitHubSimulator(input: GitHubSimulatorOptionsInput = {}, start: GitHubStartOptions = {}): Promise<GitHubSimulatorHandle> {
  const options = githubSimulatorOptionsSchema.parse(input);
  const clock = start.clock ?? Date.now;
  const people = start.people ?? oktaPeopleForSeed(options.okta.seed, options.okta.users, clock());
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const world = generateWorld({
    seed: options.seed,
    now: clock(),
    orgs: options.orgs,
    people,
    app: { ...APP, publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  });
  const tokens = issueTokens(world);
  const [schema, appKey] = await Promise.all([loadGitHubSchema(), importAppKey(world.app)]);
  const ctx: GhContext = { world, options, stats: newGhStats(), clock, baseUrl: '' };
  const app = buildGitHubSimulatorApp(ctx, schema, appKey);
  const address = await app.listen({ host: options.host, port: options.port });
  ctx.baseUrl = address.replace('[::1]', 'localhost');

  const installations: Record<string, number> = {};
  for (const org of world.orgs.values()) if (org.installation !== null) installations[org.login] = org.installation.id;
  return {
    url: ctx.baseUrl,
    apiUrl: ctx.baseUrl,
    graphqlUrl: `${ctx.baseUrl}/graphql`,
    ghesApiUrl: `${ctx.baseUrl}/api/v3`,
    ghesGraphqlUrl: `${ctx.baseUrl}/api/graphql`,
    credentials: {
      appId: world.app.id,
      clientId: world.app.clientId,
      privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      installationId: Object.values(installations)[0] ?? null,
      installations,
      tokens,
    },
    world,
    app,
    stats: () => ctx.stats,
    close: () => app.close(),
  };
}
