import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGithubSync } from '../../app/github/sync.js';
import type { SecretKeyLocation } from '../../app/secrets/secret-key.js';
import { queueGithubSyncNow } from '../../schedule/sync-now.js';
import { startGitHubSimulator, type GitHubSimulatorHandle } from '../../simulator/github/index.js';
import type { GithubConnectionRecord } from '../../store/downstream-store-types.js';
import { seedOrg } from '../testing/seed-org.js';
import { serverTestBackends, startTestServer, type TestServer } from '../testing/server-kit.js';

/* The GitHub connection resources and the passthrough results over the API, against the GitHub simulator. */

interface Connection {
  id: string;
  name: string;
  serviceId: string;
  service: { oktaOrg: string; oktaAppId: string | null } | null;
  settings: { autoSync: boolean; syncIntervalS: number };
  credential: { kind: string };
}
interface Report {
  canReadMembers: boolean;
  fatal: { code: string } | null;
  datasets: { dataset: string; label: string; state: string; permissionNeeded?: string }[];
}
interface AccountResult {
  accountId: string;
  login: string;
  kind: string;
  status: string;
  chain: { link: string; state: string }[];
}

const OKTA_ORG = 'acme-example.okta.com';
let sim: GitHubSimulatorHandle;
let keyDir: string;
beforeAll(async () => {
  sim = await startGitHubSimulator({ seed: 7, rateLimits: 'off', orgs: [{ login: 'example-eng', members: 12, saml: 'org', outsideCollaborators: 2 }] });
  keyDir = await mkdtemp(join(tmpdir(), 'oe-gh-api-'));
}, 60_000);
afterAll(async () => {
  await sim.close();
  await rm(keyDir, { recursive: true, force: true });
});

describe.each(serverTestBackends())('GitHub connections over the API on %s', (database) => {
  let server: TestServer;
  let admin: { cookie: string; csrf: string };
  let secretKey: SecretKeyLocation;
  const queued: string[] = [];
  const app = () => ({ kind: 'app', appId: String(sim.credentials.appId), privateKey: sim.credentials.privateKeyPem });

  beforeAll(async () => {
    secretKey = { kind: 'file', path: join(keyDir, `${database}.key`) };
    // Sync Now goes the production path (schedule and audit in the store) to a scheduler that records what it is asked.
    const scheduler = { enqueueNow: (id: string) => Promise.resolve(void queued.push(id)), start: () => Promise.resolve(), wake: () => undefined, stop: () => Promise.resolve() };
    server = await startTestServer(
      { secretKey, githubSyncNow: (connection, actor) => queueGithubSyncNow({ store: server.store, scheduler, clock: () => server.now().getTime(), actor }, connection) },
      { database },
    );
    admin = await server.signIn('admin');
    await seedOrg(server.store, server.now(), OKTA_ORG);
    const okta = await server.request('POST', '/api/connections', admin, { name: 'acme', domain: OKTA_ORG, credential: { kind: 'ssws', token: '00abcdefghijklmnopqrstuvwxyz0123456789ABCD' }, skipTest: true });
    expect(okta.statusCode, okta.body).toBe(201);
  });
  afterAll(() => server.close());

  const body = (extra: Record<string, unknown> = {}) => ({ name: 'gh-eng', org: 'example-eng', baseUrl: sim.url, credential: app(), oktaConnection: 'acme', oktaApp: '0oagithub', ...extra });

  it('tests a draft per dataset and refuses bad input naming the field', async () => {
    const draft = await server.request('POST', '/api/github-connections/test', admin, { org: 'example-eng', baseUrl: sim.url, credential: { kind: 'token', token: sim.credentials.tokens.fineGrainedNoMembers } });
    expect(draft.statusCode, draft.body).toBe(200);
    const report = draft.json<Report>();
    expect(report.canReadMembers).toBe(false);
    expect(report.datasets.find((d) => d.dataset === 'members')).toMatchObject({ state: 'not_permitted', label: 'members', permissionNeeded: expect.stringMatching(/Members/) as unknown });
    expect(await server.store.githubConnections.list()).toEqual([]);

    const badUrl = await server.request('POST', '/api/github-connections', admin, body({ baseUrl: 'ftp://github.example.com' }));
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(badUrl.json<{ errors: { field: string; message: string }[] }>().errors).toEqual([{ field: 'body.baseUrl', message: expect.stringMatching(/only reached over https/) as unknown }]);
    const badOrg = await server.request('POST', '/api/github-connections', admin, body({ org: 'not_a login' }));
    expect(badOrg.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['body.org']);
    const badApp = await server.request('POST', '/api/github-connections', admin, body({ oktaApp: '0oanosuch' }));
    expect(badApp.statusCode).toBe(400);
    expect(badApp.json<{ detail: string }>().detail).toMatch(/0oanosuch.*not in acme-example\.okta\.com.*0oagithub \(GitHub\)/);
    const wrongToken = await server.request('POST', '/api/github-connections', admin, body({ credential: { kind: 'token', token: 'github_pat_wrong0123456789' } }));
    expect(wrongToken.statusCode).toBe(422);
    expect(wrongToken.json()).toMatchObject({ code: 'CONNECTION_TEST_FAILED' });
    expect(await server.store.githubConnections.list()).toEqual([]);
  });

  it('connects, never returns the credential, updates settings, tests, queues Sync Now, lists syncs and removes', async () => {
    const created = await server.request('POST', '/api/github-connections', admin, body({ settings: { syncInterval: '1h' } }));
    expect(created.statusCode, created.body).toBe(201);
    const saved = created.json<{ connection: Connection; report: Report }>();
    expect(saved.report.canReadMembers).toBe(true);
    expect(saved.connection).toMatchObject({ credential: { kind: 'app' }, settings: { syncIntervalS: 3600 }, service: { oktaOrg: OKTA_ORG, oktaAppId: '0oagithub' } });
    const { id } = saved.connection;
    const duplicate = await server.request('POST', '/api/github-connections', admin, body({ name: 'GH-ENG', skipTest: true }));
    expect(duplicate.statusCode).toBe(400);

    expect((await server.request('PATCH', `/api/github-connections/${id}`, admin, { settings: { syncInterval: '25h' } })).statusCode).toBe(400);
    const updated = await server.request('PATCH', `/api/github-connections/${id}`, admin, { settings: { syncInterval: '2h', autoSync: false } });
    expect(updated.json()).toMatchObject({ connection: { settings: { syncIntervalS: 7200, autoSync: false } } });
    const tested = await server.request('POST', `/api/github-connections/${id}/test`, admin);
    expect(tested.json()).toMatchObject({ report: { canReadMembers: true, fatal: null } });
    const sync = await server.request('POST', `/api/github-connections/${id}/sync`, admin);
    expect(sync.statusCode).toBe(202);
    expect(queued).toEqual([id]);
    expect((await server.store.githubConnections.get(id))?.schedule.nextRunAt).toEqual(server.now());

    // The scheduler's run, here by hand: the read is stored and the passthrough seam evaluates it.
    const record = (await server.store.githubConnections.get(id)) as GithubConnectionRecord;
    expect(await runGithubSync({ deps: { store: server.store, secretKey }, connection: record, clock: () => server.now().getTime() })).toMatchObject({ ok: true, handlerErrors: [] });
    const syncs = await server.request('GET', `/api/github-connections/${id}/syncs`, admin);
    expect(syncs.json<{ items: unknown[] }>().items).toEqual([expect.objectContaining({ current: true, complete: true, accountCount: 14 })]);

    const reads = [created, updated, tested, syncs, await server.request('GET', '/api/github-connections', admin), await server.request('GET', `/api/github-connections/${id}`, admin), await server.request('GET', '/api/audit-log', admin)];
    for (const read of reads) expect(read.body).not.toMatch(/PRIVATE KEY|github_pat_wrong/);
    const audit = (await server.request('GET', '/api/audit-log', admin)).json<{ items: { action: string; details: Record<string, unknown> }[] }>().items;
    expect(audit.filter((e) => e.details.kind === 'github').map((e) => e.action)).toEqual(expect.arrayContaining(['connection.create', 'connection.update', 'connection.test', 'sync.now']));

    expect((await server.request('GET', '/api/github-connections/01NOSUCH', admin)).statusCode).toBe(404);
    expect((await server.request('DELETE', `/api/github-connections/${id}`, admin)).statusCode).toBe(204);
    expect(await server.store.githubConnections.list()).toEqual([]);
    // The service and its evaluation stay: they are the audit trail.
    expect((await server.request('GET', `/api/services/${saved.connection.serviceId}/passthrough`, admin)).statusCode).toBe(200);
  });

  it('pages the newest passthrough evaluation per account, filtered by verdict', async () => {
    const [service] = await server.store.downstream.listServices();
    const seen: AccountResult[] = [];
    let cursor: string | null = null;
    do {
      const page = await server.request('GET', `/api/services/${service?.id}/passthrough?limit=5${cursor === null ? '' : `&cursor=${cursor}`}`, admin);
      expect(page.statusCode, page.body).toBe(200);
      const json = page.json<{ items: AccountResult[]; next: string | null; evaluation: { counts: Record<string, number>; serviceChain: unknown[] } }>();
      expect(json.items.length).toBeLessThanOrEqual(5);
      expect(json.evaluation.serviceChain.length).toBeGreaterThan(0);
      seen.push(...json.items);
      cursor = json.next;
    } while (cursor !== null);
    expect(seen).toHaveLength(14);
    expect(new Set(seen.map((a) => a.accountId)).size).toBe(14);
    expect(seen.map((a) => a.login.toLowerCase())).toEqual(seen.map((a) => a.login.toLowerCase()).sort());
    expect(seen.filter((a) => a.kind === 'outside_collaborator')).toHaveLength(2);
    expect(seen.find((a) => a.kind === 'member')?.chain.map((l) => l.link)).toContain('saml-identity');

    const byName = await server.request('GET', `/api/services/${encodeURIComponent(service?.name ?? '')}/passthrough?verdict=fail&limit=200`, admin);
    const failing = byName.json<{ items: AccountResult[] }>().items;
    expect(failing.length).toBe(seen.filter((a) => a.status === 'fail').length);
    expect(failing.every((a) => a.status === 'fail')).toBe(true);

    expect((await server.request('GET', '/api/services/nosuch/passthrough', admin)).statusCode).toBe(404);
    const badVerdict = await server.request('GET', `/api/services/${service?.id}/passthrough?verdict=maybe`, admin);
    expect(badVerdict.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['query.verdict']);
  });
});
