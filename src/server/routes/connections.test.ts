import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncProgressHub } from '../../app/sync-progress-hub.js';
import { startSimulator, type SimulatorHandle } from '../../simulator/server.js';
import { startTestServer, type TestServer } from '../testing/server-kit.js';

const DOMAIN = 'acme.okta.com';

describe('connections, Test connection, Sync Now and sync events', () => {
  let server: TestServer;
  let sim: SimulatorHandle;
  let admin: { cookie: string; csrf: string };
  const queued: string[] = [];
  const hub = createSyncProgressHub();
  beforeAll(async () => {
    sim = await startSimulator({ users: 5, seed: 11, rateLimits: 'off', port: 0 });
    server = await startTestServer({
      clientTuning: { retry: { baseDelayMs: 5, maxDelayMs: 20 } },
      syncNow: (connection) => {
        queued.push(connection.name);
        return Promise.resolve();
      },
      syncProgress: hub,
      sseHeartbeatMs: 50,
    });
    admin = await server.signIn('admin');
  });
  afterAll(async () => {
    await server.close();
    await sim.close();
  });

  it('tests a draft, connects, never returns the credential, updates settings, syncs now, removes', async () => {
    const credential = { kind: 'ssws', token: sim.token };
    const draft = await server.request('POST', '/api/connections/test', admin, { domain: DOMAIN, baseUrl: sim.baseUrl, credential });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ canReadUsers: true, fatal: null });
    expect(await server.store.connections.list()).toEqual([]);

    const wrong = await server.request('POST', '/api/connections', admin, { name: 'acme', domain: DOMAIN, baseUrl: sim.baseUrl, credential: { kind: 'ssws', token: '00wrong-0123456789abcdefghijklmnopqrstuvw' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'CONNECTION_TEST_FAILED' });

    const created = await server.request('POST', '/api/connections', admin, { name: 'acme', domain: DOMAIN, baseUrl: sim.baseUrl, credential, settings: { syncInterval: '1h' } });
    expect(created.statusCode, created.body).toBe(201);
    const { connection } = created.json<{ connection: { id: string; settings: { syncIntervalS: number } } }>();
    expect(connection.settings.syncIntervalS).toBe(3600);
    const duplicate = await server.request('POST', '/api/connections', admin, { name: 'ACME', domain: DOMAIN, baseUrl: sim.baseUrl, credential, skipTest: true });
    expect(duplicate.statusCode).toBe(400);

    const reads = [created, await server.request('GET', '/api/connections', admin), await server.request('GET', `/api/connections/${connection.id}`, admin), await server.request('GET', '/api/audit-log', admin)];
    for (const read of reads) expect(read.body).not.toContain(sim.token);

    const badInterval = await server.request('PATCH', `/api/connections/${connection.id}`, admin, { settings: { syncInterval: '25h' } });
    expect(badInterval.statusCode).toBe(400);
    const updated = await server.request('PATCH', `/api/connections/${connection.id}`, admin, { settings: { syncInterval: '30m', autoSync: false } });
    expect(updated.json()).toMatchObject({ connection: { settings: { syncIntervalS: 1800, autoSync: false } } });

    const tested = await server.request('POST', `/api/connections/${connection.id}/test`, admin);
    expect(tested.json()).toMatchObject({ report: { canReadUsers: true } });

    const sync = await server.request('POST', `/api/connections/${connection.id}/sync`, admin);
    expect(sync.statusCode).toBe(202);
    expect(queued).toEqual(['acme']);

    expect((await server.request('GET', '/api/connections/01NOSUCH', admin)).statusCode).toBe(404);
    expect((await server.request('DELETE', `/api/connections/${connection.id}`, admin)).statusCode).toBe(204);
    expect(await server.store.connections.list()).toEqual([]);
  });

  it('streams the newest sync and the running sync’s progress to every watcher', async () => {
    const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const watchers = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const response = await fetch(`${address}/api/orgs/${DOMAIN}/sync-events`, { headers: { cookie: admin.cookie } });
        expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
        expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
        return response.body!.getReader();
      }),
    );
    while (hub.watcherCount(DOMAIN) < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    hub.listenerFor(DOMAIN).update?.('users', { count: 200, total: 500 });
    hub.listenerFor(DOMAIN).datasetFinished?.({ dataset: 'users', state: 'complete', count: 500 });
    const decoder = new TextDecoder();
    for (const reader of watchers) {
      let text = '';
      while (!text.includes('event: datasetFinished')) text += decoder.decode((await reader.read()).value as Uint8Array | undefined);
      expect(text).toContain('event: sync\ndata: null');
      expect(text).toContain('event: dataset\ndata: {"type":"dataset","dataset":"users","count":200,"total":500}');
      await reader.cancel();
    }
  });
});
