import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { looksLikeJwt, verifyAppJwt, type AppKey } from './app-jwt.js';
import { budgetOf, type CallerBudget } from './callers.js';
import type { GhCaller, GhContext } from './context.js';
import { DOCS, sendGitHubError } from './github-errors.js';
import { CallerConcurrency, PointsPerMinute, PrimaryLimiter, type GhResource, type PrimaryState } from './limits.js';

/** API versions GitHub serves (D-VER); a request naming another gets 400. */
export const API_VERSIONS = ['2022-11-28', '2026-03-10'] as const;

/** Where a request goes: REST (on `/` or GHES `/api/v3`), GraphQL (`/graphql` or GHES `/api/graphql`), or neither. */
export type Surface = 'rest' | 'graphql' | null;

export function surfaceOf(url: string): Surface {
  const path = url.split('?')[0] ?? '/';
  if (path.startsWith('/__sim')) return null;
  if (path === '/graphql' || path === '/api/graphql') return 'graphql';
  return 'rest';
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's primary budgets, set by the traffic hook. */
    githubBudget?: CallerBudget;
  }
}

/** Sets the five `x-ratelimit-*` headers (D-RL). */
export function setRateHeaders(reply: FastifyReply, state: PrimaryState, resource: GhResource): void {
  void reply.headers({
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-used': String(state.used),
    'x-ratelimit-reset': String(state.reset),
    'x-ratelimit-resource': resource,
  });
}

/** The primary and secondary limiters of one simulator, shared by the hooks and the GraphQL route. */
export interface Limiters {
  primary: PrimaryLimiter;
  restPoints: PointsPerMinute;
  graphqlPoints: PointsPerMinute;
  concurrency: CallerConcurrency;
}

export function newLimiters(timeScale: number): Limiters {
  return {
    primary: new PrimaryLimiter(3_600_000 / timeScale),
    restPoints: new PointsPerMinute(60_000 / timeScale),
    graphqlPoints: new PointsPerMinute(60_000 / timeScale),
    concurrency: new CallerConcurrency(),
  };
}

/** Sends GitHub's secondary-limit refusal (D-SEC; message as matched by plugin-throttling's /\bsecondary rate\b/i). */
export function sendSecondaryLimit(ctx: GhContext, reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  ctx.stats.secondaryLimited++;
  const headers: Record<string, string> = {};
  if (ctx.options.secondaryRetryAfterSeconds !== null) headers['retry-after'] = String(Math.max(ctx.options.secondaryRetryAfterSeconds, retryAfterSeconds));
  return sendGitHubError(reply, ctx.options.secondaryLimitStatus, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', DOCS.secondaryLimit, headers);
}

/** GitHub's primary-limit refusal: 403 or 429, `x-ratelimit-remaining: 0`, wait until `x-ratelimit-reset` (D-RL). */
export function primaryLimitMessage(budget: CallerBudget): string {
  return `API rate limit exceeded ${budget.subject}.`;
}

async function authenticate(ctx: GhContext, appKey: AppKey, request: FastifyRequest): Promise<GhCaller | { error: string }> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return { kind: 'anonymous' };
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header);
  const credential = match?.[1];
  if (credential === undefined) return { error: 'Bad credentials' };
  if (looksLikeJwt(credential)) {
    const check = await verifyAppJwt(credential, ctx.world.app, appKey, ctx.clock());
    return check.ok ? { kind: 'app', appId: ctx.world.app.id } : { error: check.message };
  }
  const grant = ctx.world.tokens.get(credential);
  // An expired installation token is refused like an unknown one (REM: "expire after 1 hour").
  if (grant === undefined || (grant.kind === 'installation' && grant.expiresAt <= ctx.clock())) return { error: 'Bad credentials' };
  return { kind: 'token', grant };
}

/**
 * Per API request, in order: GitHub's common headers → User-Agent and API version checks → authentication → secondary
 * limits (concurrency, then REST points per endpoint) → primary limit (REST `core`; GraphQL is charged by its route,
 * whose cost depends on the query) → latency. `/__sim/*` is left alone.
 */
export function registerGitHubHooks(app: FastifyInstance, ctx: GhContext, appKey: AppKey, limiters: Limiters): void {
  const { stats, options } = ctx;
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('date', new Date(ctx.clock()).toUTCString());
    const surface = surfaceOf(request.url);
    if (surface === null) return;
    const version = request.headers['x-github-api-version'];
    void reply.headers({
      'x-github-request-id': randomBytes(8).toString('hex').toUpperCase().replace(/(.{4})(.{4})(.{4})(.{4})/, '$1:$2:$3:$4'),
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': typeof version === 'string' ? version : '2022-11-28',
    });
    stats.requests++;
    if (surface === 'graphql') stats.graphqlRequests++;
    const route = `${request.method} ${request.routeOptions.url ?? 'unmatched'}`;
    stats.requestsByRoute[route] = (stats.requestsByRoute[route] ?? 0) + 1;

    if (request.headers['user-agent'] === undefined) {
      // D-TRB: requests without a User-Agent are rejected.
      return sendGitHubError(reply, 403, 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.');
    }
    if (typeof version === 'string' && !(API_VERSIONS as readonly string[]).includes(version)) {
      return sendGitHubError(reply, 400, `Invalid API version provided: ${version}`, 'https://docs.github.com/rest/overview/api-versions');
    }

    const caller = await authenticate(ctx, appKey, request);
    if ('error' in caller) return sendGitHubError(reply, 401, caller.error);
    request.github = caller;
    const budget = budgetOf(ctx.world, caller, options);
    request.githubBudget = budget;
    if (caller.kind === 'token' && caller.grant.kind === 'classic') void reply.header('x-oauth-scopes', caller.grant.scopes.join(', '));

    if (options.rateLimits === 'github') {
      const release = limiters.concurrency.tryAcquire(budget.key, options.concurrencyLimit);
      if (release === null) return sendSecondaryLimit(ctx, reply, 1);
      reply.raw.once('finish', release);
      reply.raw.once('close', release);
      stats.inFlight = limiters.concurrency.current;
      stats.peakConcurrency = Math.max(stats.peakConcurrency, limiters.concurrency.peak);
      if (surface === 'rest') {
        const points = request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS' ? 1 : 5;
        const taken = limiters.restPoints.take(`${budget.key} ${route}`, points, options.restPointsPerMinute, ctx.clock());
        if (!taken.admitted) return sendSecondaryLimit(ctx, reply, taken.retryAfterSeconds);
      }
    }

    // `GET /rate_limit` does not count against the primary limit (D-RL); GraphQL is charged by its route.
    const path = (request.url.split('?')[0] ?? '/').replace(/^\/api\/v3(?=\/|$)/, '');
    if (surface === 'rest' && path !== '/rate_limit') {
      const charged = limiters.primary.charge(`${budget.key}:core`, budget.core, 1, ctx.clock());
      setRateHeaders(reply, charged.state, 'core');
      if (!charged.admitted && options.rateLimits === 'github') {
        stats.primaryLimited++;
        return sendGitHubError(reply, options.primaryLimitStatus, primaryLimitMessage(budget), DOCS.primaryLimit);
      }
    }
    if (options.latencyMs > 0) await delay(options.latencyMs);
  });
}
