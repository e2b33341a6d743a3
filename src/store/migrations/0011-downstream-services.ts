import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';
import { createTable, type TableDef } from './table-def.js';

/*
 * Issue 15: downstream services reached through Okta SSO (GitHub first, others imported), each read of one as a
 * snapshot of its own (accounts, SSO-bypassing credentials, facts, completeness) so every service keeps its own
 * history, and the GitHub connections that read them. A GitHub connection's secret (an App's private key or a
 * token) is stored sealed (AES-256-GCM, `src/app/secrets/`) like an Okta connection's, bound to its service id.
 */
const TABLES: readonly TableDef[] = [
  {
    name: 'downstream_services',
    columns: [
      ['id', 'key'], ['kind', 'key'], ['name', 'text'], ['name_folded', 'key'], ['okta_org', 'key'], ['okta_app_id', 'key', 'null'],
      ['created_at', 'epochMs'], ['updated_at', 'epochMs'],
    ],
    primaryKey: ['id'],
  },
  {
    name: 'downstream_snapshots',
    columns: [
      ['id', 'key'], ['service_id', 'key'], ['read_at', 'text'], ['stored_at', 'epochMs'], ['is_current', 'boolean'],
      ['requires_own_mfa', 'boolean', 'null'], ['saml_configured', 'boolean', 'null'], ['sso_enforced', 'json'],
      ['completeness', 'json'], ['account_count', 'count'], ['credential_count', 'count'],
    ],
    primaryKey: ['id'],
    indexes: [['service_id', 'id']],
  },
  {
    name: 'downstream_accounts',
    columns: [
      ['snapshot_id', 'key'], ['account_id', 'key'], ['login', 'text'], ['email', 'text', 'null'], ['kind', 'key'], ['own_mfa', 'key'],
      ['saml_name_id', 'text', 'null'],
    ],
    primaryKey: ['snapshot_id', 'account_id'],
  },
  {
    name: 'downstream_credentials',
    // `position` keeps the read's order and tolerates GitHub listing one credential twice.
    columns: [
      ['snapshot_id', 'key'], ['position', 'integer'], ['login', 'text'], ['credential_id', 'text'], ['credential_type', 'text'],
      ['authorized_at', 'text'], ['last_accessed_at', 'text', 'null'], ['expires_at', 'text', 'null'],
    ],
    primaryKey: ['snapshot_id', 'position'],
  },
  {
    name: 'github_connections',
    columns: [
      ['id', 'key'], ['name', 'text'], ['name_folded', 'key'], ['service_id', 'key'], ['api_url', 'text'], ['org_login', 'text'],
      ['enterprise_slug', 'text', 'null'],
      ['credential_kind', 'text'], ['app_id', 'text', 'null'], ['installation_id', 'text', 'null'], ['sealed_secret', 'text'],
      ['org_id', 'text', 'null'], ['auto_sync', 'boolean'], ['sync_interval_s', 'integer'], ['budget_s', 'integer'],
      ['health_state', 'text'], ['health_reason', 'text', 'null'], ['consecutive_failures', 'integer'], ['paused_reason', 'text', 'null'],
      ['next_run_at', 'epochMs', 'null'], ['last_sync_id', 'key', 'null'], ['last_sync_at', 'epochMs', 'null'],
      ['created_at', 'epochMs'], ['updated_at', 'epochMs'],
    ],
    primaryKey: ['id'],
  },
];

export function downstreamServicesSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      for (const table of TABLES) await createTable(db, types, table);
      await db.schema.createIndex('downstream_services_unique_name').on('downstream_services').column('name_folded').unique().execute();
      await db.schema.createIndex('github_connections_unique_name').on('github_connections').column('name_folded').unique().execute();
      await db.schema.createIndex('github_connections_unique_service').on('github_connections').column('service_id').unique().execute();
    },
    async down(db) {
      for (const table of [...TABLES].reverse()) await db.schema.dropTable(table.name).execute();
    },
  };
}
