import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { isOktaClientError } from '../src/okta/errors.js';
import { fetchSimStats, generateClientKey, idsOf, noAbort, oauthClient, sswsClient, startTestSimulator } from './okta-client-kit.js';

/** A bounded System Log query (since + until): one request per call, no polling. */
function boundedLogQuery(now: number): Record<string, string> {
  return { since: new Date(now - 3_600_000).toISOString(), until: new Date(now).toISOString(), limit: '1' };
}

describe('Okta client pacing against the simulator\'s Workforce limits', () => {
  it('paces a burst beyond the token\'s share of the logs bucket: no 429, every request succeeds', async () => {
    // Logs: 120/min Workforce; time scale 20 → 3 s windows of 6, of which the token may use 3 (50 %).
    const timeScale = 20;
    const windowMs = 60_000 / timeScale;
    const tokenSharePerWindow = Math.floor((120 / timeScale) * 0.5);
    const burst = tokenSharePerWindow + 1;
    const query = boundedLogQuery(Date.now());

    // Control: the same burst sent unpaced draws a 429, so the burst really is beyond the token's share.
    const control = await startTestSimulator({ users: 20, rateLimits: 'workforce', timeScale });
    const headers = { authorization: `SSWS ${control.token}`, accept: 'application/json' };
    const path = `/api/v1/logs?${new URLSearchParams(query).toString()}`;
    const unpaced = await Promise.all(Array.from({ length: burst }, () => request(`${control.baseUrl}${path}`, { headers }).then((r) => r.body.dump().then(() => r.statusCode))));
    expect(unpaced.filter((status) => status === 429)).toHaveLength(1);

    const sim = await startTestSimulator({ users: 20, rateLimits: 'workforce', timeScale });
    const client = sswsClient(sim);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: burst }, () => client.request('/api/v1/logs', { signal: noAbort(), query })));
    const elapsedMs = Date.now() - started;

    expect(results.map((r) => r.status)).toEqual(Array.from({ length: burst }, () => 200));
    const stats = await fetchSimStats(sim);
    expect(stats.throttled).toBe(0);
    expect(stats.requestsByBucket['/api/v1/logs']).toBe(burst); // nothing was sent twice
    expect(client.stats()).toMatchObject({ throttled: 0, retries: 0 });
    // More than one window's share went out, so the client must have waited for the window to reset.
    expect(elapsedMs).toBeGreaterThanOrEqual(windowMs * 0.9);
  });
});

describe('Okta client against simulator faults', () => {
  it('gets every page through 30 % server errors by retrying the GETs', async () => {
    const sim = await startTestSimulator({ users: 300, seed: 3, faults: { serverErrorRate: 0.3 } });
    // 8 attempts: a page fails for good with probability 0.3^8, so the test holds whatever the fault RNG draws.
    const client = sswsClient(sim, { retry: { maxAttempts: 8 } });

    const { items, summary } = await client.paginate('/api/v1/users', { signal: noAbort(), query: { limit: 20, search: 'status pr' } }).collect();
    expect(summary).toMatchObject({ complete: true, pages: 15, items: 300 });
    expect(new Set(idsOf(items)).size).toBe(300);
    const retries = client.stats().retries;
    expect(retries).toBeGreaterThan(0);
    expect((await fetchSimStats(sim)).requestsByBucket['GET /api/v1/users']).toBe(15 + retries);
  });

  it('retries requests whose connection was dropped', async () => {
    const sim = await startTestSimulator({ users: 200, seed: 5, faults: { dropConnectionRate: 0.25 } });
    const client = sswsClient(sim, { retry: { maxAttempts: 8 } });

    const { items, summary } = await client.paginate('/api/v1/users', { signal: noAbort(), query: { limit: 20, search: 'status pr' } }).collect();
    expect(summary).toMatchObject({ complete: true, pages: 10, items: 200 });
    expect(new Set(idsOf(items)).size).toBe(200);
    expect(client.stats().retries).toBeGreaterThan(0);
  });

  it('stops with OKTA_BAD_RESPONSE on a malformed page, keeping the pages before it and marking the list incomplete', async () => {
    // The client does not retry a 200 whose body is not JSON: it reports it (a retry would hide a broken proxy or API).
    const sim = await startTestSimulator({ users: 100, faults: { malformedPage: { pathPrefix: '/api/v1/users', pageNumber: 2 } } });
    const client = sswsClient(sim);

    const { items, summary } = await client.paginate('/api/v1/users', { signal: noAbort(), query: { limit: 30 } }).collect();
    expect(summary).toMatchObject({ finished: true, complete: false, pages: 1, items: 30 });
    expect(summary.error).toMatchObject({ code: 'OKTA_BAD_RESPONSE', request: 'GET /api/v1/users' });
    expect(summary.error?.message).toMatch(/not valid JSON/);
    expect(items).toHaveLength(30);
    expect(client.stats().retries).toBe(0);
  });

  it('times out on a slow page with OKTA_TIMEOUT after its retries', async () => {
    const sim = await startTestSimulator({ users: 60, faults: { slowPage: { delayMs: 5_000, pathPrefix: '/api/v1/users' } } });
    // undici checks header timeouts on a coarse (~1 s) timer, so each attempt gives up within about a second.
    const client = sswsClient(sim, { timeouts: { headersMs: 250 }, retry: { maxAttempts: 2 } });

    const started = Date.now();
    const { items, summary } = await client.paginate('/api/v1/users', { signal: noAbort(), query: { limit: 20 } }).collect();
    expect(summary).toMatchObject({ complete: false, pages: 0 });
    expect(summary.error).toMatchObject({ code: 'OKTA_TIMEOUT', request: 'GET /api/v1/users' });
    expect(summary.error?.message).toMatch(/did not answer GET \/api\/v1\/users in time after 2 attempts/);
    expect(items).toEqual([]);
    expect(Date.now() - started).toBeLessThan(4_000); // gave up on its own timeout, not after the server's delay
  });

  it('reports a token revoked mid-way as OKTA_TOKEN_INVALID, keeping the pages before it', async () => {
    const sim = await startTestSimulator({ users: 100, faults: { revokeTokenAfterRequests: 4 } });
    const client = sswsClient(sim);

    const { items, summary } = await client.paginate('/api/v1/users', { signal: noAbort(), query: { limit: 10 } }).collect();
    expect(summary).toMatchObject({ complete: false, pages: 4, items: 40 });
    expect(summary.error).toMatchObject({ code: 'OKTA_TOKEN_INVALID', status: 401 });
    expect(summary.error?.message).toContain('Security › API › Tokens');
    expect(items).toHaveLength(40);
  });

  it('recovers from a revoked OAuth access token by minting a new one', async () => {
    const key = await generateClientKey('ES256');
    const clientId = '0oa-revoked';
    const sim = await startTestSimulator({
      users: 100,
      oauthClients: [{ clientId, publicKey: key.publicKeyText, requireDpop: false }],
      faults: { revokeTokenAfterRequests: 4 },
    });
    const client = oauthClient(sim, { clientId, key, dpop: false });

    const { summary } = await client.paginate('/api/v1/users', { signal: noAbort(), query: { limit: 10, search: 'status pr' } }).collect();
    expect(summary).toMatchObject({ complete: true, pages: 10, items: 100 });
    expect((await fetchSimStats(sim)).tokenRequests).toBe(3); // tokens for pages 1–4, 5–8, 9–10
    expect(client.stats().challenges).toBe(2);
  });

  it('lowers its concurrency on concurrency 429s and completes everything', async () => {
    const sim = await startTestSimulator({ users: 60, concurrencyLimit: 2, latencyMs: 20 });
    const client = sswsClient(sim, { concurrency: 10 });

    const ids = sim.org.users.map((u) => u.id);
    const results = await Promise.allSettled(ids.map((id) => client.get<unknown[]>(`/api/v1/users/${id}/factors`, { signal: noAbort() })));
    const failures = results.filter((r) => r.status === 'rejected').map((r) => (isOktaClientError(r.reason) ? r.reason.code : String(r.reason)));
    expect(failures).toEqual([]);

    const stats = await fetchSimStats(sim);
    expect(stats.concurrencyThrottled).toBeGreaterThan(0);
    expect(stats.peakConcurrency).toBeLessThanOrEqual(2);
    const own = client.stats();
    expect(own.concurrencyThrottled).toBe(stats.concurrencyThrottled);
    expect(own.concurrencyLimit).toBeLessThanOrEqual(2);
    // Once lowered, the client stops hammering: far fewer 429s than requests.
    expect(stats.concurrencyThrottled).toBeLessThan(ids.length / 2);
  });
});
