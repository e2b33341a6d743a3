import type { Selectable } from 'kysely';
import { StoreError } from '../errors.js';
import type { LooseDb, SnapshotsTable, StoreDb } from '../schema.js';
import type { SnapshotRepository } from '../store.js';
import type { DatasetStatus, SnapshotRecord, SnapshotState } from '../types.js';
import { inTransaction, requireBuildingSnapshot, type RepositoryContext } from './context.js';
import { ENTITY_KINDS, ENTITY_TABLES, storedColumnsOf } from './entity-tables.js';
import { ensureOrgState } from './org-state-row.js';
import { refreshPlannerStatistics, SYNCED_TABLES } from './planner-statistics.js';
import { preparedQuery } from './prepared-query.js';
import { readDate, readJson, writeDate, writeJson } from './row-values.js';

type SnapshotRow = Selectable<SnapshotsTable>;

export function createSnapshotRepository(ctx: RepositoryContext): SnapshotRepository {
  // Every API read of a snapshot starts by finding the org's current one.
  const currentOf = preparedQuery((db: StoreDb, org: string) =>
    db.selectFrom('snapshots').innerJoin('org_state', 'org_state.current_snapshot_id', 'snapshots.id').selectAll('snapshots').where('org_state.org', '=', org),
  );
  return {
    async begin(org, options = {}) {
      const id = ctx.newId(ctx.now());
      return inTransaction(ctx.db, async (trx) => {
        const source = options.copyFrom === undefined ? undefined : await requireCopySource(trx, org, options.copyFrom);
        await trx
          .insertInto('snapshots')
          .values({
            id,
            org,
            sync_id: options.syncId ?? null,
            created_at: writeDate(ctx.now()),
            state: 'building',
            copied_from: options.copyFrom ?? null,
            // A copy starts as complete as its source; the sync overwrites what it re-reads.
            datasets: source?.datasets ?? writeJson([]),
          })
          .execute();
        if (options.copyFrom !== undefined) await copyRows(trx, options.copyFrom, id);
        return toSnapshot(await selectSnapshot(trx, id));
      });
    },

    async setDatasets(snapshotId, datasets) {
      await requireBuildingSnapshot(ctx.db, snapshotId);
      await ctx.db.updateTable('snapshots').set({ datasets: writeJson(datasets) }).where('id', '=', snapshotId).execute();
    },

    async promote(org, snapshotId, options = {}) {
      await inTransaction(ctx.db, async (trx) => {
        // Update the org's row first: on PostgreSQL that locks it, so two promotions for one org run one after the
        // other and the second sees the first's "current" when it supersedes.
        await ensureOrgState(trx, org);
        await trx.updateTable('org_state').set({ org }).where('org', '=', org).execute();
        const snapshotOrg = await requireBuildingSnapshot(trx, snapshotId);
        if (snapshotOrg !== org) throw new StoreError('STORE_INVALID_STATE', `Snapshot ${snapshotId} belongs to ${snapshotOrg}, not ${org}.`);
        await trx.updateTable('snapshots').set({ state: 'superseded' }).where('org', '=', org).where('state', '=', 'current').execute();
        const datasets: { datasets?: string } = options.datasets === undefined ? {} : { datasets: writeJson(options.datasets) };
        const completedBy: { sync_id?: string } = options.syncId === undefined ? {} : { sync_id: options.syncId };
        await trx.updateTable('snapshots').set({ state: 'current', ...datasets, ...completedBy }).where('id', '=', snapshotId).execute();
        await trx.updateTable('org_state').set({ current_snapshot_id: snapshotId }).where('org', '=', org).execute();
        // A finished backfill is no longer "being built".
        await trx.updateTable('org_state').set({ building_snapshot_id: null }).where('org', '=', org).where('building_snapshot_id', '=', snapshotId).execute();
      });
      // The API's pages now read this snapshot: PostgreSQL must know how many rows it has to plan them.
      await refreshPlannerStatistics(ctx, SYNCED_TABLES);
    },

    async discard(snapshotId) {
      await inTransaction(ctx.db, async (trx) => {
        const snapshot = await trx.selectFrom('snapshots').select(['state']).where('id', '=', snapshotId).executeTakeFirst();
        if (snapshot === undefined) return;
        if (snapshot.state === 'current') throw new StoreError('STORE_INVALID_STATE', `Snapshot ${snapshotId} is current and cannot be discarded.`);
        await deleteSnapshotRows(trx, snapshotId);
        await trx.updateTable('org_state').set({ building_snapshot_id: null }).where('building_snapshot_id', '=', snapshotId).execute();
        await trx.updateTable('snapshots').set({ state: 'discarded' }).where('id', '=', snapshotId).execute();
      });
    },

    async prune(org, keep) {
      if (!Number.isInteger(keep) || keep < 1) throw new StoreError('STORE_INVALID_INPUT', `Snapshots to keep must be a whole number of at least 1 (got ${keep}).`);
      const candidates = await pruneCandidates(ctx.db, org, keep);
      const pruned: string[] = [];
      // One transaction per snapshot: a large delete does not hold the write lock for the whole prune.
      for (const id of candidates) {
        await inTransaction(ctx.db, async (trx) => {
          await deleteSnapshotRows(trx, id);
          await trx.deleteFrom('snapshots').where('id', '=', id).execute();
        });
        pruned.push(id);
      }
      return pruned;
    },

    async get(snapshotId) {
      const row = await ctx.db.selectFrom('snapshots').selectAll().where('id', '=', snapshotId).executeTakeFirst();
      return row === undefined ? undefined : toSnapshot(row);
    },

    async current(org) {
      const [row] = await currentOf(ctx.db, org);
      return row === undefined ? undefined : toSnapshot(row);
    },

    async list(org) {
      const rows = await ctx.db.selectFrom('snapshots').selectAll().where('org', '=', org).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toSnapshot);
    },

    async currentOrgs() {
      const rows = await ctx.db.selectFrom('org_state').select('org').where('current_snapshot_id', 'is not', null).orderBy('org').execute();
      return rows.map((row) => row.org);
    },
  };
}

async function requireCopySource(db: StoreDb, org: string, sourceId: string): Promise<SnapshotRow> {
  const source = await db.selectFrom('snapshots').selectAll().where('id', '=', sourceId).executeTakeFirst();
  if (source?.org !== org || (source.state !== 'current' && source.state !== 'superseded')) {
    throw new StoreError('STORE_INVALID_STATE', `Snapshot ${sourceId} is not a promoted snapshot of ${org}; it cannot be copied.`);
  }
  return source;
}

/** INSERT … SELECT per table: the copy never passes through this process, whatever the org's size. */
async function copyRows(db: StoreDb, fromId: string, toId: string): Promise<void> {
  const loose = db as unknown as LooseDb;
  const tables = [
    ...ENTITY_KINDS.map((kind) => ({ table: ENTITY_TABLES[kind].table, columns: storedColumnsOf(kind) })),
    { table: 'snapshot_progress', columns: ['dataset', 'entity_id', 'verified_at'] },
  ];
  for (const { table, columns } of tables) {
    await loose
      .insertInto(table)
      .columns(['snapshot_id', ...columns])
      .expression(
        loose
          .selectFrom(table)
          .select((eb) => eb.cast<string>(eb.val(toId), 'text').as('snapshot_id'))
          .select(columns)
          .where('snapshot_id', '=', fromId),
      )
      .execute();
  }
}

async function deleteSnapshotRows(db: StoreDb, snapshotId: string): Promise<void> {
  const loose = db as unknown as LooseDb;
  for (const table of [...ENTITY_KINDS.map((kind) => ENTITY_TABLES[kind].table), 'snapshot_progress']) {
    await loose.deleteFrom(table).where('snapshot_id', '=', snapshotId).execute();
  }
}

async function pruneCandidates(db: StoreDb, org: string, keep: number): Promise<string[]> {
  const state = await db.selectFrom('org_state').select(['current_snapshot_id', 'building_snapshot_id']).where('org', '=', org).executeTakeFirst();
  const protectedIds = new Set([state?.current_snapshot_id, state?.building_snapshot_id].filter((id) => id != null));
  const snapshots = await db
    .selectFrom('snapshots')
    .leftJoin('syncs', 'syncs.id', 'snapshots.sync_id')
    .select(['snapshots.id', 'snapshots.state', 'syncs.status as syncStatus'])
    .where('snapshots.org', '=', org)
    .orderBy('snapshots.created_at', 'desc')
    .orderBy('snapshots.id', 'desc')
    .execute();
  let supersededKept = 0;
  return snapshots
    .filter((snapshot) => {
      if (protectedIds.has(snapshot.id)) return false;
      switch (snapshot.state as SnapshotState) {
        case 'current':
          return false;
        case 'superseded':
          supersededKept += 1;
          return supersededKept > keep - 1;
        case 'building':
          // A live sync may still be writing it. Once its sync has ended the snapshot was abandoned (the process was
          // killed before it could discard). Without a recorded sync we cannot tell, so it stays until discarded.
          return snapshot.syncStatus !== null && snapshot.syncStatus !== 'running';
        case 'discarded':
          return true;
      }
    })
    .map((snapshot) => snapshot.id);
}

async function selectSnapshot(db: StoreDb, id: string): Promise<SnapshotRow> {
  return db.selectFrom('snapshots').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

function toSnapshot(row: SnapshotRow): SnapshotRecord {
  return {
    id: row.id,
    org: row.org,
    syncId: row.sync_id,
    createdAt: readDate(row.created_at, 'snapshots.created_at'),
    state: row.state as SnapshotState,
    copiedFrom: row.copied_from,
    datasets: readJson(row.datasets, 'snapshots.datasets') as DatasetStatus[],
  };
}
