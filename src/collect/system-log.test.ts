import { describe, expect, it } from 'vitest';
import type { SimLogEvent } from '../simulator/org/types.js';
import type { LogCursor } from '../store/types.js';
import { DEFAULT_LOG_EVENT_TYPES } from './collector.js';
import { logWindow, PERSISTENCE_DELAY_MS, systemLogCollector } from './system-log.js';
import { all, craftOrg, simLogEvent, startHarness } from './testing/collect-kit.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

async function storedUuids(h: Awaited<ReturnType<typeof startHarness>>): Promise<string[]> {
  const events = await all(h.store.logEvents.stream(h.org, { since: new Date(0), until: new Date(8.64e15) }));
  return events.map((e) => e.uuid).sort();
}

describe('system log collector', () => {
  it('reads the configured event types in the window, stays a minute behind now, and continues from its cursor', async () => {
    let now = Date.now();
    const t0 = now;
    const events: SimLogEvent[] = [
      simLogEvent('e1-too-old', t0 - 10 * DAY),
      simLogEvent('e2-in-window', t0 - 3 * DAY),
      simLogEvent('e3-lock', t0 - 2 * DAY, 'user.account.lock'),
      simLogEvent('e4-not-configured', t0 - 2 * DAY, 'system.api_token.create'),
      simLogEvent('e5-too-recent', t0 - 30_000),
    ];
    const org = craftOrg({ logs: events });
    const h = await startHarness({ org, clock: () => now });

    const first = await systemLogCollector.collect(h.context());

    expect(await storedUuids(h)).toEqual(['e2-in-window', 'e3-lock']);
    expect(first.logCursor).toEqual({ until: new Date(t0 - PERSISTENCE_DELAY_MS), lastUuids: [] });
    expect(first.datasets).toEqual([{ dataset: 'logEvents', state: 'complete', count: 2 }]);

    // Five minutes later, with a new event: the next read starts where the first ended, so e5 is not lost.
    now = t0 + 5 * MINUTE;
    org.logs.append(simLogEvent('e6-new', t0 + 2 * MINUTE, 'user.mfa.factor.activate'));
    const second = await systemLogCollector.collect(h.context({ logCursor: first.logCursor ?? null }));

    expect(await storedUuids(h)).toEqual(['e2-in-window', 'e3-lock', 'e5-too-recent', 'e6-new']);
    expect(second.logCursor).toEqual({ until: new Date(now - PERSISTENCE_DELAY_MS), lastUuids: [] });
    expect(second.datasets).toEqual([{ dataset: 'logEvents', state: 'complete', count: 2 }]);

    // Reading the same span again stores nothing twice.
    await systemLogCollector.collect(h.context({ logCursor: first.logCursor ?? null }));
    expect(await h.store.logEvents.count(h.org)).toBe(4);
  });

  it('skips the events the previous read already stored at the instant it stopped', async () => {
    const now = Date.now();
    const at = now - 2 * DAY;
    const h = await startHarness({ org: craftOrg({ logs: [simLogEvent('seen-before', at), simLogEvent('same-instant-new', at), simLogEvent('later', at + 1000)] }), clock: () => now });

    await systemLogCollector.collect(h.context({ logCursor: { until: new Date(at), lastUuids: ['seen-before'] } }));

    expect(await storedUuids(h)).toEqual(['later', 'same-instant-new']);
  });

  it('keeps each event whole but strips query strings and secret-named values from debugData', async () => {
    const now = Date.now();
    const event = simLogEvent('e-debug', now - DAY, 'user.session.start', {
      debugContext: {
        debugData: {
          requestId: 'abc123',
          requestUri: '/login/sessionCookieRedirect',
          url: '/login/sessionCookieRedirect?token=20111secretSessionToken&redirectUrl=https%3A%2F%2Fexample.com',
          redirectUri: 'https://app.example.com/callback#access_token=eyJsecret',
          sessionToken: 'plain-secret',
          threatSuspected: 'false',
        },
      },
    });
    const h = await startHarness({ org: craftOrg({ logs: [event] }), clock: () => now });

    await systemLogCollector.collect(h.context());

    const [stored] = await all(h.store.logEvents.stream(h.org, { since: new Date(0), until: new Date(now) }));
    expect(stored).toMatchObject({ uuid: 'e-debug', eventType: 'user.session.start', outcomeResult: 'SUCCESS', actorId: '00uACTOR', actorAlternateId: 'actor@example.com', targetIds: ['0oaTARGET'] });
    expect(stored?.raw).toMatchObject({
      client: { ipAddress: '203.0.113.10' },
      debugContext: {
        debugData: {
          requestId: 'abc123',
          requestUri: '/login/sessionCookieRedirect',
          url: '/login/sessionCookieRedirect?…',
          redirectUri: 'https://app.example.com/callback?…',
          sessionToken: '[removed]',
          threatSuspected: 'false',
        },
      },
    });
    expect(JSON.stringify(stored?.raw)).not.toMatch(/secret/i);
  });

  it('records an event that does not parse and marks the dataset partial', async () => {
    const now = Date.now();
    const broken = { ...simLogEvent('e-broken', now - DAY), eventType: '' };
    const h = await startHarness({ org: craftOrg({ logs: [simLogEvent('e-ok', now - DAY), broken] }), clock: () => now });
    // No filter (every event type), so the simulator serves the event without an eventType.
    const result = await systemLogCollector.collect(h.context({ options: { logEventTypes: [] } }));

    expect(result.errors).toEqual([{ dataset: 'logEvents', entityId: 'e-broken', message: expect.stringContaining('eventType') as unknown }]);
    expect(result.datasets[0]).toMatchObject({ state: 'partial', count: 1 });
  });

  it('returns a partial read with a cursor when the budget runs out, and the next read continues without a gap', async () => {
    const now = Date.now();
    const start = now - 2 * DAY;
    const logs = Array.from({ length: 2500 }, (_, i) => simLogEvent(`ev-${String(i).padStart(5, '0')}`, start + i * 1000));
    const h = await startHarness({ org: craftOrg({ logs }), clock: () => now });
    const budget = new AbortController();

    const first = await systemLogCollector.collect(
      h.context({
        signal: budget.signal,
        options: { logEventTypes: ['user.session.start'] },
        progress: (dataset, update) => {
          if (dataset === 'logEvents' && update.count >= 1000) budget.abort();
        },
      }),
    );

    expect(await h.store.logEvents.count(h.org)).toBe(1000);
    expect(first.logCursor).toEqual({ until: new Date(start + 999 * 1000), lastUuids: ['ev-00999'] });
    expect(first.datasets[0]).toMatchObject({ state: 'partial', count: 1000, reason: expect.stringContaining('the next sync continues') as unknown });

    const second = await systemLogCollector.collect(h.context({ logCursor: first.logCursor ?? null, options: { logEventTypes: ['user.session.start'] } }));
    expect(await h.store.logEvents.count(h.org)).toBe(2500);
    expect(second.datasets[0]).toMatchObject({ state: 'complete', count: 1501 });
  });

  it('splits the default event types into a few queries and stores exactly the matching events of a generated org', async () => {
    const now = Date.now();
    const h = await startHarness({ sim: { users: 20, seed: 8, logEventsPerUserPerDay: 4 }, clock: () => now });
    const since = now - 7 * DAY;
    const until = now - PERSISTENCE_DELAY_MS;
    const types = new Set<string>(DEFAULT_LOG_EVENT_TYPES);
    const expected: string[] = [];
    for (let i = 0; i < h.sim.org.logs.size; i++) {
      const ms = h.sim.org.logs.publishedAt(i);
      if (ms >= since && ms < until) {
        const event = h.sim.org.logs.event(i);
        if (types.has(event.eventType)) expected.push(event.uuid);
      }
    }
    expect(expected.length).toBeGreaterThan(100);

    const result = await systemLogCollector.collect(h.context());

    expect(await storedUuids(h)).toEqual(expected.sort());
    expect(result.datasets).toEqual([{ dataset: 'logEvents', state: 'complete', count: expected.length }]);
  });

  it('reports events lost to the 90-day retention when the cursor is older than that', async () => {
    const now = Date.now();
    const h = await startHarness({ org: craftOrg({ logs: [simLogEvent('recent', now - DAY)] }), clock: () => now });
    const stale: LogCursor = { until: new Date(now - 120 * DAY), lastUuids: [] };

    const result = await systemLogCollector.collect(h.context({ logCursor: stale }));

    expect(result.datasets[0]).toMatchObject({ state: 'partial', count: 1, reason: expect.stringContaining("past Okta's 90-day retention") as unknown });
    expect(result.logCursor?.until).toEqual(new Date(now - PERSISTENCE_DELAY_MS));
  });
});

describe('logWindow', () => {
  const now = Date.parse('2026-05-13T12:00:00.000Z');

  it('goes back logWindowDays on a first read and continues from the cursor afterwards', () => {
    expect(logWindow(now, 7, null)).toEqual({ since: now - 7 * DAY, until: now - MINUTE });
    expect(logWindow(now, 7, { until: new Date(now - 10 * DAY), lastUuids: [] })).toEqual({ since: now - 10 * DAY, until: now - MINUTE });
  });

  it('refuses a window outside 1–90 days', () => {
    expect(() => logWindow(now, 0, null)).toThrow(RangeError);
    expect(() => logWindow(now, 91, null)).toThrow(RangeError);
  });
});
