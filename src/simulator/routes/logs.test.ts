import { describe, expect, it } from 'vitest';
import { ArrayLogStore } from '../org/build.js';
import type { SimLogEvent, SimLogStore } from '../org/types.js';
import { alice, bob, linkOf, NOW, pathOf, routesApp, walkPages } from './test-kit.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function makeEvent(
  name: string,
  agoMs: number,
  overrides: { eventType?: string; result?: string; actorId?: string; targetId?: string; ip?: string; displayMessage?: string } = {},
): SimLogEvent {
  return {
    uuid: `uuid-${name}`,
    published: iso(NOW - agoMs),
    eventType: overrides.eventType ?? 'user.session.start',
    displayMessage: overrides.displayMessage ?? 'User login to Okta',
    severity: 'INFO',
    outcome: { result: overrides.result ?? 'SUCCESS', reason: null },
    actor: { id: overrides.actorId ?? alice.id, type: 'User', alternateId: 'alice.smith@example.com', displayName: 'Alice Smith', detailEntry: null },
    client: { ipAddress: overrides.ip ?? '198.51.100.7', userAgent: { rawUserAgent: 'Mozilla/5.0', os: 'Mac OS X', browser: 'CHROME' } },
    target: overrides.targetId === undefined ? [] : [{ id: overrides.targetId, type: 'User', alternateId: 'x@example.com', displayName: 'X', detailEntry: null }],
    transaction: { type: 'WEB', id: `tx-${name}`, detail: {} },
    debugContext: { debugData: { requestUri: '/api/v1/users', url: '/api/v1/users?limit=200' } },
  };
}

const EVENTS = [
  makeEvent('old', 100 * DAY),
  makeEvent('d85', 85 * DAY),
  makeEvent('d10', 10 * DAY),
  makeEvent('d6', 6 * DAY, { eventType: 'user.lifecycle.create', targetId: bob.id, displayMessage: 'Create Okta user' }),
  makeEvent('d2', 2 * DAY, { result: 'FAILURE', ip: '203.0.113.10' }),
  makeEvent('d1', 1 * DAY, { eventType: 'user.mfa.factor.activate', actorId: bob.id }),
  makeEvent('h1', 1 * HOUR, { eventType: 'user.session.end', targetId: 'XOxBw-2JIRnCFd0gG0GjHAAABjY' }),
  makeEvent('future', -1 * HOUR),
];

async function logsApp(events: SimLogEvent[] | SimLogStore = EVENTS) {
  return routesApp({ users: [alice, bob], logs: events });
}

const names = (events: SimLogEvent[]): string[] => events.map((e) => e.uuid.slice('uuid-'.length));

describe('GET /api/v1/logs — windows', () => {
  it('defaults to the last 7 days and polls: next is present, polling requests are counted', async () => {
    const { app, ctx } = await logsApp();
    const res = await app.inject('/api/v1/logs');
    expect(res.statusCode).toBe(200);
    expect(names(res.json<SimLogEvent[]>())).toEqual(['d6', 'd2', 'd1', 'h1']);
    expect(linkOf(res, 'self')).toBe('http://127.0.0.1:9999/api/v1/logs');
    expect(linkOf(res, 'next')).not.toBeNull();
    expect(ctx.stats.logPollingRequests).toBe(1);
  });

  it('defaults since to 7 days before until in a bounded query', async () => {
    const { app } = await logsApp();
    const res = await app.inject({ url: '/api/v1/logs', query: { until: iso(NOW - 1.5 * DAY) } });
    expect(names(res.json<SimLogEvent[]>())).toEqual(['d6', 'd2']);
    expect(linkOf(res, 'next')).toBeNull();
  });

  it('never returns events older than 90 days, though an older since is accepted', async () => {
    const { app, ctx } = await logsApp();
    const res = await app.inject({ url: '/api/v1/logs', query: { since: iso(NOW - 120 * DAY), until: iso(NOW) } });
    expect(res.statusCode).toBe(200);
    expect(names(res.json<SimLogEvent[]>())).toEqual(['d85', 'd10', 'd6', 'd2', 'd1', 'h1']);
    expect(ctx.stats.logPollingRequests).toBe(0);
    const tooOld = await app.inject({ url: '/api/v1/logs', query: { since: iso(NOW - 200 * DAY) } });
    expect(tooOld.statusCode).toBe(400);
    expect(tooOld.json()).toMatchObject({ errorCode: 'E0000053' });
  });

  it('treats until as exclusive and hides events published after now', async () => {
    const { app } = await logsApp();
    const res = await app.inject({ url: '/api/v1/logs', query: { since: iso(NOW - 2 * DAY), until: iso(NOW + 2 * HOUR) } });
    expect(names(res.json<SimLogEvent[]>())).toEqual(['d2', 'd1', 'h1']);
    const exclusive = await app.inject({ url: '/api/v1/logs', query: { since: iso(NOW - 3 * DAY), until: iso(NOW - 1 * DAY) } });
    expect(names(exclusive.json<SimLogEvent[]>())).toEqual(['d2']);
  });
});

describe('GET /api/v1/logs — bounded paging', () => {
  it('is ordered by published and finite: the last page has no next, even when exactly full', async () => {
    const { app } = await logsApp();
    const url = `/api/v1/logs?since=${encodeURIComponent(iso(NOW - 120 * DAY))}&until=${encodeURIComponent(iso(NOW))}&limit=2`;
    const pages = await walkPages<SimLogEvent>(app, url);
    expect(pages.map(names)).toEqual([
      ['d85', 'd10'],
      ['d6', 'd2'],
      ['d1', 'h1'],
    ]);
  });

  it('next links drop since (since and after exclude each other) and keep until and the filter', async () => {
    const { app } = await logsApp();
    const since = iso(NOW - 120 * DAY);
    const res = await app.inject({ url: '/api/v1/logs', query: { since, until: iso(NOW), limit: '1', filter: 'outcome.result eq "SUCCESS"' } });
    const next = new URL(linkOf(res, 'next') ?? '');
    expect(next.searchParams.get('since')).toBeNull();
    expect(next.searchParams.get('until')).toBe(iso(NOW));
    expect(next.searchParams.get('filter')).toBe('outcome.result eq "SUCCESS"');
    expect(next.searchParams.get('after')).not.toBeNull();
    const both = await app.inject(`${pathOf(next.toString())}&since=${encodeURIComponent(since)}`);
    expect(both.statusCode).toBe(400);
  });

  it('DESCENDING is bounded even without until: newest first, finite', async () => {
    const { app, ctx } = await logsApp();
    const pages = await walkPages<SimLogEvent>(app, '/api/v1/logs?sortOrder=DESCENDING&limit=3');
    expect(pages.map(names)).toEqual([['h1', 'd1', 'd2'], ['d6']]);
    expect(ctx.stats.logPollingRequests).toBe(0);
    const bounded = await walkPages<SimLogEvent>(
      app,
      `/api/v1/logs?sortOrder=DESCENDING&limit=2&since=${encodeURIComponent(iso(NOW - 11 * DAY))}&until=${encodeURIComponent(iso(NOW - 1.5 * DAY))}`,
    );
    expect(bounded.map(names)).toEqual([['d2', 'd6'], ['d10']]);
  });

  it('refuses a cursor from another query', async () => {
    const { app } = await logsApp();
    const res = await app.inject('/api/v1/logs?sortOrder=DESCENDING&limit=1');
    const after = new URL(linkOf(res, 'next') ?? '').searchParams.get('after') ?? '';
    const other = await app.inject({ url: '/api/v1/logs', query: { after, limit: '1' } });
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({ errorCode: 'E0000053' });
  });
});

describe('GET /api/v1/logs — polling', () => {
  it('always has next, even on an empty page, and picks up events appended later', async () => {
    const { app, ctx } = await logsApp();
    const first = await app.inject({ url: '/api/v1/logs', query: { since: iso(NOW - 2 * HOUR) } });
    expect(names(first.json<SimLogEvent[]>())).toEqual(['h1']);
    const next = linkOf(first, 'next');
    expect(next).not.toBeNull();

    const empty = await app.inject(pathOf(next ?? ''));
    expect(empty.json()).toEqual([]);
    const stillNext = linkOf(empty, 'next');
    expect(stillNext).not.toBeNull();

    ctx.org.logs.append(makeEvent('new', 1000, { eventType: 'user.account.lock' }));
    const later = await app.inject(pathOf(stillNext ?? ''));
    expect(names(later.json<SimLogEvent[]>())).toEqual(['new']);
    const after = await app.inject(pathOf(linkOf(later, 'next') ?? ''));
    expect(after.json()).toEqual([]);
    expect(linkOf(after, 'next')).not.toBeNull();
    expect(ctx.stats.logPollingRequests).toBe(4);
  });

  it('has next on an empty store', async () => {
    const { app } = await logsApp([]);
    const res = await app.inject('/api/v1/logs');
    expect(res.json()).toEqual([]);
    expect(linkOf(res, 'next')).not.toBeNull();
  });

  it('resumes a full page exactly after its last event', async () => {
    const { app } = await logsApp();
    const first = await app.inject({ url: '/api/v1/logs', query: { limit: '3' } });
    expect(names(first.json<SimLogEvent[]>())).toEqual(['d6', 'd2', 'd1']);
    const second = await app.inject(pathOf(linkOf(first, 'next') ?? ''));
    expect(names(second.json<SimLogEvent[]>())).toEqual(['h1']);
  });
});

describe('GET /api/v1/logs — filter and q', () => {
  const since = iso(NOW - 30 * DAY);
  const query = async (app: Awaited<ReturnType<typeof logsApp>>['app'], params: Record<string, string>) =>
    app.inject({ url: '/api/v1/logs', query: { since, until: iso(NOW), ...params } });

  it.each([
    ['eventType eq "user.session.start"', ['d10', 'd2']],
    ['eventType sw "user.session"', ['d10', 'd2', 'h1']],
    ['eventType ew ".end"', ['h1']],
    [`actor.id eq "${bob.id}"`, ['d1']],
    [`target.id eq "${bob.id}"`, ['d6']],
    ['outcome.result eq "FAILURE"', ['d2']],
    ['client.ipAddress eq "203.0.113.10"', ['d2']],
    [`eventType eq "user.session.start" and outcome.result eq "SUCCESS"`, ['d10']],
    [`(actor.id eq "${bob.id}" or target.id eq "${bob.id}") and eventType sw "user."`, ['d6', 'd1']],
    [`actor.id ne "${alice.id}"`, ['d1']],
    ['debugContext.debugData.requestUri eq "/api/v1/users"', ['d10', 'd6', 'd2', 'd1', 'h1']],
  ])('filter %s', async (filter, expected) => {
    const { app } = await logsApp();
    const res = await query(app, { filter });
    expect(res.statusCode).toBe(200);
    expect(names(res.json<SimLogEvent[]>())).toEqual(expected);
  });

  it.each([
    ['published gt "2026-06-01T00:00:00.000Z"', 'E0000053'],
    ['nosuchfield eq "x"', 'E0000053'],
    ['eventType eqq "x"', 'E0000053'],
    ['eventType eq user.session.start', 'E0000053'],
    ['debugContext.debugData.url co "/oauth/"', 'E0000031'],
  ])('refuses filter %s with %s', async (filter, code) => {
    const { app } = await logsApp();
    const res = await query(app, { filter });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errorCode: code, errorLink: code });
  });

  it('q matches whole keywords case-insensitively, all of them, hyphen parts included', async () => {
    const { app } = await logsApp();
    const q = async (text: string): Promise<string[]> => names((await query(app, { q: text })).json<SimLogEvent[]>());
    expect(await q('CREATE okta')).toEqual(['d6']);
    expect(await q('alice smith')).toEqual(['d10', 'd6', 'd2', 'd1', 'h1']);
    expect(await q('XOxBw')).toEqual(['h1']);
    expect(await q('2JIRnCFd0gG0GjHAAABjY')).toEqual(['h1']);
    expect(await q('creat')).toEqual([]);
    expect(await q('203.0.113.10 failure')).toEqual(['d2']);
  });

  it('refuses more than 10 keywords or a keyword over 40 characters', async () => {
    const { app } = await logsApp();
    const many = await query(app, { q: Array.from({ length: 11 }, (_, i) => `k${i}`).join(' ') });
    expect(many.statusCode).toBe(400);
    expect(many.json()).toMatchObject({ errorCode: 'E0000001' });
    const long = await query(app, { q: 'x'.repeat(41) });
    expect(long.statusCode).toBe(400);
  });
});

describe('GET /api/v1/logs — parameters', () => {
  it.each([
    [{ since: 'yesterday' }, 'E0000001'],
    [{ until: '2026-13-45' }, 'E0000001'],
    [{ sortOrder: 'SIDEWAYS' }, 'E0000001'],
    [{ limit: 'ten' }, 'E0000001'],
    [{ since: iso(NOW - DAY), after: 'abc' }, 'E0000053'],
  ])('refuses %o with %s', async (params, code) => {
    const { app } = await logsApp();
    const res = await app.inject({ url: '/api/v1/logs', query: params });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errorCode: code });
  });

  it('defaults limit to 100 and clamps it to 1000', async () => {
    const events = Array.from({ length: 1500 }, (_, i) => makeEvent(String(i), 3 * DAY - i * MINUTE));
    const { app } = await logsApp(events);
    const window = { since: iso(NOW - 4 * DAY), until: iso(NOW) };
    expect((await app.inject({ url: '/api/v1/logs', query: window })).json<unknown[]>()).toHaveLength(100);
    const big = await app.inject({ url: '/api/v1/logs', query: { ...window, limit: '5000' } });
    expect(big.json<unknown[]>()).toHaveLength(1000);
    expect(new URL(linkOf(big, 'next') ?? '').searchParams.get('limit')).toBe('1000');
  });

  it('answers writes with 405', async () => {
    const { app } = await logsApp();
    const res = await app.inject({ method: 'DELETE', url: '/api/v1/logs' });
    expect(res.statusCode).toBe(405);
    expect(res.json()).toMatchObject({ errorCode: 'E0000022' });
  });
});

/** Counts how many events are materialised, to prove the window is found without reading events. */
class CountingStore implements SimLogStore {
  reads = 0;
  constructor(private readonly inner: SimLogStore) {}
  get size(): number {
    return this.inner.size;
  }
  publishedAt(index: number): number {
    return this.inner.publishedAt(index);
  }
  event(index: number): SimLogEvent {
    this.reads++;
    return this.inner.event(index);
  }
  append(event: SimLogEvent): void {
    this.inner.append(event);
  }
}

describe('GET /api/v1/logs — large stores', () => {
  const events = Array.from({ length: 100_000 }, (_, i) =>
    makeEvent(String(i), 80 * DAY - i * 60_000, { eventType: i % 1000 === 0 ? 'user.account.lock' : 'user.session.start' }),
  );

  it('reads only the events of the page when nothing filters', async () => {
    const store = new CountingStore(new ArrayLogStore(events));
    const { app } = await logsApp(store);
    const res = await app.inject({ url: '/api/v1/logs', query: { since: iso(NOW - 40 * DAY), until: iso(NOW - 39 * DAY), limit: '5' } });
    expect(res.json<unknown[]>()).toHaveLength(5);
    expect(linkOf(res, 'next')).not.toBeNull();
    expect(store.reads).toBe(5);
  });

  it('scans only the window when filtering', async () => {
    const store = new CountingStore(new ArrayLogStore(events));
    const { app } = await logsApp(store);
    const pages = await walkPages<SimLogEvent>(
      app,
      `/api/v1/logs?limit=2&filter=${encodeURIComponent('eventType eq "user.account.lock"')}&since=${encodeURIComponent(iso(NOW - 60 * DAY))}&until=${encodeURIComponent(iso(NOW - 50 * DAY))}`,
    );
    expect(pages.flat().every((e) => e.eventType === 'user.account.lock')).toBe(true);
    expect(pages.flat()).toHaveLength(15);
    // ten days of one-a-minute events, read about once each (plus the events returned)
    expect(store.reads).toBeLessThan(10 * 1440 + 100);
  });
});
