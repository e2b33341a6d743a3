import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createAccounts, DEFAULT_ACCOUNT_POLICY, type AccountPolicy } from '../app/accounts/accounts.js';
import type { ServerStore } from '../app/read/context.js';
import { registerAuthentication } from './auth/authenticate.js';
import { DEFAULT_CONSOLE_DIR, registerConsole } from './console.js';
import { HttpProblem, problemFromError, sendProblem } from './problem.js';
import { registerRoutes } from './routes/index.js';
import { registerSecurityHeaders } from './security-headers.js';
import type { RouteDeps } from './routes/route-deps.js';

/** What the server is built from; everything but the store has a default, so tests pass only what they change. */
export interface ServerDeps {
  store: ServerStore;
  now?: () => Date;
  accountPolicy?: AccountPolicy;
  /** Mark cookies Secure: the server is reached over HTTPS (its own TLS or a trusted proxy's). */
  secureCookies?: boolean;
  /** Trust X-Forwarded-* from the proxy in front (client address for rate limits, https scheme). */
  trustProxy?: boolean;
  /** Sign-in attempts allowed per client address and minute (default 10). */
  loginAttemptsPerMinute?: number;
  logger?: FastifyServerOptions['logger'];
  version?: string;
  secretKey?: RouteDeps['secretKey'];
  clientTuning?: RouteDeps['clientTuning'];
  env?: RouteDeps['env'];
  syncNow?: RouteDeps['syncNow'];
  githubSyncNow?: RouteDeps['githubSyncNow'];
  syncProgress?: RouteDeps['syncProgress'];
  sseHeartbeatMs?: number;
  evidence?: RouteDeps['evidence'];
  webhookDelivery?: RouteDeps['webhookDelivery'];
  /** Serve HTTPS with this certificate and key. */
  https?: { cert: Buffer; key: Buffer };
  /** The built web console (default: dist/console of this installation); null serves the API alone. */
  consoleDir?: string | null;
}

/**
 * The REST API as a Fastify app, without a port: `serve` listens with it, tests drive it with `inject()`. Every route
 * declares who may call it (see `auth/access.ts`); the OpenAPI document is generated from the routes' zod schemas.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const now = deps.now ?? (() => new Date());
  const app = Fastify({
    ...(deps.https === undefined ? {} : { https: deps.https }),
    logger: deps.logger ?? false,
    trustProxy: deps.trustProxy ?? false,
    // Bigger bodies are refused with 413 before they are read whole.
    bodyLimit: 1024 * 1024,
    // A `__proto__` or `constructor.prototype` key is refused (400) rather than silently stripped.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { strict: true } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendProblem(reply, problemFromError(error, request)));
  app.setNotFoundHandler((request) => {
    throw new HttpProblem(404, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}: see /api/openapi.json.`);
  });

  // Every route must say who may call it: a forgotten declaration fails at start, not in production.
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined && !route.url.startsWith('/documentation')) {
      throw new Error(`Route ${route.method.toString()} ${route.url} declares no access (config.access).`);
    }
  });

  registerSecurityHeaders(app, { strictTransportSecurity: deps.secureCookies === true });
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: deps.secureCookies === true },
    getToken: (request) => {
      const header = request.headers['x-csrf-token'];
      return typeof header === 'string' ? header : undefined;
    },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new HttpProblem(429, 'RATE_LIMITED', 'Too many sign-in attempts from this address: wait a minute and try again.'),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'okta-evidence API',
        version: deps.version ?? '0.0.0',
        description: 'Read-only Okta compliance evidence: syncs, the current snapshot, security tests, evidence, reviews. Every operation but /healthz and sign-in needs a session cookie or an API token.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'oe_session' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  const accounts = createAccounts(deps.store, now, deps.accountPolicy ?? DEFAULT_ACCOUNT_POLICY);
  registerAuthentication(app, accounts);
  registerRoutes(app.withTypeProvider<ZodTypeProvider>(), {
    store: deps.store,
    accounts,
    now,
    secureCookies: deps.secureCookies === true,
    loginAttemptsPerMinute: deps.loginAttemptsPerMinute ?? 10,
    secretKey: deps.secretKey,
    clientTuning: deps.clientTuning,
    env: deps.env,
    syncNow: deps.syncNow,
    githubSyncNow: deps.githubSyncNow,
    syncProgress: deps.syncProgress,
    sseHeartbeatMs: deps.sseHeartbeatMs ?? 15_000,
    evidence: deps.evidence,
    webhookDelivery: deps.webhookDelivery,
  });
  const consoleDir = deps.consoleDir === undefined ? DEFAULT_CONSOLE_DIR : deps.consoleDir;
  if (consoleDir !== null) await registerConsole(app, consoleDir);
  return app;
}
