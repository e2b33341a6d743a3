import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';

/**
 * Each sync's own time budget, so a later sync judges whether it was abandoned by that budget rather than by its own
 * (a sync given an hour must not be declared dead by a sync given a minute). Nullable: syncs recorded before this
 * migration have none, and the sync history falls back to the default budget for them.
 */
export function syncBudgetSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      await db.schema.alterTable('syncs').addColumn('timeout_ms', types.count).execute();
    },
    async down(db) {
      await db.schema.alterTable('syncs').dropColumn('timeout_ms').execute();
    },
  };
}
