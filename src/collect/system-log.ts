import type { Page, PageIterator } from '../okta/paginate.js';
import type { LogCursor, LogEventRecord } from '../store/types.js';
import { defineCollector, type CollectContext, type CollectResult } from './collector.js';
import { DatasetReport } from './dataset-report.js';
import { claimedId, isAbort } from './read.js';
import { buildLogFilters } from './system-log-filter.js';
import { parseLogEvent } from './system-log-record.js';
import { LOG_EVENTS_DATASET } from './datasets.js';
import { DAY_MS, MINUTE_MS } from '../config/runtime.js';

/**
 * `until` stays this far behind now: events can be persisted late, and a bounded query orders by `published`
 * (OKTA-API.md §10.2), so an event published just before a recent `until` could appear after we read past it.
 */
export const PERSISTENCE_DELAY_MS = MINUTE_MS;
/** Okta keeps 90 days of System Log (OKTA-API.md §10.2). */
export const RETENTION_DAYS = 90;
/** The maximum page size (SPEC): the logs bucket is small (60/min for one token on Workforce). */
const PAGE_LIMIT = 1000;

/** The window this run reads: the first read goes `logWindowDays` back; later reads continue from the cursor. */
export function logWindow(now: number, windowDays: number, cursor: LogCursor | null): { since: number; until: number; lostBefore?: number } {
  if (!(Number.isInteger(windowDays) && windowDays >= 1 && windowDays <= RETENTION_DAYS)) {
    throw new RangeError(`logWindowDays must be an integer from 1 to ${RETENTION_DAYS}, got ${windowDays}`);
  }
  const until = now - PERSISTENCE_DELAY_MS;
  const retentionStart = now - RETENTION_DAYS * DAY_MS;
  if (cursor === null) return { since: now - windowDays * DAY_MS, until };
  const from = cursor.until.getTime();
  return from < retentionStart ? { since: retentionStart, until, lostBefore: from } : { since: from, until };
}

/** One filter's bounded query, read page by page. */
interface Lane {
  pages: PageIterator;
  iterator: AsyncIterator<Page>;
  finished: boolean;
  /** The latest `published` read (events come in ascending order), and the uuids at that instant. */
  lastMs: number | undefined;
  uuidsAtLast: Set<string>;
}

function openLane(ctx: CollectContext, filter: string | undefined, since: number, until: number): Lane {
  const query = { since: new Date(since).toISOString(), until: new Date(until).toISOString(), limit: PAGE_LIMIT, sortOrder: 'ASCENDING', filter };
  // Bounded mode: both since and until, finite, ends without `next` (or defensively at an empty page).
  const pages = ctx.client.paginate('/api/v1/logs', { signal: ctx.signal, query, mode: 'logs-bounded' });
  return { pages, iterator: pages[Symbol.asyncIterator](), finished: false, lastMs: undefined, uuidsAtLast: new Set() };
}

/** The unfinished lane that has read the least far: reading it next keeps every lane near the same instant. */
function laggard(lanes: readonly Lane[]): Lane | undefined {
  let best: Lane | undefined;
  for (const lane of lanes) {
    if (lane.finished) continue;
    if (best === undefined || (lane.lastMs ?? -Infinity) < (best.lastMs ?? -Infinity)) best = lane;
  }
  return best;
}

/**
 * Where the next sync starts. After a complete read: `until`, skipping events stamped exactly `until` (in case Okta's
 * `until` is inclusive, UNCERTAIN). After a cut-short read: the earliest instant a lane that did not finish reached,
 * skipping the events at that instant it already read. Every lane is read again from there; the store dedupes.
 */
function nextCursor(lanes: readonly Lane[], since: number, until: number, atUntil: Set<string>, previous: LogCursor | null): LogCursor {
  const open = lanes.filter((lane) => !lane.finished || !lane.pages.summary.complete);
  if (open.length === 0) return { until: new Date(until), lastUuids: [...atUntil] };
  const resumeMs = Math.min(...open.map((lane) => lane.lastMs ?? since));
  const skip = new Set<string>();
  for (const lane of open) if (lane.lastMs === resumeMs) for (const uuid of lane.uuidsAtLast) skip.add(uuid);
  if (previous !== null && previous.until.getTime() === resumeMs) for (const uuid of previous.lastUuids) skip.add(uuid);
  return { until: new Date(resumeMs), lastUuids: [...skip] };
}

async function collectSystemLog(ctx: CollectContext): Promise<CollectResult> {
  const report = new DatasetReport('logEvents');
  const now = ctx.clock();
  const { since, until, lostBefore } = logWindow(now, ctx.options.logWindowDays, ctx.logCursor);
  if (lostBefore !== undefined) {
    report.incomplete(`events from ${new Date(lostBefore).toISOString()} to ${new Date(since).toISOString()} are past Okta's ${RETENTION_DAYS}-day retention and could not be read`);
  }
  if (since >= until) {
    return { datasets: [report.toStatus(0)], errors: [], logCursor: ctx.logCursor ?? { until: new Date(until), lastUuids: [] } };
  }
  // Events the previous read already stored at the instant it stopped.
  const skip = new Set(ctx.logCursor !== null && ctx.logCursor.until.getTime() === since ? ctx.logCursor.lastUuids : []);
  const atUntil = new Set<string>();
  const lanes = buildLogFilters(ctx.options.logEventTypes).map((filter) => openLane(ctx, filter, since, until));
  let read = 0;
  let aborted = false;
  try {
    for (let lane = laggard(lanes); lane !== undefined; lane = laggard(lanes)) {
      const next = await lane.iterator.next();
      if (next.done === true) {
        lane.finished = true;
        if (!lane.pages.summary.complete) report.incomplete(`the System Log query ended early: ${lane.pages.summary.reason ?? 'pagination stopped'}`);
        continue;
      }
      const records: LogEventRecord[] = [];
      next.value.items.forEach((raw: unknown, index) => {
        const parsed = parseLogEvent(raw);
        if (!parsed.ok) {
          report.recordError(claimedId(raw, 'uuid') ?? `page ${lane.pages.summary.pages} #${index + 1}`, parsed.message);
          return;
        }
        const { uuid, published } = parsed.record;
        const ms = published.getTime();
        if (lane.lastMs === undefined || ms > lane.lastMs) {
          lane.lastMs = ms;
          lane.uuidsAtLast = new Set([uuid]);
        } else if (ms === lane.lastMs) lane.uuidsAtLast.add(uuid);
        if (ms >= until) atUntil.add(uuid);
        if (!skip.has(uuid)) records.push(parsed.record);
      });
      // One page (≤ 1,000 events) in memory at a time; the store dedupes by uuid.
      await ctx.store.logEvents.insert(ctx.org, records);
      read += records.length;
      ctx.progress('logEvents', { count: read });
    }
  } catch (error) {
    if (!isAbort(error, ctx.signal)) throw error;
    aborted = true;
  } finally {
    for (const lane of lanes) if (!lane.finished) await lane.iterator.return?.();
  }

  const logCursor = nextCursor(lanes, since, until, atUntil, ctx.logCursor);
  if (aborted) {
    report.incomplete(`the System Log was read up to ${logCursor.until.toISOString()} of a window ending ${new Date(until).toISOString()}; the next sync continues`);
  }
  // Added to, not replaced: each read covers a different span, and an event that did not parse is not read again.
  await ctx.store.entities.upsert('collectionErrors', ctx.snapshotId, report.errors);
  // Events up to where the read got: `until` is exclusive after a complete read; a cut-short read has read the
  // events at its cursor's instant (all, or those in lastUuids).
  const reached = logCursor.until.getTime() === until ? until : logCursor.until.getTime() + 1;
  const count = await ctx.store.logEvents.count(ctx.org, { since: new Date(since), until: new Date(reached) });
  return { datasets: [report.toStatus(count)], errors: report.errors, logCursor };
}

/**
 * Authentication and access events (OKTA-API.md §10) in a bounded window: the first read covers `logWindowDays`, and
 * each later read continues from where the previous one stopped (its `logCursor`), so no event is lost between syncs
 * unless more than Okta's 90-day retention passes between them, which the dataset then reports. Like the factors
 * backfill, a read cut short by the budget returns what it reached instead of throwing: the events are stored and
 * the cursor says where to continue. Events go to the org's log store, not into the snapshot.
 */
export const systemLogCollector = defineCollector({
  id: 'system-log',
  declares: [LOG_EVENTS_DATASET],
  dependsOn: [],
  collect: collectSystemLog,
});
