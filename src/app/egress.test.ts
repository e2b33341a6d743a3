import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSswsAuth } from '../okta/auth/ssws.js';
import { createOktaClient } from '../okta/client.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { createEgressDispatcher } from './egress.js';
import { resolveSyncConfig } from './sync-config.js';
import { startConnectProxy } from './testing/connect-proxy.js';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ users: 5, seed: 3, rateLimits: 'off', port: 0 });
});
afterAll(() => sim.close());

async function listUsers(dispatcher: ReturnType<typeof createEgressDispatcher>): Promise<number> {
  const client = createOktaClient({ domain: 'example.okta.com', baseUrl: new URL(sim.baseUrl), auth: createSswsAuth(sim.token), ...(dispatcher === undefined ? {} : { dispatcher }) });
  try {
    const users = await client.get<unknown[]>('/api/v1/users', { signal: AbortSignal.timeout(10_000) });
    return users.length;
  } finally {
    await client.close();
    await dispatcher?.close();
  }
}

describe('corporate egress through HTTPS_PROXY / HTTP_PROXY', () => {
  it('tunnels every request to the Okta host through the proxy; the proxy never sees the token', async () => {
    const proxy = await startConnectProxy();
    try {
      const dispatcher = createEgressDispatcher({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
      expect(dispatcher).toBeDefined();
      expect(await listUsers(dispatcher)).toBe(5);
      const simHost = new URL(sim.baseUrl).host;
      expect(proxy.seen.map((entry) => entry.target)).toEqual([simHost]);
      expect(proxy.plainRequests).toBe(0);
      for (const { headers } of proxy.seen) {
        expect(headers.authorization).toBeUndefined();
        expect(JSON.stringify(headers)).not.toContain(sim.token);
      }
    } finally {
      await proxy.close();
    }
  });

  it('goes direct for a host in NO_PROXY, and uses no proxy pool when none is set', async () => {
    const proxy = await startConnectProxy();
    try {
      expect(await listUsers(createEgressDispatcher({ https_proxy: proxy.url, http_proxy: proxy.url, NO_PROXY: '127.0.0.1' }))).toBe(5);
      expect(proxy.seen).toEqual([]);
      expect(createEgressDispatcher({})).toBeUndefined();
    } finally {
      await proxy.close();
    }
  });

  it('is part of a sync’s configuration when the environment names a proxy', async () => {
    const flags = { domain: 'example.okta.com', db: ':memory:', logWindowDays: 7, logRetentionDays: 400, timeout: 60, dpop: 'auto' as const };
    const withProxy = await resolveSyncConfig(flags, { OKTA_API_TOKEN: sim.token, HTTPS_PROXY: 'http://proxy.example.com:3128' });
    expect(withProxy.egress).toBeDefined();
    await withProxy.egress?.close();
    expect((await resolveSyncConfig(flags, { OKTA_API_TOKEN: sim.token })).egress).toBeUndefined();
  });
});
