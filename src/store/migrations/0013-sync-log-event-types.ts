import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';

/**
 * Issue 12: the System Log evidence states its event types. Each sync keeps the types it asked Okta for (a JSON array;
 * empty means every type), so an export names the types behind the events of its period. Null for a sync that did not
 * read the System Log, and for syncs recorded before this migration (an export then says their types are unknown).
 */
export function syncLogEventTypesSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      await db.schema.alterTable('syncs').addColumn('log_event_types', types.json).execute();
    },
    async down(db) {
      await db.schema.alterTable('syncs').dropColumn('log_event_types').execute();
    },
  };
}
