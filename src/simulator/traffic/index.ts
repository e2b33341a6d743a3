import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal, SimContext } from '../context.js';
import { oktaErrorBody, sendOktaError } from '../okta-errors.js';
import { queryOf } from '../pagination.js';
import { bucketFor } from './buckets.js';
import { ConcurrencyGate, concurrencyLimitFor } from './concurrency.js';
import { drawRequestFault, isSlowPage, isUnderPrefix, linkHeaderText, PageCounter, pageShapeOf, truncatePayload } from './faults.js';
import { latencyFor } from './latency.js';
import { seededRandom } from './prng.js';
import { RateLimiter } from './rate-limiter.js';

export { bucketFor, type Bucket, type BucketId } from './buckets.js';

/** The outside world traffic control touches, injectable for tests. */
export interface TrafficDeps {
  /** Waits without blocking the event loop; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
}

/** Management calls get every control; the token endpoint gets rate limits, concurrency and latency, not faults. */
type TrafficScope = 'management' | 'token';

const LATENCY_STREAM = 1;
const FAULT_STREAM = 2;

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function scopeOf(path: string): TrafficScope | null {
  if (path === '/api/v1' || path.startsWith('/api/v1/')) return 'management';
  if (path === '/oauth2/v1/token') return 'token';
  return null;
}

/**
 * The key of the per-caller cap. Okta caps each SSWS token and each OAuth service app, not each access token the app
 * mints (https://developer.okta.com/docs/reference/rl2-token-oauth/), so a client can't gain quota by re-minting.
 * Requests without a principal (the token endpoint) have only the org-wide counter (UNCERTAIN: Okta may also cap
 * token requests per client).
 */
function callerOf(principal: Principal | undefined): string | null {
  if (principal === undefined) return null;
  return principal.kind === 'oauth' ? `oauth-app:${principal.clientId}` : `ssws:${principal.tokenId}`;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function setRateHeaders(reply: FastifyReply, limit: number, remaining: number, resetEpochSeconds: number): void {
  void reply.headers({
    'X-Rate-Limit-Limit': String(limit),
    'X-Rate-Limit-Remaining': String(remaining),
    'X-Rate-Limit-Reset': String(resetEpochSeconds),
  });
}

/**
 * Rate limits, concurrency cap, latency and fault injection for `/api/v1/*` and `/oauth2/v1/token` (never `/__sim/*`).
 * Registered after the auth hook, so `request.principal` is set. Per request, in order: count → concurrency cap →
 * per-minute limits → latency → faults → route → page faults (onSend).
 *
 * Stats: `requests`/`requestsByBucket` count every request that reaches traffic control; `throttled` and
 * `throttledByBucket` count every 429 it sends, concurrency ones included (`concurrencyThrottled` tells them apart).
 */
export function registerTrafficControl(app: FastifyInstance, ctx: SimContext, deps: TrafficDeps = {}): void {
  const sleep = deps.sleep ?? ((ms: number) => delay(ms));
  const { stats } = ctx;
  const preset = ctx.options.rateLimits;
  const limiter = new RateLimiter({ timeScale: ctx.options.timeScale, tokenShare: ctx.options.tokenShare });
  const gate = new ConcurrencyGate(concurrencyLimitFor(preset, ctx.options.concurrencyLimit));
  const latencyRandom = seededRandom(ctx.options.seed, LATENCY_STREAM);
  const faultRandom = seededRandom(ctx.options.seed, FAULT_STREAM);
  const malformedPages = new PageCounter();

  /** In flight from admission until the response finishes or the connection closes, whichever comes first. */
  function trackInFlight(request: FastifyRequest, reply: FastifyReply, release: () => void): void {
    stats.inFlight = gate.inFlight;
    stats.peakConcurrency = gate.peak;
    const done = (): void => {
      release();
      stats.inFlight = gate.inFlight;
    };
    reply.raw.once('finish', done);
    reply.raw.once('close', done);
    // A client that hung up before this hook ran will send no further 'close': release now.
    if (reply.raw.destroyed || request.raw.socket.destroyed) done();
  }

  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    const scope = scopeOf(path);
    if (scope === null) return;
    // `off` enforces nothing but still counts per bucket, under the Workforce bucket ids.
    const bucket = bucketFor(request.method, path, preset === 'off' ? 'workforce' : preset, ctx.options.factorsBucket);
    stats.requests++;
    increment(stats.requestsByBucket, bucket.id);

    // Concurrency first: a request refused for concurrency consumes no per-minute quota (UNCERTAIN).
    const release = gate.tryAcquire();
    if (release === null) {
      stats.throttled++;
      stats.concurrencyThrottled++;
      increment(stats.throttledByBucket, bucket.id);
      // Okta's Reset on a concurrency 429 is only an estimate (OKTA-API.md §4.1): one second from now.
      setRateHeaders(reply, 0, 0, Math.ceil((ctx.clock() + 1000) / 1000));
      return sendOktaError(reply, 'E0000047');
    }
    trackInFlight(request, reply, release);

    if (preset !== 'off') {
      const decision = limiter.admit(bucket, callerOf(request.principal), ctx.clock());
      setRateHeaders(reply, decision.limit, decision.remaining, decision.resetEpochSeconds);
      if (!decision.admitted) {
        stats.throttled++;
        increment(stats.throttledByBucket, bucket.id);
        return sendOktaError(reply, 'E0000047');
      }
    }

    const wait = latencyFor(ctx.options, latencyRandom);
    if (wait > 0) await sleep(wait);

    if (scope !== 'management') return;
    const fault = drawRequestFault(ctx.options.faults, faultRandom);
    if (fault?.kind === 'drop') {
      // Hijacked: Fastify sends nothing and runs no route. Destroying the response destroys its socket (and fails
      // an inject() call with LIGHT_ECONNRESET); its 'close' releases the concurrency slot.
      reply.hijack();
      reply.raw.destroy();
      return;
    }
    if (fault?.kind === 'server-error') {
      // E0000009 for every status: Okta's 503 E0000010 means read-only mode, not an outage (UNCERTAIN what Okta's
      // edge returns for 502/504; likely not an Okta JSON body at all).
      return reply.code(fault.status).type('application/json').send(oktaErrorBody('E0000009'));
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const path = pathOf(request.url);
    if (scopeOf(path) !== 'management') return payload;
    const { slowPage, malformedPage } = ctx.options.faults;
    if (slowPage === null && malformedPage === null) return payload;
    const page = pageShapeOf(reply.statusCode, payload, linkHeaderText(reply.getHeader('link')));
    if (!page.isList) return payload;

    if (slowPage !== null && isUnderPrefix(path, slowPage.pathPrefix) && (slowPage.everyListPage || isSlowPage('after' in queryOf(request), page))) {
      await sleep(slowPage.delayMs);
    }
    if (malformedPage !== null && (malformedPage.exact === true ? path === malformedPage.pathPrefix : isUnderPrefix(path, malformedPage.pathPrefix))) {
      if (malformedPages.next(malformedPage) === malformedPage.pageNumber) return truncatePayload(payload);
    }
    return payload;
  });
}
