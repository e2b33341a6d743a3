import { sql, type Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';
import { USER_SEARCH_SEPARATOR } from '../user-search-text.js';

/*
 * A users search (`GET /api/orgs/{org}/users?search=…`) tested four LIKEs per row (login, email, display name, and
 * "first last" built row by row), and a search page steps through hundreds of rows. Each user row now keeps those four
 * texts lowered and joined (`userSearchText`), so the search is one LIKE on one column. Rows stored before this
 * migration are filled in here with the database's own lower(), which on SQLite lowers ASCII letters only: a search
 * for a non-ASCII capital finds such a row again after its next sync, as it did not before either.
 */
export function userSearchTextSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      await db.schema.alterTable('users').addColumn('search_text', types.text).execute();
      const separator = USER_SEARCH_SEPARATOR;
      await sql`update users set search_text = lower(
        login || ${separator} || coalesce(email, '') || ${separator} || coalesce(display_name, '') || ${separator}
          || coalesce(first_name, '') || ' ' || coalesce(last_name, ''))`.execute(db);
    },
    async down(db) {
      await db.schema.alterTable('users').dropColumn('search_text').execute();
    },
  };
}
