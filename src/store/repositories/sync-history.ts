import { sql, type Selectable, type Updateable } from 'kysely';
import { StoreError } from '../errors.js';
import type { SyncsTable } from '../schema.js';
import type { SyncHistoryRepository, SyncUpdate } from '../store.js';
import type { DatasetStatus, SyncErrorEntry, SyncOrgIdentity, SyncRecord, SyncStatus, SyncTrigger } from '../types.js';
import type { RepositoryContext } from './context.js';
import {
  readBoolean,
  readDate,
  readJson,
  readNullableDate,
  readNullableNumber,
  readNumber,
  writeBoolean,
  writeDate,
  writeJson,
  writeNullableDate,
} from './row-values.js';

const DEFAULT_LIST_LIMIT = 50;

/**
 * A sync still running this many of its own budgets after it started belongs to a process that died: the budget
 * bounds a live sync's reading, and what follows it (counting, promoting, recording) takes far less than another one.
 */
const ABANDONED_AFTER_BUDGETS = 2;
/**
 * The budget a sync without a recorded one is judged by: syncs recorded before migration 0004 (and callers that give
 * none). It is the sync engine's default budget, 300 s (the store does not import the engine); a pre-0004 sync given
 * a longer `--timeout` that is still `running` 10 minutes after it started is taken for dead.
 */
const UNRECORDED_BUDGET_MS = 300_000;

type MutableSyncColumns = Omit<Required<Updateable<SyncsTable>>, 'id' | 'org' | 'trigger' | 'started_at' | 'timeout_ms'>;

export function createSyncHistoryRepository(ctx: RepositoryContext): SyncHistoryRepository {
  const select = () => ctx.db.selectFrom('syncs').selectAll();

  return {
    async start({ org, trigger, startedAt, timeoutMs }) {
      const record: SyncRecord = {
        id: ctx.newId(startedAt),
        org,
        trigger,
        startedAt,
        endedAt: null,
        status: 'running',
        complete: false,
        datasets: [],
        requestsByBucket: {},
        requestsTotal: 0,
        throttled: 0,
        errors: [],
        logWindow: null,
        snapshotId: null,
        timeoutMs: timeoutMs ?? null,
        orgIdentity: null,
        logEventTypes: null,
      };
      await ctx.db
        .insertInto('syncs')
        // toUpdate of a complete record sets every remaining column.
        .values({ ...(toUpdate(record) as MutableSyncColumns), id: record.id, org, trigger, started_at: writeDate(startedAt), timeout_ms: record.timeoutMs })
        .execute();
      return record;
    },

    async update(id, changes) {
      const set = toUpdate(changes);
      if (Object.keys(set).length > 0) await ctx.db.updateTable('syncs').set(set).where('id', '=', id).execute();
      const row = await select().where('id', '=', id).executeTakeFirst();
      if (row === undefined) throw new StoreError('STORE_INVALID_STATE', `Sync ${id} does not exist.`);
      return toSync(row);
    },

    async get(id) {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toSync(row);
    },

    async list(org, options = {}) {
      let query = select().where('org', '=', org);
      if (options.before !== undefined) query = query.where('started_at', '<', writeDate(options.before));
      const rows = await query
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit ?? DEFAULT_LIST_LIMIT)
        .execute();
      return rows.map(toSync);
    },

    async latest(org, options = {}) {
      let query = select().where('org', '=', org);
      if (options.status !== undefined) query = query.where('status', '=', options.status);
      const row = await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      return row === undefined ? undefined : toSync(row);
    },

    async logReadsCovering(org, window) {
      // A sync's read of the log ends at its window's `until` and starts where the read before it ended, so the reads
      // that reach into [since, until) are those ending at or after `since`, up to the first ending at or after `until`.
      const withLog = () => select().where('org', '=', org).where('log_window_until', 'is not', null);
      const inside = await withLog()
        .where('log_window_until', '>=', writeDate(window.since))
        .where('log_window_until', '<', writeDate(window.until))
        .orderBy('log_window_until')
        .orderBy('id')
        .execute();
      const last = await withLog().where('log_window_until', '>=', writeDate(window.until)).orderBy('log_window_until').orderBy('id').limit(1).execute();
      return [...inside, ...last].map(toSync);
    },

    async failAbandoned(org, now, options = {}) {
      const abandoned: SyncErrorEntry[] = [
        { code: 'SYNC_ABANDONED', message: 'The sync stopped without recording an outcome (the process ended or was killed).' },
      ];
      // Each sync by its own budget, in one statement: a sync that ends meanwhile is no longer `running` and is left as it recorded itself.
      const deadline = sql<number>`${sql.ref('started_at')} + ${sql.lit(ABANDONED_AFTER_BUDGETS)} * coalesce(${sql.ref('timeout_ms')}, ${sql.lit(UNRECORDED_BUDGET_MS)})`;
      let query = ctx.db
        .updateTable('syncs')
        .set({ status: 'failed', ended_at: writeDate(now), errors: writeJson(abandoned) })
        .where('org', '=', org)
        .where('status', '=', 'running');
      if (options.whateverTheirAge !== true) query = query.where(deadline, '<', writeDate(now));
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

/** Only the fields present in `changes` are written. */
function toUpdate(changes: SyncUpdate): Updateable<SyncsTable> {
  const set: Updateable<SyncsTable> = {};
  if (changes.endedAt !== undefined) set.ended_at = writeNullableDate(changes.endedAt);
  if (changes.status !== undefined) set.status = changes.status;
  if (changes.complete !== undefined) set.complete = writeBoolean(changes.complete);
  if (changes.datasets !== undefined) set.datasets = writeJson(changes.datasets);
  if (changes.requestsByBucket !== undefined) set.requests_by_bucket = writeJson(changes.requestsByBucket);
  if (changes.requestsTotal !== undefined) set.requests_total = changes.requestsTotal;
  if (changes.throttled !== undefined) set.throttled = changes.throttled;
  if (changes.errors !== undefined) set.errors = writeJson(changes.errors);
  if (changes.logWindow !== undefined) {
    set.log_window_since = writeNullableDate(changes.logWindow?.since);
    set.log_window_until = writeNullableDate(changes.logWindow?.until);
  }
  if (changes.snapshotId !== undefined) set.snapshot_id = changes.snapshotId;
  if (changes.orgIdentity !== undefined) set.org_identity = changes.orgIdentity === null ? null : writeJson(changes.orgIdentity);
  if (changes.logEventTypes !== undefined) set.log_event_types = changes.logEventTypes === null ? null : writeJson(changes.logEventTypes);
  return set;
}

export function toSync(row: Selectable<SyncsTable>): SyncRecord {
  const since = readNullableDate(row.log_window_since, 'syncs.log_window_since');
  const until = readNullableDate(row.log_window_until, 'syncs.log_window_until');
  return {
    id: row.id,
    org: row.org,
    trigger: row.trigger as SyncTrigger,
    startedAt: readDate(row.started_at, 'syncs.started_at'),
    endedAt: readNullableDate(row.ended_at, 'syncs.ended_at'),
    status: row.status as SyncStatus,
    complete: readBoolean(row.complete, 'syncs.complete'),
    datasets: readJson(row.datasets, 'syncs.datasets') as DatasetStatus[],
    requestsByBucket: readJson(row.requests_by_bucket, 'syncs.requests_by_bucket') as Record<string, number>,
    requestsTotal: readNumber(row.requests_total, 'syncs.requests_total'),
    throttled: readNumber(row.throttled, 'syncs.throttled'),
    errors: readJson(row.errors, 'syncs.errors') as SyncErrorEntry[],
    logWindow: since === null || until === null ? null : { since, until },
    snapshotId: row.snapshot_id,
    timeoutMs: readNullableNumber(row.timeout_ms, 'syncs.timeout_ms'),
    orgIdentity: row.org_identity === null ? null : (readJson(row.org_identity, 'syncs.org_identity') as SyncOrgIdentity),
    logEventTypes: row.log_event_types === null ? null : (readJson(row.log_event_types, 'syncs.log_event_types') as string[]),
  };
}
