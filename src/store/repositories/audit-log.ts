import type { Selectable } from 'kysely';
import type { AuditEntry, AuditLogRepository } from '../connection-types.js';
import type { AuditLogTable } from '../schema.js';
import type { RepositoryContext } from './context.js';
import { readDate, readJson, writeDate, writeJson } from './row-values.js';

const DEFAULT_LIMIT = 100;

/**
 * Append-only: who changed a connection or its settings, asked for a sync, or attested a review. Ids are
 * time-sortable, so "newest first" is "largest id first" and paging is by id.
 */
export function createAuditLogRepository(ctx: RepositoryContext): AuditLogRepository {
  return {
    async record(input) {
      const at = input.at ?? ctx.now();
      const entry: AuditEntry = {
        id: ctx.newId(at),
        at,
        actor: input.actor,
        action: input.action,
        connectionId: input.connectionId,
        connectionName: input.connectionName,
        details: input.details,
      };
      await ctx.db
        .insertInto('audit_log')
        .values({
          id: entry.id,
          at: writeDate(at),
          actor: entry.actor,
          action: entry.action,
          connection_id: entry.connectionId,
          connection_name: entry.connectionName,
          details: writeJson(entry.details),
        })
        .execute();
      return entry;
    },

    async list(options = {}) {
      let query = ctx.db.selectFrom('audit_log').selectAll();
      if (options.connectionId !== undefined) query = query.where('connection_id', '=', options.connectionId);
      if (options.action !== undefined) query = query.where('action', '=', options.action);
      if (options.before !== undefined) query = query.where('id', '<', options.before);
      const rows = await query.orderBy('id', 'desc').limit(options.limit ?? DEFAULT_LIMIT).execute();
      return rows.map(toEntry);
    },
  };
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  const details = readJson(row.details, 'audit_log.details');
  return {
    id: row.id,
    at: readDate(row.at, 'audit_log.at'),
    actor: row.actor,
    action: row.action,
    connectionId: row.connection_id,
    connectionName: row.connection_name,
    details: typeof details === 'object' && details !== null && !Array.isArray(details) ? (details as Record<string, unknown>) : { value: details },
  };
}
