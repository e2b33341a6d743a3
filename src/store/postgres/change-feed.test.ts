import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { ACCOUNT_CHANGES_CHANNEL } from '../migrations/0018-account-change-notifications.js';
import type { Store } from '../store.js';
import { eventually } from '../testing/eventually.js';
import { createFreshPostgresDatabase } from '../testing/fresh-postgres.js';
import { POSTGRES_HINT } from '../testing/test-backends.js';
import { listenForChanges } from './change-feed.js';

const baseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(baseUrl === undefined)(`PostgreSQL account change notifications${baseUrl === undefined ? ` (skipped: ${POSTGRES_HINT})` : ''}`, () => {
  // A database of its own: notification channels are per database, so other test files cannot wake this one.
  let fresh: { url: string; drop(): Promise<void> };
  let admin: pg.Client;
  beforeAll(async () => {
    fresh = await createFreshPostgresDatabase(baseUrl ?? '', 'changes');
    admin = new pg.Client({ connectionString: fresh.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await fresh.drop();
  });

  it('a feed listens only once asked, moves on each notification, and knows nothing while its connection is lost', async () => {
    const feed = listenForChanges(fresh.url, 'feed_test', { applicationName: 'feed-test-listener' });
    const listeners = async () => (await admin.query(`select pid from pg_stat_activity where application_name = 'feed-test-listener'`)).rows as { pid: number }[];
    try {
      expect(await listeners()).toEqual([]);
      expect(feed.version()).toBeUndefined();
      await eventually(() => feed.version() !== undefined);
      const listening = feed.version() ?? NaN;
      await admin.query(`notify feed_test`);
      await eventually(() => feed.version() === listening + 1);

      // The server ends the connection (a restart, a failover, an administrator): until it listens again, no version.
      const [listener] = await listeners();
      await admin.query('select pg_terminate_backend($1)', [listener?.pid]);
      await eventually(() => feed.version() === undefined);
      await eventually(() => feed.version() !== undefined);
      expect(feed.version()).toBeGreaterThan(listening + 1);
    } finally {
      await feed.close();
    }
    expect(feed.version()).toBeUndefined();
    await eventually(async () => (await listeners()).length === 0);
  });

  describe('two stores on one database, as two server processes', () => {
    let first: Store;
    let second: Store;
    beforeAll(async () => {
      first = await openDatabase(fresh.url);
      second = await openDatabase(fresh.url);
    });
    afterAll(async () => {
      await first.close();
      await second.close();
    });

    it('a token revoked or a user disabled by one is refused by the other as soon as the notification arrives', async () => {
      const owner = await second.serverAccounts.createUser({ email: 'ops@example.com', displayName: null, role: 'admin', passwordHash: 'scrypt$unused', createdAt: new Date(), reviewAppIds: [] });
      const token = await second.serverAccounts.createToken({ userId: owner.id, name: 'ci', tokenHash: 'hash-of-ci', access: 'read', createdAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) });
      // The first lookup opens the feed's connection; once it listens, what a lookup read is kept. A change made with
      // triggers off announces nothing, so a kept token still has the name it had before.
      await eventually(async () => {
        const before = (await first.serverAccounts.findTokenWithOwner('hash-of-ci'))?.token.name;
        await admin.query(`begin; set local session_replication_role = replica; update api_tokens set name = name || '+'; commit`);
        return (await first.serverAccounts.findTokenWithOwner('hash-of-ci'))?.token.name === before;
      });

      expect(await second.serverAccounts.revokeToken(token.id, new Date())).toBe(true);
      await eventually(async () => (await first.serverAccounts.findTokenWithOwner('hash-of-ci'))?.token.revokedAt !== null);

      const session = { idHash: 'hash-of-session', userId: owner.id, createdAt: new Date(), lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) };
      await second.serverAccounts.createSession(session);
      expect((await first.serverAccounts.findSessionWithUser('hash-of-session'))?.user.disabledAt).toBeNull();
      await second.serverAccounts.updateUser(owner.id, { disabledAt: new Date() });
      await eventually(async () => (await first.serverAccounts.findSessionWithUser('hash-of-session'))?.user.disabledAt !== null);
    });

    it('every statement on the account tables announces itself on the channel', async () => {
      const heard: string[] = [];
      const listener = new pg.Client({ connectionString: fresh.url });
      await listener.connect();
      try {
        listener.on('notification', (message) => heard.push(message.payload ?? ''));
        await listener.query(`listen ${ACCOUNT_CHANGES_CHANNEL}`);
        await admin.query(`delete from server_sessions where id_hash = 'no such session'`);
        await admin.query(`update api_tokens set last_used_at = 1 where id = 'no such token'`);
        await admin.query(`update server_users set display_name = null where id = 'no such user'`);
        await eventually(() => heard.length === 3);
        expect(heard).toEqual(['server_sessions', 'api_tokens', 'server_users']);
      } finally {
        await listener.end();
      }
    });
  });
});
