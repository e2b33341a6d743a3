import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSnapshot } from '../../cli/testing/seed-store.js';
import { silentLogger } from '../../config/runtime.js';
import { scheduledGithubConnectionOf, withGithubSyncs } from '../../schedule/github-connection-sync.js';
import { startGitHubSimulator, type GitHubSimulatorHandle } from '../../simulator/github/index.js';
import { openDatabase } from '../../store/database.js';
import { makeApp, makeUser } from '../../store/testing/fixtures.js';
import type { Store } from '../../store/store.js';
import { createConnection, type ConnectionDeps } from '../connections.js';
import { downstreamChainKey } from '../downstream/evidence.js';
import { verifyEvidenceExport } from '../evidence.js';
import { listEvidenceExports } from '../evidence-exports.js';
import { secretKeyLocation } from '../secrets/secret-key.js';
import { createGithubConnection } from './connections.js';
import { runGithubSync } from './sync.js';

/*
 * Each GitHub sync that succeeds writes the service's signed evidence into the Okta org's evidence folder, in the
 * service's own chain (issue 15, docs/github.md "Evidence"): the scheduler's runner and runGithubSync alike.
 */

const DOMAIN = 'acme-example.okta.com';
const APP = '0oaGITHUB';
let sim: GitHubSimulatorHandle;
let dir: string;
let store: Store;
let deps: ConnectionDeps;
let root: string;
let keyDir: string;
let now = Date.parse('2026-12-02T10:00:00Z');
const clock = () => now;

beforeAll(async () => {
  sim = await startGitHubSimulator({ seed: 5, orgs: [{ login: 'example-eng', members: 12, saml: 'org', twoFactorRequired: true }] });
  dir = await mkdtemp(join(tmpdir(), 'oe-github-evidence-'));
  const dbPath = join(dir, 'db.sqlite');
  root = join(dir, 'evidence');
  keyDir = join(dir, 'keys');
  await seedSnapshot(dbPath, DOMAIN, {
    users: [makeUser({ id: '00ualice', login: 'alice@example.com', email: 'alice@example.com' })],
    apps: [makeApp({ id: APP, label: 'GitHub Enterprise Cloud', signOnMode: 'SAML_2_0' })],
  });
  store = await openDatabase(dbPath);
  deps = { store, secretKey: secretKeyLocation(dbPath, {}), actor: 'cli:alice', clock };
  await createConnection(deps, { name: 'acme', domain: DOMAIN, credential: { kind: 'ssws', token: '00abcdefghijklmnopqrstuvwxyz0123456789ABCD' }, skipTest: true });
}, 60_000);
afterAll(async () => {
  await store.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const app = () => ({ kind: 'app' as const, appId: String(sim.credentials.appId), privateKey: sim.credentials.privateKeyPem, installationId: null });
const notOkta = () => Promise.reject(new Error('not an Okta connection'));

describe('evidence of a GitHub sync', () => {
  it('is written by every scheduled sync that succeeds, chained in the service’s own chain, kept by the retention count', async () => {
    const { connection, service } = await createGithubConnection(deps, { name: 'gh-eng', org: 'example-eng', baseUrl: sim.url, credential: app(), oktaConnection: 'acme', oktaApp: APP });
    const run = withGithubSyncs({ store, secretKey: deps.secretKey, clock, logger: silentLogger, evidence: { root, keyDir, keep: 2 } }, notOkta);
    const folder = join(root, DOMAIN, 'downstream', service.id);
    const written: string[] = [];
    for (let i = 0; i < 3; i++) {
      now += 60_000;
      const result = await run(scheduledGithubConnectionOf(connection), { signal: new AbortController().signal, trigger: 'schedule' });
      expect(result).toMatchObject({ kind: 'synced', status: 'succeeded' });
      const names = (await readdir(folder)).sort();
      written.push(names.at(-1) ?? '');
    }
    // Three exports, the newest two kept; the chain numbers them 1, 2, 3 and each names the one before.
    expect((await readdir(folder)).sort()).toEqual(written.slice(1));
    const [second, third] = written.slice(1).map((name) => join(folder, name));
    const verified = await verifyEvidenceExport({ path: third ?? '', previous: second, keyDir });
    expect(verified.report.problems).toEqual([]);
    expect(verified.report).toMatchObject({ ok: true, manifest: { chain: { sequence: 3 }, org: DOMAIN } });
    expect(verified.report.manifest?.artifacts?.map((a) => a.id)).toEqual(['mfa-policies', 'user-app-assignments', `downstream-mfa-coverage-${service.id}`]);
    // The org's own chain never saw a link of the service's; the service's head is the newest export.
    expect(await store.evidenceChain.head(DOMAIN)).toBeUndefined();
    expect(await store.evidenceChain.head(downstreamChainKey(service.id))).toMatchObject({ sequence: 3, manifestSha256: verified.report.manifestSha256 });

    // Listed with the org's evidence, naming the service.
    const listed = await listEvidenceExports({ root, keyDir }, DOMAIN);
    expect(listed.map((entry) => entry.id)).toEqual(written.slice(1).reverse());
    expect(listed[0]).toMatchObject({ sequence: 3, service: { id: service.id, kind: 'github' }, complete: true });
    expect(listed[0]?.frameworks).toEqual(expect.arrayContaining(['SOC2', 'ISO27001_2013', 'ISO27001_2022', 'HIPAA', 'PCI_DSS_4', 'NIST_CSF_1_1', 'NIST_CSF_2_0']));
  }, 60_000);

  it('is written by runGithubSync given a target, and never by a sync that fails', async () => {
    const connection = await store.githubConnections.findByName('gh-eng');
    if (connection === undefined) throw new Error('gh-eng missing');
    const folder = join(root, DOMAIN, 'downstream', connection.serviceId);
    const before = await readdir(folder);
    now += 60_000;
    const failed = await runGithubSync({ deps, connection: { ...connection, org: 'example-unknown', orgId: null }, clock, evidence: { root, keyDir } });
    expect(failed.ok).toBe(false);
    expect(await readdir(folder)).toEqual(before);
    now += 60_000;
    const outcome = await runGithubSync({ deps, connection, clock, evidence: { root, keyDir } });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.handlerErrors).toEqual([]);
    expect(outcome.evidence?.sequence).toBe(4);
    expect(dirname(outcome.evidence?.directory ?? '')).toBe(folder);
    expect(outcome.evidence?.directory.endsWith(outcome.snapshotId)).toBe(true);
    expect(outcome.evidence?.manifest.downstream).toMatchObject({ chain: downstreamChainKey(connection.serviceId), snapshotId: outcome.snapshotId });
  }, 60_000);
});
