import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';

/**
 * One row per org while a sync of it runs: which process holds it (holder id, host, pid) and until when its heartbeat
 * keeps it (`expires_at`). At most one sync per org runs at a time across every process (CLI, embedded scheduler,
 * pg-boss workers); a holder that dies loses the lease when its heartbeat lapses, or at once when another process on
 * the same host sees its pid gone.
 */
export function syncLeasesSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      await db.schema
        .createTable('sync_leases')
        .addColumn('org', types.key, (c) => c.primaryKey())
        .addColumn('holder_id', types.key, (c) => c.notNull())
        .addColumn('host', types.text, (c) => c.notNull())
        .addColumn('pid', types.integer, (c) => c.notNull())
        .addColumn('acquired_at', types.epochMs, (c) => c.notNull())
        .addColumn('heartbeat_at', types.epochMs, (c) => c.notNull())
        .addColumn('expires_at', types.epochMs, (c) => c.notNull())
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('sync_leases').execute();
    },
  };
}
