import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';

type ColumnKind = keyof ColumnTypes;
/** The schema builder Kysely hands a migration; tables are named by strings here. */
type MigrationDb = Parameters<Migration['up']>[0];
/** `[name, kind]` is NOT NULL; `[name, kind, 'null']` allows NULL. */
type ColumnDef = readonly [name: string, kind: ColumnKind, nullable?: 'null'];

interface TableDef {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey: readonly string[];
  /** Entity tables belong to a snapshot: the foreign key refuses rows for a snapshot that does not exist. */
  readonly inSnapshot?: boolean;
  readonly indexes?: readonly (readonly string[])[];
}

const ENTITY_TABLE_COLUMNS: readonly TableDef[] = [
  {
    name: 'users',
    columns: [
      ['id', 'key'], ['login', 'text'], ['email', 'text', 'null'], ['first_name', 'text', 'null'],
      ['last_name', 'text', 'null'], ['display_name', 'text', 'null'], ['department', 'text', 'null'],
      ['title', 'text', 'null'], ['status', 'text'], ['created', 'epochMs', 'null'], ['activated', 'epochMs', 'null'],
      ['status_changed', 'epochMs', 'null'], ['last_login', 'epochMs', 'null'], ['last_updated', 'epochMs', 'null'],
      ['password_changed', 'epochMs', 'null'],
    ],
    primaryKey: ['id'],
  },
  {
    name: 'factors',
    columns: [
      ['user_id', 'key'], ['id', 'key'], ['factor_type', 'text'], ['provider', 'text', 'null'],
      ['vendor_name', 'text', 'null'], ['status', 'text'], ['created', 'epochMs', 'null'],
      ['last_updated', 'epochMs', 'null'], ['profile_summary', 'text', 'null'],
    ],
    primaryKey: ['user_id', 'id'],
  },
  {
    name: 'groups',
    columns: [
      ['id', 'key'], ['name', 'text'], ['description', 'text', 'null'], ['type', 'text'],
      ['created', 'epochMs', 'null'], ['last_updated', 'epochMs', 'null'],
      ['last_membership_updated', 'epochMs', 'null'], ['source_app_id', 'text', 'null'],
    ],
    primaryKey: ['id'],
  },
  {
    name: 'group_memberships',
    columns: [['group_id', 'key'], ['user_id', 'key']],
    primaryKey: ['group_id', 'user_id'],
    indexes: [['user_id']],
  },
  {
    name: 'apps',
    columns: [
      ['id', 'key'], ['name', 'text'], ['label', 'text'], ['status', 'text'], ['sign_on_mode', 'text', 'null'],
      ['created', 'epochMs', 'null'], ['last_updated', 'epochMs', 'null'], ['access_policy_id', 'text', 'null'],
    ],
    primaryKey: ['id'],
  },
  {
    name: 'app_assignments',
    columns: [
      ['app_id', 'key'], ['user_id', 'key'], ['scope', 'text'], ['status', 'text', 'null'],
      ['created', 'epochMs', 'null'], ['last_updated', 'epochMs', 'null'], ['via_group_ids', 'json'],
    ],
    primaryKey: ['app_id', 'user_id'],
    indexes: [['user_id']],
  },
  {
    name: 'app_group_assignments',
    columns: [['app_id', 'key'], ['group_id', 'key'], ['priority', 'integer', 'null']],
    primaryKey: ['app_id', 'group_id'],
    indexes: [['group_id']],
  },
  {
    name: 'policies',
    columns: [
      ['id', 'key'], ['type', 'text'], ['name', 'text'], ['status', 'text'], ['priority', 'integer', 'null'],
      ['system', 'boolean'], ['conditions', 'json'], ['settings', 'json'], ['created', 'epochMs', 'null'],
      ['last_updated', 'epochMs', 'null'],
    ],
    primaryKey: ['id'],
  },
  {
    name: 'policy_rules',
    columns: [
      ['policy_id', 'key'], ['id', 'key'], ['type', 'text'], ['name', 'text'], ['status', 'text'],
      ['priority', 'integer', 'null'], ['system', 'boolean'], ['conditions', 'json'], ['actions', 'json'],
    ],
    primaryKey: ['policy_id', 'id'],
  },
  {
    name: 'admin_roles',
    columns: [
      ['user_id', 'key'], ['id', 'key'], ['type', 'text'], ['label', 'text', 'null'], ['status', 'text', 'null'],
      ['assignment_type', 'text'], ['group_id', 'text', 'null'],
    ],
    primaryKey: ['user_id', 'id'],
  },
  {
    name: 'collection_errors',
    columns: [['dataset', 'key'], ['entity_id', 'key'], ['message', 'text']],
    primaryKey: ['dataset', 'entity_id'],
  },
];

/** Every entity table leads with its snapshot: the key, the indexes and the foreign key. */
const ENTITY_TABLES: readonly TableDef[] = ENTITY_TABLE_COLUMNS.map((table) => ({
  ...table,
  columns: [['snapshot_id', 'key'], ...table.columns],
  primaryKey: ['snapshot_id', ...table.primaryKey],
  indexes: (table.indexes ?? []).map((columns) => ['snapshot_id', ...columns]),
  inSnapshot: true,
}));

const SUPPORT_TABLES: readonly TableDef[] = [
  {
    name: 'syncs',
    columns: [
      ['id', 'key'], ['org', 'key'], ['trigger', 'text'], ['started_at', 'epochMs'], ['ended_at', 'epochMs', 'null'],
      ['status', 'text'], ['complete', 'boolean'], ['datasets', 'json'], ['requests_by_bucket', 'json'],
      ['requests_total', 'count'], ['throttled', 'count'], ['errors', 'json'],
      ['log_window_since', 'epochMs', 'null'], ['log_window_until', 'epochMs', 'null'], ['snapshot_id', 'key', 'null'],
    ],
    primaryKey: ['id'],
    indexes: [['org', 'started_at']],
  },
  {
    name: 'snapshots',
    columns: [
      ['id', 'key'], ['org', 'key'], ['sync_id', 'key', 'null'], ['created_at', 'epochMs'], ['state', 'text'],
      ['copied_from', 'key', 'null'], ['datasets', 'json'],
    ],
    primaryKey: ['id'],
    indexes: [['org', 'created_at']],
  },
  {
    name: 'snapshot_progress',
    columns: [['snapshot_id', 'key'], ['dataset', 'key'], ['entity_id', 'key'], ['verified_at', 'epochMs']],
    primaryKey: ['snapshot_id', 'dataset', 'entity_id'],
    inSnapshot: true,
    // "Re-verify the oldest-verified users first" reads this order.
    indexes: [['snapshot_id', 'dataset', 'verified_at']],
  },
  {
    // Not versioned per snapshot: an event is an immutable fact, deduplicated by its uuid.
    name: 'log_events',
    columns: [
      ['org', 'key'], ['uuid', 'key'], ['published', 'epochMs'], ['event_type', 'text'],
      ['outcome_result', 'text', 'null'], ['actor_id', 'text', 'null'], ['actor_alternate_id', 'text', 'null'],
      ['target_ids', 'json'], ['raw', 'json'],
    ],
    primaryKey: ['org', 'uuid'],
    indexes: [['org', 'published', 'uuid']],
  },
];

/** The first schema: snapshot-versioned entities, sync history, org state, progress and the System Log. */
export function initialSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      for (const table of [...SUPPORT_TABLES, ...ENTITY_TABLES]) await createTable(db, types, table);
      await db.schema
        .createTable('org_state')
        .addColumn('org', types.key, (c) => c.primaryKey())
        .addColumn('current_snapshot_id', types.key, (c) => c.references('snapshots.id'))
        .addColumn('building_snapshot_id', types.key, (c) => c.references('snapshots.id'))
        .addColumn('checkpoint', types.json)
        .addColumn('log_cursor_until', types.epochMs)
        .addColumn('log_cursor_uuids', types.json)
        .addColumn('last_full_sync_at', types.epochMs)
        .addColumn('last_sync_at', types.epochMs)
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('org_state').execute();
      for (const table of [...ENTITY_TABLES, ...SUPPORT_TABLES].reverse()) await db.schema.dropTable(table.name).execute();
    },
  };
}

async function createTable(db: MigrationDb, types: ColumnTypes, table: TableDef): Promise<void> {
  let builder = db.schema.createTable(table.name);
  for (const [name, kind, nullable] of table.columns) {
    builder = builder.addColumn(name, types[kind], (column) => (nullable === 'null' ? column : column.notNull()));
  }
  // The builder tracks added column names in its type, which a loop cannot carry; the names are checked by the database.
  builder = builder.addPrimaryKeyConstraint(`${table.name}_pk`, [...table.primaryKey] as never[]);
  if (table.inSnapshot === true) {
    builder = builder.addForeignKeyConstraint(`${table.name}_snapshot_fk`, ['snapshot_id'] as never[], 'snapshots', ['id']);
  }
  await builder.execute();
  for (const columns of table.indexes ?? []) {
    await db.schema
      .createIndex(`${table.name}_by_${columns.join('_')}`)
      .on(table.name)
      .columns([...columns])
      .execute();
  }
}
