import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthStrategy } from './auth/types.js';
import { createOktaClient, type OktaClientOptions } from './client.js';
import type { Page } from './paginate.js';
import { FakeTime } from './testing/fake-time.js';

const ORIGIN = 'https://example.okta.com';
const auth: AuthStrategy = {
  kind: 'ssws',
  authorize: () => Promise.resolve({ authorization: 'SSWS 00TESTabcdefghijklmnopqrstuvwxyz0123456789AB' }),
  handleChallenge: () => false,
  secrets: () => ['00TESTabcdefghijklmnopqrstuvwxyz0123456789AB'],
};

let agents: MockAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.map((a) => a.close()));
  agents = [];
});

function setup(baseUrl?: URL, extra: Pick<OktaClientOptions, 'listLimits' | 'maxJsonValues'> = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  const time = new FakeTime();
  const client = createOktaClient({ domain: 'example.okta.com', ...(baseUrl === undefined ? {} : { baseUrl }), auth, dispatcher: agent, clock: time.clock, sleep: time.sleep, ...extra });
  return { agent, pool: agent.get(baseUrl?.origin ?? ORIGIN), client };
}

const links = (self: string, next?: string) => ({ link: next === undefined ? [`<${self}>; rel="self"`] : [`<${self}>; rel="self"`, `<${next}>; rel="next"`] });
const signal = () => new AbortController().signal;

async function pagesOf<T>(iterable: AsyncIterable<Page<T>>): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

describe('paginate', () => {
  it('follows Link rel="next" exactly as given until there is none', async () => {
    const { pool, client } = setup();
    const p2 = `${ORIGIN}/api/v1/users?limit=2&after=00u2&search=status%20pr`;
    const p3 = `${ORIGIN}/api/v1/users?after=opaque%3D%3D&limit=2`;
    pool.intercept({ path: '/api/v1/users?limit=2' }).reply(200, [{ id: 1 }, { id: 2 }], { headers: links(`${ORIGIN}/api/v1/users?limit=2`, p2) });
    pool.intercept({ path: '/api/v1/users?limit=2&after=00u2&search=status%20pr' }).reply(200, [{ id: 3 }, { id: 4 }], { headers: links(p2, p3) });
    pool.intercept({ path: '/api/v1/users?after=opaque%3D%3D&limit=2' }).reply(200, [{ id: 5 }], { headers: links(p3) });
    const pages = client.paginate('/api/v1/users', { signal: signal(), query: { limit: 2 } });
    expect((await pagesOf(pages)).map((p) => [p.url, p.items.length, p.status])).toEqual([
      [`${ORIGIN}/api/v1/users?limit=2`, 2, 200],
      [p2, 2, 200],
      [p3, 1, 200],
    ]);
    expect(pages.summary).toEqual({ finished: true, complete: true, pages: 3, items: 5 });
  });

  it('reads a comma-joined Link header and a relative next link', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/groups' }).reply(200, [{ id: 'g1' }], { headers: { link: '</api/v1/groups>; rel="self", </api/v1/groups?after=g1>; rel="next"' } });
    pool.intercept({ path: '/api/v1/groups?after=g1' }).reply(200, [{ id: 'g2' }]);
    const { items, summary } = await client.paginate('/api/v1/groups', { signal: signal() }).collect();
    expect(items).toEqual([{ id: 'g1' }, { id: 'g2' }]);
    expect(summary.complete).toBe(true);
  });

  it('reads items from `value` and the next link from `_links.next.href` (iam/assignees/users)', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/iam/assignees/users?limit=1' }).reply(200, {
      value: [{ id: '00u1', orn: 'orn:okta:directory:1:users:00u1' }],
      _links: { next: { href: `${ORIGIN}/api/v1/iam/assignees/users?after=00u1&limit=1` } },
    });
    pool.intercept({ path: '/api/v1/iam/assignees/users?after=00u1&limit=1' }).reply(200, { value: [{ id: '00u2' }], _links: {} });
    const { items, summary } = await client.paginate('/api/v1/iam/assignees/users', { signal: signal(), query: { limit: 1 } }).collect();
    expect(items.map((i) => (i as { id: string }).id)).toEqual(['00u1', '00u2']);
    expect(summary).toMatchObject({ complete: true, pages: 2 });
  });

  it('stops and marks the data set incomplete when a next link repeats (endless loop guard)', async () => {
    const { pool, client } = setup();
    const loop = `${ORIGIN}/api/v1/groups?after=00g2`;
    pool.intercept({ path: '/api/v1/groups' }).reply(200, [{ id: 1 }], { headers: links(`${ORIGIN}/api/v1/groups`, loop) });
    pool.intercept({ path: '/api/v1/groups?after=00g2' }).reply(200, [{ id: 2 }], { headers: links(loop, loop) });
    const pages = client.paginate('/api/v1/groups', { signal: signal() });
    expect(await pagesOf(pages)).toHaveLength(2);
    expect(pages.summary).toMatchObject({ finished: true, complete: false, pages: 2, items: 2 });
    expect(pages.summary.reason).toContain('repeated');
    expect(pages.summary.error?.code).toBe('OKTA_PAGINATION_REFUSED');
  });

  it('also catches a repeated cursor under a different URL', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/groups?after=c1' }).reply(200, [{ id: 1 }], { headers: links(`${ORIGIN}/api/v1/groups?after=c1`, `${ORIGIN}/api/v1/groups?limit=200&after=c1`) });
    const { summary } = await client.paginate('/api/v1/groups', { signal: signal(), query: { after: 'c1' } }).collect();
    expect(summary).toMatchObject({ complete: false, pages: 1 });
  });

  it('refuses a next link to another origin without sending a request there', async () => {
    const { agent, pool, client } = setup();
    pool.intercept({ path: '/api/v1/users' }).reply(200, [{ id: 1 }], { headers: links(`${ORIGIN}/api/v1/users`, 'https://attacker.example.com/api/v1/users?after=x') });
    agent.get('https://attacker.example.com').intercept({ path: () => true }).reply(200, []);
    const pages = client.paginate('/api/v1/users', { signal: signal() });
    expect(await pagesOf(pages)).toHaveLength(1);
    expect(pages.summary).toMatchObject({ complete: false, pages: 1 });
    expect(pages.summary.reason).toContain('https://attacker.example.com');
    expect(pages.summary.error?.code).toBe('OKTA_PAGINATION_REFUSED');
    expect(agent.pendingInterceptors()).toHaveLength(1); // the attacker's interceptor is untouched
  });

  it('refuses a next link that leaves the base path of an overridden base URL', async () => {
    const base = new URL('http://127.0.0.1:8080/okta');
    const { pool, client } = setup(base);
    pool.intercept({ path: '/okta/api/v1/users' }).reply(200, [{ id: 1 }], { headers: links('http://127.0.0.1:8080/okta/api/v1/users', 'http://127.0.0.1:8080/other/api/v1/users?after=x') });
    const { summary } = await client.paginate('/api/v1/users', { signal: signal() }).collect();
    expect(summary).toMatchObject({ complete: false, pages: 1 });
  });

  it('logs-polling: an empty page ends the poll, complete up to now, with the link to resume from', async () => {
    const { pool, client } = setup();
    const next = `${ORIGIN}/api/v1/logs?after=1627500044869_1`;
    pool.intercept({ path: (p) => p.startsWith('/api/v1/logs?since=') }).reply(200, [{ uuid: 'e1' }], { headers: links(`${ORIGIN}/api/v1/logs`, next) });
    pool.intercept({ path: '/api/v1/logs?after=1627500044869_1' }).reply(200, [], { headers: links(next, next) });
    const pages = client.paginate('/api/v1/logs', { signal: signal(), mode: 'logs-polling', query: { since: '2026-01-01T00:00:00Z' } });
    expect((await pagesOf(pages)).map((p) => p.items.length)).toEqual([1, 0]);
    expect(pages.summary).toMatchObject({ finished: true, complete: true, pages: 2, items: 1, resumeUrl: next });
    expect(pages.summary.reason).toContain('caught up');
  });

  it('logs-bounded: stops at an empty page even with a next link; list mode follows empty pages', async () => {
    const { pool, client } = setup();
    const next = `${ORIGIN}/api/v1/logs?after=x`;
    pool.intercept({ path: '/api/v1/logs' }).reply(200, [], { headers: links(`${ORIGIN}/api/v1/logs`, next) }).times(2);
    pool.intercept({ path: '/api/v1/logs?after=x' }).reply(200, [{ uuid: 'e1' }]);
    const bounded = await client.paginate('/api/v1/logs', { signal: signal(), mode: 'logs-bounded' }).collect();
    expect(bounded.summary).toMatchObject({ complete: true, pages: 1, items: 0 });
    const list = await client.paginate('/api/v1/logs', { signal: signal() }).collect();
    expect(list.summary).toMatchObject({ complete: true, pages: 2, items: 1 });
  });

  it('ends incomplete, with the error, when a page fails', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/apps' }).reply(200, [{ id: 1 }], { headers: links(`${ORIGIN}/api/v1/apps`, `${ORIGIN}/api/v1/apps?after=1`) });
    pool.intercept({ path: '/api/v1/apps?after=1' }).reply(404, { errorCode: 'E0000007', errorSummary: 'Not found' });
    const pages = client.paginate('/api/v1/apps', { signal: signal() });
    await expect(pagesOf(pages)).rejects.toMatchObject({ code: 'OKTA_NOT_FOUND' });
    expect(pages.summary).toMatchObject({ finished: true, complete: false, pages: 1, items: 1 });
    expect(pages.summary.error?.code).toBe('OKTA_NOT_FOUND');
    // collect() turns the same failure into a value.
    pool.intercept({ path: '/api/v1/apps' }).reply(500, '').times(4);
    const collected = await client.paginate('/api/v1/apps', { signal: signal() }).collect();
    expect(collected.summary.error?.code).toBe('OKTA_SERVER_ERROR');
  });

  it('rejects a body that is not a list', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/users' }).reply(200, { id: 'not-a-list' });
    const { summary } = await client.paginate('/api/v1/users', { signal: signal() }).collect();
    expect(summary).toMatchObject({ complete: false, pages: 0 });
    expect(summary.error?.code).toBe('OKTA_BAD_RESPONSE');
  });

  it('records a caller who stops early as incomplete', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: '/api/v1/users' }).reply(200, [{ id: 1 }], { headers: links(`${ORIGIN}/api/v1/users`, `${ORIGIN}/api/v1/users?after=1`) });
    const pages = client.paginate('/api/v1/users', { signal: signal() });
    for await (const _page of pages) break;
    expect(pages.summary).toMatchObject({ finished: true, complete: false, pages: 1, reason: 'stopped by the caller after 1 page' });
    expect(() => pages[Symbol.asyncIterator]()).toThrow('only once');
  });
});

describe('paginate against hostile lists (issue 14 items 5 and 8)', () => {
  /** Every page is new: a fresh cursor and fresh ids, forever. */
  function endless(pool: ReturnType<typeof setup>['pool']): { served: () => number } {
    let served = 0;
    pool
      .intercept({ path: (p) => p.startsWith('/api/v1/users') })
      .reply(() => {
        served += 1;
        const items = [{ id: `00u${served}a` }, { id: `00u${served}b` }];
        return { statusCode: 200, data: items, responseOptions: { headers: links(`${ORIGIN}/api/v1/users`, `${ORIGIN}/api/v1/users?after=c${served}`) } };
      })
      .persist();
    return { served: () => served };
  }

  it('stops a list that never ends at its item cap, incomplete, saying why', async () => {
    const { pool, client } = setup(undefined, { listLimits: { maxItems: 50 } });
    const server = endless(pool);
    const { items, summary } = await client.paginate('/api/v1/users', { signal: signal() }).collect();
    expect(items).toHaveLength(50);
    expect(server.served()).toBe(26);
    expect(summary).toMatchObject({ finished: true, complete: false, reason: expect.stringContaining('passed 50 items') as unknown });
    expect(summary.error?.code).toBe('OKTA_PAGINATION_REFUSED');
  });

  it('stops a list that never ends at its page cap', async () => {
    const { pool, client } = setup(undefined, { listLimits: { maxPages: 10 } });
    const server = endless(pool);
    const { items, summary } = await client.paginate('/api/v1/users', { signal: signal() }).collect();
    expect(server.served()).toBe(10);
    expect(items).toHaveLength(20);
    expect(summary).toMatchObject({ complete: false, pages: 10, reason: expect.stringContaining('passed 10 pages') as unknown });
  });

  it('detects a loop whose links vary another parameter (and the cursor) but whose pages repeat', async () => {
    const { pool, client } = setup();
    let served = 0;
    pool
      .intercept({ path: (p) => p.startsWith('/api/v1/groups') })
      .reply(() => {
        served += 1;
        const next = `${ORIGIN}/api/v1/groups?after=g${served}&limit=${200 - served}`;
        return { statusCode: 200, data: [{ id: '00g1' }, { id: '00g2' }], responseOptions: { headers: links(`${ORIGIN}/api/v1/groups`, next) } };
      })
      .persist();
    const { items, summary } = await client.paginate('/api/v1/groups', { signal: signal() }).collect();
    expect(served).toBe(2);
    expect(items).toHaveLength(2);
    expect(summary).toMatchObject({ complete: false, reason: expect.stringContaining('a page it had already sent') as unknown });
  });

  it('refuses a body of millions of tiny items before parsing it', async () => {
    const { pool, client } = setup();
    const body = `[${'{},'.repeat(2_000_000)}{}]`;
    pool.intercept({ path: '/api/v1/users/00u1/factors' }).reply(200, body, { headers: { 'content-type': 'application/json' } });
    const error = await client.get('/api/v1/users/00u1/factors', { signal: signal() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OKTA_BAD_RESPONSE', message: expect.stringContaining('more than 1,000,000 JSON values') as unknown });
  });
});
