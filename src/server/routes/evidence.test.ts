import { mkdtemp, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downstreamChainKey, downstreamEvidenceFolder } from '../../app/downstream/evidence.js';
import { exportFolderName } from '../../app/pipeline.js';
import { mfaPoliciesArtifact } from '../../evidence/artifacts/mfa-policies.js';
import { exportEvidence, loadOrCreateSigningKey, readLocalPublicKey, verifyEvidence } from '../../evidence/index.js';
import { SEEDED_ORG, seedOrg } from '../testing/seed-org.js';
import { serverTestBackends, startTestServer, type TestServer } from '../testing/server-kit.js';

describe.each(serverTestBackends())('evidence exports over the API on %s', (database) => {
  let server: TestServer;
  let scratch: string;
  let keyDir: string;
  let exportId: string;
  let olderId: string;
  let serviceExportId: string;
  let auditor: { cookie: string; csrf: string };

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'oe-evidence-api-'));
    const root = join(scratch, 'evidence');
    keyDir = join(scratch, 'keys');
    server = await startTestServer({ evidence: { root, keyDir } }, { database });
    await seedOrg(server.store, server.now());
    const signingKey = await loadOrCreateSigningKey(keyDir);
    olderId = exportFolderName(new Date(Date.UTC(2026, 0, 14)), 'sync-older');
    exportId = exportFolderName(new Date(Date.UTC(2026, 0, 15)), 'sync-newer');
    for (const id of [olderId, exportId]) {
      await exportEvidence({ store: server.store, org: SEEDED_ORG, outDir: join(root, SEEDED_ORG, id), signingKey, now: () => server.now() });
    }
    // A GitHub connection's export: in the org's folder under downstream/<service id>/, in the service's own chain.
    serviceExportId = exportFolderName(new Date(Date.UTC(2026, 0, 16)), 'read-1');
    const service = { id: 'svc1', name: 'GitHub example-eng', kind: 'github', oktaAppId: null };
    await exportEvidence({
      store: server.store,
      org: SEEDED_ORG,
      outDir: join(downstreamEvidenceFolder(root, SEEDED_ORG, service.id), serviceExportId),
      signingKey,
      now: () => server.now(),
      artifacts: [mfaPoliciesArtifact],
      downstream: { chain: downstreamChainKey(service.id), service, snapshotId: 'read-1', readAt: '2026-01-16T00:00:00.000Z', evaluatedAt: '2026-01-16T00:00:00.000Z' },
    });
    // Something that is not an export stays out of the list.
    await writeFile(join(root, SEEDED_ORG, 'notes.txt'), 'not an export');
    auditor = await server.signIn('auditor');
  });
  afterAll(async () => {
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('lists the kept exports newest first, with their manifest facts', async () => {
    const response = await server.request('GET', `/api/orgs/${SEEDED_ORG}/evidence`, auditor);
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: { id: string; org: string; files: number; sequence: number | null; complete: boolean; frameworks: string[] }[] }>();
    expect(items.map((item) => item.id)).toEqual([serviceExportId, exportId, olderId]);
    // The service's export is the first of its own chain; the org's chain went on without it.
    expect(items[0]).toMatchObject({ org: SEEDED_ORG, sequence: 1, service: { id: 'svc1', name: 'GitHub example-eng', kind: 'github' } });
    expect(items[1]).toMatchObject({ org: SEEDED_ORG, sequence: 2, simulated: null, service: null });
    // Framework tags come from the artifacts' control references in the manifest.
    expect(items[1]?.frameworks).toEqual(expect.arrayContaining(['SOC2', 'ISO27001_2022', 'HIPAA', 'PCI_DSS_4', 'NIST_CSF_2_0']));
    expect(items[1]?.files).toBeGreaterThan(0);
  });

  it('answers an empty list for an org without exports', async () => {
    const response = await server.request('GET', '/api/orgs/other.example.com/evidence', auditor);
    expect(response.json()).toEqual({ items: [] });
  });

  it('streams an export as a ZIP that verifies with the installation key, leaving no temporary file', async () => {
    const before = (await readdir(tmpdir())).filter((name) => name.startsWith('oe-zip-')).length;
    const response = await server.request('GET', `/api/orgs/${SEEDED_ORG}/evidence/${exportId}/zip`, auditor);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${SEEDED_ORG}-${exportId}.zip"`);
    const zipPath = join(scratch, 'downloaded.zip');
    await writeFile(zipPath, response.rawPayload);
    const local = await readLocalPublicKey(keyDir);
    const report = await verifyEvidence(zipPath, { localKey: local === undefined ? undefined : { publicKey: local.publicKey, source: local.path } });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect((await readdir(tmpdir())).filter((name) => name.startsWith('oe-zip-')).length).toBe(before);
  });

  it("downloads and verifies a downstream service's export by its id, like the org's own", async () => {
    const zip = await server.request('GET', `/api/orgs/${SEEDED_ORG}/evidence/${serviceExportId}/zip`, auditor);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const verification = await server.request('GET', `/api/orgs/${SEEDED_ORG}/evidence/${serviceExportId}/verification`, auditor);
    expect(verification.json()).toMatchObject({ id: serviceExportId, ok: true, trust: { kind: 'local-key' }, problems: [] });
    // A service's exports belong to the org the service is mapped to: another org's path does not reach them.
    expect((await server.request('GET', `/api/orgs/other.example.com/evidence/${serviceExportId}/zip`, auditor)).statusCode).toBe(404);
  });

  it('reports verification trusted by the installation key, and names a tampered file', async () => {
    const good = await server.request('GET', `/api/orgs/${SEEDED_ORG}/evidence/${exportId}/verification`, auditor);
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ id: exportId, ok: true, trust: { kind: 'local-key' }, problems: [] });
    expect(good.body).not.toContain(keyDir);

    const folder = join(scratch, 'evidence', SEEDED_ORG, olderId);
    const file = (await readdir(folder)).find((name) => name !== 'manifest.json' && name.endsWith('.json'));
    await appendFile(join(folder, file ?? 'missing'), ' ');
    const tampered = await server.request('GET', `/api/orgs/${SEEDED_ORG}/evidence/${olderId}/verification`, auditor);
    const body = tampered.json<{ ok: boolean; problems: { file: string }[] }>();
    expect(body.ok).toBe(false);
    expect(body.problems.map((problem) => problem.file)).toContain(file);
  });

  it('never turns a client value into a path: traversal ids are refused before the file system', async () => {
    for (const id of ['..', '..%2F..%2Fkeys', '%2E%2E', `${exportId}%2F..`, 'manifest.json']) {
      const response = await server.request('GET', `/api/orgs/${SEEDED_ORG}/evidence/${id}/zip`, auditor);
      expect([400, 404]).toContain(response.statusCode);
    }
    const traversingOrg = await server.request('GET', '/api/orgs/..%2F..%2Fetc/evidence', auditor);
    expect([400, 404]).toContain(traversingOrg.statusCode);
    const unknown = await server.request('GET', `/api/orgs/${SEEDED_ORG}/evidence/2026-01-01T00-00-00-000Z-nothing/verification`, auditor);
    expect(unknown.statusCode).toBe(404);
  });

  it('is for admins and auditors only', async () => {
    const reviewer = await server.signIn('reviewer');
    expect((await server.request('GET', `/api/orgs/${SEEDED_ORG}/evidence`, reviewer)).statusCode).toBe(403);
    expect((await server.request('GET', `/api/orgs/${SEEDED_ORG}/evidence/${exportId}/zip`)).statusCode).toBe(401);
  });
});
