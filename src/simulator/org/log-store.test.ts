import { describe, expect, it } from 'vitest';
import { CompactLogStore, type CompactLogColumns } from './log-store.js';
import type { SimLogEvent } from './types.js';

const T0 = Date.parse('2026-05-01T00:00:00.000Z');

function columns(times: number[]): CompactLogColumns {
  const n = times.length;
  return {
    published: Float64Array.from(times),
    kind: new Uint8Array(n),
    outcome: new Uint8Array(n),
    actor: new Uint32Array(n),
    subject: new Uint32Array(n),
    target: new Uint32Array(n),
  };
}

function event(uuid: string, at: number): SimLogEvent {
  return {
    uuid,
    published: new Date(at).toISOString(),
    eventType: 'user.session.start',
    outcome: { result: 'SUCCESS', reason: null },
    actor: { id: '00u1', type: 'User', alternateId: 'alice@example.com', displayName: 'Alice', detailEntry: null },
    client: { ipAddress: '203.0.113.1' },
    target: [],
  };
}

/** A store whose generated events are named `g<compact index>`, so tests can see which slot answered. */
function store(times: number[]): CompactLogStore {
  return new CompactLogStore(columns(times), (c, i) => event(`g${i}`, c.published[i] ?? 0));
}

const uuids = (s: CompactLogStore) => Array.from({ length: s.size }, (_, i) => s.event(i).uuid);

describe('CompactLogStore', () => {
  it('materialises generated events by index', () => {
    const s = store([T0, T0 + 10, T0 + 20]);
    expect(s.size).toBe(3);
    expect(s.publishedAt(1)).toBe(T0 + 10);
    expect(s.event(2).uuid).toBe('g2');
  });

  it('puts appended events after generated ones when they are newer', () => {
    const s = store([T0, T0 + 10]);
    s.append(event('a0', T0 + 100));
    s.append(event('a1', T0 + 200));
    expect(uuids(s)).toEqual(['g0', 'g1', 'a0', 'a1']);
    expect(s.publishedAt(3)).toBe(T0 + 200);
  });

  it('merges an appended event older than generated ones in time order', () => {
    const s = store([T0, T0 + 10, T0 + 20, T0 + 30]);
    s.append(event('late', T0 + 100));
    s.append(event('early', T0 + 15));
    s.append(event('first', T0 - 5));
    expect(uuids(s)).toEqual(['first', 'g0', 'g1', 'early', 'g2', 'g3', 'late']);
    for (let i = 1; i < s.size; i++) expect(s.publishedAt(i)).toBeGreaterThanOrEqual(s.publishedAt(i - 1));
    for (let i = 0; i < s.size; i++) expect(Date.parse(s.event(i).published)).toBe(s.publishedAt(i));
  });

  it('keeps generated events first among equal timestamps, and appended ones in arrival order', () => {
    const s = store([T0, T0 + 10]);
    s.append(event('x', T0));
    s.append(event('y', T0));
    expect(uuids(s)).toEqual(['g0', 'x', 'y', 'g1']);
  });

  it('works with no generated events', () => {
    const s = store([]);
    s.append(event('b', T0 + 1));
    s.append(event('a', T0));
    expect(uuids(s)).toEqual(['a', 'b']);
  });

  it('rejects out-of-range indexes and unparseable timestamps', () => {
    const s = store([T0]);
    expect(() => s.event(1)).toThrow(RangeError);
    expect(() => s.event(-1)).toThrow(RangeError);
    expect(s.publishedAt(5)).toBeNaN();
    expect(() => s.append({ ...event('bad', T0), published: 'yesterday' })).toThrow(TypeError);
  });
});
