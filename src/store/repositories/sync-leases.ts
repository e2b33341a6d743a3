import type { Selectable } from 'kysely';
import type { SyncLeasesTable } from '../schema.js';
import type { SyncLeaseRepository } from '../store.js';
import type { SyncLease } from '../types.js';
import type { RepositoryContext } from './context.js';
import { readDate, readNumber, writeDate } from './row-values.js';

/**
 * Sync leases on both databases with one statement per change: an upsert whose update applies only when the row's
 * lease lapsed, is already the caller's, or belongs to the dead holder the caller names. PostgreSQL locks the
 * conflicting row and re-checks the condition; SQLite serialises writers; so two processes can never both win.
 */
export function createSyncLeaseRepository(ctx: RepositoryContext): SyncLeaseRepository {
  const select = () => ctx.db.selectFrom('sync_leases').selectAll();

  return {
    async acquire({ org, holder, now, ttlMs, takeOverFrom }) {
      const values = {
        holder_id: holder.id,
        host: holder.host,
        pid: holder.pid,
        acquired_at: writeDate(now),
        heartbeat_at: writeDate(now),
        expires_at: now.getTime() + ttlMs,
      };
      const won = await ctx.db
        .insertInto('sync_leases')
        .values({ org, ...values })
        .onConflict((conflict) =>
          conflict.column('org').doUpdateSet(values).where((eb) => {
            const lapsed = [eb('sync_leases.expires_at', '<=', writeDate(now)), eb('sync_leases.holder_id', '=', holder.id)];
            if (takeOverFrom !== undefined) lapsed.push(eb('sync_leases.holder_id', '=', takeOverFrom));
            return eb.or(lapsed);
          }),
        )
        .returningAll()
        .executeTakeFirst();
      if (won !== undefined) return { acquired: true, lease: toLease(won) };
      const held = await select().where('org', '=', org).executeTakeFirst();
      // Released between the two statements: free now, and the caller may simply try again.
      return held === undefined ? { acquired: false, lease: undefined } : { acquired: false, lease: toLease(held) };
    },

    async renew(org, holderId, now, ttlMs) {
      const result = await ctx.db
        .updateTable('sync_leases')
        .set({ heartbeat_at: writeDate(now), expires_at: now.getTime() + ttlMs })
        .where('org', '=', org)
        .where('holder_id', '=', holderId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async release(org, holderId) {
      const result = await ctx.db.deleteFrom('sync_leases').where('org', '=', org).where('holder_id', '=', holderId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async forceRelease(org) {
      const held = await ctx.db.deleteFrom('sync_leases').where('org', '=', org).returningAll().executeTakeFirst();
      return held === undefined ? undefined : toLease(held);
    },

    async get(org) {
      const row = await select().where('org', '=', org).executeTakeFirst();
      return row === undefined ? undefined : toLease(row);
    },

    async list() {
      const rows = await select().orderBy('org').execute();
      return rows.map(toLease);
    },
  };
}

function toLease(row: Selectable<SyncLeasesTable>): SyncLease {
  return {
    org: row.org,
    holder: { id: row.holder_id, host: row.host, pid: readNumber(row.pid, 'sync_leases.pid') },
    acquiredAt: readDate(row.acquired_at, 'sync_leases.acquired_at'),
    heartbeatAt: readDate(row.heartbeat_at, 'sync_leases.heartbeat_at'),
    expiresAt: readDate(row.expires_at, 'sync_leases.expires_at'),
  };
}
