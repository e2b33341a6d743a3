import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';
import { createTable, type TableDef } from './table-def.js';

/*
 * Outbound webhooks (issue 10): the receivers an admin subscribes to events, and the log of what was delivered to
 * them. A webhook's signing secret is stored sealed with the installation's secret key (like a connection's
 * credential), never in clear; the delivery log keeps statuses and error names, never a payload or a secret.
 */
const TABLES: readonly TableDef[] = [
  {
    name: 'webhooks',
    columns: [
      ['id', 'key'], ['name', 'text'], ['url', 'text'], ['events', 'json'], ['format', 'key'], ['sealed_secret', 'text'],
      ['enabled', 'boolean'], ['created_by', 'text'], ['created_at', 'epochMs'], ['updated_at', 'epochMs'],
    ],
    primaryKey: ['id'],
  },
  {
    name: 'webhook_deliveries',
    columns: [
      ['id', 'key'], ['webhook_id', 'key'], ['event_type', 'key'], ['org', 'text', 'null'], ['started_at', 'epochMs'],
      ['ended_at', 'epochMs'], ['attempts', 'count'], ['delivered', 'boolean'], ['last_status', 'text'], ['last_error', 'text', 'null'],
    ],
    primaryKey: ['id'],
    // A webhook's history newest first, page by page.
    indexes: [['webhook_id', 'id']],
  },
];

export function webhooksSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      for (const table of TABLES) await createTable(db, types, table);
    },
    async down(db) {
      for (const table of [...TABLES].reverse()) await db.schema.dropTable(table.name).execute();
    },
  };
}
