import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SQLITE_PATH, openDatabase, parseDatabaseTarget } from './database.js';
import { StoreError, isStoreError } from './errors.js';
import type { Store } from './store.js';
import { makeLogEvent, makeUser, newOrg } from './testing/fixtures.js';
import { openIsolatedPostgres, runPostgresStatements, testBackends, type TestBackend } from './testing/test-backends.js';

const backends = testBackends(process.env.TEST_DATABASE_URL);
const scratch = mkdtempSync(join(tmpdir(), 'okta-evidence-db-'));
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.dispose()));
  rmSync(scratch, { recursive: true, force: true });
});

async function failureOf(promise: Promise<unknown>): Promise<StoreError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof StoreError)) throw new Error(`expected a StoreError, got ${inspect(outcome)}`);
  return outcome;
}

/** Plain SQL on a test database, beside the store: what another tool or an older version would do. */
async function execRaw(backend: TestBackend, url: string, statements: string[]): Promise<void> {
  if (backend.name === 'sqlite') {
    const raw = new Database(url);
    try {
      for (const statement of statements) raw.exec(statement);
    } finally {
      raw.close();
    }
    return;
  }
  await runPostgresStatements(url, statements);
}

/** Takes a database back to before migration 0017 (users' search text), undoing 0018 (account change notifications) first. */
function undoUserSearchText(backend: TestBackend): string[] {
  const notifications =
    backend.name === 'postgres'
      ? ['server_users', 'server_sessions', 'api_tokens'].map((table) => `drop trigger ${table}_changed on ${table}`).concat('drop function okta_evidence_account_changed()')
      : [];
  return [
    ...notifications,
    "delete from kysely_migration where name = '0018-account-change-notifications'",
    'alter table users drop column search_text',
    "delete from kysely_migration where name = '0017-user-search-text'",
  ];
}

describe.each(backends.map((backend) => [backend.name, backend] as const))('opening the database on %s', (name, backend) => {
  it('migrates once and reopens an existing database without changing it', async () => {
    const { store, url } = await backend.open();
    expect(store.dialect).toBe(name);
    const org = newOrg();
    const sync = await store.syncs.start({ org, trigger: 'cli', startedAt: new Date('2024-05-01T00:00:00Z') });
    await store.close();

    for (let i = 0; i < 2; i += 1) {
      const reopened = await openDatabase(url);
      expect(await reopened.syncs.get(sync.id)).toEqual(sync);
      await reopened.close();
    }
  });

  it('upgrades a database from before System Log targets were indexed (migration 0016): the events already stored are found by target', async () => {
    await onDroppableDatabase(backend, async ({ store, url }) => {
      const org = newOrg();
      const event = (n: number, targetIds: string[]) => makeLogEvent({ uuid: `uuid-${n}`, published: new Date(Date.UTC(2025, 0, 1, 0, 0, n)), targetIds });
      await store.logEvents.insert(org, [event(1, ['0oaA', '00uB']), event(2, ['0oaA', '0oaA']), event(3, []), event(4, ['00uB'])]);
      await store.close();
      await execRaw(backend, url, [...undoUserSearchText(backend), 'drop table log_event_targets', "delete from kysely_migration where name = '0016-log-event-targets'"]);
      await reopened(url, async (upgraded) => {
        const byTarget = async (target: string) => (await upgraded.pages.logEvents(org, { target }, { limit: 10 })).items.map((e) => e.uuid);
        expect(await byTarget('0oaA')).toEqual(['uuid-2', 'uuid-1']);
        expect(await byTarget('00uB')).toEqual(['uuid-4', 'uuid-1']);
        expect(await byTarget('0oa')).toEqual([]);
      });
    });
  });

  it('upgrades a database from before users kept their search text (migration 0017): stored users are found by search', async () => {
    await onDroppableDatabase(backend, async ({ store, url }) => {
      const org = newOrg();
      const snapshot = await store.snapshots.begin(org);
      await store.entities.upsert('users', snapshot.id, [
        makeUser({ id: '00u1', login: 'Ada.Lovelace@Example.com', email: null, firstName: 'Ada', lastName: 'Byron', displayName: null }),
        makeUser({ id: '00u2', login: 'grace@example.com', email: 'G.Hopper@Example.org', firstName: null, lastName: null, displayName: 'Amazing Grace' }),
      ]);
      await store.snapshots.promote(org, snapshot.id);
      await store.close();
      await execRaw(backend, url, undoUserSearchText(backend));
      await reopened(url, async (upgraded) => {
        const found = async (search: string) => (await upgraded.pages.users({ currentOf: org }, { search }, { limit: 10 })).items.map((user) => user.id);
        expect(await found('ADA.LOVE')).toEqual(['00u1']);
        expect(await found('ada byron')).toEqual(['00u1']);
        expect(await found('hopper@example.ORG')).toEqual(['00u2']);
        expect(await found('amazing')).toEqual(['00u2']);
        expect(await found('example')).toEqual(['00u1', '00u2']);
        expect(await found('lovelace@example.comg')).toEqual([]);
      });
    });
  });

  it('upgrades a database from before sync budgets (migration 0004): its syncs read without one, judged by the default', async () => {
    await onDroppableDatabase(backend, (opened) => upgradeFromBeforeSyncBudgets(backend, opened));
  });
});

/**
 * Runs `work` on a store whose tables or columns the test may drop: on PostgreSQL a database of its own, where no other
 * test file's migration looks (Kysely's migrator lists every schema's columns), dropped afterwards.
 */
async function onDroppableDatabase(backend: TestBackend, work: (opened: { store: Store; url: string }) => Promise<void>): Promise<void> {
  const isolated = backend.name === 'postgres' ? await openIsolatedPostgres(process.env.TEST_DATABASE_URL ?? '') : undefined;
  try {
    await work(isolated ?? (await backend.open()));
  } finally {
    await isolated?.drop();
  }
}

/** Opens the database at `url` again (so migrates it) for `check`, and closes it. */
async function reopened(url: string, check: (upgraded: Store) => Promise<void>): Promise<void> {
  const upgraded = await openDatabase(url);
  try {
    await check(upgraded);
  } finally {
    await upgraded.close();
  }
}

async function upgradeFromBeforeSyncBudgets(backend: TestBackend, { store, url }: { store: Store; url: string }): Promise<void> {
  const org = newOrg();
  const startedAt = new Date('2024-05-01T10:00:00Z');
  const sync = await store.syncs.start({ org, trigger: 'schedule', startedAt, timeoutMs: 3_600_000 });
  await store.close();
  // Take the database back to where 0003 left it (later migrations undone too); the sync row stays, as it would have been written then.
  await execRaw(backend, url, [
    ...undoUserSearchText(backend),
    'drop table log_event_targets',
    "delete from kysely_migration where name = '0016-log-event-targets'",
    'drop index log_events_by_org_event_type_published_uuid',
    'drop index log_events_by_org_actor_id_published_uuid',
    'drop index log_events_by_org_actor_alternate_id_published_uuid',
    "delete from kysely_migration where name = '0015-log-event-filter-indexes'",
    'drop index check_entity_results_by_run_id_check_id_status_entity_type_entity_id',
    "delete from kysely_migration where name = '0014-check-entity-status-index'",
    'alter table syncs drop column log_event_types',
    "delete from kysely_migration where name = '0013-sync-log-event-types'",
    'drop table webhook_deliveries',
    'drop table webhooks',
    "delete from kysely_migration where name = '0010-webhooks'",
    'drop table downstream_attestations',
    'drop table downstream_mfa_results',
    "delete from kysely_migration where name = '0012-downstream-passthrough'",
    'drop table github_connections',
    'drop table downstream_credentials',
    'drop table downstream_accounts',
    'drop table downstream_snapshots',
    'drop table downstream_services',
    "delete from kysely_migration where name = '0011-downstream-services'",
    'alter table syncs drop column org_identity',
    "delete from kysely_migration where name = '0009-sync-org-identity'",
    'drop table server_users',
    'drop table server_sessions',
    'drop table api_tokens',
    'drop table setup_tokens',
    "delete from kysely_migration where name = '0008-server-accounts'",
    'alter table users drop column provider_type',
    'alter table users drop column provider_name',
    "delete from kysely_migration where name = '0007-identity-provider-and-org-identity'",
    'drop table sync_leases',
    "delete from kysely_migration where name = '0006-sync-leases'",
    'drop table audit_log',
    'drop table connections',
    "delete from kysely_migration where name = '0005-connections'",
    'alter table syncs drop column timeout_ms',
    "delete from kysely_migration where name = '0004-sync-budget'",
  ]);

  await reopened(url, async (upgraded) => {
    expect(await upgraded.syncs.get(sync.id)).toEqual({ ...sync, timeoutMs: null, orgIdentity: null, logEventTypes: null });
    // The default budget is 300 s: running 10 minutes is not yet abandoned, a millisecond more is.
    expect(await upgraded.syncs.failAbandoned(org, new Date(startedAt.getTime() + 600_000))).toBe(0);
    expect(await upgraded.syncs.failAbandoned(org, new Date(startedAt.getTime() + 600_001))).toBe(1);
  });
}

describe('opening a SQLite database', () => {
  it('creates the directory of a new database file', async () => {
    const store = await openDatabase(join(scratch, 'nested', 'deeper', 'evidence.sqlite'));
    expect(store.location).toBe(join(scratch, 'nested', 'deeper', 'evidence.sqlite'));
    await store.close();
  });

  it('reports a lock held by another process as STORE_LOCKED, then works once it is released', async () => {
    const path = join(scratch, 'locked.sqlite');
    const store = await openDatabase(path, { busyTimeoutMs: 50 });
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const failure = await failureOf(store.syncs.start({ org: newOrg(), trigger: 'cli', startedAt: new Date() }));
      expect(failure.code).toBe('STORE_LOCKED');
      expect(failure.message).toContain(path);
      expect(failure.message).toMatch(/another process/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await expect(store.syncs.start({ org: newOrg(), trigger: 'cli', startedAt: new Date() })).resolves.toMatchObject({ status: 'running' });
    await store.close();
  });

  it('refuses a database migrated by a newer version with STORE_MIGRATION_FAILED', async () => {
    const path = join(scratch, 'newer.sqlite');
    await (await openDatabase(path)).close();
    const raw = new Database(path);
    raw.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999-from-the-future', new Date().toISOString());
    raw.close();
    const failure = await failureOf(openDatabase(path));
    expect(failure.code).toBe('STORE_MIGRATION_FAILED');
    expect(failure.message).toMatch(/newer okta-evidence version/);
  });

  it('reports a file that is not a database as STORE_UNAVAILABLE', async () => {
    const failure = await failureOf(openDatabase(scratch));
    expect(failure.code).toBe('STORE_UNAVAILABLE');
  });

  it('has no column that could hold a credential', async () => {
    const path = join(scratch, 'columns.sqlite');
    await (await openDatabase(path)).close();
    const raw = new Database(path, { readonly: true });
    const tables = raw.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
    const columns = tables.flatMap((table) =>
      (raw.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[]).map((column) => `${table}.${column}`),
    );
    raw.close();
    expect(columns.length).toBeGreaterThan(50);
    // A stored connection's secret is only ever an AES-256-GCM envelope (src/app/secrets/), never clear text; its
    // kind and the OAuth key id are not secret. The server's password hashes are scrypt, its session, API token and
    // setup-link columns SHA-256 hashes of 256-bit random values (the tables named for tokens are judged by column). A
    // webhook's signing secret is sealed like a connection's. A GitHub connection's secret is the same envelope. `downstream_credentials` lists GitHub's metadata about
    // SAML-authorized credentials (id, type, dates: what `GET /orgs/{org}/credential-authorizations` shows, never a
    // token), so its table is judged by column like the token tables.
    // Nothing else may look like a place for a credential.
    const credentialLike = /secret|token|credential|recovery|private|key$|password(?!_changed)/i;
    const judged = columns.map((column) => (/^(api_tokens|setup_tokens|downstream_credentials)\./.test(column) ? column.replace(/^\w+\./, '') : column));
    expect(judged.filter((column) => credentialLike.test(column))).toEqual([
      'connections.credential_kind',
      'connections.sealed_secret',
      'server_users.password_hash',
      'token_hash',
      'token_hash',
      'webhooks.sealed_secret',
      'downstream_snapshots.credential_count',
      'credential_id',
      'credential_type',
      'github_connections.credential_kind',
      'github_connections.sealed_secret',
    ]);
  });
});

describe('opening PostgreSQL', () => {
  it('reports an unreachable server as STORE_UNAVAILABLE without revealing the password', async () => {
    const failure = await failureOf(openDatabase('postgres://postgres:Sup3r-Secret-Pw@127.0.0.1:1/test'));
    expect(failure.code).toBe('STORE_UNAVAILABLE');
    expect(failure.message).toContain('postgres://postgres:***@127.0.0.1:1/test');
    expect(failure.message).toMatch(/running and reachable/);
    for (const rendering of [failure.message, JSON.stringify(failure), inspect(failure, { depth: 5 }), String(failure.stack)]) {
      expect(rendering).not.toContain('Sup3r-Secret-Pw');
    }
  });
});

describe('choosing the database from its URL', () => {
  it.each([
    ['', { dialect: 'sqlite', path: DEFAULT_SQLITE_PATH }],
    ['./data/x.sqlite', { dialect: 'sqlite', path: './data/x.sqlite' }],
    ['/var/lib/okta-evidence/db.sqlite', { dialect: 'sqlite', path: '/var/lib/okta-evidence/db.sqlite' }],
    ['sqlite:./x.sqlite', { dialect: 'sqlite', path: './x.sqlite' }],
    ['file:/tmp/x.sqlite', { dialect: 'sqlite', path: '/tmp/x.sqlite' }],
    ['C:\\data\\x.sqlite', { dialect: 'sqlite', path: 'C:\\data\\x.sqlite' }],
    ['postgres://u:p@db:5432/evidence', { dialect: 'postgres', url: 'postgres://u:p@db:5432/evidence' }],
    ['postgresql://db/evidence?sslmode=require', { dialect: 'postgres', url: 'postgresql://db/evidence?sslmode=require' }],
  ])('%j', (url, target) => {
    expect(parseDatabaseTarget(url)).toEqual(target);
  });

  it('rejects another scheme with STORE_URL_INVALID and a redacted URL', () => {
    let failure: unknown;
    try {
      parseDatabaseTarget('mysql://root:hunter2hunter2@db/evidence');
    } catch (error) {
      failure = error;
    }
    expect(isStoreError(failure, 'STORE_URL_INVALID')).toBe(true);
    expect((failure as StoreError).message).toContain('mysql://root:***@db/evidence');
    expect((failure as StoreError).message).not.toContain('hunter2');
  });
});
