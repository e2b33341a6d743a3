import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';

/**
 * Issue 12, "evidence an auditor accepts": each sync keeps which Okta org it read and with whose credential (org id,
 * pipeline, credential type and principal), read at its start, so every manifest and artifact can name them. One JSON
 * column: the fields are only ever read together, by the export. Null for syncs recorded before this migration.
 */
export function syncOrgIdentitySchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      await db.schema.alterTable('syncs').addColumn('org_identity', types.json).execute();
    },
    async down(db) {
      await db.schema.alterTable('syncs').dropColumn('org_identity').execute();
    },
  };
}
