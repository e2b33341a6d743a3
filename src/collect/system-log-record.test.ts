import { describe, expect, it } from 'vitest';
import { parseLogEvent } from './system-log-record.js';

describe('parseLogEvent', () => {
  it('refuses an event nested thousands of levels deep instead of overflowing the stack when it is stored', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 10_000; level += 1) deep = [deep];
    const event = { uuid: 'u-1', published: '2026-03-01T12:00:00.000Z', eventType: 'user.session.start', debugContext: { debugData: { deep } } };
    expect(parseLogEvent(event)).toEqual({ ok: false, message: 'the event is nested deeper than 64 levels' });
    expect(parseLogEvent({ ...event, debugContext: {} })).toMatchObject({ ok: true });
  });
});
