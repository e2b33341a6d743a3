import type { Selectable } from 'kysely';
import type { EvidenceChainTable } from '../schema.js';
import type { EvidenceChainRepository } from '../store.js';
import type { EvidenceChainHead } from '../types.js';
import type { RepositoryContext } from './context.js';
import { readDate, readNumber, writeDate } from './row-values.js';

/**
 * One row per org: the last exported manifest. `append` is a compare-and-set on the previous hash, so two exports
 * racing for one org cannot both chain to the same predecessor: the second finds the head moved and fails (on
 * PostgreSQL its UPDATE waits for the first's row lock, then re-reads the row; SQLite serialises writers).
 */
export function createEvidenceChainRepository(ctx: RepositoryContext): EvidenceChainRepository {
  return {
    async head(org) {
      const row = await ctx.db.selectFrom('evidence_chain').selectAll().where('org', '=', org).executeTakeFirst();
      return row === undefined ? undefined : toHead(row);
    },

    async append(org, link) {
      const values = {
        sequence: link.sequence,
        manifest_sha256: link.manifestSha256,
        sync_id: link.syncId,
        generated_at: writeDate(link.generatedAt),
      };
      if (link.previousSha256 === null) {
        const result = await ctx.db
          .insertInto('evidence_chain')
          .values({ org, ...values })
          .onConflict((conflict) => conflict.column('org').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
      }
      const result = await ctx.db
        .updateTable('evidence_chain')
        .set(values)
        .where('org', '=', org)
        .where('manifest_sha256', '=', link.previousSha256)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

function toHead(row: Selectable<EvidenceChainTable>): EvidenceChainHead {
  return {
    org: row.org,
    sequence: readNumber(row.sequence, 'evidence_chain.sequence'),
    manifestSha256: row.manifest_sha256,
    syncId: row.sync_id,
    generatedAt: readDate(row.generated_at, 'evidence_chain.generated_at'),
  };
}
