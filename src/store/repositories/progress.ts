import type { ProgressRepository } from '../store.js';
import { inTransaction, requireBuildingSnapshot, type RepositoryContext } from './context.js';
import { inBatches, pageSizeOf, rowsPerStatement, streamPages } from './paging.js';
import { readDate, readNumber, writeDate } from './row-values.js';

export function createProgressRepository(ctx: RepositoryContext): ProgressRepository {
  return {
    async markVerified(snapshotId, dataset, entityIds, verifiedAt) {
      const at = writeDate(verifiedAt);
      await inTransaction(ctx.db, async (trx) => {
        await requireBuildingSnapshot(trx, snapshotId);
        for await (const batch of inBatches(new Set(entityIds), rowsPerStatement(ctx.profile, 4))) {
          await trx
            .insertInto('snapshot_progress')
            .values(batch.map((entityId) => ({ snapshot_id: snapshotId, dataset, entity_id: entityId, verified_at: at })))
            .onConflict((conflict) => conflict.columns(['snapshot_id', 'dataset', 'entity_id']).doUpdateSet({ verified_at: at }))
            .execute();
        }
      });
    },

    async isVerified(snapshotId, dataset, entityId) {
      const row = await ctx.db
        .selectFrom('snapshot_progress')
        .select('entity_id')
        .where('snapshot_id', '=', snapshotId)
        .where('dataset', '=', dataset)
        .where('entity_id', '=', entityId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async countVerified(snapshotId, dataset) {
      const row = await ctx.db
        .selectFrom('snapshot_progress')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('snapshot_id', '=', snapshotId)
        .where('dataset', '=', dataset)
        .executeTakeFirstOrThrow();
      return readNumber(row.count, 'count');
    },

    async *streamPendingUsers(snapshotId, dataset, options) {
      const pageSize = pageSizeOf(options);
      const statuses = options?.statuses;
      if (statuses?.length === 0) return;
      const rows = streamPages<{ id: string }>(async (after) => {
        let query = ctx.db
          .selectFrom('users')
          .select('users.id')
          .where('users.snapshot_id', '=', snapshotId)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('snapshot_progress')
                  .select('snapshot_progress.entity_id')
                  .whereRef('snapshot_progress.snapshot_id', '=', 'users.snapshot_id')
                  .where('snapshot_progress.dataset', '=', dataset)
                  .whereRef('snapshot_progress.entity_id', '=', 'users.id'),
              ),
            ),
          );
        if (statuses !== undefined) query = query.where('users.status', 'in', [...statuses]);
        // Keyset on id: users marked verified meanwhile drop out without shifting later pages.
        if (after !== undefined) query = query.where('users.id', '>', after.id);
        return query.orderBy('users.id').limit(pageSize).execute();
      }, pageSize);
      for await (const row of rows) yield row.id;
    },

    async *streamVerified(snapshotId, dataset, options) {
      const pageSize = pageSizeOf(options);
      const rows = streamPages<{ entity_id: string }>(async (after) => {
        let query = ctx.db
          .selectFrom('snapshot_progress')
          .select('entity_id')
          .where('snapshot_id', '=', snapshotId)
          .where('dataset', '=', dataset);
        if (after !== undefined) query = query.where('entity_id', '>', after.entity_id);
        return query.orderBy('entity_id').limit(pageSize).execute();
      }, pageSize);
      for await (const row of rows) yield row.entity_id;
    },

    async oldestVerified(snapshotId, dataset, limit) {
      const rows = await ctx.db
        .selectFrom('snapshot_progress')
        .select(['entity_id', 'verified_at'])
        .where('snapshot_id', '=', snapshotId)
        .where('dataset', '=', dataset)
        .orderBy('verified_at')
        .orderBy('entity_id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ entityId: row.entity_id, verifiedAt: readDate(row.verified_at, 'snapshot_progress.verified_at') }));
    },

    async clear(snapshotId, dataset) {
      await requireBuildingSnapshot(ctx.db, snapshotId);
      let query = ctx.db.deleteFrom('snapshot_progress').where('snapshot_id', '=', snapshotId);
      if (dataset !== undefined) query = query.where('dataset', '=', dataset);
      await query.execute();
    },
  };
}
