import type { Insertable, Selectable } from 'kysely';
import type { CheckEntityResultsTable, CheckRunsTable, StoreDb } from '../schema.js';
import type { CheckResultRepository } from '../store.js';
import type { CheckEntityResultRecord, CheckResultRecord, CheckRunRecord, CheckRunSummary, CheckStatus, StoredCheckRun } from '../types.js';
import { inTransaction, type RepositoryContext } from './context.js';
import { pageSizeOf, rowValueAfter, rowsPerStatement, streamPages } from './paging.js';
import { refreshPlannerStatistics } from './planner-statistics.js';
import { preparedQuery } from './prepared-query.js';
import { readDate, readJson, writeDate, writeJson } from './row-values.js';

const ENTITY_RESULT_COLUMNS = 8;
/** Entity rows read per query when a run is loaded (a 50,000-user org has ~100,000 per run). */
const ENTITY_PAGE_SIZE = 5_000;

/** `latest` and the run `previous` compares it with: kept by `prune` even when their snapshots are gone. */
const NEWEST_RUNS_KEPT = 2;

/** A check's result as stored in the run row: everything but the entity rows. */
type CheckSummary = Omit<CheckResultRecord, 'entities'>;

export function createCheckResultRepository(ctx: RepositoryContext): CheckResultRepository {
  const load = async (row: Selectable<CheckRunsTable> | undefined): Promise<StoredCheckRun | undefined> =>
    row === undefined ? undefined : toRun(row, await loadEntities(ctx.db, row.id));
  // The API's test pages all start from the latest run.
  const latestRunOf = preparedQuery((db: StoreDb, org: string) =>
    db.selectFrom('check_runs').selectAll().where('org', '=', org).orderBy('evaluated_at', 'desc').orderBy('id', 'desc').limit(1),
  );

  return {
    async save(run) {
      const id = ctx.newId(run.evaluatedAt);
      const summaries: CheckSummary[] = run.results.map(({ entities: _entities, ...summary }) => summary);
      await inTransaction(ctx.db, async (trx) => {
        const replaced = await trx.selectFrom('check_runs').select('id').where('org', '=', run.org).where('snapshot_id', '=', run.snapshotId).execute();
        for (const { id: oldId } of replaced) {
          await trx.deleteFrom('check_entity_results').where('run_id', '=', oldId).execute();
          await trx.deleteFrom('check_runs').where('id', '=', oldId).execute();
        }
        await trx
          .insertInto('check_runs')
          .values({
            id,
            org: run.org,
            sync_id: run.syncId,
            snapshot_id: run.snapshotId,
            evaluated_at: writeDate(run.evaluatedAt),
            settings: writeJson(run.settings),
            summaries: writeJson(summaries),
          })
          .execute();
        // Rows are made one statement at a time: 100,000 entity rows with their fields as JSON, made all at once,
        // were the peak of `okta-evidence tests` over 50,000 users.
        const size = rowsPerStatement(ctx.profile, ENTITY_RESULT_COLUMNS);
        for (const result of run.results) {
          for (let start = 0; start < result.entities.length; start += size) {
            const rows = result.entities.slice(start, start + size).map((entity) => toEntityRow(id, result.id, entity));
            await trx.insertInto('check_entity_results').values(rows).execute();
          }
        }
      });
      // The API's test pages now read this run: PostgreSQL must know how many rows it has to plan them.
      await refreshPlannerStatistics(ctx, ['check_entity_results']);
      return { ...run, id };
    },

    async get(runId) {
      return load(await ctx.db.selectFrom('check_runs').selectAll().where('id', '=', runId).executeTakeFirst());
    },

    async latest(org) {
      return load(
        await ctx.db.selectFrom('check_runs').selectAll().where('org', '=', org).orderBy('evaluated_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst(),
      );
    },

    async latestSummary(org) {
      const [row] = await latestRunOf(ctx.db, org);
      return row === undefined ? undefined : toSummary(row);
    },

    async summary(runId) {
      const row = await ctx.db.selectFrom('check_runs').selectAll().where('id', '=', runId).executeTakeFirst();
      return row === undefined ? undefined : toSummary(row);
    },

    async previousSummary(org, current) {
      const row = await previousRow(ctx.db, org, current);
      return row === undefined ? undefined : toSummary(row);
    },

    async entitiesFailingInEither(runId, otherRunId, checkIds) {
      const byCheck = new Map<string, CheckEntityResultRecord[]>();
      if (checkIds.length === 0) return byCheck;
      // Two index range reads per check (run, check, status): the run's own failing rows, and its rows whose entity
      // fails in the other run. Rows failing in neither run cannot be newly failing or newly fixed.
      const failing = ctx.db
        .selectFrom('check_entity_results')
        .selectAll()
        .where('run_id', '=', runId)
        .where('check_id', 'in', [...checkIds])
        .where('status', '=', 'fail');
      const failingInOther = ctx.db
        .selectFrom('check_entity_results as other')
        .innerJoin('check_entity_results as own', (join) =>
          join.onRef('own.check_id', '=', 'other.check_id').onRef('own.entity_type', '=', 'other.entity_type').onRef('own.entity_id', '=', 'other.entity_id'),
        )
        .selectAll('own')
        .where('own.run_id', '=', runId)
        .where('other.run_id', '=', otherRunId)
        .where('other.check_id', 'in', [...checkIds])
        .where('other.status', '=', 'fail');
      const rows = await failing.union(failingInOther).orderBy('check_id').orderBy('entity_type').orderBy('entity_id').execute();
      for (const row of rows) {
        let list = byCheck.get(row.check_id);
        if (list === undefined) byCheck.set(row.check_id, (list = []));
        list.push(toEntityResult(row));
      }
      return byCheck;
    },

    streamEntities(runId, options) {
      return streamEntityResults(ctx.db, runId, pageSizeOf(options), options?.checkId);
    },

    async prune(org) {
      const doomed = await unreachableRuns(ctx.db, org);
      // One transaction per run, like snapshot pruning: a large run does not hold the write lock for the whole prune.
      for (const id of doomed) {
        await inTransaction(ctx.db, async (trx) => {
          await trx.deleteFrom('check_entity_results').where('run_id', '=', id).execute();
          await trx.deleteFrom('check_runs').where('id', '=', id).execute();
        });
      }
      return doomed;
    },

    async previous(org, current) {
      return load(await previousRow(ctx.db, org, current));
    },
  };
}

/** The newest run over another snapshot evaluated before `current` (see `CheckResultRepository.previous`). */
function previousRow(db: StoreDb, org: string, current: { id: string; snapshotId: string; evaluatedAt: Date }) {
  return db
    .selectFrom('check_runs')
    .selectAll()
    .where('org', '=', org)
    .where('snapshot_id', '!=', current.snapshotId)
    .where('id', '!=', current.id)
    .where('evaluated_at', '<=', writeDate(current.evaluatedAt))
    .orderBy('evaluated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

function toSummary(row: Selectable<CheckRunsTable>): CheckRunSummary {
  const { results, ...run } = toRun(row, new Map());
  return { ...run, results: results.map(({ entities: _entities, ...summary }) => summary) };
}

/**
 * Runs over snapshots that no longer exist, other than the org's newest. Nothing reads them any more: `latest` and
 * `previous` reach only the newest two, and the evidence exports made from older runs carry their own copy of the
 * results. Kept, each would cost a row per entity and check (~100,000 for a 50,000-user org) forever.
 */
async function unreachableRuns(db: StoreDb, org: string): Promise<string[]> {
  const newest = await db
    .selectFrom('check_runs')
    .select('id')
    .where('org', '=', org)
    .orderBy('evaluated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(NEWEST_RUNS_KEPT)
    .execute();
  const kept = new Set(newest.map((row) => row.id));
  const orphaned = await db
    .selectFrom('check_runs')
    .leftJoin('snapshots', 'snapshots.id', 'check_runs.snapshot_id')
    .select('check_runs.id')
    .where('check_runs.org', '=', org)
    .where('snapshots.id', 'is', null)
    .orderBy('check_runs.id')
    .execute();
  return orphaned.map((row) => row.id).filter((id) => !kept.has(id));
}

/** Entity rows of one run (or of one check in it) in (check, entity type, entity id) order, one page in memory at a time. */
async function* streamEntityResults(db: StoreDb, runId: string, pageSize: number, checkId?: string): AsyncGenerator<CheckEntityResultRecord & { checkId: string }> {
  const keys = ['check_id', 'entity_type', 'entity_id'] as const;
  const rows = streamPages<Selectable<CheckEntityResultsTable>>(async (after) => {
    let query = db.selectFrom('check_entity_results').selectAll().where('run_id', '=', runId);
    if (checkId !== undefined) query = query.where('check_id', '=', checkId);
    if (after !== undefined) query = query.where(rowValueAfter(keys, keys.map((key) => after[key])));
    return query.orderBy('check_id').orderBy('entity_type').orderBy('entity_id').limit(pageSize).execute();
  }, pageSize);
  for await (const row of rows) {
    yield { checkId: row.check_id, ...toEntityResult(row) };
  }
}

/** Entity rows of one run grouped by check, each group in (entity type, entity id) byte order. */
async function loadEntities(db: StoreDb, runId: string): Promise<Map<string, CheckEntityResultRecord[]>> {
  const byCheck = new Map<string, CheckEntityResultRecord[]>();
  for await (const { checkId, ...entity } of streamEntityResults(db, runId, ENTITY_PAGE_SIZE)) {
    let list = byCheck.get(checkId);
    if (list === undefined) byCheck.set(checkId, (list = []));
    list.push(entity);
  }
  return byCheck;
}

function toEntityRow(runId: string, checkId: string, entity: CheckEntityResultRecord): Insertable<CheckEntityResultsTable> {
  return {
    run_id: runId,
    check_id: checkId,
    entity_type: entity.entityType,
    entity_id: entity.entityId,
    entity_name: entity.entityName,
    status: entity.status,
    reason: entity.reason,
    fields: writeJson(entity.fields),
  };
}

function toRun(row: Selectable<CheckRunsTable>, entities: Map<string, CheckEntityResultRecord[]>): StoredCheckRun {
  const summaries = readJson(row.summaries, 'check_runs.summaries') as CheckSummary[];
  const run: CheckRunRecord = {
    org: row.org,
    snapshotId: row.snapshot_id,
    syncId: row.sync_id,
    evaluatedAt: readDate(row.evaluated_at, 'check_runs.evaluated_at'),
    settings: readJson(row.settings, 'check_runs.settings'),
    results: summaries.map((summary) => ({ ...summary, entities: entities.get(summary.id) ?? [] })),
  };
  return { id: row.id, ...run };
}

/** The columns of an entity result a record is read from (a page leaves out the run and check it is narrowed to). */
export const ENTITY_RESULT_FIELDS = ['entity_type', 'entity_id', 'entity_name', 'status', 'reason', 'fields'] as const;

/** One stored entity result as the checks wrote it; every reader of `check_entity_results` maps rows through here. */
export function toEntityResult(row: Pick<Selectable<CheckEntityResultsTable>, (typeof ENTITY_RESULT_FIELDS)[number]>): CheckEntityResultRecord {
  return {
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityName: row.entity_name,
    status: row.status as CheckStatus,
    reason: row.reason,
    fields: readJson(row.fields, 'check_entity_results.fields') as Record<string, unknown>,
  };
}
