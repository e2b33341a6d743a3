import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthStrategy } from '../okta/auth/types.js';
import { createOktaClient } from '../okta/client.js';
import { FakeTime } from '../okta/testing/fake-time.js';
import { makeApp, makeAppAssignment, paddedId } from '../store/testing/fixtures.js';
import { reverifyOldestApps } from './app-assignment-changes.js';
import type { ChangeScope } from './change-scope.js';
import { DatasetReport } from './dataset-report.js';
import { all, startHarness } from './testing/collect-kit.js';
import { windowGate } from './window-gate.js';

/**
 * Issue 13, the unchanged 1,000-user org's sync that took 66.6 s instead of 9 s: an app's user read, begun within
 * re-verification's share but after the apps bucket's window was used up, waited for the next window (a minute),
 * since a read that replaces the app's rows as it streams cannot be withdrawn. Re-verification now begins an app only
 * when the window still takes all its requests. Real client and pacer, Okta's rate-limit headers, a fake clock.
 */

const T0 = Date.UTC(2026, 11, 2, 12, 0, 0);
const WINDOW_MS = 60_000;
const auth: AuthStrategy = {
  kind: 'ssws',
  authorize: () => Promise.resolve({ authorization: 'SSWS 00TESTabcdefghijklmnopqrstuvwxyz0123456789AB' }),
  handleChallenge: () => false,
  secrets: () => [],
};

let agents: MockAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.map((agent) => agent.close()));
  agents = [];
});

/**
 * An apps bucket of 50 requests a window whose current window has `left` requests left (the change-driven reads and
 * the app list used the rest), answering every app's groups (none) and users (`usersOf`, pages of 500).
 */
function appsBucket(time: FakeTime, left: number, usersOf: (appId: string) => number) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  const window = { resetAt: T0 + 20_000, remaining: left };
  const paths: string[] = [];
  agent
    .get('https://example.okta.com')
    .intercept({ path: (path) => path.startsWith('/api/v1/apps/') })
    .reply((request): { statusCode: number; data: object; responseOptions: { headers: Record<string, string> } } => {
      if (time.now >= window.resetAt) Object.assign(window, { resetAt: window.resetAt + WINDOW_MS, remaining: 50 });
      window.remaining--;
      const headers: Record<string, string> = {
        'x-rate-limit-limit': '50',
        'x-rate-limit-remaining': String(Math.max(0, window.remaining)),
        'x-rate-limit-reset': String(Math.ceil(window.resetAt / 1000)),
        date: new Date(time.now).toUTCString(),
      };
      const url = new URL(request.path, 'https://example.okta.com');
      paths.push(url.pathname + url.search);
      if (window.remaining < 0) return { statusCode: 429, data: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit' }, responseOptions: { headers } };
      const [, appId, sub] = /^\/api\/v1\/apps\/([^/]+)\/(groups|users)$/.exec(url.pathname) ?? [];
      if (sub === 'groups' || appId === undefined) return { statusCode: 200, data: [], responseOptions: { headers } };
      const offset = Number(url.searchParams.get('after') ?? 0);
      const total = usersOf(appId);
      const page = Array.from({ length: Math.min(500, total - offset) }, (_, i) => ({ id: paddedId('00u', offset + i), scope: 'USER', status: 'PROVISIONED' }));
      if (offset + 500 < total) headers.link = `<https://example.okta.com/api/v1/apps/${appId}/users?after=${offset + 500}&limit=500>; rel="next"`;
      return { statusCode: 200, data: page, responseOptions: { headers } };
    })
    .persist();
  return { agent, paths };
}

function reverifyScope(): ChangeScope {
  return {
    since: new Date(T0 - 3_600_000),
    plan: () => Promise.reject(new Error('not needed')),
    changedUsers: new Set(),
    movedMembers: new Map(),
    // A share long enough never to end here: what is measured is the window, not the share's timer.
    reverify: { limit: 1000, canContinue: () => true, signal: new AbortController().signal },
    result: { reverifiedUsers: 0, reverifiedApps: 0, reverifyRequests: { factors: 0, apps: 0 }, reverifyWithdrawn: 0, oldestVerifiedAt: null },
  };
}

describe('re-verification of apps within the current rate-limit window', () => {
  it('begins only the apps the window still takes whole, so the sync does not wait out a window for re-verification', async () => {
    const time = new FakeTime(T0);
    const h = await startHarness();
    // Oldest first: five apps of one page of users each and, third, one of 600 users (two pages).
    const apps = ['0oaA', '0oaB', '0oaBIG', '0oaC', '0oaD', '0oaE'];
    const usersOf = (appId: string) => (appId === '0oaBIG' ? 600 : 3);
    await h.store.entities.upsert('apps', h.snapshotId, apps.map((id) => makeApp({ id })));
    for (const [i, appId] of apps.entries()) {
      await h.store.entities.upsert('appAssignments', h.snapshotId, Array.from({ length: usersOf(appId) }, (_, n) => makeAppAssignment({ appId, userId: paddedId('00u', n) })));
      await h.store.progress.markVerified(h.snapshotId, 'appAssignments', [appId], new Date(T0 - 86_400_000 + i));
    }
    // 9 left in the window, 1 kept in reserve: 8 requests = A (2) + B (2) + BIG (1 + 2) = 7; C would need 2 more.
    const { agent, paths } = appsBucket(time, 9, usersOf);
    const client = createOktaClient({ domain: 'example.okta.com', auth, dispatcher: agent, clock: time.clock, sleep: time.sleep });
    const changes = reverifyScope();

    await reverifyOldestApps(h.context({ client, clock: time.clock, options: { perEntityConcurrency: 1 } }), changes, new DatasetReport('appAssignments'), []);

    expect(time.now - T0).toBeLessThan(1_000); // no wait for the window's reset, 20 s away
    expect(time.sleeps.filter((ms) => ms >= 1_000)).toEqual([]);
    expect(client.stats().throttled).toBe(0);
    expect(paths.map((path) => path.replace(/\?.*/, ''))).toEqual([
      '/api/v1/apps/0oaA/groups',
      '/api/v1/apps/0oaB/groups',
      '/api/v1/apps/0oaBIG/groups',
      '/api/v1/apps/0oaA/users',
      '/api/v1/apps/0oaB/users',
      '/api/v1/apps/0oaBIG/users',
      '/api/v1/apps/0oaBIG/users',
    ]);
    expect(changes.result).toMatchObject({ reverifiedApps: 3, reverifyWithdrawn: 3, reverifyRequests: { apps: 7 } });
    // The apps left for later keep their rows and their old verification time: they come first next sync.
    expect(await h.store.entities.count('appAssignments', h.snapshotId, { parentId: '0oaC' })).toBe(3);
    const oldest = await h.store.progress.oldestVerified(h.snapshotId, 'appAssignments', 3);
    expect(oldest.map((entry) => entry.entityId)).toEqual(['0oaC', '0oaD', '0oaE']);
    expect((await all(h.store.entities.stream('appAssignments', h.snapshotId, { parentId: '0oaBIG' }))).length).toBe(600);
  });
});

describe('windowGate', () => {
  it('admits reads while the window takes all their requests, counting admitted requests not yet answered', () => {
    let allowance: { requests: number; inFlight: number } | undefined = { requests: 10, inFlight: 0 };
    const gate = windowGate({ allowance: () => allowance });
    const first = gate.admit('/api/v1/apps/0oa1/users', 6);
    expect(first).toBeDefined();
    expect(gate.admit('/api/v1/apps/0oa2/users', 5)).toBeUndefined(); // 10 − 6 owed
    first?.answered();
    allowance = { requests: 9, inFlight: 0 }; // the answered request is counted by the window now
    expect(gate.admit('/api/v1/apps/0oa2/users', 5)).toBeUndefined();
    first?.end(); // the read needed one page of the six it was admitted for
    expect(gate.admit('/api/v1/apps/0oa2/users', 5)).toBeDefined();
    allowance = undefined; // nothing known to limit the bucket
    expect(gate.admit('/api/v1/apps/0oa3/users', 500)).toBeDefined();
  });

  it('counts requests in flight that are not its own', () => {
    const gate = windowGate({ allowance: () => ({ requests: 10, inFlight: 8 }) });
    expect(gate.admit('/api/v1/apps/0oa1/users', 3)).toBeUndefined();
    expect(gate.admit('/api/v1/apps/0oa1/users', 2)).toBeDefined();
  });
});
