import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubSimulator, type GitHubSimulatorHandle } from '../../simulator/github/index.js';
import { openDatabase } from '../../store/database.js';
import type { Store } from '../../store/store.js';
import { createConnection, type ConnectionDeps } from '../connections.js';
import { secretKeyLocation } from '../secrets/secret-key.js';
import { startConnectProxy } from '../testing/connect-proxy.js';
import { createGithubConnection } from './connections.js';
import { runGithubSync } from './sync.js';
import { testGithubConnection } from './test-connection.js';

/* GitHub goes through the same corporate egress as Okta: HTTPS_PROXY / HTTP_PROXY, NO_PROXY (src/app/egress.ts). */

let sim: GitHubSimulatorHandle;
let dir: string;
let store: Store;
let deps: ConnectionDeps;
const clock = () => Date.parse('2026-12-02T10:00:00Z');

beforeAll(async () => {
  sim = await startGitHubSimulator({ seed: 9, orgs: [{ login: 'example-eng', members: 6, saml: 'org' }] });
  dir = await mkdtemp(join(tmpdir(), 'oe-github-egress-'));
  const dbPath = join(dir, 'db.sqlite');
  store = await openDatabase(dbPath);
  deps = { store, secretKey: secretKeyLocation(dbPath, {}), actor: 'cli:alice', clock };
  await createConnection(deps, { name: 'acme', domain: 'acme-example.okta.com', credential: { kind: 'ssws', token: '00abcdefghijklmnopqrstuvwxyz0123456789ABCD' }, skipTest: true });
}, 60_000);
afterAll(async () => {
  await store.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const token = () => ({ kind: 'token' as const, token: sim.credentials.tokens.owner });
const app = () => ({ kind: 'app' as const, appId: String(sim.credentials.appId), privateKey: sim.credentials.privateKeyPem, installationId: null });

describe('GitHub egress through HTTPS_PROXY / HTTP_PROXY', () => {
  it('tunnels a sync (App JWT, installation token, REST and GraphQL) through the proxy, which never sees a credential', async () => {
    const proxy = await startConnectProxy();
    try {
      const { connection } = await createGithubConnection(deps, { name: 'gh-eng', org: 'example-eng', baseUrl: sim.url, credential: app(), oktaConnection: 'acme', oktaApp: '0oaGITHUB', skipTest: true });
      const before = sim.stats().requests;
      const outcome = await runGithubSync({ deps: { ...deps, env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url } }, connection, clock, handlers: [] });
      expect(outcome).toMatchObject({ ok: true, complete: true });
      expect(sim.stats().requests).toBeGreaterThan(before);
      const simHost = new URL(sim.url).host;
      expect(proxy.seen.length).toBeGreaterThan(0);
      expect(new Set(proxy.seen.map((entry) => entry.target))).toEqual(new Set([simHost]));
      expect(proxy.plainRequests).toBe(0);
      for (const { headers } of proxy.seen) {
        expect(headers.authorization).toBeUndefined();
        expect(JSON.stringify(headers)).not.toContain(sim.credentials.tokens.owner);
      }
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('routes Test connection too, and goes direct for a host in NO_PROXY', async () => {
    const proxy = await startConnectProxy();
    try {
      const proxied = await testGithubConnection({ baseUrl: sim.url, org: 'example-eng', enterprise: null, credential: token(), env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url } });
      expect(proxied).toMatchObject({ fatal: null, canReadMembers: true });
      const tunnels = proxy.seen.length;
      expect(tunnels).toBeGreaterThan(0);
      const direct = await testGithubConnection({ baseUrl: sim.url, org: 'example-eng', enterprise: null, credential: token(), env: { https_proxy: proxy.url, http_proxy: proxy.url, NO_PROXY: '127.0.0.1' } });
      expect(direct).toMatchObject({ fatal: null, canReadMembers: true });
      expect(proxy.seen.length).toBe(tunnels);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
