import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../schema.js';
import type { AuditLogRepository } from '../store.js';
import type { AuditEntryRecord } from '../server-types.js';
import type { RepositoryContext } from './context.js';
import { readDate, readJson, writeDate, writeJson } from './row-values.js';

/** Append-only. Ids are time-sortable, so "newest first" pages by id alone. */
export function createAuditLogRepository(ctx: RepositoryContext): AuditLogRepository {
  return {
    async append(entry) {
      const id = ctx.newId(entry.at);
      await ctx.db
        .insertInto('audit_log')
        .values({ id, at: writeDate(entry.at), actor: entry.actor, action: entry.action, target: entry.target, details: writeJson(entry.details) })
        .execute();
      return { id, ...entry };
    },
    async list(options) {
      let query = ctx.db.selectFrom('audit_log').selectAll();
      if (options.before !== undefined) query = query.where('id', '<', options.before);
      if (options.action !== undefined) query = query.where('action', '=', options.action);
      const rows = await query.orderBy('id', 'desc').limit(options.limit).execute();
      return rows.map(toEntry);
    },
  };
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntryRecord {
  return {
    id: row.id,
    at: readDate(row.at, 'audit_log.at'),
    actor: row.actor,
    action: row.action,
    target: row.target,
    details: readJson(row.details, 'audit_log.details') as Record<string, unknown>,
  };
}
