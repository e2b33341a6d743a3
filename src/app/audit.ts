import type { AuditEntry } from '../store/connection-types.js';
import type { StoreRepositories } from '../store/store.js';

/** What the audit log records: who, what, on which connection, and what changed. */
export interface AuditInput {
  /** `cli:<os user>`, `api:<token name>`, `scheduler`… */
  actor: string;
  /** `connection.create`, `connection.update`, `connection.remove`, `connection.test`, `sync.now`, `review.attest`, `secrets.rotate-key`… */
  action: string;
  connection?: { id: string; name: string } | null;
  details?: Record<string, unknown>;
}

/** Keys whose values are never written to the audit log, whatever a caller passes. */
const SECRET_KEY = /token|secret|private|password|passphrase|assertion|authorization|credential_value|sealed/i;

/** A copy of `value` with the value of every secret-looking key replaced, at any depth. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, SECRET_KEY.test(key) ? '[not recorded]' : withoutSecrets(v)]));
}

/**
 * Writes one audit entry. For the scheduler (Sync Now), the server and review attestations as much as for connection
 * changes; pass a transaction's repositories to record the change and its entry together.
 */
export function recordAudit(repositories: Pick<StoreRepositories, 'auditLog'>, input: AuditInput): Promise<AuditEntry> {
  return repositories.auditLog.record({
    actor: input.actor,
    action: input.action,
    connectionId: input.connection?.id ?? null,
    connectionName: input.connection?.name ?? null,
    details: withoutSecrets(input.details ?? {}) as Record<string, unknown>,
  });
}

/** `{field: {from, to}}` for each field that differs, compared as JSON. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}

/** The audit log, newest first: all of it, or one connection's (`before` = an entry id, to page further back). */
export function readAuditLog(repositories: Pick<StoreRepositories, 'auditLog'>, options: { connectionId?: string; limit?: number; before?: string } = {}): Promise<AuditEntry[]> {
  return repositories.auditLog.list(options);
}
