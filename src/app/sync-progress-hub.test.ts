import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createSyncProgressHub, type SyncProgressEvent } from './sync-progress-hub.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const ORG = 'acme.okta.com';

it('sends a dataset’s first count at once, then at most one per interval with the latest count', () => {
  const hub = createSyncProgressHub(250);
  const seen: SyncProgressEvent[] = [];
  hub.subscribe(ORG, (event) => seen.push(event));
  const listener = hub.listenerFor(ORG);
  for (let count = 1; count <= 100; count += 1) listener.update?.('factors', { count, total: 100 });
  listener.update?.('users', { count: 7 });
  expect(seen).toEqual([{ type: 'dataset', dataset: 'factors', count: 1, total: 100 }, { type: 'dataset', dataset: 'users', count: 7, total: undefined }]);
  vi.advanceTimersByTime(250);
  expect(seen.at(-1)).toEqual({ type: 'dataset', dataset: 'factors', count: 100, total: 100 });
  expect(seen).toHaveLength(3);
  vi.advanceTimersByTime(1_000);
  expect(seen).toHaveLength(3);
});

it('sends the held-back count before the dataset’s finish, and every watcher the same events', () => {
  const hub = createSyncProgressHub(250);
  const first: SyncProgressEvent[] = [];
  const second: SyncProgressEvent[] = [];
  hub.subscribe(ORG, (event) => first.push(event));
  hub.subscribe(ORG, (event) => second.push(event));
  const listener = hub.listenerFor(ORG);
  listener.update?.('users', { count: 200 });
  listener.update?.('users', { count: 400 });
  listener.datasetFinished?.({ dataset: 'users', state: 'complete', count: 450 });
  expect(first.map((event) => (event.type === 'dataset' ? event.count : event.type))).toEqual([200, 400, 'datasetFinished']);
  expect(second).toEqual(first);
  vi.advanceTimersByTime(1_000);
  expect(first).toHaveLength(3);
});

it('keeps nothing for an org nobody watches, and drops a watcher that throws', () => {
  const hub = createSyncProgressHub(250);
  hub.listenerFor(ORG).update?.('users', { count: 1 });
  expect(vi.getTimerCount()).toBe(0);
  const seen: SyncProgressEvent[] = [];
  hub.subscribe(ORG, () => {
    throw new Error('gone');
  });
  hub.subscribe(ORG, (event) => seen.push(event));
  hub.listenerFor(ORG).update?.('groups', { count: 1 });
  expect(hub.watcherCount(ORG)).toBe(1);
  expect(seen).toHaveLength(1);
});

it('relays every event of a sync run here, coalesced, with or without watchers; delivered events reach watchers only', () => {
  const hub = createSyncProgressHub(250);
  const relayed: [string, SyncProgressEvent][] = [];
  const stop = hub.relayTo((org, event) => relayed.push([org, event]));
  const listener = hub.listenerFor(ORG);
  for (let count = 1; count <= 10; count += 1) listener.update?.('users', { count });
  listener.datasetFinished?.({ dataset: 'users', state: 'complete', count: 10 });
  expect(relayed.map(([org, event]) => [org, event.type === 'dataset' ? event.count : event.type])).toEqual([
    [ORG, 1],
    [ORG, 10],
    [ORG, 'datasetFinished'],
  ]);

  const seen: SyncProgressEvent[] = [];
  hub.subscribe(ORG, (event) => seen.push(event));
  const remote: SyncProgressEvent = { type: 'dataset', dataset: 'groups', count: 3 };
  hub.deliver(ORG, remote);
  hub.deliver('other.okta.com', remote);
  expect(seen).toEqual([remote]);
  expect(relayed).toHaveLength(3);

  stop();
  listener.changesFound?.({ users: 1, factors: 0, groupMemberships: 0, apps: 0, appAssignments: 0, policies: 0, logCutoff: null, logComplete: true });
  expect(relayed).toHaveLength(3);
  expect(seen).toHaveLength(2);
});

it('a relay that throws does not reach the sync or the watchers', () => {
  const hub = createSyncProgressHub(250);
  hub.relayTo(() => {
    throw new Error('queue full');
  });
  const seen: SyncProgressEvent[] = [];
  hub.subscribe(ORG, (event) => seen.push(event));
  expect(() => hub.listenerFor(ORG).update?.('users', { count: 1 })).not.toThrow();
  expect(seen).toHaveLength(1);
});
