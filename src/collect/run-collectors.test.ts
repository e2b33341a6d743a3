import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../config/runtime.js';
import { OktaClientError } from '../okta/errors.js';
import type { Store } from '../store/store.js';
import { newOrg } from '../store/testing/fixtures.js';
import { availableBackends } from '../store/testing/test-backends.js';
import type { DatasetStatus } from '../store/types.js';
import type { Collector } from './collector.js';
import { runSync } from './sync-run.js';
import { fakeEmpty, statsOnlyClient, untilAborted } from './testing/fake-collectors.js';

// The run's scheduling does not depend on the database: SQLite only.
const [sqlite] = availableBackends(undefined);
afterAll(() => sqlite?.dispose());

/** A promise the test resolves by hand, to hold a collector at a point until another one got somewhere. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Fails the test instead of hanging it when collectors wait for each other forever. */
function withinSeconds<T>(seconds: number, work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${seconds} s: a deadlock`)), seconds * 1000))]);
}

describe('runCollectors (through runSync)', () => {
  let store: Store;
  let org: string;
  beforeAll(async () => {
    if (sqlite === undefined) throw new Error('no SQLite backend');
    ({ store } = await sqlite.open());
  });
  beforeEach(() => {
    org = newOrg();
  });

  const sync = (collectors: Collector[]) =>
    withinSeconds(10, runSync({ store, client: statsOnlyClient(), org, collectors, clock: Date.now, logger: silentLogger }, { trigger: 'cli', timeoutMs: 60_000 }));
  const states = (datasets: readonly DatasetStatus[]) => Object.fromEntries(datasets.map((d) => [d.dataset, [d.state, d.reason]]));

  it('runs collectors that do not depend on each other at the same time', async () => {
    // Each waits until the other has started: run one after the other, they would never end.
    const usersStarted = gate();
    const groupsStarted = gate();
    const outcome = await sync([
      fakeEmpty('users', 'users', { before: async () => (usersStarted.open(), await groupsStarted.opened) }),
      fakeEmpty('groups', 'groups', { before: async () => (groupsStarted.open(), await usersStarted.opened) }),
    ]);
    expect(states(outcome.datasets)).toMatchObject({ users: ['complete', undefined], groups: ['complete', undefined] });
  });

  it('starts a collector only after what it dependsOn has ended, and waits part-way for what it waitsFor', async () => {
    const events: string[] = [];
    const usersMayEnd = gate();
    let seen: readonly DatasetStatus[] = [];
    await sync([
      fakeEmpty('users', 'users', {
        before: async () => {
          events.push('users start');
          await usersMayEnd.opened;
          events.push('users end');
        },
      }),
      fakeEmpty('factors', 'factors', { dependsOn: ['users'], before: () => void events.push('factors start') }),
      fakeEmpty('apps', 'apps', {
        waitsFor: ['users'],
        before: async (ctx) => {
          events.push('apps start');
          usersMayEnd.open();
          seen = await ctx.after('users');
          events.push('apps saw users end');
        },
      }),
    ]);
    expect(events.indexOf('apps start')).toBeLessThan(events.indexOf('users end'));
    expect(events.indexOf('factors start')).toBeGreaterThan(events.indexOf('users end'));
    expect(events.indexOf('apps saw users end')).toBeGreaterThan(events.indexOf('users end'));
    expect(seen).toEqual([{ dataset: 'users', state: 'complete', count: 0 }]);
  });

  it('refuses to wait for a collector that was not declared, instead of risking a deadlock', async () => {
    const outcome = await sync([
      fakeEmpty('users', 'users'),
      fakeEmpty('apps', 'apps', {
        before: async (ctx) => {
          await ctx.after('users');
        },
      }),
    ]);
    expect(states(outcome.datasets).apps).toEqual(['failed', expect.stringContaining('waits for "users" without declaring it')]);
  });

  it('stops the collectors still running when one fails fatally, and does not start the ones after it', async () => {
    const groupsRunning = gate();
    const rejected = new OktaClientError('OKTA_TOKEN_INVALID', 'Okta rejected the API token: create a new one and set OKTA_API_TOKEN.');
    const outcome = await sync([
      fakeEmpty('groups', 'groups', { before: async (ctx) => (groupsRunning.open(), await untilAborted(ctx.signal)) }),
      fakeEmpty('users', 'users', {
        before: async () => {
          await groupsRunning.opened;
          throw rejected;
        },
      }),
      fakeEmpty('factors', 'factors', { dependsOn: ['users'] }),
    ]);
    expect(outcome).toMatchObject({ status: 'failed', errors: [{ code: 'OKTA_TOKEN_INVALID' }] });
    expect(states(outcome.datasets)).toEqual({
      groups: ['partial', 'not finished: the sync stopped (OKTA_TOKEN_INVALID)'],
      users: ['failed', rejected.message],
      factors: ['not_started', 'not read: the sync stopped (OKTA_TOKEN_INVALID)'],
    });
  });

  it('does not run a collector whose prerequisite could not be read, and says which', async () => {
    const outcome = await sync([
      fakeEmpty('users', 'users', {
        before: () => {
          throw new OktaClientError('OKTA_SERVER_ERROR', 'Okta answered 500 for GET /api/v1/users after 4 attempts.');
        },
      }),
      fakeEmpty('factors', 'factors', { dependsOn: ['users'] }),
    ]);
    expect(states(outcome.datasets).factors).toEqual(['not_started', 'not read: it needs users, which could not be read']);
  });
});
