import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';
import { createTable, type TableDef } from './table-def.js';

/*
 * Check results and access reviews are not snapshot rows: they outlive the snapshot they were made from (pruning a
 * snapshot must not erase the history of what the checks found, nor who attested a review), so they carry no foreign
 * key to `snapshots`.
 */
const TABLES: readonly TableDef[] = [
  {
    // One run per evaluated snapshot: re-running the checks over the same snapshot replaces its run.
    name: 'check_runs',
    columns: [
      ['id', 'key'], ['org', 'key'], ['sync_id', 'key', 'null'], ['snapshot_id', 'key'], ['evaluated_at', 'epochMs'],
      ['settings', 'json'], ['summaries', 'json'],
    ],
    primaryKey: ['id'],
    indexes: [['org', 'evaluated_at'], ['org', 'snapshot_id']],
  },
  {
    name: 'check_entity_results',
    columns: [
      ['run_id', 'key'], ['check_id', 'key'], ['entity_type', 'key'], ['entity_id', 'key'], ['entity_name', 'text'],
      ['status', 'text'], ['reason', 'text'], ['fields', 'json'],
    ],
    primaryKey: ['run_id', 'check_id', 'entity_type', 'entity_id'],
  },
  {
    name: 'access_reviews',
    columns: [
      ['id', 'key'], ['org', 'key'], ['app_id', 'key'], ['app_label', 'text'], ['reviewer_email', 'text'],
      ['attested_at', 'epochMs'], ['note', 'text', 'null'], ['snapshot_id', 'key'], ['assignment_count', 'count'],
      ['assignments', 'json'],
    ],
    primaryKey: ['id'],
    indexes: [['org', 'app_id', 'attested_at']],
  },
];

/** Stored check runs (per-entity results) and access-review attestations. */
export function checkResultsAndReviews(types: ColumnTypes): Migration {
  return {
    async up(db) {
      for (const table of TABLES) await createTable(db, types, table);
    },
    async down(db) {
      for (const table of [...TABLES].reverse()) await db.schema.dropTable(table.name).execute();
    },
  };
}
