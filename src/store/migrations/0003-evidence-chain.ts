import type { Migration } from 'kysely';
import type { ColumnTypes } from '../dialect-profile.js';

/**
 * The head of each org's evidence chain: the SHA-256 of the last exported manifest, which the next export's manifest
 * names as its predecessor. Numbered 0003 so it sorts after the checks migration (0002-…) whatever the order they
 * are first applied in. The signing key is deliberately not here: see `src/evidence/signing-key.ts`.
 */
export function evidenceChainSchema(types: ColumnTypes): Migration {
  return {
    async up(db) {
      await db.schema
        .createTable('evidence_chain')
        .addColumn('org', types.key, (c) => c.primaryKey())
        .addColumn('sequence', types.count, (c) => c.notNull())
        .addColumn('manifest_sha256', types.key, (c) => c.notNull())
        .addColumn('sync_id', types.key)
        .addColumn('generated_at', types.epochMs, (c) => c.notNull())
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('evidence_chain').execute();
    },
  };
}
