import { describe, expect, it } from 'vitest';
import { createPacer, resourceOf } from './pacing.js';

function fakeTime() {
  let now = Date.parse('2026-12-01T10:00:00Z');
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    sleeps,
    advance: (ms: number) => (now += ms),
  };
}

describe('the pacer', () => {
  it('waits for the reset when the headers say nothing is left, and not before', async () => {
    const time = fakeTime();
    const pacer = createPacer({ now: time.now, sleep: time.sleep, marginMs: 1_000 });
    const reset = Math.floor(time.now() / 1000) + 30;
    pacer.observe('core', { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' });
    await pacer.beforeRequest('core');
    expect(time.sleeps).toEqual([]);
    pacer.observe('core', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' });
    // Another resource has its own budget.
    await pacer.beforeRequest('graphql');
    expect(time.sleeps).toEqual([]);
    await pacer.beforeRequest('core');
    expect(time.sleeps).toEqual([reset * 1000 - Date.parse('2026-12-01T10:00:00Z') + 1_000]);
    expect(pacer.stats).toMatchObject({ requests: 3, primaryWaits: 1, requestsByResource: { core: 2, graphql: 1 } });
  });

  it('reads resets in the server’s clock (Date header) and copes with no rate-limit headers (GHES without limits)', async () => {
    const time = fakeTime();
    const pacer = createPacer({ now: time.now, sleep: time.sleep, marginMs: 0 });
    const serverNow = time.now() + 5_000; // the server's clock runs 5 s ahead
    pacer.observe('core', { date: new Date(serverNow).toUTCString(), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(serverNow / 1000) + 10) });
    await pacer.beforeRequest('core');
    expect(time.sleeps).toEqual([10_000]);
    pacer.observe('core', {});
    await pacer.beforeRequest('core');
    expect(time.sleeps).toHaveLength(1);
  });

  it('holds every request back after a secondary-limit refusal', async () => {
    const time = fakeTime();
    const pacer = createPacer({ now: time.now, sleep: time.sleep });
    pacer.pauseAll(60);
    await pacer.beforeRequest('graphql');
    await pacer.beforeRequest('core');
    expect(time.sleeps).toEqual([60_000]);
  });

  it('knows GraphQL from REST by the path', () => {
    expect(resourceOf('https://api.github.com/graphql')).toBe('graphql');
    expect(resourceOf('https://h.example.com/api/graphql')).toBe('graphql');
    expect(resourceOf('https://api.github.com/orgs/x/members?per_page=100')).toBe('core');
  });
});
