import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createAccounts, DEFAULT_ACCOUNT_POLICY, type AccountPolicy } from '../../app/accounts/accounts.js';
import type { ServerRole, TokenAccess } from '../../app/accounts/types.js';
import { availableBackends } from '../../store/testing/test-backends.js';
import type { Store } from '../../store/store.js';
import type { StoreDialect } from '../../store/dialect-profile.js';
import { buildServer, type ServerDeps } from '../server.js';

/** scrypt at a test cost: the real one takes a tenth of a second per hash. */
export const TEST_ACCOUNT_POLICY: AccountPolicy = { ...DEFAULT_ACCOUNT_POLICY, passwordCost: { N: 1024, r: 8, p: 1 } };
export const TEST_PASSWORD = 'correct horse battery staple';

/** Credentials a test sends: a session cookie with its CSRF token, or a bearer token. */
export type Credentials = { cookie: string; csrf: string } | { bearer: string } | undefined;

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  /** Moves the server's clock forward. */
  advance(ms: number): void;
  now(): Date;
  /** Creates a server user (if needed) with this role and signs in. */
  signIn(role: ServerRole, options?: { email?: string; reviewAppIds?: string[] }): Promise<{ cookie: string; csrf: string }>;
  /** An API token of the given kind owned by a user of the given role. */
  token(role: ServerRole, access: TokenAccess, expiresInDays?: number): Promise<{ bearer: string }>;
  request(method: string, url: string, credentials?: Credentials, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The databases a route test runs on: SQLite, and PostgreSQL when TEST_DATABASE_URL is set. */
export function serverTestBackends(): StoreDialect[] {
  const postgres = process.env.TEST_DATABASE_URL;
  return postgres === undefined || postgres === '' ? ['sqlite'] : ['sqlite', 'postgres'];
}

/** A server over a fresh SQLite store (a fresh PostgreSQL schema with `database: 'postgres'`), on a fake clock. */
export async function startTestServer(overrides: Partial<ServerDeps> = {}, options: { database?: StoreDialect } = {}): Promise<TestServer> {
  const backends = availableBackends(process.env.TEST_DATABASE_URL);
  const backend = backends.find((each) => each.name === (options.database ?? 'sqlite'));
  // The other backend's scratch folder is not needed.
  await Promise.all(backends.filter((each) => each !== backend).map((each) => each.dispose()));
  if (backend === undefined) throw new Error(`no ${options.database ?? 'sqlite'} test backend (TEST_DATABASE_URL unset?)`);
  const { store } = await backend.open();
  // Connection credentials are sealed with a key file in a folder of the test's own (beside the SQLite file's role).
  // Evidence exports are read from a folder there too (empty until a test writes exports there).
  const files = mkdtempSync(join(tmpdir(), 'oe-server-test-'));
  overrides = {
    secretKey: { kind: 'file', path: join(files, 'secret.key') },
    evidence: { root: join(files, 'evidence'), keyDir: join(files, 'keys') },
    ...overrides,
  };
  let nowMs = Date.UTC(2026, 0, 15, 9, 0, 0);
  const now = (): Date => new Date(nowMs);
  const app = await buildServer({ store, now, accountPolicy: TEST_ACCOUNT_POLICY, ...overrides });
  const accounts = createAccounts(store, now, TEST_ACCOUNT_POLICY);
  let counter = 0;

  async function userFor(role: ServerRole, email?: string, reviewAppIds?: string[]) {
    const address = email ?? `${role}-${(counter += 1)}@example.com`;
    return (await store.serverAccounts.findUserByEmail(address)) ?? (await accounts.createUser({ email: address, password: TEST_PASSWORD, role, reviewAppIds: reviewAppIds ?? [] }, 'test'));
  }

  async function request(method: string, url: string, credentials?: Credentials, body?: unknown): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (credentials !== undefined && 'cookie' in credentials) {
      headers.cookie = credentials.cookie;
      headers['x-csrf-token'] = credentials.csrf;
    }
    if (credentials !== undefined && 'bearer' in credentials) headers.authorization = `Bearer ${credentials.bearer}`;
    return app.inject({ method: method as 'GET', url, headers, ...(body === undefined ? {} : { payload: body as object }) });
  }

  return {
    app,
    store,
    advance: (ms) => {
      nowMs += ms;
    },
    now,
    async signIn(role, options = {}) {
      const user = await userFor(role, options.email, options.reviewAppIds);
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD } });
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return { cookie, csrf: (response.json<{ csrfToken: string }>()).csrfToken };
    },
    async token(role, access, expiresInDays = 30) {
      const user = await userFor(role);
      const { secret } = await accounts.createToken(user, { name: `${role}-${access}`, access, expiresInDays }, 'test');
      return { bearer: secret };
    },
    request,
    async close() {
      await app.close();
      await backend.dispose();
      rmSync(files, { recursive: true, force: true });
    },
  };
}
