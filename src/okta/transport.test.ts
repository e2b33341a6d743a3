import { inspect } from 'node:util';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthStrategy } from './auth/types.js';
import { createOktaClient, type OktaClient } from './client.js';
import { OktaClientError } from './errors.js';
import { FakeTime, settle } from './testing/fake-time.js';
import { printable } from '../text/printable.js';

const ORIGIN = 'https://example.okta.com';
const TOKEN = '00TESTabcdefghijklmnopqrstuvwxyz0123456789AB';
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function fakeAuth(kind: AuthStrategy['kind'] = 'ssws', challengeAnswers: boolean[] = []): AuthStrategy & { challenges: number } {
  return {
    kind,
    challenges: 0,
    authorize: () => Promise.resolve({ authorization: kind === 'ssws' ? `SSWS ${TOKEN}` : `Bearer ${TOKEN}` }),
    handleChallenge() {
      this.challenges++;
      return challengeAnswers.shift() ?? false;
    },
    secrets: () => [TOKEN],
  };
}

function rate(limit: number, remaining: number, resetInS: number, now = T0): Record<string, string> {
  return {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(remaining),
    'x-rate-limit-reset': String(Math.ceil(now / 1000) + resetInS),
    date: new Date(now).toUTCString(),
  };
}

const oktaError = (errorCode: string, errorSummary: string) => ({ errorCode, errorSummary, errorLink: errorCode, errorId: 'oaeTEST', errorCauses: [] });

let agents: MockAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.map((a) => a.close()));
  agents = [];
});

function setup(options: { auth?: AuthStrategy; time?: FakeTime } = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  const time = options.time ?? new FakeTime(T0);
  const auth = options.auth ?? fakeAuth();
  const client: OktaClient = createOktaClient({
    domain: 'example.okta.com',
    auth,
    dispatcher: agent,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    userAgent: 'okta-evidence/test',
  });
  return { agent, pool: agent.get(ORIGIN), client, time, auth };
}

const signal = () => new AbortController().signal;

async function failure(promise: Promise<unknown>): Promise<OktaClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OktaClientError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('transport', () => {
  it('sends credentials, accept and user agent, and URL-encodes the query with %20', async () => {
    const { pool, client } = setup();
    let seen: Record<string, string> = {};
    let path = '';
    pool.intercept({ path: (p) => p.startsWith('/api/v1/users') }).reply((opts) => {
      seen = opts.headers as Record<string, string>;
      path = opts.path;
      return { statusCode: 200, data: [{ id: '00u1' }], responseOptions: { headers: rate(300, 299, 60) } };
    });
    const body = await client.get('/api/v1/users', { signal: signal(), query: { filter: 'status eq "ACTIVE"', limit: 200, skip: undefined } });
    expect(body).toEqual([{ id: '00u1' }]);
    expect(path).toBe('/api/v1/users?filter=status%20eq%20%22ACTIVE%22&limit=200');
    expect(seen).toMatchObject({ accept: 'application/json', 'user-agent': 'okta-evidence/test', authorization: `SSWS ${TOKEN}` });
    expect(client.stats()).toMatchObject({ requests: 1, requestsByBucket: { 'GET /api/v1/users': 1 }, retries: 0, peakConcurrency: 1 });
  });

  it('retries a 5xx on GET with backoff and X-Okta-Retry-For / X-Okta-Retry-Count', async () => {
    const { pool, client, time } = setup();
    const retryHeaders: (string | undefined)[][] = [];
    const record = (opts: { headers?: unknown }) => {
      const h = opts.headers as Record<string, string>;
      retryHeaders.push([h['x-okta-retry-for'], h['x-okta-retry-count']]);
    };
    pool.intercept({ path: '/api/v1/groups' }).reply((o) => (record(o), { statusCode: 500, data: oktaError('E0000009', 'Internal Server Error'), responseOptions: { headers: { 'x-okta-request-id': 'reqA' } } }));
    pool.intercept({ path: '/api/v1/groups' }).reply((o) => (record(o), { statusCode: 503, data: '', responseOptions: { headers: { 'x-okta-request-id': 'reqB' } } }));
    pool.intercept({ path: '/api/v1/groups' }).reply((o) => (record(o), { statusCode: 200, data: [] }));
    await expect(client.get('/api/v1/groups', { signal: signal() })).resolves.toEqual([]);
    expect(retryHeaders).toEqual([
      [undefined, undefined],
      ['reqA', '1'],
      ['reqA', '2'],
    ]);
    expect(time.sleeps).toEqual([250, 500]); // full jitter at random() = 0.5 of 500, 1000
    expect(client.stats().retries).toBe(2);
  });

  it('gives up on a persistent 5xx with OKTA_SERVER_ERROR naming the request id', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/users' }).reply(500, oktaError('E0000009', 'Internal Server Error'), { headers: { 'x-okta-request-id': 'reqZ' } }).times(4);
    const error = await failure(client.get('/api/v1/users', { signal: signal() }));
    expect(error).toMatchObject({ code: 'OKTA_SERVER_ERROR', status: 500, requestId: 'reqZ', request: 'GET /api/v1/users', bucket: 'GET /api/v1/users' });
    expect(error.message).toContain('after 4 attempts');
    expect(error.message).toContain('reqZ');
    expect(error.message).toContain('smaller page limit');
  });

  it('waits on a 429 until X-Rate-Limit-Reset − Date + 1 s, then succeeds', async () => {
    const { pool, client, time } = setup();
    pool.intercept({ path: '/api/v1/logs' }).reply(429, oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'), { headers: rate(60, 0, 30) });
    pool.intercept({ path: '/api/v1/logs' }).reply(200, [], { headers: rate(60, 59, 60, T0 + 31_000) });
    await expect(client.get('/api/v1/logs', { signal: signal() })).resolves.toEqual([]);
    expect(time.sleeps[0]).toBe(31_000);
    expect(time.now - T0).toBe(31_000); // the pacer added no second wait
    expect(client.stats()).toMatchObject({ throttled: 1, throttledByBucket: { '/api/v1/logs': 1 }, retries: 1 });
  });

  it('reports OKTA_RATE_LIMITED with the bucket and reset time when 429s persist', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/apps' }).reply(429, oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'), { headers: rate(50, 0, 5) }).persist();
    const error = await failure(client.get('/api/v1/apps', { signal: signal() }));
    expect(error.code).toBe('OKTA_RATE_LIMITED');
    expect(error.bucket).toBe('/api/v1/apps*');
    expect(error.message).toContain('bucket /api/v1/apps*');
    expect(error.message).toMatch(/resets at \d{4}-\d\d-\d\dT/);
    expect(error.message).toContain('Lower the concurrency');
  });

  it('lowers concurrency on a concurrency 429 (X-Rate-Limit-Limit: 0) and retries', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/policies' }).reply(429, oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'), { headers: rate(0, 0, 1) });
    pool.intercept({ path: '/api/v1/policies' }).reply(200, [{ id: 'p1' }]);
    await expect(client.get('/api/v1/policies', { signal: signal() })).resolves.toEqual([{ id: 'p1' }]);
    expect(client.stats()).toMatchObject({ concurrencyThrottled: 1, concurrencyLimit: 5, retries: 1 });
  });

  it('maps 401 E0000011 to OKTA_TOKEN_INVALID with the SSWS advice', async () => {
    const { pool, client, auth } = setup();
    pool.intercept({ path: '/api/v1/users' }).reply(401, oktaError('E0000011', 'Invalid token provided'));
    const error = await failure(client.get('/api/v1/users', { signal: signal() }));
    expect(error).toMatchObject({ code: 'OKTA_TOKEN_INVALID', status: 401, oktaErrorCode: 'E0000011' });
    expect(error.message).toContain('30 days');
    expect(error.message).toContain('Security › API › Tokens');
    expect((auth as ReturnType<typeof fakeAuth>).challenges).toBe(1); // asked once, declined, not retried
  });

  it('says the OAuth access token was rejected for an OAuth client', async () => {
    const { pool, client } = setup({ auth: fakeAuth('oauth') });
    pool.intercept({ path: '/api/v1/users' }).reply(401, oktaError('E0000011', 'Invalid token provided'));
    const error = await failure(client.get('/api/v1/users', { signal: signal() }));
    expect(error.code).toBe('OKTA_TOKEN_INVALID');
    expect(error.message).toContain('OAuth access token');
    expect(error.message).toContain('service app');
  });

  it('resends once when the auth strategy answers a 401 challenge', async () => {
    const auth = fakeAuth('oauth', [true, true]);
    const { pool, client } = setup({ auth });
    pool.intercept({ path: '/api/v1/users' }).reply(401, { error: 'invalid_token' }).times(2);
    pool.intercept({ path: '/api/v1/users' }).reply(200, []);
    const error = await failure(client.get('/api/v1/users', { signal: signal() }));
    expect(error.code).toBe('OKTA_TOKEN_INVALID'); // the second 401 is not challenged again
    expect(auth.challenges).toBe(1);
    expect(client.stats()).toMatchObject({ requests: 2, challenges: 1, retries: 0 });
  });

  it('maps 403 E0000006 to OKTA_PERMISSION_DENIED naming the endpoint and the role', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/users/00u1/roles' }).reply(403, oktaError('E0000006', 'You do not have permission to perform the requested action'));
    const error = await failure(client.get('/api/v1/users/00u1/roles', { signal: signal() }));
    expect(error.code).toBe('OKTA_PERMISSION_DENIED');
    expect(error.message).toContain('GET /api/v1/users/00u1/roles');
    expect(error.message).toContain('Read-Only Administrator');
  });

  it('maps a 403 insufficient_scope to OKTA_SCOPE_MISSING naming the scope to grant', async () => {
    const { pool, client } = setup({ auth: fakeAuth('oauth') });
    pool.intercept({ path: (p) => p.startsWith('/api/v1/logs') }).reply(403, '', {
      headers: { 'www-authenticate': 'Bearer realm="IdpMyAccountAPI", error="insufficient_scope", error_description="The access token provided does not contain the required scopes."' },
    });
    const error = await failure(client.get('/api/v1/logs', { signal: signal(), query: { since: '2026-01-01T00:00:00Z' } }));
    expect(error.code).toBe('OKTA_SCOPE_MISSING');
    expect(error.message).toContain('okta.logs.read');
    expect(error.message).toContain('Grant okta.logs.read');
    expect(error.request).toBe('GET /api/v1/logs'); // no query string
  });

  it('also reads insufficient_scope from an OAuth error body', async () => {
    const { pool, client } = setup({ auth: fakeAuth('oauth') });
    pool.intercept({ path: '/api/v1/users/00u1/factors' }).reply(403, { error: 'access_token_insufficient_scopes', error_description: 'missing' });
    const error = await failure(client.get('/api/v1/users/00u1/factors', { signal: signal() }));
    expect(error.code).toBe('OKTA_SCOPE_MISSING');
    expect(error.message).toContain('okta.users.read');
  });

  it('maps 404 and invalid JSON', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/groups/00gX' }).reply(404, oktaError('E0000007', 'Not found: Resource not found: 00gX (UserGroup)'));
    pool.intercept({ path: '/api/v1/groups' }).reply(200, '[{"id":"00g1"},{"id":', { headers: { 'content-type': 'application/json' } });
    expect(await failure(client.get('/api/v1/groups/00gX', { signal: signal() }))).toMatchObject({ code: 'OKTA_NOT_FOUND', status: 404 });
    expect(await failure(client.get('/api/v1/groups', { signal: signal() }))).toMatchObject({ code: 'OKTA_BAD_RESPONSE' });
  });

  it('never follows a redirect', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/users' }).reply(302, '', { headers: { location: 'https://attacker.example.com/api/v1/users' } });
    const error = await failure(client.get('/api/v1/users', { signal: signal() }));
    expect(error.code).toBe('OKTA_BAD_RESPONSE');
    expect(error.message).toContain('redirect');
  });

  it('refuses a body larger than the cap', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agents.push(agent);
    const time = new FakeTime(T0);
    const client = createOktaClient({ domain: 'example.okta.com', auth: fakeAuth(), dispatcher: agent, clock: time.clock, sleep: time.sleep, maxBodyBytes: 100 });
    agent.get(ORIGIN).intercept({ path: '/api/v1/users' }).reply(200, JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ id: i }))));
    expect(await failure(client.get('/api/v1/users', { signal: signal() }))).toMatchObject({ code: 'OKTA_BAD_RESPONSE' });
  });

  it('does not retry a network failure and says to check the domain and proxy', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/users' }).replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND example.okta.com'), { code: 'ENOTFOUND' }));
    const error = await failure(client.get('/api/v1/users', { signal: signal() }));
    expect(error.code).toBe('OKTA_NETWORK_ERROR');
    expect(error.message).toContain('example.okta.com');
    expect(error.message).toContain('proxy');
    expect(client.stats().retries).toBe(0);
  });

  it('retries timeouts, then reports OKTA_TIMEOUT', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/users' }).replyWithError(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' })).times(4);
    const error = await failure(client.get('/api/v1/users', { signal: signal() }));
    expect(error.code).toBe('OKTA_TIMEOUT');
    expect(client.stats()).toMatchObject({ requests: 4, retries: 3 });
  });

  it('rejects promptly with OKTA_ABORTED when aborted while waiting for rate-limit budget', async () => {
    const time = new FakeTime(T0, false); // sleeps only end when aborted
    const { pool, client } = setup({ time });
    pool.intercept({ path: '/api/v1/users' }).reply(200, [], { headers: rate(300, 0, 60) });
    await client.get('/api/v1/users', { signal: signal() });
    const controller = new AbortController();
    const waiting = failure(client.get('/api/v1/users', { signal: controller.signal }));
    await settle();
    expect(time.sleeps.at(-1)).toBe(60_000); // budget spent: the pacer sleeps until the reset
    controller.abort();
    expect(await waiting).toMatchObject({ code: 'OKTA_ABORTED', request: 'GET /api/v1/users' });
  });


  it('withdraws a call waiting for its rate-limit slot when its waitSignal aborts: OKTA_ABORTED, nothing sent', async () => {
    const time = new FakeTime(T0, false);
    const { pool, client } = setup({ time });
    pool.intercept({ path: '/api/v1/users' }).reply(200, [], { headers: rate(300, 0, 60) });
    await client.get('/api/v1/users', { signal: signal() });
    const share = new AbortController();
    const sync = new AbortController();
    const waiting = failure(client.get('/api/v1/users', { signal: sync.signal, waitSignal: share.signal }));
    await settle();
    share.abort();
    expect(await waiting).toMatchObject({ code: 'OKTA_ABORTED', request: 'GET /api/v1/users' });
    expect((await waiting).message).toContain('withdrawn before it was sent');
    expect(sync.signal.aborted).toBe(false);
    expect(client.stats().requests).toBe(1); // only the first call went out
  });

  it('reads the response of a call already sent when its waitSignal aborts', async () => {
    const { pool, client } = setup();
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    pool.intercept({ path: '/api/v1/users' }).reply(200, async () => {
      await answered;
      return [{ id: '00u1' }];
    });
    const share = new AbortController();
    const call = client.get('/api/v1/users', { signal: signal(), waitSignal: share.signal });
    await settle();
    share.abort();
    answer();
    expect(await call).toEqual([{ id: '00u1' }]);
  });
  it('lets many calls wait on one shared abort signal without a MaxListenersExceededWarning', async () => {
    const time = new FakeTime(T0, false);
    const { pool, client } = setup({ time });
    pool.intercept({ path: '/api/v1/users' }).reply(200, [], { headers: rate(300, 0, 60) });
    await client.get('/api/v1/users', { signal: signal() });
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const sync = new AbortController(); // one signal for a whole sync, as the collectors use it
      const waiting = Array.from({ length: 30 }, () => failure(client.get('/api/v1/users', { signal: sync.signal })));
      await settle();
      sync.abort();
      expect((await Promise.all(waiting)).map((e) => e.code)).toEqual(Array.from({ length: 30 }, () => 'OKTA_ABORTED'));
      await settle(); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('rejects promptly with OKTA_ABORTED when aborted during a retry wait', async () => {
    const time = new FakeTime(T0, false);
    const { pool, client } = setup({ time });
    pool.intercept({ path: '/api/v1/users' }).reply(429, oktaError('E0000047', 'rate'), { headers: rate(300, 0, 40) });
    const controller = new AbortController();
    const waiting = failure(client.get('/api/v1/users', { signal: controller.signal }));
    for (let i = 0; i < 20 && time.sleeps.length === 0; i++) await settle();
    expect(time.sleeps).toEqual([41_000]);
    controller.abort();
    expect((await waiting).code).toBe('OKTA_ABORTED');
  });

  it('refuses an absolute URL on another origin without sending anything', async () => {
    const { agent, client } = setup();
    const evil = agent.get('https://attacker.example.com');
    evil.intercept({ path: '/api/v1/users' }).reply(200, []);
    const error = await failure(client.get('https://attacker.example.com/api/v1/users', { signal: signal() }));
    expect(error.code).toBe('OKTA_PAGINATION_REFUSED');
    expect(agent.pendingInterceptors()).toHaveLength(1); // the attacker's interceptor was never used
  });

  it('never lets the token reach an error message, its JSON or its inspection', async () => {
    const { pool, client } = setup();
    const echo = `Invalid token provided: SSWS ${TOKEN} (token ${TOKEN})`;
    pool.intercept({ path: '/api/v1/users' }).reply(401, { ...oktaError('E0000011', echo), errorCauses: [{ errorSummary: TOKEN }] });
    pool.intercept({ path: '/api/v1/groups' }).reply(400, { error: TOKEN, error_description: `bad ${TOKEN}` });
    for (const path of ['/api/v1/users', '/api/v1/groups']) {
      const error = await failure(client.get(path, { signal: signal() }));
      for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 5 }), String(error.stack)]) {
        expect(text).not.toContain(TOKEN);
      }
    }
  });
});

describe('transport: error bodies written to deceive (issue 14 item 9)', () => {
  it('escapes control characters in errorSummary and its causes, and bounds the message', async () => {
    const { pool, client } = setup();
    const forged = 'Not found\u001b[2K\r\nerror: the evidence verified OK\u202e';
    pool.intercept({ path: '/api/v1/users/00u1' }).reply(404, { ...oktaError('E0000007', forged), errorCauses: Array.from({ length: 1000 }, () => ({ errorSummary: 'x'.repeat(100) })) });
    const error = await failure(client.get('/api/v1/users/00u1', { signal: signal() }));
    expect(error.message).toContain('Not found\\x1b[2K\\x0d\\x0aerror: the evidence verified OK\\u202e');
    // Nothing left to escape: printing it cannot move the cursor, colour the terminal or add a line.
    expect(printable(error.message, Number.POSITIVE_INFINITY)).toBe(error.message);
    expect(error.message.length).toBeLessThan(4_100);
  });
});

describe('transport: credentials that fail for a passing reason', () => {
  function flakyAuth(failures: OktaClientError[]): AuthStrategy & { calls: number } {
    return {
      ...fakeAuth('oauth'),
      calls: 0,
      authorize() {
        this.calls++;
        const next = failures.shift();
        return next ? Promise.reject(next) : Promise.resolve({ authorization: `Bearer ${TOKEN}` });
      },
    };
  }

  it('retries a token endpoint 503 with backoff, then sends the request', async () => {
    const auth = flakyAuth([new OktaClientError('OKTA_SERVER_ERROR', 'token endpoint answered 503')]);
    const { pool, client, time } = setup({ auth });
    pool.intercept({ path: '/api/v1/users/00u1' }).reply(200, { id: '00u1' }, { headers: rate(600, 599, 60) });
    const user = await time.run(client.get<{ id: string }>('/api/v1/users/00u1', { signal: signal() }));
    expect(user.id).toBe('00u1');
    expect(auth.calls).toBe(2);
    expect(client.stats().retries).toBe(1);
  });

  it('does not retry a configuration failure of the token request', async () => {
    const auth = flakyAuth([new OktaClientError('OKTA_OAUTH_TOKEN_FAILED', 'invalid_client: the key is not registered')]);
    const { client, time } = setup({ auth });
    const error = await failure(time.run(client.get('/api/v1/users/00u1', { signal: signal() })));
    expect(error.code).toBe('OKTA_OAUTH_TOKEN_FAILED');
    expect(auth.calls).toBe(1);
  });
});
