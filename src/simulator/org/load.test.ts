import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPath, loadOrgFile, OrgFileError } from './load.js';

const NOW = Date.parse('2026-05-15T12:00:00.000Z');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'org-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** A small crafted org: the shape an engineer would write by hand for a check's fixture. */
function validOrg(): Record<string, unknown> {
  return {
    name: 'fixture',
    users: [
      { id: '00ualice000000000001', status: 'ACTIVE', lastLogin: 'now-100d', profile: { login: 'alice@example.com', firstName: 'Alice', lastName: 'Smith', department: 'IT', costCenter: 'CC-1' } },
      { id: '00ubob00000000000002', status: 'STAGED', profile: { login: 'bob@example.com', email: 'bob@example.com', firstName: 'Bob', lastName: 'Jones' } },
      {
        id: '00ucarol000000000003',
        status: 'DEPROVISIONED',
        created: '2024-01-02T03:04:05.000Z',
        statusChanged: 'now-3d',
        profile: { login: 'carol@example.com', firstName: 'Carol', lastName: 'Lee' },
        credentials: { password: {}, provider: { type: 'ACTIVE_DIRECTORY', name: 'corp.example.com' } },
        _links: { self: { href: 'https://example.okta.com/api/v1/users/00ucarol000000000003' } },
      },
    ],
    factors: {
      '00ualice000000000001': [{ id: 'opf1', factorType: 'push', provider: 'OKTA', status: 'ACTIVE', profile: { deviceType: 'SmartPhone_IPhone' } }],
    },
    groups: [{ id: '00geveryone000000001', type: 'BUILT_IN', profile: { name: 'Everyone' } }],
    groupMembers: { '00geveryone000000001': ['00ualice000000000001', '00ubob00000000000002', '00ucarol000000000003'] },
    apps: [{ id: '0oaslack000000000001', name: 'slack', status: 'ACTIVE', signOnMode: 'SAML_2_0', accessPolicyId: 'rst1' }],
    appUsers: { '0oaslack000000000001': [{ id: '00ucarol000000000003', scope: 'USER' }] },
    appGroups: { '0oaslack000000000001': [{ id: '00geveryone000000001' }] },
    policies: [{ id: '00psignon00000000001', type: 'OKTA_SIGN_ON', name: 'Default Policy', status: 'ACTIVE', system: true }],
    policyRules: { '00psignon00000000001': [{ id: '0pr1', name: 'Default Rule', actions: { signon: { requireFactor: false } } }] },
    roles: { '00ualice000000000001': [{ id: 'ra1', type: 'SUPER_ADMIN' }] },
    logs: [
      { uuid: 'b', published: 'now-1h', eventType: 'user.session.start' },
      { uuid: 'a', published: '2026-05-01T00:00:00.000Z', eventType: 'user.session.start', outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' } },
    ],
    sswsTokens: ['00fixture-token-value'],
  };
}

async function loadError(name: string, content: unknown): Promise<OrgFileError> {
  const path = await write(name, content);
  const error = await loadOrgFile(path, { now: NOW }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OrgFileError);
  const e = error as OrgFileError;
  expect(e.code).toBe('SIM_ORG_FILE_INVALID');
  expect(e.message).not.toContain('\n');
  expect(e.message.startsWith(`org file ${path}: `)).toBe(true);
  return e;
}

describe('loadOrgFile', () => {
  it('loads a valid file, fills what Okta fills and keeps unknown fields', async () => {
    const org = await loadOrgFile(await write('valid.json', validOrg()), { now: NOW });
    expect(org.name).toBe('fixture');
    const [alice, bob, carol] = org.users;
    expect(alice?.lastLogin).toBe('2026-02-04T12:00:00.000Z');
    expect(alice?.profile.email).toBe('alice@example.com');
    expect(alice?.profile.costCenter).toBe('CC-1');
    expect(alice?.credentials).toEqual({ password: {}, provider: { type: 'OKTA', name: 'OKTA' } });
    expect(bob).toMatchObject({ activated: null, statusChanged: null, credentials: { provider: { type: 'OKTA' } } });
    expect(bob?.credentials.password).toBeUndefined();
    expect(carol).toMatchObject({ created: '2024-01-02T03:04:05.000Z', statusChanged: '2026-05-12T12:00:00.000Z', _links: { self: {} } });
    expect(org.factorsByUser.get(alice?.id ?? '')?.[0]).toMatchObject({ vendorName: 'OKTA', created: '2026-05-15T12:00:00.000Z' });
    expect(org.groups[0]?.objectClass).toEqual(['okta:user_group']);
    expect(org.userGroups.get('00ubob00000000000002')).toEqual(['00geveryone000000001']);
    expect(org.apps[0]).toMatchObject({ label: 'slack', features: [], settings: {} });
    expect(org.appUsers.get('0oaslack000000000001')?.[0]?.credentials.userName).toBe('carol@example.com');
    expect(org.appGroups.get('0oaslack000000000001')?.[0]?.priority).toBe(0);
    expect(org.rulesByPolicy.get('00psignon00000000001')?.[0]).toMatchObject({ type: 'SIGN_ON', priority: 1, status: 'ACTIVE', system: false });
    expect(org.rolesByUser.get(alice?.id ?? '')?.[0]).toMatchObject({ label: 'Super Administrator', assignmentType: 'USER' });
    expect(org.logs.size).toBe(2);
    expect(org.logs.event(0).uuid).toBe('a');
    expect(org.logs.event(1)).toMatchObject({ uuid: 'b', published: '2026-05-15T11:00:00.000Z', version: '0', target: [] });
    expect(org.sswsTokens).toEqual(['00fixture-token-value']);
  });

  it("keeps the nulls Okta sends where SPEC forbids them, so collectors' null handling can be tested", async () => {
    const org = await loadOrgFile(
      await write('okta-nulls.json', {
        // Okta lists directory integrations with a null signOnMode (okta/okta-sdk-dotnet#821).
        apps: [{ id: '0oaad000000000000001', name: 'active_directory', label: 'corp.example.com', status: 'ACTIVE', signOnMode: null, settings: { app: {} } }],
        policies: [
          { id: '00ppassword000000001', type: 'PASSWORD', name: 'Default Policy', status: 'ACTIVE', settings: { password: { complexity: { minNumber: null } } } },
          { id: 'rst00000000000000001', type: 'ACCESS_POLICY', name: 'Default Policy', status: 'ACTIVE' },
        ],
        policyRules: {
          rst00000000000000001: [
            { id: 'rul1', name: 'Catch-all Rule', priority: 99, conditions: null },
            { id: 'rul2', name: 'No conditions given', priority: 1 },
          ],
        },
        logs: [{ uuid: 'a', published: 'now-1h', eventType: 'user.session.start', authenticationContext: { credentialProvider: null } }],
      }),
      { now: NOW },
    );
    expect(org.apps[0]?.signOnMode).toBeNull();
    expect(org.policies[0]?.settings).toEqual({ password: { complexity: { minNumber: null } } });
    const [catchAll, plain] = org.rulesByPolicy.get('rst00000000000000001') ?? [];
    expect(catchAll?.conditions).toBeNull();
    expect(plain && 'conditions' in plain).toBe(false);
    expect(org.logs.event(0)).toMatchObject({ actor: { detailEntry: null }, outcome: { reason: null }, authenticationContext: { credentialProvider: null } });
  });

  it('turns a PEM public key into a JWK and keeps a JWK object with its kid', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const jwk = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'key-1' };
    const org = await loadOrgFile(
      await write('oauth.json', {
        oauthClients: [
          { clientId: '0oaservice0000000001', publicKey: pem, scopes: ['okta.users.read'] },
          { clientId: '0oaservice0000000002', publicKey: jwk, requireDpop: false },
        ],
      }),
      { now: NOW },
    );
    expect(org.oauthClients[0]).toMatchObject({ clientId: '0oaservice0000000001', requireDpop: true, scopes: ['okta.users.read'], publicKeys: [{ kty: 'EC', crv: 'P-256' }] });
    expect(org.oauthClients[1]).toMatchObject({ requireDpop: false, publicKeys: [{ kty: 'RSA', kid: 'key-1' }] });
    expect(org.oauthClients[1]?.scopes).toContain('okta.logs.read');
  });

  it('refuses a private key without echoing it', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = privateKey.export({ format: 'jwk' });
    const e = await loadError('private.json', { oauthClients: [{ clientId: 'c', publicKey: jwk }] });
    expect(e.message).toContain('oauthClients[0].publicKey: contains private key material');
    expect(e.message).not.toContain(String(jwk.d));
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const p = await loadError('private-pem.json', { oauthClients: [{ clientId: 'c', publicKey: pem }] });
    expect(p.message).toContain('contains private key material');
    expect(p.message).not.toContain(pem.split('\n')[1]);
  });

  it('names the JSON path and the allowed values for a wrong status', async () => {
    const org = validOrg();
    (org.users as Record<string, unknown>[])[2] = { ...(org.users as Record<string, unknown>[])[2], status: 'DELETED' };
    const e = await loadError('status.json', org);
    expect(e.jsonPath).toBe('users[2].status');
    expect(e.message).toMatch(/users\[2\]\.status: expected one of STAGED, PROVISIONED, ACTIVE, .*DEPROVISIONED; got "DELETED"$/);
  });

  it('says which required field is missing', async () => {
    const e = await loadError('login.json', { users: [{ id: '00u1', status: 'ACTIVE', profile: { firstName: 'A', lastName: 'B' } }] });
    expect(e.message).toContain('users[0].profile.login: required');
  });

  it('brackets id keys in paths', async () => {
    const e = await loadError('factor.json', { factors: { '00ualice': [{ id: 'x', factorType: 'push', provider: 'OKTA', status: 'ON' }] } });
    expect(e.jsonPath).toBe('factors["00ualice"][0].status');
  });

  it('rejects unknown top-level keys, duplicate ids, bad timestamps and password values', async () => {
    expect((await loadError('typo.json', { user: [] })).message).toContain('unknown key "user"');
    const twice = { id: '00u1', status: 'ACTIVE', profile: { login: 'a@example.com', firstName: 'A', lastName: 'B' } };
    expect((await loadError('dup.json', { users: [twice, { ...twice, profile: { ...twice.profile, login: 'b@example.com' } }] })).message).toContain('users[1].id: duplicate id "00u1" (also users[0])');
    expect((await loadError('time.json', { users: [{ ...twice, lastLogin: 'last week' }] })).message).toContain('users[0].lastLogin: expected an ISO-8601 timestamp');
    const secret = await loadError('password.json', { users: [{ ...twice, credentials: { password: { value: 'hunter2' }, provider: { type: 'OKTA', name: 'OKTA' } } }] });
    expect(secret.jsonPath).toBe('users[0].credentials.password');
    expect(secret.message).not.toContain('hunter2');
  });

  it('reports malformed JSON with a line and column', async () => {
    const e = await loadError('broken.json', '{\n  "users": [\n    { "id": "00u1", }\n  ]\n}');
    expect(e.jsonPath).toBeNull();
    expect(e.message).toMatch(/not valid JSON at line 3, column \d+/);
  });

  it('reports a missing file in one line', async () => {
    const path = join(dir, 'nope.json');
    const error = await loadOrgFile(path, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrgFileError);
    expect((error as Error).message).toBe(`org file ${path}: not found`);
  });
});

describe('formatPath', () => {
  it('writes JSON paths the way people read them', () => {
    expect(formatPath(['users', 3, 'profile', 'login'])).toBe('users[3].profile.login');
    expect(formatPath(['appUsers', '0oa1', 0, 'scope'])).toBe('appUsers["0oa1"][0].scope');
    expect(formatPath([])).toBe('');
  });
});
