import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';
import { createTable, type TableDef } from './table-def.js';

/**
 * Stored connections to Okta orgs and the audit log of changes to them (issue 9).
 *
 * A connection's `domain` is the `org` key every snapshot, sync, check run and evidence chain row already carries,
 * so it is unique: two connections to one domain would share (and corrupt) one evidence chain. The credential's
 * secret part (API token or private key) is only ever stored sealed (AES-256-GCM envelope, see
 * `src/app/secrets/`); its non-secret parts (client id, key id, DPoP mode) are in clear so they can be shown.
 * Scheduling and health columns are written by the scheduler.
 */
const connections: TableDef = {
  name: 'connections',
  columns: [
    ['id', 'key'],
    ['name', 'text'],
    /** Lower-cased name: names are unique whatever their case. */
    ['name_folded', 'key'],
    ['domain', 'key'],
    ['base_url', 'text', 'null'],
    ['proxy_url', 'text', 'null'],
    ['credential_kind', 'text'],
    ['client_id', 'text', 'null'],
    ['key_id', 'text', 'null'],
    ['dpop_mode', 'text', 'null'],
    ['sealed_secret', 'text'],
    ['auto_sync', 'boolean'],
    ['sync_interval_s', 'integer'],
    ['log_window_days', 'integer'],
    ['budget_s', 'integer'],
    ['event_types', 'json', 'null'],
    ['evidence_retention', 'integer'],
    ['org_id', 'key', 'null'],
    ['pipeline', 'text', 'null'],
    ['org_verified_at', 'epochMs', 'null'],
    ['health_state', 'text'],
    ['health_reason', 'text', 'null'],
    ['consecutive_failures', 'integer'],
    ['paused_reason', 'text', 'null'],
    ['next_run_at', 'epochMs', 'null'],
    ['last_sync_id', 'key', 'null'],
    ['last_sync_at', 'epochMs', 'null'],
    ['created_at', 'epochMs'],
    ['updated_at', 'epochMs'],
  ],
  primaryKey: ['id'],
  indexes: [['next_run_at']],
};

const auditLog: TableDef = {
  name: 'audit_log',
  columns: [
    ['id', 'key'],
    ['at', 'epochMs'],
    ['actor', 'text'],
    ['action', 'key'],
    ['connection_id', 'key', 'null'],
    ['connection_name', 'text', 'null'],
    ['details', 'json'],
  ],
  primaryKey: ['id'],
  indexes: [['connection_id', 'id']],
};

export function connectionsSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      await createTable(db, types, connections);
      await db.schema.createIndex('connections_unique_name').on('connections').column('name_folded').unique().execute();
      await db.schema.createIndex('connections_unique_domain').on('connections').column('domain').unique().execute();
      await createTable(db, types, auditLog);
    },
    async down(db) {
      await db.schema.dropTable('audit_log').execute();
      await db.schema.dropTable('connections').execute();
    },
  };
}
