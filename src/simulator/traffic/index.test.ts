import Fastify, { type FastifyInstance } from 'fastify';
import { request as undiciRequest } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimContext } from '../context.js';
import { faultsSchema, simulatorOptionsSchema, type FaultsInput, type SimulatorOptionsInput } from '../options.js';
import { buildOrg } from '../org/build.js';
import { pageOf } from '../pagination.js';
import { newStats } from '../stats.js';
import { registerTrafficControl } from './index.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 250);

interface Harness {
  app: FastifyInstance;
  ctx: SimContext;
  /** Moves the fake clock. */
  advance(ms: number): void;
  /** Every delay traffic control asked for, in order. */
  sleeps: number[];
  /** Resolves the requests parked in `/api/v1/apps/:id/users`. */
  releaseSlow(): void;
  /** Requests currently parked in the slow route. */
  parked(): number;
  setFaults(faults: FaultsInput): void;
}

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/**
 * A small app with a fake auth hook (`x-token` → SSWS principal, `x-client` → OAuth principal), traffic control,
 * and three dummy routes: a paged users list (5 users, 2 per page), logs, and a slow app-users route.
 */
function buildHarness(input: SimulatorOptionsInput = {}, fakeSleep = true): Harness {
  let now = T0;
  const sleeps: number[] = [];
  const ctx: SimContext = {
    org: buildOrg({}),
    options: simulatorOptionsSchema.parse(input),
    stats: newStats(),
    clock: () => now,
    baseUrl: 'http://127.0.0.1',
  };
  const app = Fastify();
  apps.push(app);
  app.addHook('onRequest', (request, _reply, done) => {
    if (!request.url.startsWith('/api/v1')) {
      done();
      return;
    }
    const client = request.headers['x-client'];
    request.principal =
      typeof client === 'string'
        ? { kind: 'oauth', tokenId: `at-${Math.random()}`, clientId: client, scopes: [], dpopJkt: null }
        : { kind: 'ssws', tokenId: typeof request.headers['x-token'] === 'string' ? request.headers['x-token'] : 't1' };
    done();
  });
  registerTrafficControl(app, ctx, fakeSleep ? { sleep: (ms) => Promise.resolve(void sleeps.push(ms)) } : {});

  const users = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id: `00u${id}` }));
  app.get('/api/v1/users', (request, reply) => reply.send(pageOf(request, reply, ctx.baseUrl, users, { defaultLimit: 2, maxLimit: 200 })));
  app.get('/api/v1/logs', (_request, reply) => reply.send([{ uuid: 'e1' }]));
  let waiting: (() => void)[] = [];
  app.get('/api/v1/apps/:id/users', async () => {
    await new Promise<void>((resolve) => waiting.push(resolve));
    return [];
  });
  app.post('/oauth2/v1/token', (_request, reply) => reply.send({ access_token: 'x' }));
  app.get('/__sim/stats', (_request, reply) => reply.send(ctx.stats));

  return {
    app,
    ctx,
    sleeps,
    advance: (ms) => {
      now += ms;
    },
    releaseSlow: () => {
      const parked = waiting;
      waiting = [];
      for (const resolve of parked) resolve();
    },
    parked: () => waiting.length,
    setFaults: (faults) => {
      ctx.options.faults = faultsSchema.parse(faults);
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(condition()).toBe(true);
}

const resetAt = (windowStart: number, windowMs = 60_000): string => String(Math.ceil((windowStart + windowMs) / 1000));

describe('per-minute limits', () => {
  it('answers over the token share with 429 E0000047 and exact headers', async () => {
    const h = buildHarness();
    const first = await h.app.inject('/api/v1/logs');
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-rate-limit-limit']).toBe('60');
    expect(first.headers['x-rate-limit-remaining']).toBe('59');
    expect(first.headers['x-rate-limit-reset']).toBe(resetAt(T0));
    for (let i = 0; i < 59; i++) expect((await h.app.inject('/api/v1/logs')).statusCode).toBe(200);

    const refused = await h.app.inject('/api/v1/logs');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(refused.headers['x-rate-limit-limit']).toBe('60');
    expect(refused.headers['x-rate-limit-remaining']).toBe('0');
    expect(refused.headers['x-rate-limit-reset']).toBe(resetAt(T0));
    const body = refused.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['errorCauses', 'errorCode', 'errorId', 'errorLink', 'errorSummary']);
    expect(body).toMatchObject({
      errorCode: 'E0000047',
      errorSummary: 'API call exceeded rate limit due to too many requests.',
      errorLink: 'E0000047',
      errorCauses: [],
    });
    expect(body.errorId).toMatch(/^oae/);
    expect(h.ctx.stats).toMatchObject({ requests: 61, throttled: 1, throttledByBucket: { '/api/v1/logs': 1 } });
  });

  it('gives a second token its own share, then refuses both once the org bucket is spent', async () => {
    const h = buildHarness();
    const send = (token: string) => h.app.inject({ url: '/api/v1/logs', headers: { 'x-token': token } });
    for (let i = 0; i < 60; i++) await send('t1');
    expect((await send('t1')).statusCode).toBe(429);
    for (let i = 0; i < 60; i++) expect((await send('t2')).statusCode).toBe(200);
    const third = await send('t3');
    expect(third.statusCode).toBe(429);
    expect(third.headers['x-rate-limit-remaining']).toBe('0');

    h.advance(60_000);
    const fresh = await send('t1');
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['x-rate-limit-remaining']).toBe('59');
    expect(fresh.headers['x-rate-limit-reset']).toBe(resetAt(T0 + 60_000));
  });

  it('caps an OAuth app, not each access token it mints', async () => {
    const h = buildHarness({ timeScale: 60 });
    // logs 120/min at scale 60 → 2 per second org-wide, 1 per caller.
    const send = () => h.app.inject({ url: '/api/v1/logs', headers: { 'x-client': '0oaapp' } });
    expect((await send()).statusCode).toBe(200);
    expect((await send()).statusCode).toBe(429);
  });

  it('scales windows and limits: time scale 60 gives 1 s windows with limits / 60', async () => {
    const h = buildHarness({ timeScale: 60 });
    const first = await h.app.inject('/api/v1/users');
    // users 600/min → 10 per second, 5 per token.
    expect(first.headers['x-rate-limit-limit']).toBe('5');
    expect(first.headers['x-rate-limit-reset']).toBe(resetAt(T0, 1000));
    for (let i = 0; i < 4; i++) await h.app.inject('/api/v1/users');
    expect((await h.app.inject('/api/v1/users')).statusCode).toBe(429);
    h.advance(Number(first.headers['x-rate-limit-reset']) * 1000 - T0);
    expect((await h.app.inject('/api/v1/users')).statusCode).toBe(200);
  });

  it('uses the developer table', async () => {
    const h = buildHarness({ rateLimits: 'developer' });
    // logs 20/min → 10 per token.
    expect((await h.app.inject('/api/v1/logs')).headers['x-rate-limit-limit']).toBe('10');
  });

  it('rate-limits the token endpoint in its own bucket, without a per-token cap', async () => {
    const h = buildHarness();
    const res = await h.app.inject({ method: 'POST', url: '/oauth2/v1/token' });
    expect(res.headers['x-rate-limit-limit']).toBe('600');
    expect(h.ctx.stats.requestsByBucket).toEqual({ '/oauth2/v1/token': 1 });
  });

  it('counts per bucket but sends no headers and refuses nothing with preset off', async () => {
    const h = buildHarness({ rateLimits: 'off' });
    for (let i = 0; i < 130; i++) {
      const res = await h.app.inject('/api/v1/logs');
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-rate-limit-limit']).toBeUndefined();
    }
    await h.app.inject('/api/v1/users');
    expect(h.ctx.stats.requestsByBucket).toEqual({ '/api/v1/logs': 130, 'GET /api/v1/users': 1 });
    expect(h.ctx.stats.throttled).toBe(0);
  });

  it('counts and limits paths no route serves (404) in the "other" bucket', async () => {
    const h = buildHarness();
    const res = await h.app.inject('/api/v1/policies?type=PASSWORD');
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-rate-limit-limit']).toBe('600');
    expect(h.ctx.stats.requestsByBucket).toEqual({ '/api/v1*': 1 });
  });

  it('leaves /__sim/* alone', async () => {
    const h = buildHarness();
    const res = await h.app.inject('/__sim/stats');
    expect(res.headers['x-rate-limit-limit']).toBeUndefined();
    expect(h.ctx.stats.requests).toBe(0);
  });
});

describe('concurrency', () => {
  it('refuses requests over the cap with 429 0/0, tracks in-flight and peak, and releases every slot', async () => {
    const h = buildHarness({ concurrencyLimit: 3 });
    const parked = [1, 2, 3].map(() => h.app.inject('/api/v1/apps/0oa1/users'));
    await until(() => h.parked() === 3);
    expect(h.ctx.stats.inFlight).toBe(3);

    const refused = await h.app.inject('/api/v1/logs');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ errorCode: 'E0000047' });
    expect(refused.headers['x-rate-limit-limit']).toBe('0');
    expect(refused.headers['x-rate-limit-remaining']).toBe('0');
    expect(refused.headers['x-rate-limit-reset']).toBe(String(Math.ceil((T0 + 1000) / 1000)));

    h.releaseSlow();
    expect((await Promise.all(parked)).map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(h.ctx.stats).toMatchObject({ inFlight: 0, peakConcurrency: 3, concurrencyThrottled: 1, throttled: 1 });
    expect(h.ctx.stats.throttledByBucket).toEqual({ '/api/v1/logs': 1 });
    // A refused request consumed no per-minute quota: the logs bucket is untouched.
    expect((await h.app.inject('/api/v1/logs')).headers['x-rate-limit-remaining']).toBe('59');
  });

  it('releases the slot of a client that hangs up mid-request (real sockets)', async () => {
    const h = buildHarness({ concurrencyLimit: 1 });
    const base = await h.app.listen({ host: '127.0.0.1', port: 0 });
    const abort = new AbortController();
    const pending = undiciRequest(`${base}/api/v1/apps/0oa1/users`, { signal: abort.signal });
    await until(() => h.parked() === 1);
    const refused = await undiciRequest(`${base}/api/v1/logs`);
    expect(refused.statusCode).toBe(429);
    await refused.body.dump();

    abort.abort();
    await expect(pending).rejects.toThrow();
    await until(() => h.ctx.stats.inFlight === 0);
    const after = await undiciRequest(`${base}/api/v1/logs`);
    expect(after.statusCode).toBe(200);
    await after.body.dump();
    h.releaseSlow();
  });
});

describe('latency', () => {
  it('delays each request by latencyMs ± jitter from the seeded PRNG', async () => {
    const a = buildHarness({ latencyMs: 200, latencyJitter: 0.25, seed: 42 });
    const b = buildHarness({ latencyMs: 200, latencyJitter: 0.25, seed: 42 });
    for (let i = 0; i < 20; i++) {
      await a.app.inject('/api/v1/logs');
      await b.app.inject('/api/v1/logs');
    }
    expect(a.sleeps).toHaveLength(20);
    expect(a.sleeps).toEqual(b.sleeps);
    expect(a.sleeps.every((ms) => ms >= 150 && ms <= 250)).toBe(true);
  });

  it('waits on a timer without blocking the event loop', async () => {
    const h = buildHarness({ latencyMs: 300, latencyJitter: 0 }, false);
    await h.app.ready();
    const started = performance.now();
    let slowDone = false;
    const slow = h.app.inject('/api/v1/logs').then((res) => {
      slowDone = true;
      return res;
    });
    // Another request is served while the first one waits.
    expect((await h.app.inject('/__sim/stats')).statusCode).toBe(200);
    expect(slowDone).toBe(false);
    expect((await slow).statusCode).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('faults', () => {
  it('answers every request 500 E0000009 at serverErrorRate 1, with the configured status', async () => {
    const h = buildHarness();
    h.setFaults({ serverErrorRate: 1 });
    for (let i = 0; i < 5; i++) {
      const res = await h.app.inject('/api/v1/users');
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorLink: 'E0000009', errorCauses: [] });
    }
    h.setFaults({ serverErrorRate: 1, serverErrorStatus: 503 });
    expect((await h.app.inject('/api/v1/users')).statusCode).toBe(503);
    h.setFaults({});
    expect((await h.app.inject('/api/v1/users')).statusCode).toBe(200);
    // Faults never touch the token endpoint.
    h.setFaults({ serverErrorRate: 1 });
    expect((await h.app.inject({ method: 'POST', url: '/oauth2/v1/token' })).statusCode).toBe(200);
  });

  it('drops the connection at dropConnectionRate 1 and frees its concurrency slot (inject)', async () => {
    const h = buildHarness({ concurrencyLimit: 1 });
    h.setFaults({ dropConnectionRate: 1 });
    await expect(h.app.inject('/api/v1/users')).rejects.toMatchObject({ code: 'LIGHT_ECONNRESET' });
    await until(() => h.ctx.stats.inFlight === 0);
    h.setFaults({});
    expect((await h.app.inject('/api/v1/users')).statusCode).toBe(200);
  });

  it('drops the connection on a real socket without a response, and the server keeps serving', async () => {
    const h = buildHarness({ concurrencyLimit: 1 });
    const base = await h.app.listen({ host: '127.0.0.1', port: 0 });
    h.setFaults({ dropConnectionRate: 1 });
    await expect(undiciRequest(`${base}/api/v1/users`)).rejects.toThrow();
    await until(() => h.ctx.stats.inFlight === 0);
    h.setFaults({});
    const res = await undiciRequest(`${base}/api/v1/users`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toHaveLength(2);
  });

  it('truncates the N-th list page under the prefix, counted from when the fault is set', async () => {
    const h = buildHarness();
    await h.app.inject('/api/v1/users');
    h.setFaults({ malformedPage: { pathPrefix: '/api/v1/users', pageNumber: 2 } });
    const page1 = await h.app.inject('/api/v1/users');
    expect(page1.json()).toHaveLength(2);
    // Pages outside the prefix don't count.
    await h.app.inject('/api/v1/logs');
    const next = /<([^>]+)>; rel="next"/.exec(String(page1.headers.link))?.[1] ?? '';
    const page2 = await h.app.inject(new URL(next).pathname + new URL(next).search);
    expect(page2.statusCode).toBe(200);
    expect(page2.body.length).toBeGreaterThan(0);
    expect(() => JSON.parse(page2.body) as unknown).toThrow();
    expect(Number(page2.headers['content-length'])).toBe(Buffer.byteLength(page2.body));
    // Only the N-th page: the retry parses.
    expect((await h.app.inject(new URL(next).pathname + new URL(next).search)).json()).toHaveLength(2);
  });

  it('with exact, counts pages of the path itself and not of its sub-resources', async () => {
    const h = buildHarness();
    h.setFaults({ malformedPage: { pathPrefix: '/api/v1/users', pageNumber: 2, exact: true } });
    const users = (await h.app.inject('/api/v1/users')).json<{ id: string }[]>();
    // A list under /api/v1/users/{id}/… between the two: not page 2.
    const groups = await h.app.inject(`/api/v1/users/${users[0]?.id ?? ''}/groups`);
    expect(() => JSON.parse(groups.body) as unknown).not.toThrow();
    const second = await h.app.inject('/api/v1/users?limit=1');
    expect(() => JSON.parse(second.body) as unknown).toThrow();
  });

  it('slows list pages that carry a next link or an after cursor, under the prefix only', async () => {
    const h = buildHarness();
    h.setFaults({ slowPage: { delayMs: 500, pathPrefix: '/api/v1/users' } });
    const page1 = await h.app.inject('/api/v1/users');
    expect(h.sleeps).toEqual([500]);
    const next = /<([^>]+)>; rel="next"/.exec(String(page1.headers.link))?.[1] ?? '';
    const url = new URL(next);
    await h.app.inject(url.pathname + url.search);
    expect(h.sleeps).toEqual([500, 500]);
    // A single-page list (no next, no after) and other prefixes are not slowed.
    await h.app.inject('/api/v1/users?limit=10');
    await h.app.inject('/api/v1/logs');
    expect(h.sleeps).toEqual([500, 500]);
  });

  it('slows single-page lists too with everyListPage, but not a single resource', async () => {
    const h = buildHarness();
    h.setFaults({ slowPage: { delayMs: 500, pathPrefix: '/api/v1/users', everyListPage: true } });
    const users = (await h.app.inject('/api/v1/users?limit=10')).json<{ id: string }[]>();
    expect(h.sleeps).toEqual([500]);
    await h.app.inject(`/api/v1/users/${users[0]?.id ?? ''}`);
    await h.app.inject('/api/v1/groups?limit=10');
    expect(h.sleeps).toEqual([500]);
  });
});
