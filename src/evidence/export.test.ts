import { hostname } from 'node:os';
import { SIMULATED_NOTICE } from './org-identity.js';
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_CONTROLS, ARTIFACT_IDS, CHECK_CONTROLS, PER_SERVICE_ARTIFACT_IDS } from '../frameworks/mapping.js';
import type { Store } from '../store/store.js';
import { newOrg } from '../store/testing/fixtures.js';
import { testBackends } from '../store/testing/test-backends.js';
import { isEvidenceError } from './errors.js';
import { exportEvidence } from './export.js';
import { MANIFEST_FILE, type Manifest } from './manifest.js';
import { verifyManifestSignature } from './signature.js';
import { verifyEvidence } from './verify.js';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.js';
import { testRunForSnapshot } from './test-run.js';
import { SYNC_ENDED, SYNC_STARTED, USERS, WINDOW, completeDatasets, seedOrg } from './testing/seed-org.js';

const backends = testBackends(process.env.TEST_DATABASE_URL);
const root = mkdtempSync(join(tmpdir(), 'okta-evidence-export-'));
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.dispose()));
  rmSync(root, { recursive: true, force: true });
});

const GENERATED_AT = new Date('2024-06-08T01:00:00.000Z');
let next = 0;
const outDir = () => join(root, `export-${(next += 1)}`);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const readJson = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown> & { header: Record<string, unknown>; records: Record<string, unknown>[] };
const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;

/** A CSV parser just strict enough for these tests (RFC 4180 quoting, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe.each(backends.map((backend) => [backend.name, backend] as const))('evidence export on %s', (_name, backend) => {
  let store: Store;
  let key: SigningKey;
  beforeAll(async () => {
    ({ store } = await backend.open());
    key = await loadOrCreateSigningKey(join(root, `keys-${backend.name}`));
  });
  const exportOrg = (org: string, dir = outDir()) => exportEvidence({ store, org, outDir: dir, signingKey: key, now: () => GENERATED_AT });

  it('writes the six artifacts and the newer ones: JSON with a header carrying metadata and mapping, CSV, JSON Lines', async () => {
    const { org, syncId, snapshotId } = await seedOrg(store);
    await store.accessReviews.record({
      org, appId: '0oaReviewed', appLabel: 'Payroll', reviewerEmail: 'reviewer@example.com', attestedAt: SYNC_ENDED, note: 'Q2 review: removed two leavers', snapshotId,
      assignments: [{ userId: '00u1', login: 'u1@example.com', userStatus: 'ACTIVE', scope: 'USER', assignmentStatus: 'ACTIVE' }],
    });
    const { directory } = await exportOrg(org);
    expect(readdirSync(directory).sort()).toEqual([
      'access-reviews.csv', 'access-reviews.json', 'admin-roles.csv', 'admin-roles.json',
      'applications-inventory.csv', 'applications-inventory.json', 'groups-memberships.csv', 'groups-memberships.json',
      'manifest.json', 'mfa-policies.json', 'okta-users.csv', 'okta-users.json',
      'password-policies.json', 'system-logs.jsonl', 'user-app-assignments.csv', 'user-app-assignments.json',
      'user-mfa-factors.csv', 'user-mfa-factors.json',
    ]);
    // The reviewer's note and the attested assignment list are in the evidence.
    const reviews = readJson(directory, 'access-reviews.json');
    expect(reviews.header).toMatchObject({ artifact: 'access-reviews', complete: true });
    expect(reviews.records).toEqual([
      expect.objectContaining({ appId: '0oaReviewed', reviewerEmail: 'reviewer@example.com', note: 'Q2 review: removed two leavers', assignments: [expect.objectContaining({ userId: '00u1', login: 'u1@example.com' })] }),
    ]);

    const users = readJson(directory, 'okta-users.json');
    expect(users.header).toMatchObject({
      complete: true,
      artifact: 'okta-users',
      org,
      syncId,
      snapshotId,
      generatedAt: GENERATED_AT.toISOString(),
      collectionWindow: {
        syncStartedAt: SYNC_STARTED.toISOString(),
        syncEndedAt: SYNC_ENDED.toISOString(),
        systemLog: { since: WINDOW.since.toISOString(), until: WINDOW.until.toISOString() },
      },
      datasets: [{ dataset: 'users', complete: true, state: 'complete', collectionErrors: 0 }],
      tool: { name: 'okta-evidence' },
    });
    expect(users.header).not.toHaveProperty('warning');
    expect((users.header.controls as { id: string }[]).map((c) => c.id)).toEqual(ARTIFACT_CONTROLS['okta-users']);
    expect((users.header.controls as unknown[])[0]).toEqual({ id: 'SOC2:CC6.1', framework: 'SOC2', frameworkName: 'SOC 2 (Trust Services Criteria 2017)', title: expect.any(String) as string });
    expect(users.records).toHaveLength(4);
    expect(users.records[2]).toMatchObject({ id: '00u003', status: 'DEPROVISIONED', lastLogin: null, department: 'Line one\nline two' });
    expect(users.records[0]).toMatchObject({ login: 'ada@example.com', lastLogin: USERS[0]!.lastLogin!.toISOString() });
    // JSON keeps exact values; only the CSV escapes formulas.
    expect(users.records[1]).toMatchObject({ firstName: '=HYPERLINK("http://evil.example.com","click")' });
    expect(users.summary).toEqual({ recordCount: 4 });

    const csv = parseCsv(readFileSync(join(directory, 'okta-users.csv'), 'utf8'));
    expect(csv[0]).toEqual(['id', 'login', 'email', 'firstName', 'lastName', 'displayName', 'department', 'title', 'status', 'created', 'activated', 'statusChanged', 'lastLogin', 'lastUpdated', 'passwordChanged', 'oktaDomain', 'oktaOrgId', 'orgKind']);
    // Every CSV row names the org it is evidence of, and whether that org is real: here the sync recorded no identity.
    expect(csv[1]!.slice(-3)).toEqual([org, '', 'unknown']);
    expect(csv).toHaveLength(5);
    const mallory = csv[2]!;
    expect(mallory.slice(3, 8)).toEqual(['\'=HYPERLINK("http://evil.example.com","click")', 'O"Neil, Jr.', "'-2+3", "'+cmd|/C calc", "'@SUM(A1:A2)"]);
    expect(csv[3]![12]).toBe('');
    expect(csv[4]![3]).toBe("'\tTabbed");
    expect(csv[4]![4]).toBe('Zoë');

    const assignments = readJson(directory, 'user-app-assignments.json');
    expect(assignments.records).toEqual([
      expect.objectContaining({ appId: '0oa1', appLabel: 'Payroll', userId: '00u001', userLogin: 'ada@example.com', userStatus: 'ACTIVE', scope: 'USER', status: 'ACTIVE', viaGroupIds: [] }),
      expect.objectContaining({ appId: '0oa1', userId: '00u003', userLogin: 'gone@example.com', userStatus: 'DEPROVISIONED', scope: 'GROUP', viaGroupIds: ['00g1'] }),
      expect.objectContaining({ appId: '0oa2', appLabel: '=Calc', appStatus: 'INACTIVE', userLogin: 'mallory@example.com', status: 'PROVISIONED' }),
    ]);
    const assignmentCsv = parseCsv(readFileSync(join(directory, 'user-app-assignments.csv'), 'utf8'));
    expect(assignmentCsv[2]).toEqual([
      '0oa1', 'Payroll', 'ACTIVE', '00u003', 'gone@example.com', 'DEPROVISIONED', 'GROUP', 'ACTIVE', '00g1', 'Engineering',
      'true', expect.stringContaining('deprovisioned') as unknown, 'true', expect.stringContaining('no access review of the app was attested') as unknown, '',
      expect.any(String), expect.any(String), org, '', 'unknown',
    ]);
    expect(assignmentCsv[3]![1]).toBe("'=Calc");

    const apps = readJson(directory, 'applications-inventory.json');
    expect(apps.records).toEqual([
      expect.objectContaining({ id: '0oa1', label: 'Payroll', status: 'ACTIVE', accessPolicyId: '00p4ap', assignedUsers: 2, assignedGroups: 1 }),
      expect.objectContaining({ id: '0oa2', status: 'INACTIVE', assignedUsers: 1, assignedGroups: 0 }),
    ]);
    expect(parseCsv(readFileSync(join(directory, 'applications-inventory.csv'), 'utf8'))[1]).toContain('2');

    const mfa = readJson(directory, 'mfa-policies.json');
    expect(mfa.header).toMatchObject({ artifact: 'mfa-policies', datasets: [{ dataset: 'groups', complete: true }, { dataset: 'policies', complete: true }] });
    expect(mfa.records.map((r) => (r.policy as { type: string }).type)).toEqual(['MFA_ENROLL', 'OKTA_SIGN_ON', 'ACCESS_POLICY']);
    expect(mfa.records[1]).toMatchObject({
      rules: [{ id: '0pr3a', name: 'MFA everywhere', actions: { signon: { requireFactor: true } }, mfa: { effect: 'mfa' } }],
      rulesNotRequiringMfa: [{ id: '0pr3b', name: 'Default Rule', mfa: { effect: 'no-mfa', basis: 'actions.signon.requireFactor = false' } }],
    });
    expect(mfa.records[2]).toMatchObject({ rules: [{ id: '0pr4b', mfa: { effect: 'mfa' } }], rulesNotRequiringMfa: [{ id: '0pr4a' }] });

    const passwords = readJson(directory, 'password-policies.json');
    expect(passwords.records).toEqual([
      { policy: expect.objectContaining({ id: '00p1pw', type: 'PASSWORD', settings: { password: { complexity: { minLength: 8 }, age: { historyCount: 4 }, lockout: { maxAttempts: 10 } } } }) as unknown, rules: [expect.objectContaining({ id: '0pr1' })] },
    ]);

    const [headerLine, ...lines] = readFileSync(join(directory, 'system-logs.jsonl'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    // The first line is the header the JSON artifacts carry: org, window, completeness.
    // …and the event types the sync asked Okta for (issue 12: period, event types, completeness).
    const eventTypes = {
      allTypes: false,
      types: ['policy.lifecycle.update', 'user.mfa.factor.activate', 'user.session.start'],
      syncs: 1,
      syncsWithoutTypes: 0,
      statement: 'The sync that read this period asked Okta for 3 event types (listed in types).',
    };
    expect(JSON.parse(headerLine!)).toMatchObject({
      header: {
        complete: true,
        artifact: 'system-logs',
        org,
        collectionWindow: { systemLog: { since: WINDOW.since.toISOString(), until: WINDOW.until.toISOString() }, auditPeriod: null, systemLogEventTypes: eventTypes },
      },
    });
    expect(readManifest(directory).collectionWindow.systemLogEventTypes).toEqual(eventTypes);
    expect(lines.map((line) => (JSON.parse(line) as { uuid: string }).uuid)).toEqual(['ev-1', 'ev-2', 'ev-3']);
    expect(JSON.parse(lines[0]!)).toEqual({ uuid: 'ev-1', eventType: 'user.session.start', actor: { alternateId: 'ada@example.com' } });
  });

  it('names the org id, engine, credential and its principal, tool and host in the manifest and every JSON header; a simulated org says so everywhere', async () => {
    const { org, syncId } = await seedOrg(store);
    const before = readManifest((await exportOrg(org)).directory);
    // A sync that recorded no identity (before migration 0009) is named unknown, with the reason, never guessed.
    expect(before.identity).toMatchObject({ orgKind: 'unknown', orgId: null, domain: org, engine: 'unknown', credential: { type: null, principal: null } });
    expect(before.identity.unknown).toHaveLength(1);
    expect(before).not.toHaveProperty('simulated');

    const recorded = { orgId: '00oEXAMPLE0000000001', domain: org, pipeline: 'idx' as const, credential: { type: 'ssws', principal: 'admin@example.com (user 00uADMIN)' }, simulated: true, unknown: [] };
    await store.syncs.update(syncId, { orgIdentity: recorded });
    const { directory } = await exportOrg(org);
    const manifest = readManifest(directory);
    const identity = { orgKind: 'simulated', orgId: '00oEXAMPLE0000000001', domain: org, engine: 'Identity Engine', credential: recorded.credential, host: hostname(), unknown: [] };
    expect(manifest).toMatchObject({ simulated: SIMULATED_NOTICE, identity, tool: { name: 'okta-evidence', version: expect.any(String) as string } });
    const headers = readdirSync(directory).filter((name) => name.endsWith('.json') && name !== MANIFEST_FILE);
    expect(headers.length).toBeGreaterThan(4);
    for (const name of headers) expect(readJson(directory, name).header, name).toMatchObject({ simulated: SIMULATED_NOTICE, identity });
    // The signer is not pinned here (see verify.test.ts); what matters is that the manifest still parses and matches.
    expect((await verifyEvidence(directory)).problems).toEqual([]);
  });

  it('writes a manifest with every file’s SHA-256 and size, the mapping, the data-access table, and a valid Ed25519 signature', async () => {
    const { org, syncId } = await seedOrg(store);
    const { directory, manifest, manifestSha256 } = await exportOrg(org);
    const onDisk = readManifest(directory);
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(manifest)));
    expect(manifestSha256).toBe(sha256(readFileSync(join(directory, MANIFEST_FILE))));
    expect(onDisk).toMatchObject({ complete: true, manifestVersion: 2, org, syncId, generatedAt: GENERATED_AT.toISOString(), tool: { name: 'okta-evidence' } });
    expect(onDisk.datasets.map((d) => d.dataset)).toContain('factors');
    expect(onDisk.files.map((f) => f.path)).toEqual(readdirSync(directory).filter((name) => name !== MANIFEST_FILE).sort());
    for (const file of onDisk.files) {
      const bytes = readFileSync(join(directory, file.path));
      expect(file.sha256, file.path).toBe(sha256(bytes));
      expect(file.bytes, file.path).toBe(bytes.length);
    }
    expect(onDisk.files.find((f) => f.path === 'okta-users.csv')).toMatchObject({ artifact: 'okta-users', format: 'csv', records: 4, mediaType: 'text/csv; charset=utf-8; header=present' });
    expect(onDisk.artifacts.map((a) => a.id)).toEqual(ARTIFACT_IDS.filter((id) => !(PER_SERVICE_ARTIFACT_IDS as readonly string[]).includes(id)));
    for (const artifact of onDisk.artifacts) expect(artifact.controls.map((c) => c.id)).toEqual(ARTIFACT_CONTROLS[artifact.id as keyof typeof ARTIFACT_CONTROLS]);
    expect(onDisk.csvDialect.formulaEscape).toMatch(/prefixed with '/);
    expect(onDisk.dataAccess.access).toBe('read-only');
    expect(onDisk.dataAccess.reads.find((r) => r.dataset === 'users')).toMatchObject({ scopes: ['okta.users.read'], fieldsKept: { users: expect.arrayContaining(['login', 'status', 'lastLogin']) as unknown } });
    expect(JSON.stringify(onDisk.dataAccess.reads.map((r) => r.fieldsKept))).not.toMatch(/password"|secret|token/i);
    expect(onDisk.chain).toEqual({ sequence: 1, previousManifestSha256: null });
    expect(onDisk.signer).toEqual({ algorithm: 'Ed25519', publicKeyPem: key.publicKeyPem, publicKeyFingerprint: key.fingerprint });
    expect(verifyManifestSignature(onDisk, onDisk.signature!.value, createPublicKey(onDisk.signer.publicKeyPem))).toBe(true);
    expect(verifyManifestSignature({ ...onDisk, org: 'other.example.com' }, onDisk.signature!.value, key.publicKey)).toBe(false);
  });

  it('chains each export to the previous manifest of the same org, and keeps the head in the database', async () => {
    const { org } = await seedOrg(store);
    const first = await exportOrg(org);
    const second = await exportOrg(org);
    expect(second.manifest.chain).toEqual({ sequence: 2, previousManifestSha256: sha256(readFileSync(join(first.directory, MANIFEST_FILE))) });
    expect(await store.evidenceChain.head(org)).toMatchObject({ sequence: 2, manifestSha256: second.manifestSha256, generatedAt: GENERATED_AT });
    // Another org has its own chain.
    const other = await seedOrg(store);
    expect((await exportOrg(other.org)).manifest.chain).toEqual({ sequence: 1, previousManifestSha256: null });
  });

  it('says prominently when the snapshot is incomplete: manifest, artifact headers, and the System Log without a window', async () => {
    const datasets = completeDatasets()
      .filter((d) => d.dataset !== 'adminRoles')
      .map((d) => (d.dataset === 'users' ? { ...d, state: 'partial' as const, reason: 'the sync ran out of time' } : d));
    const { org } = await seedOrg(store, { datasets, logWindow: null, collectionErrors: [{ dataset: 'apps', entityId: '0oa9', message: 'label missing' }] });
    const { directory, manifest } = await exportOrg(org);
    expect(manifest.complete).toBe(false);
    expect(Object.keys(readManifest(directory))[0]).toBe('warning');
    expect(manifest.warning).toMatch(/^INCOMPLETE EVIDENCE: /);
    expect(manifest.warning).toContain('users: partial (the sync ran out of time)');
    expect(manifest.warning).toContain('adminRoles: not started (the snapshot records no status for this dataset)');
    expect(manifest.warning).toContain('apps: complete, 1 record failed to parse');
    expect(manifest.warning).toContain('no System Log collection window');

    const users = readJson(directory, 'okta-users.json');
    expect(Object.keys(users.header)[0]).toBe('warning');
    expect(users.header).toMatchObject({ complete: false, warning: 'INCOMPLETE EVIDENCE: users: partial (the sync ran out of time)' });
    expect(readJson(directory, 'password-policies.json').header).toMatchObject({ complete: true });
    expect(manifest.artifacts.find((a) => a.id === 'system-logs')).toMatchObject({ complete: false, gaps: [expect.stringContaining('no System Log collection window') as unknown] });
    expect(manifest.artifacts.find((a) => a.id === 'applications-inventory')).toMatchObject({ complete: false });
    const logLines = readFileSync(join(directory, 'system-logs.jsonl'), 'utf8').split('\n');
    expect(logLines).toHaveLength(2);
    expect(JSON.parse(logLines[0]!)).toMatchObject({ header: { complete: false, warning: expect.stringContaining('no System Log collection window') as unknown } });
  });

  it('never ships a stored test run older than the access reviews it describes: it runs the tests again with its settings', async () => {
    const { org, snapshotId } = await seedOrg(store);
    const snapshot = (await store.snapshots.get(snapshotId))!;
    const first = (await testRunForSnapshot(store, snapshot, { now: GENERATED_AT, evaluate: true }))!;
    await store.accessReviews.record({ org, appId: '0oaReviewed', appLabel: 'Reviewed', reviewerEmail: 'r@example.com', note: null, snapshotId, assignments: [], attestedAt: new Date(GENERATED_AT.getTime() + 60_000) });
    const later = new Date(GENERATED_AT.getTime() + 120_000);
    expect(await testRunForSnapshot(store, snapshot, { now: later, evaluate: false })).toBeUndefined();
    const rerun = (await testRunForSnapshot(store, snapshot, { now: later, evaluate: true }))!;
    expect(rerun).toMatchObject({ source: 'evaluated-at-export', replacedRun: { id: first.summary.id, reason: expect.stringContaining('1 access review was recorded after it') as unknown } });
    expect(rerun.summary.evaluatedAt).toEqual(later);
    expect((await testRunForSnapshot(store, snapshot, { now: later, evaluate: false }))?.source).toBe('stored');
  });

  it('includes the security tests over the snapshot: the stored run when there is one, else a run with default settings', async () => {
    const { org, snapshotId } = await seedOrg(store);
    const snapshot = (await store.snapshots.get(snapshotId))!;
    expect(await testRunForSnapshot(store, snapshot, { now: GENERATED_AT, evaluate: false })).toBeUndefined();
    const evaluated = (await testRunForSnapshot(store, snapshot, { now: GENERATED_AT, evaluate: true }))!;
    expect(evaluated.source).toBe('evaluated-at-export');
    expect(evaluated.summary).toMatchObject({ org, snapshotId, settings: { profile: 'pci-dss-v4', inactiveDays: 90 } });
    const stored = (await testRunForSnapshot(store, snapshot, { now: GENERATED_AT, evaluate: false }))!;
    expect(stored).toMatchObject({ source: 'stored', summary: { id: evaluated.summary.id } });
    const full = (await store.checkResults.get(evaluated.summary.id))!;


    const { directory, manifest } = await exportEvidence({ store, org, outDir: outDir(), signingKey: key, now: () => GENERATED_AT, tests: stored });
    expect(manifest.securityTests).toMatchObject({
      included: true,
      artifact: 'security-test-results',
      source: 'stored',
      runId: evaluated.summary.id,
      checks: [
        { id: 'mfa-enabled-all-users', controls: CHECK_CONTROLS['mfa-enabled-all-users'] },
        { id: 'mfa-enforced-at-sign-in', controls: CHECK_CONTROLS['mfa-enforced-at-sign-in'] },
        { id: 'password-policy-compliance' },
        { id: 'inactive-user-accounts' },
        { id: 'application-access-review' },
      ],
    });
    expect(manifest.artifacts.at(-1)).toMatchObject({ id: 'security-test-results', files: ['security-test-results.json', 'security-test-results.csv'] });
    const results = readJson(directory, 'security-test-results.json');
    expect((results.header.controls as { id: string }[]).map((c) => c.id)).toEqual(expect.arrayContaining([...CHECK_CONTROLS['mfa-enabled-all-users'], ...CHECK_CONTROLS['application-access-review']]));
    const total = full.results.reduce((sum, result) => sum + result.entities.length, 0);
    expect(total).toBeGreaterThan(8);
    expect(results.records).toHaveLength(total);
    expect(results.records).toContainEqual(expect.objectContaining({ checkId: 'inactive-user-accounts', entityType: 'user', entityId: '00u001', status: expect.any(String) as string, reason: expect.any(String) as string }));
    const csv = parseCsv(readFileSync(join(directory, 'security-test-results.csv'), 'utf8'));
    expect(csv[0]).toEqual(['checkId', 'checkTitle', 'severity', 'entityType', 'entityId', 'entityName', 'status', 'reason', 'fields', 'oktaDomain', 'oktaOrgId', 'orgKind']);
    expect(csv).toHaveLength(total + 1);

    // Without a run the manifest says so.
    const without = await exportOrg(org);
    expect(without.manifest.securityTests).toMatchObject({ included: false, reason: expect.stringContaining('okta-evidence tests') as unknown });
    // A run over another snapshot is refused rather than exported as if it were this one's.
    const next = await seedOrg(store, { org });
    expect(next.snapshotId).not.toBe(snapshotId);
    expect(isEvidenceError(await exportEvidence({ store, org, outDir: outDir(), signingKey: key, now: () => GENERATED_AT, tests: stored }).catch((e: unknown) => e), 'EVIDENCE_SNAPSHOT_CHANGED')).toBe(true);
  });

  it('refuses a non-empty output directory and an org without a promoted snapshot, leaving nothing behind', async () => {
    const { org } = await seedOrg(store);
    const busy = outDir();
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    expect(isEvidenceError(await exportOrg(org, busy).catch((e: unknown) => e), 'EVIDENCE_OUT_EXISTS')).toBe(true);
    expect(readdirSync(busy)).toEqual(['notes.txt']);

    const empty = outDir();
    mkdirSync(empty);
    expect((await exportOrg(org, empty)).directory).toBe(empty);

    const target = outDir();
    expect(isEvidenceError(await exportOrg(newOrg(), target).catch((e: unknown) => e), 'EVIDENCE_NO_SNAPSHOT')).toBe(true);
    expect(readdirSync(root).filter((name) => name.includes('partial'))).toEqual([]);
    expect(await store.evidenceChain.head(org)).toMatchObject({ sequence: 1 });
  });

  it('fails without moving the chain when another export advanced it meanwhile', async () => {
    const { org } = await seedOrg(store);
    await exportOrg(org);
    // This export read the head before the first one moved it: it still believes the org has no export.
    const staleHead = <T extends { evidenceChain: Store['evidenceChain'] }>(repos: T): T => ({ ...repos, evidenceChain: { ...repos.evidenceChain, head: () => Promise.resolve(undefined) } });
    const transaction: Store['transaction'] = (work) => store.transaction((tx) => work(staleHead(tx)));
    const target = outDir();
    const error = await exportEvidence({ store: { ...staleHead(store), transaction }, org, outDir: target, signingKey: key, now: () => GENERATED_AT }).catch((e: unknown) => e);
    expect(isEvidenceError(error, 'EVIDENCE_CHAIN_CONFLICT')).toBe(true);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(root).filter((name) => name.includes('partial'))).toEqual([]);
    expect(await store.evidenceChain.head(org)).toMatchObject({ sequence: 1 });
  });

  it('checks the ZIP target before writing anything: an existing ZIP fails the export with no trace in the chain (issue 14 item 17)', async () => {
    const { org } = await seedOrg(store);
    await exportOrg(org);
    const target = outDir();
    writeFileSync(`${target}.zip`, 'an earlier zip');
    const error = await exportEvidence({ store, org, outDir: target, zip: `${target}.zip`, signingKey: key, now: () => GENERATED_AT }).catch((e: unknown) => e);
    expect(isEvidenceError(error, 'EVIDENCE_OUT_EXISTS')).toBe(true);
    expect(existsSync(target)).toBe(false);
    expect(readFileSync(`${target}.zip`, 'utf8')).toBe('an earlier zip');
    expect(await store.evidenceChain.head(org)).toMatchObject({ sequence: 1 });

    const packed = outDir();
    const result = await exportEvidence({ store, org, outDir: packed, zip: `${packed}.zip`, signingKey: key, now: () => GENERATED_AT });
    expect(result.zip).toBe(`${packed}.zip`);
    expect(existsSync(`${packed}.zip`)).toBe(true);
    expect(await store.evidenceChain.head(org)).toMatchObject({ sequence: 2 });
  });

  it.skipIf(process.platform === 'win32')('writes the export readable by its owner only: folder 0700, files 0600 (issue 14 item 12)', async () => {
    const { org } = await seedOrg(store);
    const dir = outDir();
    const { directory, zip } = await exportEvidence({ store, org, outDir: dir, zip: `${dir}.zip`, signingKey: key, now: () => GENERATED_AT });
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(directory)) expect(statSync(join(directory, name)).mode & 0o777, name).toBe(0o600);
    expect(statSync(zip!).mode & 0o777).toBe(0o600);
  });
});

