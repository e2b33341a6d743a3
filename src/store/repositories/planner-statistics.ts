import { sql } from 'kysely';
import type { RepositoryContext } from './context.js';
import { ENTITY_KINDS, ENTITY_TABLES } from './entity-tables.js';

/** The tables a sync fills: a snapshot's records, and the System Log events with their (event, target) pairs. */
export const SYNCED_TABLES: readonly string[] = [...ENTITY_KINDS.map((kind) => ENTITY_TABLES[kind].table), 'log_events', 'log_event_targets'];

/**
 * Refreshes the planner's statistics of `tables` once the write that filled them is committed (PostgreSQL; a no-op on
 * SQLite). PostgreSQL plans from statistics that only ANALYZE collects; autovacuum runs it some time after a large
 * change, and not at all when it is turned off. Until then a new snapshot's 50,000 users were estimated at about 100
 * rows, so a page of 50 was planned as "read the snapshot's every row and sort them": 309 ms instead of 0.9 ms for a
 * filtered users page (docs/performance.md). ANALYZE reads a bounded sample (300 × default_statistics_target rows per
 * table), takes no lock that blocks reads or writes, and on a table the database user does not own only warns.
 * PostgreSQL manual, "Updating Planner Statistics":
 * https://www.postgresql.org/docs/current/routine-vacuuming.html#VACUUM-FOR-STATISTICS
 *
 * It runs after the commit so that it neither holds the transaction (and its locks) longer nor can undo it. A failure
 * is not the write's: the data is stored, the plans are only slower until autovacuum or the next sync analyses again,
 * so it is not raised to a caller whose write succeeded.
 */
export async function refreshPlannerStatistics(ctx: RepositoryContext, tables: readonly string[]): Promise<void> {
  if (!ctx.profile.analyzesAfterBulkWrites || tables.length === 0) return;
  await ctx.afterCommit(async (root) => {
    try {
      await sql`analyze ${sql.join(tables.map((table) => sql.table(table)))}`.execute(root);
    } catch {
      // See above: a slower plan until the next analysis, never a failed write.
    }
  });
}
