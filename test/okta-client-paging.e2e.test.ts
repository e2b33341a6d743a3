import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSswsAuth } from '../src/okta/auth/ssws.js';
import { isOktaClientError } from '../src/okta/errors.js';
import { clientFor, fetchSimStats, idsOf, noAbort, sswsClient, startTestSimulator } from './okta-client-kit.js';

const TOKEN = '00crossORIGINtokenabcdefghijklmnopqrstuvwxy';

/** A bare HTTP server on a free loopback port that counts requests and records what it saw; closed after the test. */
async function startServer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ origin: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handle(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('Okta client pagination against live servers', () => {
  it('refuses a next link to another origin: incomplete, with the reason, and nothing sent there', async () => {
    const elsewhere = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'));
    const org = await startServer((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        link: `<${elsewhere.origin}/api/v1/users?after=00u2&limit=1>; rel="next"`,
      });
      res.end(JSON.stringify([{ id: '00u1' }]));
    });
    const client = clientFor({ baseUrl: org.origin }, createSswsAuth(TOKEN));

    const { items, summary } = await client.paginate('/api/v1/users', { signal: noAbort(), query: { limit: 1 } }).collect();
    expect(items).toEqual([{ id: '00u1' }]);
    expect(summary).toMatchObject({ finished: true, complete: false, pages: 1, items: 1 });
    expect(summary.reason).toBe(`the next link points to ${elsewhere.origin}, not the configured Okta org ${org.origin}; it was not followed`);
    expect(summary.error?.code).toBe('OKTA_PAGINATION_REFUSED');
    expect(summary.error?.message).toContain('The data set is incomplete');
    expect(elsewhere.seen).toHaveLength(0);
    expect(org.seen).toHaveLength(1);
    expect(org.seen[0]?.headers.authorization).toBe(`SSWS ${TOKEN}`);
  });

  it('follows the next link in the body of /iam/assignees/users', async () => {
    const sim = await startTestSimulator({ users: 400, seed: 4 });
    const client = sswsClient(sim);
    const assignees = [...sim.org.rolesByUser].filter(([, roles]) => roles.length > 0).map(([id]) => id);
    expect(assignees.length).toBeGreaterThan(2);

    const { items, summary } = await client.paginate('/api/v1/iam/assignees/users', { signal: noAbort(), query: { limit: 2 } }).collect();
    expect(summary).toMatchObject({ complete: true, pages: Math.ceil(assignees.length / 2), items: assignees.length });
    expect(new Set(idsOf(items))).toEqual(new Set(assignees));
  });

  it('ends a System Log poll at the empty page: complete up to now, with a resume link, and no spinning', async () => {
    const sim = await startTestSimulator({ users: 100, seed: 9, logEventsPerUserPerDay: 1 });
    const client = sswsClient(sim);
    const since = new Date(Date.now() - 2 * 86_400_000).toISOString();

    const poll = client.paginate<{ uuid: string }>('/api/v1/logs', { signal: noAbort(), mode: 'logs-polling', query: { sortOrder: 'ASCENDING', since, limit: 50 } });
    const pages: number[] = [];
    const uuids = new Set<string>();
    for await (const page of poll) {
      pages.push(page.items.length);
      for (const event of page.items) uuids.add(event.uuid);
    }
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.at(-1)).toBe(0); // the page that ends the poll
    expect(pages.slice(0, -1).every((n) => n > 0)).toBe(true);
    expect(poll.summary).toMatchObject({ finished: true, complete: true, pages: pages.length });
    expect(poll.summary.reason).toMatch(/empty page ends a System Log poll/);
    expect(uuids.size).toBe(poll.summary.items);
    const resumeUrl = poll.summary.resumeUrl;
    expect(resumeUrl).toMatch(new RegExp(`^${sim.baseUrl}/api/v1/logs\\?.*after=`));
    expect((await fetchSimStats(sim)).logPollingRequests).toBe(pages.length);

    // The next poll, from the resume link: one request for the (still empty) page, then it stops.
    const resumed = await client.paginate(resumeUrl!, { signal: noAbort(), mode: 'logs-polling' }).collect();
    expect(resumed.summary).toMatchObject({ complete: true, pages: 1, items: 0, resumeUrl });
    expect((await fetchSimStats(sim)).logPollingRequests).toBe(pages.length + 1);
  });

  it('ends a bounded System Log query (since + until) at the page without a next link', async () => {
    const sim = await startTestSimulator({ users: 100, seed: 9, logEventsPerUserPerDay: 1 });
    const client = sswsClient(sim);
    const now = Date.now();
    const query = { since: new Date(now - 2 * 86_400_000).toISOString(), until: new Date(now - 60_000).toISOString(), limit: 50 };

    const { items, summary } = await client.paginate('/api/v1/logs', { signal: noAbort(), mode: 'logs-bounded', query }).collect();
    expect(summary).toMatchObject({ finished: true, complete: true });
    expect(summary.reason).toBeUndefined(); // ended by the missing next link, not by the empty-page guard
    expect(summary.pages).toBe(Math.ceil(items.length / 50));
    expect(items.length).toBeGreaterThan(100);
    const stats = await fetchSimStats(sim);
    expect(stats.logPollingRequests).toBe(0);
    expect(stats.requestsByBucket['/api/v1/logs']).toBe(summary.pages);
  });

  it('stops promptly with OKTA_ABORTED when the signal aborts mid-pagination', async () => {
    const sim = await startTestSimulator({ users: 200 });
    const client = sswsClient(sim);
    const controller = new AbortController();

    const pages = client.paginate('/api/v1/users', { signal: controller.signal, query: { limit: 10 } });
    let seen = 0;
    let abortedAt = 0;
    const error = await (async () => {
      for await (const _page of pages) {
        seen++;
        // From page 3 on the server takes 5 s per page; abort while page 3 is in flight.
        if (seen === 2) {
          sim.setFaults({ slowPage: { delayMs: 5_000, pathPrefix: '/api/v1/users' } });
          setTimeout(() => {
            abortedAt = Date.now();
            controller.abort();
          }, 100);
        }
      }
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    const stoppedAfterMs = Date.now() - abortedAt;

    expect(isOktaClientError(error, 'OKTA_ABORTED')).toBe(true);
    expect(seen).toBe(2);
    expect(stoppedAfterMs).toBeLessThan(1_000); // not after the 5 s the server takes
    expect(pages.summary).toMatchObject({ finished: true, complete: false, pages: 2 });
    expect(pages.summary.error?.code).toBe('OKTA_ABORTED');
    expect((await fetchSimStats(sim)).requestsByBucket['GET /api/v1/users']).toBe(3);
  });

  it('stops promptly with OKTA_ABORTED while waiting for rate-limit budget', async () => {
    // Logs at time scale 2: 30 s windows of 60 requests, 30 for the token. 40 requests can't all go in one window.
    const sim = await startTestSimulator({ users: 10, rateLimits: 'workforce', timeScale: 2, logEventsPerUserPerDay: 0 });
    const client = sswsClient(sim);
    const query = { since: new Date(Date.now() - 60_000).toISOString(), until: new Date().toISOString() };
    const controller = new AbortController();

    const calls = Array.from({ length: 40 }, () => client.get('/api/v1/logs', { signal: controller.signal, query }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const abortedAt = Date.now();
    controller.abort();
    const results = await Promise.allSettled(calls);
    expect(Date.now() - abortedAt).toBeLessThan(500); // the budget would only come back at the 30 s reset

    const sent = results.filter((r) => r.status === 'fulfilled').length;
    const aborted = results.filter((r) => r.status === 'rejected' && isOktaClientError(r.reason, 'OKTA_ABORTED')).length;
    expect(sent).toBeGreaterThan(0);
    expect(sent + aborted).toBe(40);
    expect(aborted).toBeGreaterThan(10); // the ones still waiting for budget
    const stats = await fetchSimStats(sim);
    // The window's budget goes at once (up to the client's concurrency of 10), so the abort also cuts requests that
    // were in flight: the simulator saw them, the caller got OKTA_ABORTED.
    expect(stats.requestsByBucket['/api/v1/logs']).toBeGreaterThanOrEqual(sent);
    expect(stats.requestsByBucket['/api/v1/logs']).toBeLessThanOrEqual(sent + 10);
    expect(stats.throttled).toBe(0);
  });
});
