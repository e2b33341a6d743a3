import { sql, type Migration } from 'kysely';
import type { StoreDialect } from '../dialect-profile.js';

/** The PostgreSQL channel a change to server users, sessions or API tokens is announced on (heard by `postgres/change-feed.ts` for `cached-caller-lookups.ts`). */
export const ACCOUNT_CHANGES_CHANNEL = 'okta_evidence_account_changes';
const ACCOUNT_TABLES = ['server_users', 'server_sessions', 'api_tokens'] as const;

/*
 * Every authenticated request reads its caller (session or API token, with the user) from these tables. A server may
 * keep those reads in memory only if it learns at once of every change made by any process (another `serve`, a
 * worker, `okta-evidence users` in a shell): on PostgreSQL each statement that changes one of the tables announces it
 * with NOTIFY, delivered when its transaction commits. SQLite has no such signal; its lookups are never cached.
 */
export function accountChangeNotificationsSchema(dialect: StoreDialect): Migration {
  return {
    async up(db) {
      if (dialect !== 'postgres') return;
      await sql`create function okta_evidence_account_changed() returns trigger language plpgsql as $$
        begin
          perform pg_notify(${sql.lit(ACCOUNT_CHANGES_CHANNEL)}, tg_table_name);
          return null;
        end $$`.execute(db);
      for (const table of ACCOUNT_TABLES) {
        await sql`create trigger ${sql.id(`${table}_changed`)} after insert or update or delete or truncate on ${sql.table(table)}
          for each statement execute function okta_evidence_account_changed()`.execute(db);
      }
    },
    async down(db) {
      if (dialect !== 'postgres') return;
      for (const table of ACCOUNT_TABLES) await sql`drop trigger ${sql.id(`${table}_changed`)} on ${sql.table(table)}`.execute(db);
      await sql`drop function okta_evidence_account_changed()`.execute(db);
    },
  };
}
