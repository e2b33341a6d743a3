import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSecret, secretHash } from '../../app/accounts/secrets.js';
import type { ServerRole } from '../../app/accounts/types.js';
import { SEEDED_ORG, seedOrg } from '../testing/seed-org.js';
import { startTestServer, type Credentials, type TestServer } from '../testing/server-kit.js';

/**
 * Who may call what, written out by hand (not derived from the routes' own declarations, so a wrong declaration
 * fails here). Every operation of the generated OpenAPI document must be listed, and every listed one must exist.
 */
type Rule = 'public' | 'signedIn' | 'read' | 'adminRead' | 'adminWrite' | 'reviewRead' | 'reviewWrite';
const EXPECTED: Record<string, Rule> = {
  getHealth: 'public',
  login: 'public',
  getSetupState: 'public',
  completeSetup: 'public',
  logout: 'signedIn',
  getMe: 'signedIn',
  getCsrfToken: 'signedIn',
  listServerUsers: 'adminRead',
  listApiTokens: 'adminRead',
  createServerUser: 'adminWrite',
  updateServerUser: 'adminWrite',
  deleteServerUser: 'adminWrite',
  createApiToken: 'adminWrite',
  revokeApiToken: 'adminWrite',
  listAuditLog: 'read',
  listOrgs: 'reviewRead',
  listSyncs: 'read',
  getSync: 'read',
  listUsers: 'read',
  getUser: 'read',
  listUserFactors: 'read',
  listGroups: 'read',
  getGroup: 'read',
  listGroupMembers: 'read',
  listApps: 'read',
  getApp: 'reviewRead',
  listAppAssignments: 'reviewRead',
  listPolicies: 'read',
  getPolicy: 'read',
  listSystemLogEvents: 'read',
  getLatestTests: 'read',
  getTestChanges: 'read',
  listCheckEntities: 'read',
  getCheckHistory: 'read',
  listFrameworks: 'read',
  getFrameworkStatus: 'read',
  getActiveFrameworks: 'read',
  setActiveFrameworks: 'adminWrite',
  getPasswordCompliance: 'read',
  listEvidenceExports: 'read',
  downloadEvidenceExport: 'read',
  verifyEvidenceExport: 'read',
  listReviews: 'reviewRead',
  attestReview: 'reviewWrite',
  attestServiceFact: 'adminWrite',
  importService: 'adminWrite',
  listConnections: 'read',
  getConnection: 'read',
  createConnection: 'adminWrite',
  testDraftConnection: 'adminWrite',
  updateConnection: 'adminWrite',
  removeConnection: 'adminWrite',
  testConnection: 'adminWrite',
  syncNow: 'adminWrite',
  listGithubConnections: 'read',
  getGithubConnection: 'read',
  createGithubConnection: 'adminWrite',
  testDraftGithubConnection: 'adminWrite',
  updateGithubConnection: 'adminWrite',
  removeGithubConnection: 'adminWrite',
  testGithubConnection: 'adminWrite',
  syncGithubNow: 'adminWrite',
  listGithubSyncs: 'read',
  getServicePassthrough: 'read',
  watchSyncEvents: 'read',
  listWebhooks: 'adminRead',
  getWebhook: 'adminRead',
  listWebhookDeliveries: 'adminRead',
  createWebhook: 'adminWrite',
  updateWebhook: 'adminWrite',
  deleteWebhook: 'adminWrite',
  sendWebhookTest: 'adminWrite',
};

type Caller = 'anonymous' | 'expiredSession' | ServerRole | 'readToken' | 'readWriteToken';
const CALLERS: readonly Caller[] = ['anonymous', 'expiredSession', 'admin', 'auditor', 'reviewer', 'readToken', 'readWriteToken'];

const ROLES_OF: Record<Exclude<Rule, 'public' | 'signedIn'>, readonly ServerRole[]> = {
  read: ['admin', 'auditor'],
  adminRead: ['admin'],
  adminWrite: ['admin'],
  reviewRead: ['admin', 'auditor', 'reviewer'],
  reviewWrite: ['admin', 'reviewer'],
};

/** 'allowed' means the request got past authentication and authorisation (any status but 401 and 403). */
function expectedOutcome(rule: Rule, caller: Caller): 401 | 403 | 'allowed' {
  if (rule === 'public') return 'allowed';
  if (caller === 'anonymous' || caller === 'expiredSession') return 401;
  if (rule === 'signedIn') return 'allowed';
  // The tokens belong to an admin: only their kind limits them.
  const role: ServerRole = caller === 'readToken' || caller === 'readWriteToken' ? 'admin' : caller;
  if (!ROLES_OF[rule].includes(role)) return 403;
  if ((rule === 'adminWrite' || rule === 'reviewWrite') && caller === 'readToken') return 403;
  return 'allowed';
}

const PARAMS: Record<string, string> = { org: SEEDED_ORG, checkId: 'mfa-enabled-all-users', framework: 'SOC2', exportId: '2026-01-15T09-00-00-000Z-nosync' };

function concreteUrl(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    if (name === 'id') return path.includes('/apps/') ? '0oagithub' : path.includes('connections/') ? '01NOCONNECTION' : '00u000000';
    return PARAMS[name] ?? 'x';
  });
}

/** An endless event stream: read its status and headers, then hang up. */
async function openEventStream(server: TestServer, url: string, credentials: Credentials): Promise<{ statusCode: number; body: string }> {
  const headers: Record<string, string> = {};
  if (credentials !== undefined && 'cookie' in credentials) headers.cookie = credentials.cookie;
  if (credentials !== undefined && 'bearer' in credentials) headers.authorization = `Bearer ${credentials.bearer}`;
  const response = await server.app.inject({ method: 'GET', url, headers, payloadAsStream: true });
  response.stream().destroy();
  return { statusCode: response.statusCode, body: '' };
}

describe('access matrix: every operation × every kind of caller', () => {
  let server: TestServer;
  let operations: { method: string; path: string; operationId: string }[];
  const tokens: Partial<Record<Caller, Credentials>> = {};

  beforeAll(async () => {
    server = await startTestServer({ loginAttemptsPerMinute: 100_000 });
    await seedOrg(server.store, server.now());
    const admin = await server.signIn('admin', { email: 'matrix-admin@example.com' });
    const document = (await server.request('GET', '/api/openapi.json', admin)).json<{ paths: Record<string, Record<string, { operationId?: string }>> }>();
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operationId: operation.operationId ?? `${method} ${path}` })),
    );
    tokens.readToken = await server.token('admin', 'read');
    tokens.readWriteToken = await server.token('admin', 'read-write');
  });
  afterAll(() => server.close());

  async function credentialsOf(caller: Caller): Promise<Credentials> {
    if (caller === 'anonymous') return undefined;
    if (caller === 'readToken' || caller === 'readWriteToken') return tokens[caller];
    if (caller === 'expiredSession') {
      const user = await server.store.serverAccounts.findUserByEmail('matrix-admin@example.com');
      const secret = newSecret('session');
      const longAgo = new Date(server.now().getTime() - 31 * 60_000);
      await server.store.serverAccounts.createSession({ idHash: secretHash(secret), userId: user?.id ?? '', createdAt: longAgo, lastSeenAt: longAgo, expiresAt: new Date(server.now().getTime() + 3_600_000) });
      return { cookie: `oe_session=${secret}`, csrf: 'irrelevant' };
    }
    // A fresh session per request: the matrix includes sign-out, which would end a shared one.
    return server.signIn(caller, caller === 'reviewer' ? { email: 'matrix-reviewer@example.com', reviewAppIds: ['0oagithub'] } : { email: `matrix-${caller}@example.com` });
  }

  it('lists exactly the operations of the OpenAPI document, each with an operation id', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('answers every operation for every caller as the matrix says', async () => {
    const mismatches: string[] = [];
    for (const operation of operations) {
      const rule = EXPECTED[operation.operationId];
      if (rule === undefined) continue;
      for (const caller of CALLERS) {
        const expected = expectedOutcome(rule, caller);
        const body = operation.method === 'GET' || operation.method === 'DELETE' ? undefined : {};
        const credentials = await credentialsOf(caller);
        const response =
          operation.operationId === 'watchSyncEvents'
            ? await openEventStream(server, concreteUrl(operation.path), credentials)
            : await server.request(operation.method, concreteUrl(operation.path), credentials, body);
        const actual = response.statusCode === 401 || response.statusCode === 403 ? response.statusCode : 'allowed';
        if (actual !== expected) mismatches.push(`${operation.operationId} as ${caller}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`);
        if (response.statusCode >= 500) mismatches.push(`${operation.operationId} as ${caller}: ${response.statusCode}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
