import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { testBackends, type TestBackend } from '../src/store/testing/test-backends.js';
import { DOMAIN, expectedCounts, runSyncCli, startTestSimulator, syncSimulator } from './sync-cli-kit.js';

const backends = testBackends(process.env.TEST_DATABASE_URL);
afterAll(() => Promise.all(backends.map((backend) => backend.dispose())));

/** A fresh database URL on `backend`; the CLI opens (and closes) its own store on it. */
async function freshDatabase(backend: TestBackend): Promise<string> {
  const { store, url } = await backend.open();
  await store.close();
  return url;
}

async function syncRecord(db: string, syncId: string) {
  const store = await openDatabase(db);
  try {
    return await store.syncs.get(syncId);
  } finally {
    await store.close();
  }
}

describe.each(backends.map((backend) => [backend.name, backend] as const))('okta-evidence sync on %s', (_name, backend) => {
  it('reads the whole simulated org and prints the outcome as JSON', async () => {
    const sim = await startTestSimulator();
    const db = await freshDatabase(backend);
    const run = await syncSimulator(sim, db);

    expect(run.err).toEqual([]);
    expect(run.exitCode).toBe(0);
    const json = run.json();
    expect(Object.keys(json)).toEqual(['syncId', 'status', 'complete', 'counts', 'requests', 'durationMs', 'incremental']);
    expect(json.incremental).toBeNull();
    expect(Object.keys(json.requests)).toEqual(['total', 'throttled']);
    expect(json).toMatchObject({ status: 'succeeded', complete: true, requests: { throttled: 0 } });
    expect(json.requests.total).toBeGreaterThan(sim.org.users.length / 2);
    expect(sim.org.users.some((user) => user.status === 'DEPROVISIONED')).toBe(true);
    const record = await syncRecord(db, json.syncId);
    expect(record).toMatchObject({ status: 'succeeded', org: DOMAIN, trigger: 'cli', requestsTotal: json.requests.total });
    expect(json.counts).toEqual(expectedCounts(sim.org, record!.logWindow!));
  });

  it('times out within a tiny budget, then the next run resumes the same snapshot and completes', async () => {
    // Every list page takes 5 s, far past the 0.4 s budget, so the first sync times out on any machine. (Slowing only
    // pages with a cursor was not enough: this org's lists mostly fit on one page, and a fast machine finished in time.)
    const sim = await startTestSimulator({ faults: { slowPage: { delayMs: 5_000, everyListPage: true } } });
    const db = await freshDatabase(backend);
    const first = await syncSimulator(sim, db, ['--timeout', '0.4']);
    sim.setFaults({});

    expect(first.exitCode).toBe(1);
    expect(first.json()).toMatchObject({ status: 'timed_out', complete: false });
    expect(first.err).toHaveLength(1);
    expect(first.err[0]).toMatch(/^error: sync \S+ timed out after 0\.4 s before finishing .+; what it read is kept: run the same command again/);

    const second = await syncSimulator(sim, db);
    expect(second.exitCode).toBe(0);
    expect(second.json()).toMatchObject({ status: 'succeeded', complete: true });
    const [before, after] = [await syncRecord(db, first.json().syncId), await syncRecord(db, second.json().syncId)];
    expect(after?.snapshotId).toBe(before?.snapshotId);
    expect(second.json().counts).toMatchObject({ users: sim.org.users.length, groups: sim.org.groups.length, apps: sim.org.apps.length });

    // With a complete snapshot, the next sync reads only what changed.
    const third = await syncSimulator(sim, db);
    expect(third.exitCode).toBe(0);
    expect(third.json()).toMatchObject({ status: 'succeeded', complete: true, incremental: { reverifiedUsers: expect.any(Number) as unknown } });
    expect(third.json().incremental?.reverifiedUsers).toBeGreaterThan(0);
    // The change-driven part is reported first, on stderr as soon as it is known, and in the JSON: nothing changed.
    expect(third.json().incremental?.changes).toMatchObject({ users: 0, factors: 0, groupMemberships: 0, apps: 0, appAssignments: 0, policies: 0, logCutoff: expect.any(String) as unknown });
    expect(third.err).toEqual([]);
    expect(third.progress.filter((line) => line.startsWith('changes: '))).toEqual([expect.stringMatching(/^changes: none; System Log read to \d{4}-\d\d-\d\dT/)]);
    // On an org this small, the leftover budget re-verifies everything: those requests are reported apart.
    expect(third.json().incremental?.reverifyRequests).toBeGreaterThan(0);
    expect(third.json().incremental?.reverifyRequests).toBeLessThanOrEqual(third.json().requests.total);
  });
});

describe('okta-evidence sync with OAuth and bad input', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'okta-evidence-sync-cli-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const db = join(scratch, 'db.sqlite');

  it('syncs as an OAuth service app with private_key_jwt and DPoP', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const keyFile = join(scratch, 'service-app.pem');
    // Owner-only, as a private key should be: a key others can read draws a warning on stderr.
    writeFileSync(keyFile, await exportPKCS8(privateKey), { mode: 0o600 });
    const sim = await startTestSimulator({ oauthClients: [{ clientId: '0oa-evidence', publicKey: await exportSPKI(publicKey), requireDpop: true }] });
    const run = await syncSimulator(sim, join(scratch, 'oauth.sqlite'), ['--client-id', '0oa-evidence', '--private-key', keyFile, '--dpop', 'on'], {});

    expect(run.err).toEqual([]);
    expect(run.json()).toMatchObject({ status: 'succeeded', complete: true, counts: { users: sim.org.users.length } });
    expect(sim.stats().tokenRequests).toBeGreaterThan(0);
    expect(sim.stats().protocolViolations).toEqual([]);
  });
  const token = { OKTA_API_TOKEN: '00wrong-token-for-the-tests-0123456789' };

  it('rejects a wrong token with exit 1, the fix, and no trace of the token', async () => {
    const sim = await startTestSimulator();
    const run = await syncSimulator(sim, db, [], token);
    expect(run.exitCode).toBe(1);
    expect(run.json()).toMatchObject({ status: 'failed', complete: false });
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^error: sync \S+ failed \(OKTA_TOKEN_INVALID\): The API token is invalid or expired .* create a new one/);
    expect([...run.out, ...run.err].join('\n')).not.toContain(token.OKTA_API_TOKEN);
  });

  it('records a failed sync when the host cannot be reached, and says what to check', async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const run = await runSyncCli(['--domain', DOMAIN, '--base-url', 'http://127.0.0.1:9', '--db', db, '--json'], token);
    expect(run.exitCode).toBe(1);
    expect(run.err).toEqual([expect.stringMatching(/^error: sync \S+ failed \(OKTA_NETWORK_ERROR\): Could not reach 127\.0\.0\.1:9 .*Check the Okta domain/)]);
    expect(await syncRecord(db, run.json().syncId)).toMatchObject({ status: 'failed', errors: [{ code: 'OKTA_NETWORK_ERROR' }] });
  });

  it.each([
    ['an Admin Console domain', ['--domain', 'acme-admin.okta.com'], token, /remove "-admin" and set --domain to acme\.okta\.com/],
    ['no credentials', ['--domain', 'acme.okta.com'], {}, /no Okta credentials: set OKTA_API_TOKEN/],
    ['a zero-day log window', ['--domain', 'acme.okta.com', '--log-window-days', '0'], token, /--log-window-days must be between 1 and 90, got 0/],
    ['a timeout that is not a number', ['--domain', 'acme.okta.com', '--timeout', '5m'], token, /--timeout must be a number/],
    ['a key without a client id', ['--domain', 'acme.okta.com', '--private-key', 'key.pem'], token, /--private-key and --key-id are for OAuth: add --client-id/],
    ['a client id without a key', ['--domain', 'acme.okta.com', '--client-id', '0oa1'], token, /--client-id needs the service app’s private key/],
    ['an unsupported database URL', ['--domain', 'acme.okta.com', '--db', 'mysql://db/x'], token, /Unsupported database URL/],
  ])('exits 2 with one line for %s, before touching the network or the database', async (_case, args, env, message) => {
    const untouched = join(scratch, 'untouched.sqlite');
    // Flags given later win, so a case's own --db replaces the default one here.
    const run = await runSyncCli(['--base-url', 'http://127.0.0.1:9', '--db', untouched, ...args], env);
    expect(existsSync(untouched)).toBe(false);
    expect(run.exitCode).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(message);
  });
});
