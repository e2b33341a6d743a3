import { expect, it } from 'vitest';
import { collect, describeEachBackend } from '../testing/backend-suite.js';
import { makeLogEvent, newOrg, paddedId } from '../testing/fixtures.js';
import type { LogEventRecord } from '../types.js';

const T0 = Date.parse('2024-05-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);

describeEachBackend('System Log events on %s', ({ store, org }) => {
  it('round-trips an event with its raw payload', async () => {
    const event = makeLogEvent({
      uuid: 'e1',
      published: at(123),
      eventType: 'user.mfa.factor.activate',
      outcomeResult: null,
      actorId: null,
      targetIds: ['00u1', 'fac1'],
      raw: { uuid: 'e1', target: [{ id: '00u1', type: 'User' }], debugContext: { debugData: { requestUri: '/x' } } },
    });
    await store().logEvents.insert(org(), [event]);
    expect(await collect(store().logEvents.stream(org(), { since: at(0), until: at(1_000) }))).toEqual([event]);
  });

  it('stores each uuid once, across calls and within one batch', async () => {
    const events = ['e1', 'e2', 'e3'].map((uuid, i) => makeLogEvent({ uuid, published: at(i) }));
    expect(await store().logEvents.insert(org(), events)).toBe(3);
    // An overlapping re-read (cursor restart) returns two known events and one new one, and a page repeats itself.
    const overlap = [events[1]!, events[2]!, makeLogEvent({ uuid: 'e4', published: at(3) }), makeLogEvent({ uuid: 'e4', published: at(3) })];
    expect(await store().logEvents.insert(org(), overlap)).toBe(1);
    expect(await store().logEvents.count(org())).toBe(4);
    // The same uuid in another org is another event.
    expect(await store().logEvents.insert(newOrg(), [events[0]!])).toBe(1);
  });

  it('streams a window in (published, uuid) order across page boundaries, including ties on published', async () => {
    async function* events(): AsyncGenerator<LogEventRecord> {
      // 2,500 events, five per millisecond, inserted newest first and with uuids that do not follow time.
      for (let n = 2_499; n >= 0; n -= 1) {
        // Like a paginated API: the source awaits between pages.
        if (n % 500 === 0) await Promise.resolve();
        yield makeLogEvent({ uuid: paddedId('uuid-', (n * 7919) % 2_500), published: at(Math.floor(n / 5)), eventType: n % 2 === 0 ? 'user.session.start' : 'policy.lifecycle.update' });
      }
    }
    expect(await store().logEvents.insert(org(), events())).toBe(2_500);

    const window = { since: at(100), until: at(400) };
    const streamed = await collect(store().logEvents.stream(org(), window, { batchSize: 64 }));
    expect(streamed).toHaveLength(1_500);
    const keys = streamed.map((event) => [event.published.getTime(), event.uuid] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
    expect(new Set(streamed.map((event) => event.uuid)).size).toBe(1_500);
    expect(streamed[0]?.published).toEqual(at(100));
    expect(streamed.at(-1)?.published).toEqual(at(399));
    expect(await store().logEvents.count(org(), window)).toBe(1_500);

    const sessions = await collect(store().logEvents.stream(org(), window, { batchSize: 100, eventTypes: ['user.session.start'] }));
    expect(sessions).toHaveLength(750);
    expect(sessions.every((event) => event.eventType === 'user.session.start')).toBe(true);
    expect(await collect(store().logEvents.stream(org(), window, { eventTypes: [] }))).toEqual([]);
  });

  it('prunes events older than the retention cut-off, in this org only', async () => {
    const other = newOrg();
    const events = [0, 10, 20, 30].map((ms) => makeLogEvent({ uuid: `e${ms}`, published: at(ms) }));
    await store().logEvents.insert(org(), events);
    await store().logEvents.insert(other, events);
    expect(await store().logEvents.pruneOlderThan(org(), at(20))).toBe(2);
    expect((await collect(store().logEvents.stream(org(), { since: at(0), until: at(100) }))).map((event) => event.uuid)).toEqual(['e20', 'e30']);
    expect(await store().logEvents.count(other)).toBe(4);
  });
});
