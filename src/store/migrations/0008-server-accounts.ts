import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';
import { createTable, type TableDef } from './table-def.js';

/*
 * The REST server's own accounts: who may use the API (server users with a role), their sessions and API tokens, the
 * one-time links that create the first admin. What is done through the server goes to the audit log of migration
 * 0005.
 * Secrets are never stored in clear: sessions, tokens and setup links are kept as SHA-256 hashes of random values,
 * passwords as scrypt hashes.
 */
const TABLES: readonly TableDef[] = [
  {
    name: 'server_users',
    columns: [
      ['id', 'key'], ['email', 'key'], ['display_name', 'text', 'null'], ['role', 'key'], ['password_hash', 'text'],
      ['created_at', 'epochMs'], ['disabled_at', 'epochMs', 'null'], ['failed_logins', 'count'],
      ['locked_until', 'epochMs', 'null'], ['review_app_ids', 'json'],
    ],
    primaryKey: ['id'],
  },
  {
    name: 'server_sessions',
    columns: [['id_hash', 'key'], ['user_id', 'key'], ['created_at', 'epochMs'], ['last_seen_at', 'epochMs'], ['expires_at', 'epochMs']],
    primaryKey: ['id_hash'],
    indexes: [['user_id']],
  },
  {
    name: 'api_tokens',
    columns: [
      ['id', 'key'], ['user_id', 'key'], ['name', 'text'], ['token_hash', 'key'], ['access', 'key'], ['created_at', 'epochMs'],
      ['expires_at', 'epochMs'], ['last_used_at', 'epochMs', 'null'], ['revoked_at', 'epochMs', 'null'],
    ],
    primaryKey: ['id'],
    indexes: [['token_hash'], ['user_id']],
  },
  {
    name: 'setup_tokens',
    columns: [['token_hash', 'key'], ['created_at', 'epochMs'], ['expires_at', 'epochMs'], ['used_at', 'epochMs', 'null']],
    primaryKey: ['token_hash'],
  },


];

export function serverAccountsSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      for (const table of TABLES) await createTable(db, types, table);
      // One account per address, whatever its case (emails are stored lower-cased).
      await db.schema.createIndex('server_users_by_email').on('server_users').column('email').unique().execute();
    },
    async down(db) {
      for (const table of [...TABLES].reverse()) await db.schema.dropTable(table.name).execute();
    },
  };
}
