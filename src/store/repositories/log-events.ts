import type { Insertable, Selectable } from 'kysely';
import type { LogEventsTable } from '../schema.js';
import type { LogEventRepository } from '../store.js';
import type { LogEventRecord } from '../types.js';
import { inTransaction, type RepositoryContext } from './context.js';
import { inBatches, pageSizeOf, rowValueAfter, rowsPerStatement, streamPages } from './paging.js';
import { readDate, readJson, readNumber, writeDate, writeJson, writeText } from './row-values.js';

const LOG_EVENT_COLUMNS = 9;
const LOG_EVENT_TARGET_COLUMNS = 4;

/** System Log events are immutable facts: stored once per org and uuid, outside any snapshot. */
export function createLogEventRepository(ctx: RepositoryContext): LogEventRepository {
  return {
    async insert(org, events) {
      let inserted = 0;
      for await (const batch of inBatches(events, rowsPerStatement(ctx.profile, LOG_EVENT_COLUMNS))) {
        const result = await ctx.db
          .insertInto('log_events')
          .values(batch.map((event) => toRow(org, event)))
          // Overlapping reads (a cursor restart, a retried page) return events already stored.
          .onConflict((conflict) => conflict.columns(['org', 'uuid']).doNothing())
          .executeTakeFirst();
        inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
        await insertTargets(ctx, org, batch);
      }
      return inserted;
    },

    stream(org, window, options) {
      const pageSize = pageSizeOf(options);
      const eventTypes = options?.eventTypes;
      if (eventTypes?.length === 0) return mapAsync([], toLogEventRecord);
      const since = writeDate(window.since);
      const until = writeDate(window.until);
      const rows = streamPages<Selectable<LogEventsTable>>(async (after) => {
        const afterPublished = after === undefined ? undefined : readNumber(after.published, 'log_events.published');
        // The page's lower bound must be the last row's time, not the window's start: SQLite seeks the index by one
        // lower bound on `published` and filters the row-value comparison row by row, so with `since` every page
        // re-scanned the window from its start (1,000,000 events took 100 s instead of 16).
        let query = ctx.db
          .selectFrom('log_events')
          .selectAll()
          .where('org', '=', org)
          .where('published', '>=', afterPublished ?? since)
          .where('published', '<', until);
        if (eventTypes !== undefined) query = query.where('event_type', 'in', [...eventTypes]);
        if (after !== undefined) {
          query = query.where(rowValueAfter(['published', 'uuid'], [afterPublished, after.uuid]));
        }
        return query.orderBy('published').orderBy('uuid').limit(pageSize).execute();
      }, pageSize);
      return mapAsync(rows, toLogEventRecord);
    },

    async count(org, window) {
      let query = ctx.db
        .selectFrom('log_events')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('org', '=', org);
      if (window !== undefined) {
        query = query.where('published', '>=', writeDate(window.since)).where('published', '<', writeDate(window.until));
      }
      const row = await query.executeTakeFirstOrThrow();
      return readNumber(row.count, 'count');
    },

    async pruneOlderThan(org, publishedBefore) {
      const cutoff = writeDate(publishedBefore);
      // Events and their (event, target) pairs go together: a failure halfway leaves neither an event its targets
      // no longer find, nor pairs of a deleted event.
      return inTransaction(ctx.db, async (trx) => {
        await trx.deleteFrom('log_event_targets').where('org', '=', org).where('published', '<', cutoff).execute();
        const result = await trx.deleteFrom('log_events').where('org', '=', org).where('published', '<', cutoff).executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    },
  };
}

/**
 * Each (event, target id) pair of `events` as a row of `log_event_targets`, by which the System Log is read per target
 * (migration 0016). An event already stored has its pairs already: they are skipped like the event.
 */
async function insertTargets(ctx: RepositoryContext, org: string, events: readonly LogEventRecord[]): Promise<void> {
  const pairs = events.flatMap((event) =>
    [...new Set(event.targetIds)].map((targetId) => ({ org, target_id: writeText(targetId), published: writeDate(event.published), uuid: writeText(event.uuid) })),
  );
  for await (const batch of inBatches(pairs, rowsPerStatement(ctx.profile, LOG_EVENT_TARGET_COLUMNS))) {
    await ctx.db.insertInto('log_event_targets').values(batch).onConflict((conflict) => conflict.doNothing()).execute();
  }
}

async function* mapAsync<T, U>(source: AsyncIterable<T> | Iterable<T>, map: (item: T) => U): AsyncGenerator<U> {
  for await (const item of source) yield map(item);
}

function toRow(org: string, event: LogEventRecord): Insertable<LogEventsTable> {
  return {
    org,
    uuid: writeText(event.uuid),
    published: writeDate(event.published),
    event_type: writeText(event.eventType),
    outcome_result: writeText(event.outcomeResult),
    actor_id: writeText(event.actorId),
    actor_alternate_id: writeText(event.actorAlternateId),
    target_ids: writeJson(event.targetIds),
    raw: writeJson(event.raw),
  };
}

export function toLogEventRecord(row: Selectable<LogEventsTable>): LogEventRecord {
  return {
    uuid: row.uuid,
    published: readDate(row.published, 'log_events.published'),
    eventType: row.event_type,
    outcomeResult: row.outcome_result,
    actorId: row.actor_id,
    actorAlternateId: row.actor_alternate_id,
    targetIds: readJson(row.target_ids, 'log_events.target_ids') as string[],
    raw: readJson(row.raw, 'log_events.raw'),
  };
}
