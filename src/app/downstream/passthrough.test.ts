import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedSnapshot, tempDatabases } from '../../cli/testing/seed-store.js';
import { openDatabase } from '../../store/database.js';
import { makeApp, makeAppAssignment, makeFactor, makeLogEvent, makePolicy, makePolicyRule, makeUser } from '../../store/testing/fixtures.js';
import { DEFAULT_CONNECTION_SETTINGS } from '../connection-settings.js';
import { InvalidInputError, OperationFailedError } from '../errors.js';
import { verifyEvidenceExport } from '../evidence.js';
import { attestServiceFact } from './attest.js';
import { importDownstreamService } from './import-service.js';
import { runDownstreamPassthrough } from './passthrough.js';

const ORG = 'acme.okta.com';
const APP = '0oaDD';
const NOW = new Date('2025-06-30T12:00:00.000Z');
const databases = tempDatabases();
afterAll(() => databases.dispose());

const alice = makeUser({ id: '00ualice', login: 'alice@example.com', email: 'alice@example.com' });
const bob = makeUser({ id: '00ubob', login: 'bob@example.com', email: 'bob@example.com' });

/** An Okta org whose Datadog app requires 2FA; alice is assigned with Okta Verify, bob is not assigned. */
async function seededDatabase(name: string): Promise<string> {
  const db = databases.path(name);
  await seedSnapshot(db, ORG, {
    users: [alice, bob],
    factors: [makeFactor({ userId: alice.id, id: 'ufa1', factorType: 'push' }), makeFactor({ userId: bob.id, id: 'ufa2', factorType: 'push' })],
    apps: [makeApp({ id: APP, label: 'Datadog', signOnMode: 'SAML_2_0', accessPolicyId: 'rstDD' })],
    appAssignments: [makeAppAssignment({ appId: APP, userId: alice.id })],
    policies: [makePolicy({ id: 'rstDD', type: 'ACCESS_POLICY', name: 'Datadog sign-in', conditions: null })],
    policyRules: [makePolicyRule({ policyId: 'rstDD', id: 'rul1', name: 'Everyone: 2FA', type: 'ACCESS_POLICY', priority: 1, conditions: null, actions: { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode: '2FA' } } } })],
  });
  const store = await openDatabase(db);
  try {
    await store.connections.create({ name: 'acme', domain: ORG, baseUrl: null, proxyUrl: null, credential: { kind: 'ssws' }, sealedSecret: 'sealed-for-test', settings: DEFAULT_CONNECTION_SETTINGS });
    const session = { authenticationContext: { rootSessionId: 'idxS' } };
    await store.logEvents.insert(ORG, [
      makeLogEvent({ uuid: 'ev-mfa', published: new Date('2025-06-29T08:00:00Z'), eventType: 'user.authentication.auth_via_mfa', outcomeResult: 'SUCCESS', actorId: alice.id, raw: session }),
      makeLogEvent({ uuid: 'ev-sso', published: new Date('2025-06-29T08:00:02Z'), eventType: 'user.authentication.sso', outcomeResult: 'SUCCESS', actorId: alice.id, targetIds: [APP], raw: session }),
    ]);
  } finally {
    await store.close();
  }
  return db;
}

async function accountsFile(name: string, text: string): Promise<string> {
  const path = databases.path(name);
  await writeFile(path, text);
  return path;
}

const CSV = 'account_id,email,own_mfa\nd-1,alice@example.com,disabled\nd-2,bob@example.com,\nd-3,ops@example.com,enabled\n';

describe('imported service: import, attest, evaluate, export', () => {
  it('evaluates per person, passes only through a proven chain once SSO enforcement is attested, and exports signed evidence', async () => {
    const db = await seededDatabase('flow.sqlite');
    const file = await accountsFile('datadog.csv', CSV);
    const imported = await importDownstreamService({ database: db, name: 'Datadog', oktaConnection: 'acme', oktaApp: 'Datadog', file, actor: 'cli:tester', now: NOW });
    expect(imported).toMatchObject({ accounts: 3, service: { kind: 'imported', oktaOrg: ORG, oktaAppId: APP } });

    const before = await runDownstreamPassthrough({ database: db, service: 'Datadog', now: NOW });
    const status = (login: string) => before.evaluation.accounts.find((account) => account.login === login);
    expect(status('alice@example.com')).toMatchObject({ status: 'fail', failures: ['sso-unverified'] });
    expect(status('ops@example.com')).toMatchObject({ status: 'pass', basis: 'own-mfa' });
    expect(before.evaluation.nameIdFormat.source).toContain('Imported from datadog.csv');

    await attestServiceFact({ database: db, service: 'datadog', fact: 'sso-enforced', value: 'true', attestedBy: 'admin@example.com', attestedAt: new Date('2025-06-30T09:00:00Z'), statement: 'Datadog › Login methods: SAML strict mode is on', actor: 'cli:tester', now: NOW });
    const keyDir = databases.path('keys');
    const folder = databases.path('evidence');
    // A minute later: each call opens its own store, and ids order evaluations only across distinct milliseconds then.
    const after = await runDownstreamPassthrough({ database: db, service: 'Datadog', now: new Date(NOW.getTime() + 60_000), evidence: { root: folder, keyDir } });
    const alices = after.evaluation.accounts.find((account) => account.login === 'alice@example.com');
    expect(alices).toMatchObject({ status: 'pass', basis: 'passthrough' });
    expect(alices?.chain[1]).toMatchObject({ state: 'proven', source: { source: 'attested', by: 'admin@example.com', statement: 'Datadog › Login methods: SAML strict mode is on' } });
    expect(alices?.signIns).toEqual([{ eventId: 'ev-sso', at: '2025-06-29T08:00:02.000Z', outcome: 'SUCCESS', mfa: { eventId: 'ev-mfa', eventType: 'user.authentication.auth_via_mfa', at: '2025-06-29T08:00:00.000Z', correlation: 'session' } }]);
    expect(after.evaluation.accounts.find((account) => account.login === 'bob@example.com')).toMatchObject({ status: 'fail', failures: ['not-assigned'] });

    const store = await openDatabase(db);
    try {
      expect((await store.passthrough.latestEvaluation(imported.service.id))?.id).toBe(after.stored.id);
      const audit = await store.auditLog.list();
      expect(audit.map((entry) => entry.action)).toEqual(['downstream.attest', 'downstream.import']);
      expect(audit[0]?.details).toMatchObject({ fact: 'sso-enforced', value: true, attestedBy: 'admin@example.com' });
    } finally {
      await store.close();
    }

    const exported = after.exported;
    if (exported === undefined) throw new Error('no export');
    const artifact = exported.manifest.artifacts.find((entry) => entry.id.startsWith('downstream-mfa-coverage-'));
    expect(artifact?.controls.map((control) => control.id)).toEqual(expect.arrayContaining(['SOC2:CC6.1', 'PCI_DSS_4:8.4', 'HIPAA:164.312(d)', 'NIST_CSF_2_0:PR.AA-03']));
    expect(exported.manifest.artifacts.map((entry) => entry.id)).toEqual(['mfa-policies', 'user-app-assignments', artifact?.id]);
    // In the Okta org's evidence folder, under the service's own folder, named after the read it evaluated.
    expect(exported.directory).toBe(join(folder, ORG, 'downstream', imported.service.id, `2025-06-30T12-01-00-000Z-${imported.snapshotId}`));
    expect(exported.manifest.downstream).toMatchObject({ chain: `downstream:${imported.service.id}`, service: { id: imported.service.id, name: 'Datadog', kind: 'imported' }, snapshotId: imported.snapshotId });
    expect((await verifyEvidenceExport({ path: exported.directory, keyDir })).report.ok).toBe(true);

    const csvPath = join(exported.directory, `${artifact?.id ?? ''}.csv`);
    const csv = await readFile(csvPath, 'utf8');
    expect(csv).toContain('d-1,alice@example.com,account,disabled,pass,passthrough');
    await writeFile(csvPath, csv.replace('d-2,bob@example.com,account,unknown,fail', 'd-2,bob@example.com,account,unknown,pass'));
    expect((await verifyEvidenceExport({ path: exported.directory, keyDir })).report.ok).toBe(false);
  }, 30_000);

  it('refuses an unknown Okta app or a bad file, importing nothing', async () => {
    const db = await seededDatabase('refused.sqlite');
    const good = await accountsFile('good.csv', CSV);
    await expect(importDownstreamService({ database: db, name: 'Datadog', oktaConnection: 'acme', oktaApp: 'Dtadog', file: good, actor: 'cli:t', now: NOW })).rejects.toThrow(new InvalidInputError(`Unknown Okta app "Dtadog" in ${ORG}: give the id or label of an app in its current snapshot.`));
    const bad = await accountsFile('bad.csv', 'account_id,email\n1,a@example.com\n1,b@example.com\n');
    await expect(importDownstreamService({ database: db, name: 'Datadog', oktaConnection: 'acme', oktaApp: APP, file: bad, actor: 'cli:t', now: NOW })).rejects.toThrow(/bad\.csv: .*row 3: duplicate account_id "1" \(first in row 2\)/);
    await expect(importDownstreamService({ database: db, name: 'Datadog', oktaConnection: 'nope', oktaApp: APP, file: good, actor: 'cli:t', now: NOW })).rejects.toThrow(InvalidInputError);
    const store = await openDatabase(db);
    try {
      expect(await store.downstream.listServices()).toEqual([]);
      expect(await store.auditLog.list()).toEqual([]);
    } finally {
      await store.close();
    }
    await expect(runDownstreamPassthrough({ database: db, service: 'Datadog', now: NOW })).rejects.toThrow(/No downstream service "Datadog": none is stored yet/);
  });

  it('refuses an attestation without a named admin, a statement, a known fact or a valid value', async () => {
    const db = await seededDatabase('attest.sqlite');
    await importDownstreamService({ database: db, name: 'Datadog', oktaConnection: 'acme', oktaApp: APP, file: await accountsFile('a.csv', CSV), actor: 'cli:t', now: NOW });
    const base = { database: db, service: 'Datadog', fact: 'sso-enforced', value: 'true', attestedBy: 'admin@example.com', statement: 'on', actor: 'cli:t', now: NOW };
    await expect(attestServiceFact({ ...base, attestedBy: 'admin' })).rejects.toThrow(/--by must be the attesting admin's email address/);
    await expect(attestServiceFact({ ...base, statement: '  ' })).rejects.toThrow(/--statement must say what the admin saw/);
    await expect(attestServiceFact({ ...base, fact: 'mfa' })).rejects.toThrow(/--fact must be one of sso-enforced, name-id-format/);
    await expect(attestServiceFact({ ...base, value: 'maybe' })).rejects.toThrow(/--value for sso-enforced must be true or false/);
    await expect(attestServiceFact({ ...base, fact: 'name-id-format', value: 'upn' })).rejects.toThrow(/must be login or email/);
    await expect(attestServiceFact({ ...base, attestedAt: new Date('2030-01-01T00:00:00Z') })).rejects.toThrow(/is in the future/);
    const recorded = await attestServiceFact({ ...base, fact: 'name-id-format', value: 'LOGIN' });
    expect(recorded).toMatchObject({ fact: 'name-id-format', value: 'login', attestedBy: 'admin@example.com', attestedAt: NOW });
  });

  it('says when the Okta org has not been synced', async () => {
    const db = await seededDatabase('unsynced.sqlite');
    await importDownstreamService({ database: db, name: 'Datadog', oktaConnection: 'acme', oktaApp: APP, file: await accountsFile('b.csv', CSV), actor: 'cli:t', now: NOW });
    const store = await openDatabase(db);
    try {
      const service = await store.downstream.findServiceByName('Datadog');
      if (service === undefined) throw new Error('no service');
      await store.downstream.upsertService({ ...service, oktaOrg: 'other.okta.com' });
    } finally {
      await store.close();
    }
    await expect(runDownstreamPassthrough({ database: db, service: 'Datadog', now: NOW })).rejects.toThrow(OperationFailedError);
  });
});
