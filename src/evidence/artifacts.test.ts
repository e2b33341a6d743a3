import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_CONTROLS } from '../frameworks/mapping.js';
import type { Store } from '../store/store.js';
import { makeAdminRole, makeAppAssignment, makeAppGroupAssignment, makeFactor, makeGroup, makePolicy } from '../store/testing/fixtures.js';
import { testBackends } from '../store/testing/test-backends.js';
import type { DatasetStatus } from '../store/types.js';
import { isEvidenceError } from './errors.js';
import { exportEvidence } from './export.js';
import { MANIFEST_FILE, type Manifest } from './manifest.js';
import { signManifest } from './signature.js';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.js';
import { SYNC_ENDED, completeDatasets, seedOrg } from './testing/seed-org.js';
import { verifyEvidence } from './verify.js';

/**
 * Issue 12, the evidence an auditor accepts: names beside ids, the Groups & memberships, Admin roles and per-user MFA
 * factors artifacts, orphaned and unreviewed assignments, the System Log header line, an audit period, and datasets
 * read incompletely said so in the artifacts built from them.
 */

const backends = testBackends(process.env.TEST_DATABASE_URL);
const root = mkdtempSync(join(tmpdir(), 'okta-evidence-artifacts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let next = 0;
const outDir = () => join(root, `export-${(next += 1)}`);
const GENERATED_AT = new Date('2024-06-08T01:00:00.000Z');
type Json = Record<string, unknown>;
const readJson = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { header: Json; records: Json[] };
const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(backends.map((backend) => [backend.name, backend] as const))('evidence artifacts on %s', (_name, backend) => {
  let store: Store;
  let key: SigningKey;
  beforeAll(async () => {
    ({ store } = await backend.open());
    key = await loadOrCreateSigningKey(join(root, `keys-${backend.name}`));
  });
  const exportOrg = (org: string, options: { from?: string; to?: string } = {}) =>
    exportEvidence({ store, org, outDir: outDir(), signingKey: key, now: () => GENERATED_AT, ...(options.from === undefined && options.to === undefined ? {} : { period: options }) });

  /** The seeded org plus an admin group, an empty group, roles, factors and a group grant the user has left. */
  async function seedRicherOrg(datasets?: DatasetStatus[]) {
    const write = store.entities;
    return seedOrg(store, {
      ...(datasets === undefined ? {} : { datasets }),
      more: async (id) => {
        await write.upsert('groups', id, [makeGroup({ id: '00g2', name: 'Okta Admins' }), makeGroup({ id: '00g3', name: 'Nobody yet' })]);
        await write.upsert('groupMemberships', id, [{ groupId: '00g2', userId: '00u004' }]);
        await write.upsert('policies', id, [makePolicy({ id: '00p5en', type: 'MFA_ENROLL', name: 'Admins enroll', priority: 1, conditions: { people: { groups: { include: ['00g2'], exclude: ['00g9'] } } } })]);
        await write.upsert('adminRoles', id, [
          makeAdminRole({ userId: '00u001', id: 'ra1', type: 'SUPER_ADMIN', label: 'Super Administrator', status: 'ACTIVE', assignmentType: 'USER', groupId: null }),
          makeAdminRole({ userId: '00u004', id: 'ra2', type: 'ORG_ADMIN', label: 'Organization Administrator', status: 'ACTIVE', assignmentType: 'GROUP', groupId: '00g2' }),
        ]);
        await write.upsert('factors', id, [
          makeFactor({ userId: '00u001', id: 'f1', factorType: 'webauthn', status: 'ACTIVE' }),
          makeFactor({ userId: '00u001', id: 'f2', factorType: 'sms', status: 'ACTIVE', profileSummary: 'phone ***37' }),
          makeFactor({ userId: '00u004', id: 'f3', factorType: 'question', status: 'ACTIVE' }),
        ]);
        // Payroll is granted to Okta Admins; ada (00u001) holds =Calc through that group but is not a member.
        await write.upsert('appGroupAssignments', id, [makeAppGroupAssignment({ appId: '0oa1', groupId: '00g2' })]);
        await write.upsert('appAssignments', id, [
          makeAppAssignment({ appId: '0oa2', userId: '00u001', scope: 'GROUP', viaGroupIds: ['00g2'] }),
          makeAppAssignment({ appId: '0oa1', userId: '00u004', scope: 'GROUP', viaGroupIds: ['00g2'] }),
        ]);
      },
    });
  }

  it('adds Groups & memberships, Admin roles and MFA factors per user: names beside ids, mapped, in the manifest with their data access', async () => {
    const { org } = await seedRicherOrg();
    const { directory, manifest } = await exportOrg(org);

    const groups = readJson(directory, 'groups-memberships.json');
    expect(groups.header).toMatchObject({ artifact: 'groups-memberships', complete: true });
    expect(groups.records).toEqual([
      expect.objectContaining({ groupId: '00g1', groupName: 'Engineering', userId: '00u003', userLogin: 'gone@example.com', userStatus: 'DEPROVISIONED' }),
      expect.objectContaining({ groupId: '00g2', groupName: 'Okta Admins', userId: '00u004', userLogin: 'sus@example.com', userStatus: 'SUSPENDED' }),
      // A group without members keeps its row, with no user.
      expect.objectContaining({ groupId: '00g3', groupName: 'Nobody yet', userId: null, userLogin: null }),
    ]);

    const roles = readJson(directory, 'admin-roles.json');
    expect(roles.records).toEqual([
      expect.objectContaining({ userId: '00u001', userLogin: 'ada@example.com', roleType: 'SUPER_ADMIN', assignmentType: 'USER', groupId: null, groupName: null }),
      expect.objectContaining({ userId: '00u004', userStatus: 'SUSPENDED', roleType: 'ORG_ADMIN', assignmentType: 'GROUP', groupId: '00g2', groupName: 'Okta Admins' }),
    ]);

    const factors = readJson(directory, 'user-mfa-factors.json');
    expect(factors.records.map((r) => [r.userId, r.factorType, r.strength])).toEqual([
      ['00u001', 'webauthn', 'phishing-resistant'],
      ['00u001', 'sms', 'weak'],
      ['00u002', null, null],
      ['00u003', null, null],
      ['00u004', 'question', 'knowledge'],
    ]);
    expect(factors.records[1]).toMatchObject({ profileSummary: 'phone ***37', factorStatus: 'ACTIVE' });

    for (const id of ['groups-memberships', 'admin-roles', 'user-mfa-factors'] as const) {
      expect(manifest.artifacts.find((a) => a.id === id)).toMatchObject({ complete: true, files: [`${id}.json`, `${id}.csv`] });
      expect(manifest.artifacts.find((a) => a.id === id)?.controls.map((c) => c.id)).toEqual(ARTIFACT_CONTROLS[id]);
    }
    // Privileged access: ISO 27001 A.9.2.3 / 8.2 and PCI DSS 7.2.
    expect(ARTIFACT_CONTROLS['admin-roles']).toEqual(expect.arrayContaining(['ISO27001_2013:A.9.2.3', 'ISO27001_2022:8.2', 'PCI_DSS_4:7.2']));
    // What was read to build them is in the data-access statement, from the dataset declarations.
    expect(manifest.dataAccess.reads.find((read) => read.dataset === 'adminRoles')).toMatchObject({ requests: ['GET /api/v1/iam/assignees/users', 'GET /api/v1/users/{userId}/roles'] });

    // Names beside ids in the older artifacts too.
    const apps = readJson(directory, 'applications-inventory.json');
    expect(apps.records[0]).toMatchObject({ id: '0oa1', accessPolicyId: '00p4ap', accessPolicyName: 'App sign-in' });
    const mfa = readJson(directory, 'mfa-policies.json');
    expect(mfa.records.find((r) => (r.policy as Json).id === '00p5en')?.policy).toMatchObject({
      groups: { include: [{ id: '00g2', name: 'Okta Admins' }], exclude: [{ id: '00g9', name: null }] },
    });
    const assignments = readJson(directory, 'user-app-assignments.json');
    expect(assignments.records.find((r) => r.userId === '00u003')).toMatchObject({ viaGroupIds: ['00g1'], viaGroups: [{ id: '00g1', name: 'Engineering' }], viaGroupNames: 'Engineering' });
  });

  it('flags orphaned assignments: deprovisioned or suspended users, and group grants the user no longer has', async () => {
    const { org } = await seedRicherOrg();
    const { directory } = await exportOrg(org);
    const rows = readJson(directory, 'user-app-assignments.json').records;
    const row = (appId: string, userId: string) => rows.find((r) => r.appId === appId && r.userId === userId);
    expect(row('0oa1', '00u001')).toMatchObject({ scope: 'USER', orphaned: false, orphanedReason: null });
    expect(row('0oa1', '00u003')).toMatchObject({ orphaned: true, orphanedReason: expect.stringContaining('deprovisioned') as unknown });
    expect(row('0oa1', '00u004')).toMatchObject({ orphaned: true, orphanedReason: expect.stringContaining('suspended') as unknown });
    expect(row('0oa2', '00u001')).toMatchObject({ orphaned: true, orphanedReason: 'the user is no longer a member of any group that grants this assignment' });
  });

  it('flags unreviewed assignments: no review of the app in the review period, or added after the review', async () => {
    const { org, snapshotId } = await seedRicherOrg();
    const review = (appId: string, attestedAt: Date, userIds: string[]) =>
      store.accessReviews.record({
        org, appId, appLabel: appId, reviewerEmail: 'reviewer@example.com', attestedAt, note: null, snapshotId,
        assignments: userIds.map((userId) => ({ userId, login: null, userStatus: null, scope: 'USER', assignmentStatus: 'ACTIVE' })),
      });
    // Payroll was reviewed at the end of the sync, listing ada only; =Calc last 200 days ago (the period is 90).
    await review('0oa1', SYNC_ENDED, ['00u001']);
    await review('0oa2', new Date(GENERATED_AT.getTime() - 200 * 86_400_000), ['00u001', '00u002']);
    const { directory } = await exportOrg(org);
    const rows = readJson(directory, 'user-app-assignments.json').records;
    const row = (appId: string, userId: string) => rows.find((r) => r.appId === appId && r.userId === userId);
    expect(row('0oa1', '00u001')).toMatchObject({ unreviewed: false, unreviewedReason: null, reviewedAt: SYNC_ENDED.toISOString() });
    expect(row('0oa1', '00u003')).toMatchObject({ unreviewed: true, reviewedAt: null, unreviewedReason: `not in the assignment list of the review attested ${SYNC_ENDED.toISOString()} (added after it)` });
    expect(row('0oa2', '00u002')).toMatchObject({ unreviewed: true, unreviewedReason: expect.stringMatching(/^no access review of the app was attested from 2024-03-10T01:00:00.000Z to 2024-06-08T01:00:00.000Z$/) as unknown });
  });

  it('says when a dataset an artifact is built from was read incompletely, in its header, the manifest and its flags', async () => {
    const datasets: DatasetStatus[] = completeDatasets().map((d) => {
      if (d.dataset === 'adminRoles') return { ...d, state: 'not_permitted', permissionNeeded: 'okta.roles.read scope' };
      if (d.dataset === 'factors') return { ...d, state: 'partial', reason: 'the sync ran out of time' };
      if (d.dataset === 'groupMemberships') return { ...d, state: 'partial', reason: 'an unreadable page' };
      return d;
    });
    const { org } = await seedRicherOrg(datasets);
    const { directory, manifest } = await exportOrg(org);
    expect(readJson(directory, 'admin-roles.json').header).toMatchObject({ complete: false, warning: expect.stringContaining('adminRoles: not permitted, needs okta.roles.read scope') as unknown });
    expect(readJson(directory, 'user-mfa-factors.json').header).toMatchObject({ complete: false, warning: expect.stringContaining('factors: partial (the sync ran out of time)') as unknown });
    expect(readJson(directory, 'groups-memberships.json').header).toMatchObject({ complete: false });
    expect(manifest.artifacts.find((a) => a.id === 'admin-roles')).toMatchObject({ complete: false });
    expect(manifest.artifacts.find((a) => a.id === 'okta-users')).toMatchObject({ complete: true });
    // Without every membership, a group grant the user seems to lack is not called orphaned: it cannot be told.
    const rows = readJson(directory, 'user-app-assignments.json').records;
    expect(rows.find((r) => r.appId === '0oa2' && r.userId === '00u001')).toMatchObject({ orphaned: null, orphanedReason: 'cannot tell: the group memberships were not read in full' });
    // The header line of the System Log says what it covers and that it is complete.
    const header = JSON.parse(readFileSync(join(directory, 'system-logs.jsonl'), 'utf8').split('\n')[0]!) as { header: Json };
    expect(header.header).toMatchObject({ artifact: 'system-logs', complete: true, datasets: [{ dataset: 'logEvents', complete: true }] });
  });

  it('marks a simulated org in every CSV row and the System Log header line, and verification checks those headers', async () => {
    const { org, syncId } = await seedRicherOrg();
    await store.syncs.update(syncId, { orgIdentity: { orgId: '00oSIM', domain: org, pipeline: 'idx', credential: { type: 'ssws', principal: 'admin@example.com' }, simulated: true, unknown: [] } });
    const { directory } = await exportOrg(org);
    const csv = readFileSync(join(directory, 'admin-roles.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/,oktaDomain,oktaOrgId,orgKind$/);
    expect(csv[1]).toMatch(new RegExp(`,${org.replaceAll('.', '\\.')},00oSIM,simulated$`));
    const logHeader = JSON.parse(readFileSync(join(directory, 'system-logs.jsonl'), 'utf8').split('\n')[0]!) as { header: Json };
    expect(logHeader.header).toMatchObject({ simulated: expect.stringContaining('SIMULATED ORG') as unknown, identity: { orgKind: 'simulated' } });
    const trusted = { trustedKey: { publicKey: key.publicKey, source: 'test' } };
    expect(await verifyEvidence(directory, trusted)).toMatchObject({ ok: true, problems: [] });

    // A changed header line fails its hash.
    const logFile = join(directory, 'system-logs.jsonl');
    const original = readFileSync(logFile, 'utf8');
    writeFileSync(logFile, original.replace('"orgKind":"simulated"', '"orgKind":"real"'));
    expect((await verifyEvidence(directory, trusted)).problems).toEqual([{ file: 'system-logs.jsonl', reason: expect.stringMatching(/^changed: /) as unknown }]);

    // Re-listed in a manifest signed again (an insider with the key), the hash matches but the header disagrees.
    const manifest = readManifest(directory);
    const bytes = readFileSync(logFile);
    const files = manifest.files.map((file) => (file.path === 'system-logs.jsonl' ? { ...file, sha256: sha256(bytes), bytes: bytes.length } : file));
    const { signature: _signature, ...unsigned } = manifest;
    writeFileSync(join(directory, MANIFEST_FILE), `${JSON.stringify(signManifest({ ...unsigned, files }, key.privateKey), null, 2)}\n`);
    const report = await verifyEvidence(directory, { ...trusted, full: true });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ file: 'system-logs.jsonl', reason: 'its first line disagrees with manifest.json: identity.orgKind is "real", the manifest says "simulated"' }]);
  });

  it('states the event types of an audit period: the union over the syncs whose log reads reach into it, and how many recorded none', async () => {
    const { org } = await seedRicherOrg();
    const pastRead = async (until: string, logEventTypes: string[] | null) => {
      const sync = await store.syncs.start({ org, trigger: 'schedule', startedAt: new Date(until) });
      await store.syncs.update(sync.id, { status: 'succeeded', logWindow: { since: new Date('2024-05-01T00:00:00Z'), until: new Date(until) }, logEventTypes });
    };
    await pastRead('2024-06-01T12:00:00Z', ['user.account.unlock']); // ends before the period: not counted
    await pastRead('2024-06-03T00:00:00Z', ['user.account.lock', 'user.session.start']);
    await pastRead('2024-06-04T00:00:00Z', null); // recorded before migration 0013
    const { directory, manifest } = await exportOrg(org, { from: '2024-06-02', to: '2024-06-04' });
    const expected = {
      allTypes: false,
      types: ['policy.lifecycle.update', 'user.account.lock', 'user.mfa.factor.activate', 'user.session.start'],
      syncs: 3,
      syncsWithoutTypes: 1,
      statement:
        '2 of the 3 syncs that read this period asked Okta for 4 event types (listed in types); the other 1 did not record their event types (they ran before okta-evidence recorded them), so events of other types may be included.',
    };
    expect(manifest.collectionWindow.systemLogEventTypes).toEqual(expected);
    const [header] = readFileSync(join(directory, 'system-logs.jsonl'), 'utf8').split('\n');
    expect(JSON.parse(header!)).toMatchObject({ header: { collectionWindow: { systemLogEventTypes: expected } } });
  });

  it('exports an audit period: System Log events and access reviews of the period, stated in every header', async () => {
    const { org, snapshotId } = await seedRicherOrg();
    const review = (attestedAt: Date) =>
      store.accessReviews.record({ org, appId: '0oa1', appLabel: 'Payroll', reviewerEmail: 'r@example.com', attestedAt, note: null, snapshotId, assignments: [] });
    await review(new Date('2024-06-02T12:00:00Z'));
    await review(new Date('2024-06-05T12:00:00Z'));
    const { directory, manifest } = await exportOrg(org, { from: '2024-06-02', to: '2024-06-04' });
    const period = { since: '2024-06-02T00:00:00.000Z', until: '2024-06-05T00:00:00.000Z' };
    expect(manifest.collectionWindow).toMatchObject({ auditPeriod: period, systemLog: period });
    expect(readJson(directory, 'okta-users.json').header).toMatchObject({ collectionWindow: { auditPeriod: period } });
    const [header, ...events] = readFileSync(join(directory, 'system-logs.jsonl'), 'utf8').trimEnd().split('\n');
    expect(JSON.parse(header!)).toMatchObject({ header: { collectionWindow: { auditPeriod: period } } });
    expect(events.map((line) => (JSON.parse(line) as { uuid: string }).uuid)).toEqual(['ev-2']);
    // Only the review attested within the period, and the period decides which assignments it covers.
    expect(readJson(directory, 'access-reviews.json').records.map((r) => r.attestedAt)).toEqual(['2024-06-02T12:00:00.000Z']);
    const payroll = readJson(directory, 'user-app-assignments.json').records.find((r) => r.appId === '0oa1' && r.userId === '00u001');
    expect(payroll).toMatchObject({ unreviewed: true, unreviewedReason: 'not in the assignment list of the review attested 2024-06-02T12:00:00.000Z (added after it)' });
  });

  it.each([
    [{ from: '2024-06-31' }, 'EVIDENCE_PERIOD_INVALID', '--from "2024-06-31" is not a date: give a UTC date (2026-07-01) or an ISO 8601 instant with its zone (2026-07-01T09:00:00Z).'],
    [{ from: 'last week' }, 'EVIDENCE_PERIOD_INVALID', '--from "last week" is not a date'],
    [{ to: '2024-06-03T10:00:00' }, 'EVIDENCE_PERIOD_INVALID', '--to "2024-06-03T10:00:00" is not a date'],
    [{ from: '2024-06-05', to: '2024-06-02' }, 'EVIDENCE_PERIOD_INVALID', '--from 2024-06-05 is not before --to 2024-06-02: the audit period would be empty.'],
    [{ from: '2024-01-01', to: '2024-06-03' }, 'EVIDENCE_PERIOD_UNAVAILABLE', 'covers 2024-05-31T23:59:59.999Z to 2024-06-08T00:00:00.000Z. Choose --from/--to within it'],
    [{ from: '2024-06-02', to: '2024-12-31' }, 'EVIDENCE_PERIOD_UNAVAILABLE', 'is beyond the data kept'],
  ])('refuses the period %j with a clear error, writing nothing', async (period, code, message) => {
    const { org } = await seedOrg(store);
    const dir = outDir();
    const error: unknown = await exportEvidence({ store, org, outDir: dir, signingKey: key, now: () => GENERATED_AT, period }).catch((caught: unknown) => caught);
    expect(isEvidenceError(error)).toBe(true);
    expect(error).toMatchObject({ code, message: expect.stringContaining(message) as unknown });
    expect(await store.evidenceChain.head(org)).toBeUndefined();
  });

  it('refuses a period when no System Log window was ever collected', async () => {
    const { org } = await seedOrg(store, { logWindow: null });
    const error: unknown = await exportOrg(org, { from: '2024-06-02' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'EVIDENCE_PERIOD_UNAVAILABLE', message: expect.stringContaining('No System Log of') as unknown });
  });
});
